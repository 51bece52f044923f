"""Which PostgreSQL text-search configuration reads which language.

A configuration decides how words are cut down to their stems: ``swedish``
reads "bibliotekens" as "bibliotek", ``norwegian`` reads "nettverket" as
"nettverk", and ``simple`` keeps every word as written. The backend's
``SEARCH_CONFIGS`` maps language codes to configurations; a language it does
not name, and an object without a locale (an image, a document), gets the
backend's ``SEARCH_CONFIG``.
"""

from wagtail.models import Locale


class TextSearchConfigs:
    def __init__(self, by_language, default):
        self.by_language = {code.lower(): config for code, config in by_language.items()}
        self.default = default

    def for_language(self, code):
        """The configuration of ``code``; "sv-FI" falls back to what "sv" uses."""
        if not code:
            return self.default
        code = code.lower()
        if code in self.by_language:
            return self.by_language[code]
        return self.by_language.get(code.split("-")[0], self.default)

    def for_languages(self, codes):
        """The configurations a search in ``codes`` is read with, each once.

        Without languages the search must find content in any of them, so it is
        read with every configuration the index may hold.
        """
        if codes:
            configs = [self.for_language(code) for code in codes]
        else:
            configs = [*self.by_language.values(), self.default]
        return tuple(dict.fromkeys(configs))

    def group_by_config(self, objs):
        """``objs`` by the configuration of their locale's language: ``{config: [obj, ...]}``.

        Looks the locales up in one query rather than one per object.
        """
        objs = list(objs)
        locale_ids = {getattr(obj, "locale_id", None) for obj in objs} - {None}
        languages = (
            dict(Locale.objects.filter(pk__in=locale_ids).values_list("pk", "language_code"))
            if locale_ids
            else {}
        )
        groups = {}
        for obj in objs:
            config = self.for_language(languages.get(getattr(obj, "locale_id", None)))
            groups.setdefault(config, []).append(obj)
        return groups
