"""Inline rows of a page: contacts, funders, speakers, goals, meetings, documents."""

from rest_framework import serializers

from ...base_url import absolute_url
from ...visibility import is_public_media
from .fields import RichTextField
from .languages import InLanguageOf, in_language
from .snippets import OrganisationSerializer, OrganisationSummarySerializer, PersonSerializer


class PersonRelationSerializer(serializers.Serializer):
    person = InLanguageOf(PersonSerializer())
    role = serializers.CharField(read_only=True)


class OrganisationRelationSerializer(serializers.Serializer):
    organisation = InLanguageOf(OrganisationSerializer())
    note = serializers.CharField(read_only=True)


class ParticipantGroupSerializer(serializers.Serializer):
    openapi_method_schemas = {
        "label": {
            "type": "string",
            "description": "The editor's label, or else the kind of organisation, in the page's "
            "language.",
        }
    }

    library_type = serializers.CharField(read_only=True)
    label = serializers.SerializerMethodField()
    count = serializers.IntegerField(read_only=True)

    def get_label(self, group):
        return str(group)


class SpeakerSerializer(serializers.Serializer):
    """A speaker as they appeared: their organisation and title at the time."""

    openapi_method_schemas = {
        "title": {
            "type": "string",
            "description": "Their title at the time, or else their current title.",
        }
    }

    person = InLanguageOf(PersonSerializer())
    name = serializers.CharField(source="person.name", read_only=True)
    role = serializers.CharField(read_only=True)
    title = serializers.SerializerMethodField()
    organisation = InLanguageOf(
        OrganisationSummarySerializer(),
        attribute="organisation_at_the_time",
        prefetch=("organisation__parent", "person__organisation__parent"),
    )

    def get_title(self, speaker):
        return speaker.title or in_language(speaker.person, speaker.locale_id, self.context).title


class PublicDocumentLinks(serializers.ListSerializer):
    """Document links without those whose document is in a collection the reader may not see."""

    def to_representation(self, data):
        rows = data.all() if hasattr(data, "all") else data
        request = self.context.get("request")
        shown = [
            row for row in rows if not row.document_id or is_public_media(request, row.document)
        ]
        return super().to_representation(shown)


class DocumentLinkSerializer(serializers.Serializer):
    """A document from the library (its file's address) or a link."""

    class Meta:
        list_serializer_class = PublicDocumentLinks

    openapi_method_schemas = {
        "url": {"type": "string", "description": "The document's file, or the link."},
        "document": {
            "type": ["object", "null"],
            "description": "The document from the library; null for a link.",
            "properties": {
                "id": {"type": "integer"},
                "title": {"type": "string"},
                "file_extension": {"type": "string"},
                "file_size": {"type": ["integer", "null"], "description": "In bytes."},
            },
            "required": ["id", "title", "file_extension", "file_size"],
            "additionalProperties": False,
        },
    }

    follows = ("document",)

    title = serializers.CharField(read_only=True)
    url = serializers.SerializerMethodField()
    document = serializers.SerializerMethodField()

    def get_url(self, link):
        if link.document_id:
            return absolute_url(self.context.get("request"), link.document.url)
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


class ProjectLinkSerializer(DocumentLinkSerializer):
    kind = serializers.CharField(read_only=True)


class GoalSerializer(serializers.Serializer):
    text = serializers.CharField(read_only=True)


class MilestoneSerializer(serializers.Serializer):
    date = serializers.DateField(read_only=True)
    title = serializers.CharField(read_only=True)
    description = serializers.CharField(read_only=True)


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
