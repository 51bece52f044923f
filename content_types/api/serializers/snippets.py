"""The shared snippets as external sites see them."""

from rest_framework import serializers

from ...snippets.models import FocusArea, Organisation, Person, Region, Venue
from .fields import ImageSerializer
from .languages import InLanguageOf


class RegionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ["id", "name", "kind", "country"]


class FocusAreaSerializer(serializers.ModelSerializer):
    class Meta:
        model = FocusArea
        fields = ["id", "name", "description"]


class ParentOrganisationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "name"]


class OrganisationSummarySerializer(serializers.ModelSerializer):
    """An organisation where a person, speaker or partner is shown: with the one it is part of.

    A department means little without its university ("Institutionen
    Bibliotekshögskolan" is part of "Högskolan i Borås"), so ``parent`` names it.
    """

    parent = InLanguageOf(ParentOrganisationSerializer())

    class Meta:
        model = Organisation
        fields = ["id", "name", "kind", "parent"]


class OrganisationSerializer(serializers.ModelSerializer):
    county = InLanguageOf(RegionSerializer())
    parent = InLanguageOf(OrganisationSummarySerializer())
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
    """A person; e-mail and phone only where the editor marked them public."""

    organisation = InLanguageOf(OrganisationSummarySerializer())
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
