"""Admin form rules for programme items that need the conference they belong to."""

from django.utils import timezone
from django.utils.translation import gettext as _

from ..pick_lists import LanguagePageForm


class ProgrammeItemForm(LanguagePageForm):
    """Keeps every timed item within the days of its conference.

    The parent is known to the form before the page is in the tree, so the
    check lives here rather than in the model's clean().
    """

    def clean(self):
        cleaned_data = super().clean()
        conference = getattr(self.parent_page, "specific", None)
        zone = getattr(conference, "zone", None)
        if zone is None or not conference.start or not conference.end:
            return cleaned_data
        first_day = timezone.localtime(conference.start, zone).date()
        last_day = timezone.localtime(conference.end, zone).date()
        for name in ("start", "end"):
            value = cleaned_data.get(name)
            if value and not first_day <= timezone.localtime(value, zone).date() <= last_day:
                self.add_error(
                    name,
                    _("The time must fall within the conference, %(first)s to %(last)s.")
                    % {"first": first_day.isoformat(), "last": last_day.isoformat()},
                )
        return cleaned_data
