"""How snippets, inline relations and related pages look in the API.

Relations are expanded to what an external site needs to show them (a
speaker's name, organisation and role; a venue's address) instead of bare ids.
"""

from django.conf import settings
from django.utils import timezone
from rest_framework import serializers
from wagtail.models import Page

from ..snippets.models import FocusArea, Organisation, Person, Region, Venue
from ..visibility import is_public, public_pages


class ImageSerializer(serializers.Field):
    """An image with its alt text and renditions in a few useful sizes.

    The sizes are Wagtail filter specs keyed by name; a site can set its own in
    ``SAMVERKAN_IMAGE_RENDITIONS``.
    """

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, image):
        from wagtail.images.api.fields import ImageRenditionField

        renditions = getattr(settings, "SAMVERKAN_IMAGE_RENDITIONS", DEFAULT_IMAGE_RENDITIONS)
        return {
            "id": image.pk,
            "title": image.title,
            "alt": image.default_alt_text,
            "width": image.width,
            "height": image.height,
            "renditions": {
                name: ImageRenditionField(spec).to_representation(image)
                for name, spec in renditions.items()
            },
        }


DEFAULT_IMAGE_RENDITIONS = {
    "thumbnail": "fill-320x180",
    "medium": "max-800x800",
    "large": "max-1600x1600",
}


class RegionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ["id", "name", "kind", "country"]


class FocusAreaSerializer(serializers.ModelSerializer):
    class Meta:
        model = FocusArea
        fields = ["id", "name", "description"]


class OrganisationSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "name", "kind"]


class OrganisationSerializer(serializers.ModelSerializer):
    county = RegionSerializer(read_only=True)
    parent = OrganisationSummarySerializer(read_only=True)
    logo = ImageSerializer()

    class Meta:
        model = Organisation
        fields = [
            "id",
            "name",
            "kind",
            "municipality",
            "county",
            "country",
            "website",
            "logo",
            "parent",
        ]


class PersonSerializer(serializers.ModelSerializer):
    organisation = OrganisationSummarySerializer(read_only=True)
    email = serializers.CharField(source="public_email", read_only=True)
    phone = serializers.CharField(source="public_phone", read_only=True)

    class Meta:
        model = Person
        fields = ["id", "name", "title", "organisation", "email", "phone"]


class VenueSerializer(serializers.ModelSerializer):
    latitude = serializers.FloatField(read_only=True)
    longitude = serializers.FloatField(read_only=True)

    class Meta:
        model = Venue
        fields = [
            "id",
            "name",
            "street_address",
            "postal_code",
            "city",
            "country",
            "directions",
            "directions_url",
            "latitude",
            "longitude",
        ]


class PersonRelationSerializer(serializers.Serializer):
    person = PersonSerializer(read_only=True)
    role = serializers.CharField(read_only=True)


class OrganisationRelationSerializer(serializers.Serializer):
    organisation = OrganisationSerializer(read_only=True)
    note = serializers.CharField(read_only=True)


class ParticipantGroupSerializer(serializers.Serializer):
    library_type = serializers.CharField(read_only=True)
    label = serializers.SerializerMethodField()
    count = serializers.IntegerField(read_only=True)

    def get_label(self, group):
        return str(group)


class DocumentLinkSerializer(serializers.Serializer):
    title = serializers.CharField(read_only=True)
    url = serializers.SerializerMethodField()
    document = serializers.SerializerMethodField()

    def get_url(self, link):
        if link.document_id:
            from wagtail.api.v2.utils import get_full_url  # loads models; see page_link

            return get_full_url(self.context.get("request"), link.document.url)
        return link.url

    def get_document(self, link):
        if not link.document_id:
            return None
        document = link.document
        return {
            "id": document.pk,
            "title": document.title,
            "file_extension": document.file_extension,
            "file_size": document.get_file_size(),
        }


