"""A person's e-mail and phone are public in every language, or in none.

Whether they may be shown is the person's choice, not a language's: the flags
(``Person.email_is_public``, ``Person.phone_is_public``) are those of the
person's source version (``sources.py``) in every version. Three things keep
it so:

- ``Person.save``: a translation takes its source's flags whatever it is saved
  with, and saving the source gives every translation its flags at once, in
  the same transaction. Unticking "show e-mail publicly" on the Swedish
  version hides the address on the Norwegian pages as soon as it is saved,
  not after someone syncs the translations.
- The translation editor treats the flags as synchronised, never overridable
  (``localization/fields.py``), and the snippet edit form shows them disabled
  on a translation (``forms.PersonForm``).
- Migration ``0005_contact_flags_follow_source`` brought the versions saved
  before this rule into line with their sources.

Every public surface (API, calendar feeds, JSON-LD) reads the flags through
``Person.public_email`` and ``Person.public_phone``.
"""

from .sources import source_version

CONTACT_FLAGS = ("email_is_public", "phone_is_public")


def take_flags_from_source(person):
    """Give ``person`` its source version's flags; False if it is the source itself."""
    source = source_version(person)
    if source is person or source.pk == person.pk:
        return False
    for flag in CONTACT_FLAGS:
        setattr(person, flag, getattr(source, flag))
    return True


def give_flags_to_translations(source):
    """Save every other version of ``source`` whose flags differ from the source's.

    Each is saved on its own, so the receivers of a saved person (the API
    cache, webhooks, the search index) hear of every language that changed.
    """
    flags = {flag: getattr(source, flag) for flag in CONTACT_FLAGS}
    stale = (
        type(source)
        ._default_manager.filter(translation_key=source.translation_key)
        .exclude(pk=source.pk)
        .exclude(**flags)
    )
    for translation in stale:
        translation.save(update_fields=CONTACT_FLAGS)
