"""Value fields: times in the event's zone, rich text as HTML, images as renditions."""

from django.conf import settings
from django.db.models import prefetch_related_objects
from django.utils import timezone
from rest_framework import serializers

from ...base_url import absolute_url
from ...visibility import is_public_media
from ..loading import follow

DEFAULT_IMAGE_RENDITIONS = {
    "thumbnail": "fill-320x180",
    "medium": "max-800x800",
    "large": "max-1600x1600",
}


class ReadOnlyField(serializers.Field):
    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)


class ImageSerializer(ReadOnlyField):
    """An image with its alt text and renditions in a few useful sizes.

    The sizes are Wagtail filter specs keyed by name; a site can set its own in
    ``SAMVERKAN_IMAGE_RENDITIONS``. An image in a collection the reader may not
    see is null.
    """

    def openapi_schema(self, builder):
        from wagtail.images.api.fields import ImageRenditionField

        renditions = getattr(settings, "SAMVERKAN_IMAGE_RENDITIONS", DEFAULT_IMAGE_RENDITIONS)
        rendition = builder.field_schema(ImageRenditionField("original"))
        return builder.component(
            "ImageWithRenditions",
            {
                "type": "object",
                "description": "An image with its alt text and renditions in the site's sizes.",
                "properties": {
                    "id": {"type": "integer"},
                    "title": {"type": "string"},
                    "alt": {
                        "type": "string",
                        "description": "The image's description for readers.",
                    },
                    "width": {"type": "integer"},
                    "height": {"type": "integer"},
                    "renditions": {
                        "type": "object",
                        "properties": {name: rendition for name in renditions},
                        "required": list(renditions),
                        "additionalProperties": False,
                    },
                },
                "required": ["id", "title", "alt", "width", "height", "renditions"],
                "additionalProperties": False,
            },
        )

    def select_chains(self, model):
        return follow(model, self.source)

    def preload(self, holders, loader):
        images = loader.related(holders, self.source)
        prefetch_related_objects(images, "renditions")

    def to_representation(self, image):
        if not is_public_media(self.context.get("request"), image):
            return None
        renditions = getattr(settings, "SAMVERKAN_IMAGE_RENDITIONS", DEFAULT_IMAGE_RENDITIONS)
        return {
            "id": image.pk,
            "title": image.title,
            "alt": image.default_alt_text,
            "width": image.width,
            "height": image.height,
            "renditions": {
                name: rendition(image, spec, self.context.get("request"))
                for name, spec in renditions.items()
            },
        }


def rendition(image, spec, request):
    """Wagtail's rendition field, its ``full_url`` on the server that answered.

    Wagtail's names ``WAGTAILADMIN_BASE_URL``, the admin's address.
    """
    from wagtail.images.api.fields import ImageRenditionField

    shown = ImageRenditionField(spec).to_representation(image)
    if "url" not in shown:
        return shown  # the image's file is missing: Wagtail's error, as it is
    return {**shown, "full_url": absolute_url(request, shown["url"])}


class ZonedDateTimeField(ReadOnlyField):
    """A datetime in the event's own time zone, with its UTC offset (ISO 8601).

    ``2009-10-20T10:00:00+02:00`` reads right in Västerås and parses right anywhere.
    """

    def openapi_schema(self, builder):
        schema = {
            "type": "string",
            "format": "date-time",
            "description": "In the event's own time zone, with its UTC offset (ISO 8601).",
        }
        return builder.nullable(schema) if builder.attribute(self.attribute).nullable else schema

    def __init__(self, attribute, **kwargs):
        self.attribute = attribute
        super().__init__(source="*", **kwargs)

    def to_representation(self, instance):
        value = getattr(instance, self.attribute)
        if value is None:
            return None
        return timezone.localtime(value, instance.zone).isoformat()


class RichTextField(ReadOnlyField):
    """Rich text as front-end HTML: internal links and embeds expanded."""

    def openapi_schema(self, builder):
        return {
            "type": "string",
            "contentMediaType": "text/html",
            "description": "HTML with internal links and embeds expanded; empty when not given.",
        }

    def to_representation(self, value):
        from wagtail.rich_text import expand_db_html

        return expand_db_html(value) if value else ""
