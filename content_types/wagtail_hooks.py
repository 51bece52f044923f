"""Admin registration: the shared snippets, with listings and search for editors."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .snippets.models import FocusArea, Organisation, Person, Region, Venue


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    list_display = ["name", "title", "organisation"]
    list_filter = ["locale"]
    search_fields = ["name", "title"]


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    list_display = ["name", "kind", "county", "country"]
    list_filter = ["kind", "country", "locale"]
    search_fields = ["name"]


class VenueViewSet(SnippetViewSet):
    model = Venue
    icon = "site"
    list_display = ["name", "street_address", "city", "country"]
    list_filter = ["country", "locale"]
    search_fields = ["name", "city"]


class FocusAreaViewSet(SnippetViewSet):
    model = FocusArea
    icon = "tag"
    list_display = ["name"]
    list_filter = ["locale"]
    search_fields = ["name"]


class RegionViewSet(SnippetViewSet):
    model = Region
    icon = "globe"
    list_display = ["name", "kind", "country"]
    list_filter = ["kind", "country", "locale"]
    search_fields = ["name"]


class DirectoryViewSetGroup(SnippetViewSetGroup):
    """People, organisations, venues and vocabularies under one menu item."""

    items = (PersonViewSet, OrganisationViewSet, VenueViewSet, FocusAreaViewSet, RegionViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Directory")
    menu_name = "directory"


register_snippet(DirectoryViewSetGroup)
