"""Admin forms of the shared snippets."""

from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm

from .contact import CONTACT_FLAGS
from .sources import source_version


class PersonForm(WagtailAdminModelForm):
    """Offers the contact flags on the person's source version only.

    On a translation they are shown as the source has them and cannot be
    changed: whoever edits the Norwegian version of a Swedish person must not
    publish an address the Swedish version keeps private. ``Person.save``
    enforces the same; the form says so instead of silently ignoring a tick.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            return
        source = source_version(self.instance)
        if source.pk == self.instance.pk:
            return
        for name in CONTACT_FLAGS:
            field = self.fields.get(name)
            if field is None:
                continue
            field.disabled = True
            self.initial[name] = getattr(source, name)
            field.help_text = _(
                "Follows the source version (%(language)s): change it there. "
                "It is the same in every language."
            ) % {"language": source.locale.get_display_name()}
