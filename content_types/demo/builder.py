"""Idempotent building blocks for demo content.

Everything is looked up before it is created: a snippet by its name in its
locale, a page by its slug under its parent. What exists is left exactly as it
is, so running the loader again changes nothing and duplicates nothing.
"""

from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import ForeignKey
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel, get_all_child_relations
from wagtail.models import Locale, Page, Site, TranslatableMixin
from wagtail_localize.models import Translation, TranslationSource


def local_datetime(zone_name, value):
    """``"2009-10-20 10:00"`` in ``zone_name`` as an aware datetime."""
    return datetime.strptime(value, "%Y-%m-%d %H:%M").replace(tzinfo=ZoneInfo(zone_name))


@dataclass
class DemoReport:
    created: list = field(default_factory=list)
    existing: int = 0

    def add(self, kind, label):
        self.created.append(f"{kind}: {label}")


class DemoBuilder:
    def __init__(self):
        self.report = DemoReport()

    # Locales and site ----------------------------------------------------

    def locale(self, language_code):
        locale, created = Locale.objects.get_or_create(language_code=language_code)
        if created:
            self.report.add("locale", language_code)
        return locale

    def home_page(self, model, locale, **fields):
        """The home page of the default site, replacing Wagtail's empty welcome page."""
        site = Site.objects.filter(is_default_site=True).first()
        if site and isinstance(site.root_page.specific, model):
            self.report.existing += 1
            return site.root_page.specific
        root = Page.get_first_root_node()
        welcome = root.get_children().filter(slug=fields.get("slug", "home")).first()
        if welcome is not None:
            if type(welcome.specific) is not Page or welcome.get_children().exists():
                raise RuntimeError(
                    f"A page with slug '{welcome.slug}' already sits at the root; "
                    "move it before loading the demo content."
                )
            # Wagtail's placeholder stays the site root until the new home replaces it.
            welcome.slug = f"{welcome.slug}-placeholder-{welcome.pk}"
            welcome.save(update_fields=["slug"], clean=False)
        home = model(locale=locale, **fields)
        root.add_child(instance=home)
        home.save_revision().publish()
        if site is None:
            site = Site(is_default_site=True)
        site.root_page = home
        if site.pk is None or (site.hostname, site.port) == ("localhost", 80):
            # Wagtail's placeholder address; page URLs in the API should point
            # where the site is actually served.
            address = urlsplit(settings.WAGTAILADMIN_BASE_URL)
            site.hostname = address.hostname or "localhost"
            site.port = address.port or (443 if address.scheme == "https" else 80)
        site.save()
        if welcome is not None:
            welcome.delete()
        self.report.add("page", home.title)
        return home

    # Snippets ------------------------------------------------------------

    def snippet(self, model, locale, name, **fields):
        existing = model.objects.filter(locale=locale, name=name).first()
        if existing is not None:
            self.report.existing += 1
            return existing
        instance = model(locale=locale, name=name, **fields)
        instance.full_clean()
        instance.save()
        self.report.add(model._meta.verbose_name, name)
        return instance

    # Pages ---------------------------------------------------------------

    def page(self, parent, model, slug, *, relations=None, **fields):
        """A published page of ``model`` under ``parent``.

        ``relations`` maps a child relation or parental many-to-many name to
        its rows: model instances, or plain snippets for many-to-many fields.
        """
        existing = parent.get_children().filter(slug=slug).first()
        if existing is not None:
            self.report.existing += 1
            return existing.specific
        page = model(slug=slug, locale=parent.locale, **fields)
        for name, rows in (relations or {}).items():
            setattr(page, name, rows)
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.report.add(model._meta.verbose_name, page.title)
        return page

    # Translations --------------------------------------------------------

    def translation(self, source, locale, strings):
        """Translate ``source`` into ``locale`` the way a translator would.

        wagtail-localize extracts the source's segments into a PO file;
        ``strings`` maps each source text to its translation; the file is
        imported into the translation and the target saved; a page is
        published. The snippets it links to (a venue, a speaker) are translated
        too, so that readers of the translation see them in their language.
        """
        source = source.specific if isinstance(source, Page) else source
        existing = source.get_translation_or_none(locale)
        if existing is not None:
            self.report.existing += 1
            return existing.specific if isinstance(existing, Page) else existing
        for snippet in linked_snippets(source):
            self.translation(snippet, locale, strings)
        record, _created = TranslationSource.get_or_create_from_instance(source)
        translation, _created = Translation.objects.get_or_create(
            source=record, target_locale=locale
        )
        po = translation.export_po()
        for entry in po:
            entry.msgstr = strings.get(entry.msgid, entry.msgstr)
        translation.import_po(po)
        if not isinstance(source, Page):
            translation.save_target()
            target = source.get_translation(locale)
            self.report.add(f"translation ({locale.language_code})", str(target))
            return target
        # wagtail-localize defers publishing to the end of the transaction, from a
        # copy of the page taken now; children added meanwhile would be miscounted.
        # Save a draft and publish it at once instead.
        translation.save_target(publish=False)
        target = source.get_translation(locale).specific
        target.get_latest_revision().publish()
        self.report.add(f"translation ({locale.language_code})", target.title)
        return target

    def translated_subtree(self, source, locale, strings):
        """Translate a page and every page below it, e.g. a conference and its programme."""
        target = self.translation(source, locale, strings)
        for child in source.get_children():
            self.translated_subtree(child.specific, locale, strings)
        return target


def linked_snippets(instance):
    """The translatable snippets ``instance`` and its inline rows link to."""
    holders = [instance]
    if isinstance(instance, ClusterableModel):
        for relation in get_all_child_relations(instance):
            holders.extend(getattr(instance, relation.get_accessor_name()).all())
    for holder in holders:
        for link in holder._meta.get_fields():
            if not isinstance(link, ForeignKey | ParentalManyToManyField):
                continue
            if not issubclass(link.related_model, TranslatableMixin) or issubclass(
                link.related_model, Page
            ):
                continue
            value = getattr(holder, link.name)
            for snippet in value.all() if link.many_to_many else [value]:
                if snippet is not None and snippet.locale_id == instance.locale_id:
                    yield snippet


def rows(model, *items):
    """Inline rows for ``DemoBuilder.page``: ``rows(ProjectGoal, {"text": ...}, ...)``."""
    return [model(**item) if isinstance(item, dict) else item for item in items]