class PageLinkField(serializers.Field):
    """A related page as ``{id, title, type, meta}``, or null while it is not public."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        # A missing relation must still reach to_representation as None.
        try:
            return super().get_attribute(instance)
        except AttributeError:
            return None

    def to_representation(self, page):
        if page is None:
            return None
        request = self.context.get("request")
        if request is not None and not is_public(request, page):
            return None
        return page_link(page, self.context)


class PageLinkListField(serializers.Field):
    """Related pages (a manager or queryset) as a list, leaving out every non-public one."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, pages):
        request = self.context.get("request")
        pages = pages.all()
        if request is not None:
            pages = pages.filter(pk__in=public_pages(request).values("pk"))
        return [page_link(page, self.context) for page in pages]


def page_link(page, context):
    # Wagtail's API utilities load the page model on import, and the page models
    # import this module, so they are imported when first used.
    from wagtail.api.v2.utils import get_object_detail_url

    request = context.get("request")
    router = context.get("router")
    specific_class = page.specific_class
    return {
        "id": page.pk,
        "title": page.title,
        "type": specific_class._meta.label if specific_class else None,
        "slug": page.slug,
        "detail_url": (
            get_object_detail_url(router, request, Page, page.pk) if router is not None else None
        ),
        "html_url": page.get_full_url(request),
    }


class ZonedDateTimeField(serializers.Field):
    """A datetime in the event's own time zone, with its UTC offset (ISO 8601).

    ``2009-10-20T10:00:00+02:00`` reads right in Västerås and parses right anywhere.
    """

    def __init__(self, attribute, **kwargs):
        self.attribute = attribute
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, instance):
        value = getattr(instance, self.attribute)
        if value is None:
            return None
        return timezone.localtime(value, instance.zone).isoformat()


class RichTextField(serializers.Field):
    """Rich text as front-end HTML: internal links and embeds expanded."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        from wagtail.rich_text import expand_db_html

        return expand_db_html(value) if value else ""


class GoalSerializer(serializers.Serializer):
    text = serializers.CharField(read_only=True)


class MilestoneSerializer(serializers.Serializer):
    date = serializers.DateField(read_only=True)
    title = serializers.CharField(read_only=True)
    description = serializers.CharField(read_only=True)


class ProjectLinkSerializer(DocumentLinkSerializer):
    kind = serializers.CharField(read_only=True)


class UpdateSerializer(serializers.Serializer):
    date = serializers.DateField(read_only=True)
    title = serializers.CharField(read_only=True)
    body = RichTextField()


class MeetingSerializer(serializers.Serializer):
    date = serializers.DateField(read_only=True)
    date_precision = serializers.CharField(read_only=True)
    title = serializers.CharField(read_only=True)
    location = serializers.CharField(read_only=True)
    description = serializers.CharField(read_only=True)


class SpeakerSerializer(serializers.Serializer):
    """A speaker as they appeared: their organisation and title at the time."""

    person = PersonSerializer(read_only=True)
    name = serializers.CharField(source="person.name", read_only=True)
    role = serializers.CharField(read_only=True)
    title = serializers.CharField(source="title_at_the_time", read_only=True)
    organisation = OrganisationSummarySerializer(source="organisation_at_the_time", read_only=True)


class TranslationsField(serializers.Field):
    """The page in every language a reader may see it in, for language switchers.

    Each entry says whether it is the source language, and whether the
    translation is complete and up to date with the latest published source
    (``null`` where the translation was not made through wagtail-localize).
    """

    def __init__(self, **kwargs):
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, page):
        from ..localization.status import translation_states

        request = self.context.get("request")
        entries = []
        for state in translation_states(page):
            if not state.exists or (request is not None and not is_public(request, state.page)):
                continue
            entries.append(
                {
                    **page_link(state.page, self.context),
                    "locale": state.locale,
                    "is_current": state.page.pk == page.pk,
                    "is_source": state.is_source,
                    "complete": state.complete,
                    "up_to_date": state.up_to_date,
                }
            )
        return entries


class IsFallbackField(serializers.Field):
    """True when the page stands in, in its source language, for a missing translation."""

    def __init__(self, **kwargs):
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, page):
        request = self.context.get("request")
        requested = request.GET.get("locale") if request is not None else None
        return bool(requested) and page.locale.language_code != requested
