"""API shapes that belong to conferences: registration, what is included, the programme."""

from rest_framework import serializers

from ..api.loading import select_chains
from ..api.serializers import (
    DocumentLinkSerializer,
    PageLinkField,
    RichTextField,
    SpeakerSerializer,
    ZonedDateTimeField,
)
from ..feeds.api import ProgrammeItemCalendarURLField
from .programme import load_public_programmes, public_programme


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
    openapi_method_schemas = {
        "day": {
            "type": ["string", "null"],
            "format": "date",
            "description": "The item's date in the conference's time zone; null when not timed.",
        }
    }

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
    # The item's own calendar, so a programme read in one request can offer each talk alone.
    calendar_url = ProgrammeItemCalendarURLField()

    def get_day(self, item):
        return item.day.isoformat() if item.start else None


class ProgrammeSerializer(serializers.Serializer):
    """A conference's whole programme, in order, public items only, each with its day."""

    def openapi_schema(self, builder):
        from .models import ProgrammeItemPage

        return {
            "type": "array",
            "description": "The programme in order: timed items by start, then the editor's order.",
            "items": builder.serializer_schema(ProgrammeItemSerializer(), ProgrammeItemPage),
        }

    def item_serializer(self):
        return ProgrammeItemSerializer(many=True, context=self.context)

    def preload(self, conferences, loader):
        from .models import ProgrammeItemPage

        items = self.item_serializer().child
        load_public_programmes(
            conferences,
            loader.request,
            select_related=select_chains(items, ProgrammeItemPage),
            with_speakers=False,
        )
        programme = [item for c in conferences for item in public_programme(c, loader.request)]
        loader.walk(programme, items)

    def to_representation(self, conference):
        items = public_programme(conference, self.context.get("request"))
        return self.item_serializer().to_representation(items)
