"""The text of an event: plain text from rich text, places, speakers, in the page's language."""

import re
from collections import defaultdict
from html import unescape

from django.utils.html import strip_tags

PARAGRAPH_END = re.compile(r"</(p|h[1-6]|blockquote|ul|ol)\s*>", re.IGNORECASE)
LINE_END = re.compile(r"</li\s*>|<br\s*/?>", re.IGNORECASE)
LIST_ITEM = re.compile(r"<li(\s[^>]*)?>", re.IGNORECASE)


def plain_text(html):
    """Rich text as calendar programs show it: paragraphs apart, list items on lines, no markup.

    Links keep their text; internal links are not expanded, which would cost a
    query each and add nothing a reader of the event needs.
    """
    if not html:
        return ""
    text = LIST_ITEM.sub("- ", html)
    text = PARAGRAPH_END.sub("\n\n", text)
    text = LINE_END.sub("\n", text)
    lines = [" ".join(line.split()) for line in unescape(strip_tags(text)).splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def paragraphs(*texts):
    return "\n\n".join(text for text in texts if text)


def venue_text(venue):
    """``Name, Street 1, 722 11 City``: what a map search finds."""
    if venue is None:
        return ""
    town = " ".join(part for part in (venue.postal_code, venue.city) if part)
    return ", ".join(part for part in (venue.name, venue.street_address, town) if part)


def place_text(location, venue):
    """An item's own room or place first, then the conference's venue."""
    return ", ".join(part for part in (location, venue_text(venue)) if part)


class SnippetsInLanguages:
    """Snippets (venues, organisations) in the language of the page showing them.

    Links to snippets follow the source language, so a Norwegian page points at
    a Swedish venue. ``api.serializers.languages.in_language`` asks for each
    translation on its own; a feed asks once per snippet type for all it shows.
    """

    def __init__(self, wanted):
        """``wanted``: (snippet, locale_id) pairs, the snippet possibly None."""
        keys = defaultdict(set)
        locales = defaultdict(set)
        for snippet, locale_id in wanted:
            if snippet is not None and snippet.locale_id != locale_id:
                keys[type(snippet)].add(snippet.translation_key)
                locales[type(snippet)].add(locale_id)
        self.translations = {}
        for model, translation_keys in keys.items():
            found = model.objects.filter(
                translation_key__in=translation_keys, locale_id__in=locales[model]
            )
            for translation in found:
                self.translations[model, translation.translation_key, translation.locale_id] = (
                    translation
                )

    def get(self, snippet, locale_id):
        """``snippet`` in the locale ``locale_id`` where translated, else as it is."""
        if snippet is None or snippet.locale_id == locale_id:
            return snippet
        return self.translations.get((type(snippet), snippet.translation_key, locale_id), snippet)


def speaker_lines(item, snippets):
    """One line per speaker, ``Name (Organisation)``, their organisation at the time.

    The organisation is shown in the item's language, as the API shows it.
    """
    lines = []
    for speaker in item.speakers.all():
        organisation = snippets.get(speaker.organisation_at_the_time, item.locale_id)
        name = speaker.person.name
        lines.append(f"{name} ({organisation.name})" if organisation else name)
    return "\n".join(lines)


def speakers_organisations(items):
    """The (organisation, locale_id) pairs ``speaker_lines`` will ask for."""
    return [
        (speaker.organisation_at_the_time, item.locale_id)
        for item in items
        for speaker in item.speakers.all()
    ]
