"""The text of an event: plain text from rich text, places, speakers, in the page's language."""

import re
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


def speaker_lines(item, snippets):
    """One line per speaker, ``Name (Organisation)``, their organisation at the time.

    The organisation is shown in the item's language, as the API shows it;
    ``snippets`` is the request's loader (api/loading.py), which has looked the
    translations up beforehand.
    """
    lines = []
    for speaker in item.speakers.all():
        organisation = snippets.in_language(speaker.organisation_at_the_time, item.locale_id)
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
