"""API shapes that belong to conferences: registration, what is included, the programme."""

from rest_framework import serializers

from ..api.serializers import (
    DocumentLinkSerializer,
    PageLinkField,
    RichTextField,
    SpeakerSerializer,
    ZonedDateTimeField,
)
from ..visibility import public_pages


class IncludedSerializer(serializers.Serializer):
    lunch = serializers.BooleanField(source="includes_lunch", read_only=True)
    coffee = serializers.BooleanField(source="includes_coffee", read_only=True)
    dinner = serializers.BooleanField(source="includes_dinner", read_only=True)
    accommodation = serializers.BooleanField(source="includes_accommodation", read_only=True)
    note = serializers.CharField(source="included_note", read_only=True)


class RegistrationSerializer(serializers.Serializer):
    deadline = serializers.DateField(source="registration_deadline", read_only=True)
    email = serializers.CharField(source="registration_email", read_only=True)
    url = serializers.CharField(source="registration_url", read_only=True)
    is_binding = serializers.BooleanField(source="registration_is_binding", read_only=True)
    asks_dietary_requirements = serializers.BooleanField(
        source="registration_asks_dietary", read_only=True
    )
    instructions = serializers.CharField(source="registration_instructions", read_only=True)


class ProgrammeItemSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField(read_only=True)
    kind = serializers.CharField(read_only=True)
    day = serializers.SerializerMethodField()
    start = ZonedDateTimeField("start")
    end = ZonedDateTimeField("end")
    location = serializers.CharField(read_only=True)
    description = RichTextField()
    speakers = SpeakerSerializer(many=True, read_only=True)
    related_project = PageLinkField()
    documents = DocumentLinkSerializer(many=True, read_only=True)

    def get_day(self, item):
        return item.day.isoformat() if item.start else None


class ProgrammeSerializer(serializers.Serializer):
    """A conference's whole programme, in order, public items only, each with its day."""

    def to_representation(self, conference):
        items = conference.programme_items()
        request = self.context.get("request")
        if request is not None:
            items = items.filter(pk__in=public_pages(request).values("pk"))
        items = list(items)
        for item in items:
            # Every item shares its conference's time zone; no need to look the parent up again.
            item.__dict__["conference"] = conference
        return ProgrammeItemSerializer(many=True, context=self.context).to_representation(items)
