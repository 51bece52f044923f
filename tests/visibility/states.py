"""Every state that must stay private, each built beside its public counterpart.

A state's builder makes its content twice: once private, marked with the
state's hidden word (``hemlig<key>``), and once public, marked with its shown
word (``synlig<key>``), through the same helpers. The words are in titles and
texts, file names, e-mail addresses. A surface leaks when its response holds a
hidden word or names a hidden thing by id; the public counterpart, which the
same surface must show, proves that the surface shows that kind of thing at all.

Everything is built once, in one page tree, by ``World`` (see conftest.py).
"""

import io
from dataclasses import dataclass, field
from datetime import timedelta

import polib
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    Site,
)
from wagtail_localize.models import Translation, TranslationSource

from content_types.localization.exchange import export_translation, import_directory
from content_types.localization.review import submit_translation_for_review
from content_types.models import (
    ConferenceDocument,
    ConferenceIndexPage,
    ConferenceOrganiser,
    ConferencePage,
    HomePage,
    ProgrammeItemDocument,
)

from .. import utils

# What a thing is, for the surfaces that may show it.
PAGE = "page"  # a page in the site's source language
TRANSLATION = "translation"  # a page in another language's tree
DRAFT = "draft"  # text of a revision that is not published
IMAGE = "image"
DOCUMENT = "document"
CONTACT = "contact"  # a person's e-mail address and phone number
PERSON = "person"  # a person's name
SNIPPET = "snippet"  # a venue, person or organisation, by name and id


@dataclass(frozen=True)
class Thing:
    """Something a surface may show: its kind, the words that give it away, the id it goes by.

    ``ref`` is ``("page", id)``, ``("image", id)``, ``("document", id)`` or a
    snippet's ``("content_types.Venue", id)``; None where only words tell. A
    page's ``page_type`` says which surfaces show it at all (only conferences
    are in the calendar of upcoming conferences).
    """

    kind: str
    words: tuple[str, ...]
    ref: tuple[str, int] | None = None
    page_type: str | None = None


@dataclass
class Case:
    """One state as built: what must stay hidden, what must be shown, and what to visit."""

    state: "State"
    hidden_word: str
    shown_word: str
    hidden: list[Thing] = field(default_factory=list)
    shown: list[Thing] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)
    images: list = field(default_factory=list)
    documents: list = field(default_factory=list)
    snippets: list = field(default_factory=list)


@dataclass(frozen=True)
class State:
    key: str
    label: str
    build: object  # build(scene)
    hides: frozenset[str]
    shows: frozenset[str]


# Building blocks


def event_start(hours=0):
    """A time three months ahead, so that every conference is upcoming."""
    day = timezone.localdate() + timedelta(days=90)
    return utils.local(day.year, day.month, day.day, 9, 0) + timedelta(hours=hours)


def make_image(word, collection=None):
    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 48), "steelblue").save(buffer, "PNG")
    return get_image_model().objects.create(
        title=f"Bild {word}",
        description=f"Bild {word}",
        file=ImageFile(buffer, name=f"{word}.png"),
        collection=collection or Collection.get_first_root_node(),
    )


def make_document(word, collection=None):
    return get_document_model().objects.create(
        title=f"Dokument {word}",
        file=ContentFile(b"%PDF-1.4\n", name=f"{word}.pdf"),
        collection=collection or Collection.get_first_root_node(),
    )


def restrict_collection(name):
    collection = Collection.get_first_root_node().add_child(name=name)
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    return collection


def save_draft(page, word, user, submit=False):
    """What an editor does: change the title and text and save (and submit) without publishing."""
    page = page.specific_class.objects.get(pk=page.pk)
    page.title = f"{page.title.split()[0]} {word}"
    page.description = f"<p>Utkast om {word}.</p>"
    revision = page.save_revision(user=user)
    if submit:
        page.get_workflow().start(page, user)
    return revision


def translate(page, locale, original, word, publish):
    """Translate ``page`` in the translation editor, ``original`` becoming ``word``; saved, and
    published if asked."""
    source, _created = TranslationSource.get_or_create_from_instance(page)
    translation, _created = Translation.objects.get_or_create(source=source, target_locale=locale)
    translation.import_po(fill(translation.export_po(), original, word))
    translation.save_target(publish=False)
    target = translation.get_target_instance().specific
    if publish:
        target.get_latest_revision().publish()
    return translation, target.specific_class.objects.get(pk=target.pk)


def fill(po, original, word):
    """Every entry of ``po`` translated: the text with ``original`` replaced by ``word``."""
    for entry in po:
        if entry.msgctxt == "slug":
            entry.msgstr = f"nb-{entry.msgid}"
        else:
            entry.msgstr = entry.msgid.replace(original, word)
    return po


# The scene: one state's content


def words_of(state):
    """The state's hidden and shown words: ``hemlig<key>``, ``synlig<key>``."""
    key = state.key.replace("_", "")
    return f"hemlig{key}", f"synlig{key}"


class Scene:
    """Builds one state's content and records what must stay hidden and what must show."""

    def __init__(self, world, state):
        self.world = world
        self.hidden, self.shown = words_of(state)
        self.case = Case(state=state, hidden_word=self.hidden, shown_word=self.shown)

    # Pages

    def conference(self, word, parent=None, publish=True, organisers=(), documents=(), **fields):
        fields.setdefault("start", event_start())
        fields.setdefault("end", event_start(hours=32))
        fields.setdefault("tagline", f"Tagline {word}")
        fields.setdefault("description", f"<p>Om {word}.</p>")
        if "venue" not in fields:
            fields["venue"] = utils.make_venue()
        page = utils.make_conference(
            parent or self.world.conference_index,
            title=f"Konferens {word}",
            publish=publish,
            organisers=[ConferenceOrganiser(organisation=org) for org in organisers],
            documents=[ConferenceDocument(title="Program", document=doc) for doc in documents],
            **fields,
        )
        self.record(page, fields["venue"], fields.get("contact"), *organisers)
        return page

    def item(self, conference, word, publish=True, speakers=(), documents=(), **fields):
        fields.setdefault("start", conference.start + timedelta(hours=1))
        fields.setdefault("end", conference.start + timedelta(hours=2))
        fields.setdefault("description", f"<p>Om {word}.</p>")
        page = utils.make_programme_item(
            conference,
            title=f"Programpunkt {word}",
            speakers=speakers,
            publish=publish,
            documents=[ProgrammeItemDocument(title="Bilder", document=doc) for doc in documents],
            **fields,
        )
        people = [s if not isinstance(s, tuple) else s[0] for s in speakers]
        organisations = [s[2] for s in speakers if isinstance(s, tuple) and s[2]]
        self.record(page, *people, *organisations)
        return page

    def project(self, word, **fields):
        page = utils.make_project(self.world.project_index, title=f"Projekt {word}", **fields)
        self.record(page, *fields.get("contacts", ()))
        return page

    def network(self, word, **fields):
        page = utils.make_network(self.world.network_index, title=f"Nätverk {word}", **fields)
        self.record(page, *fields.get("contacts", ()))
        return page

    def record(self, page, *snippets):
        self.case.pages.append(page)
        for snippet in snippets:
            if snippet is not None and snippet not in self.case.snippets:
                self.case.snippets.append(snippet)

    # What must stay hidden and what must show

    def hide(self, *pages):
        self.case.hidden += [self.page_thing(page, self.hidden) for page in pages]

    def show(self, *pages):
        self.case.shown += [self.page_thing(page, self.shown) for page in pages]

    def page_thing(self, page, word):
        kind = PAGE if page.locale_id == self.world.home.locale_id else TRANSLATION
        return Thing(kind, (word,), ("page", page.pk), page.specific_class._meta.label)

    def conceal(self, kind, *words, ref=None):
        self.case.hidden.append(Thing(kind, words, ref))

    def reveal(self, kind, *words, ref=None):
        self.case.shown.append(Thing(kind, words, ref))


# Page states: a conference made private (with its programme, when the state covers
# descendants), and a programme item made private under a public conference.


def page_state(make_private, *, publish=True, descendants=True):
    def build(scene):
        host = scene.conference(scene.shown)
        scene.show(host, scene.item(host, scene.shown))
        conference = scene.conference(scene.hidden, publish=publish)
        below = [scene.item(conference, scene.hidden, publish=publish)] if descendants else []
        item = scene.item(host, scene.hidden, publish=publish)
        for page in (conference, item):
            make_private(scene, page)
        scene.hide(conference, *below, item)

    return build


def ancestor_state(make_private, *, publish=True):
    """A conference made private while its programme stays live below it, and a live item
    under an unpublished index page; beside a public conference with its item."""

    def build(scene):
        host = scene.conference(scene.shown)
        scene.show(host, scene.item(host, scene.shown))
        conference = scene.conference(scene.hidden, publish=publish)
        items = [scene.item(conference, f"{scene.hidden} {n}") for n in (1, 2)]
        assert all(Page.objects.get(pk=item.pk).live for item in items)
        make_private(scene, conference)
        scene.hide(conference, *items)

    return build


def hidden_index(make_private):
    """A conference index page made private with a published conference and item below it."""

    def build(scene):
        host = scene.conference(scene.shown)
        scene.show(host, scene.item(host, scene.shown))
        index = utils.add_page(
            scene.world.home,
            ConferenceIndexPage(title=f"Konferenser {scene.hidden}", slug=scene.hidden),
            publish=False,
        )
        conference = scene.conference(scene.hidden, parent=index)
        item = scene.item(conference, scene.hidden)
        make_private(scene, index)
        scene.record(index)
        scene.hide(index, conference, item)

    return build


def never_published(scene, page):
    """Saved as a draft and never published: nothing more to do."""


def submitted_for_review(scene, page):
    page.get_workflow().start(page, scene.world.editor)


def scheduled(scene, page):
    """Published with a go-live time ahead: Wagtail keeps it unpublished until then."""
    page = page.specific_class.objects.get(pk=page.pk)
    page.go_live_at = timezone.now() + timedelta(days=1)
    page.save_revision(user=scene.world.editor).publish()


def restricted(restriction_type):
    def make_private(scene, page):
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=restriction_type, password="hemligt-losenord"
        )
        if restriction_type == PageViewRestriction.GROUPS:
            restriction.groups.set([scene.world.members])

    return make_private


def unpublished(scene, page):
    """Published, then unpublished by an editor: its descendants stay live."""
    page.specific_class.objects.get(pk=page.pk).unpublish(user=scene.world.editor)


def expired_and_unpublished(scene, page):
    """Past its expiry, and the scheduled-publishing job has run: unpublished as the job does
    it (``publish_scheduled``); its descendants, which have no expiry, stay live."""
    Page.objects.filter(pk=page.pk).update(expire_at=timezone.now() - timedelta(minutes=1))
    page = page.specific_class.objects.get(pk=page.pk)
    page.unpublish(set_expired=True, log_action="wagtail.unpublish.scheduled")


def expired(scene, page):
    """Live, but past its expiry: the scheduled-publishing job has not run yet."""
    Page.objects.filter(pk=page.pk).update(expire_at=timezone.now() - timedelta(minutes=1))


def before_go_live(scene, page):
    """Live, but its go-live time is still ahead."""
    Page.objects.filter(pk=page.pk).update(go_live_at=timezone.now() + timedelta(days=1))


def newer_draft(submit):
    """A published conference and item with newer changes saved (and submitted) unpublished."""

    def build(scene):
        conference = scene.conference(scene.shown)
        item = scene.item(conference, scene.shown)
        scene.show(conference, item)
        for page in (conference, item):
            save_draft(page, scene.hidden, scene.world.editor, submit=submit)
        scene.conceal(DRAFT, scene.hidden)

    return build


def other_site(scene):
    """Published in the tree of another site, which this site's readers never see."""
    host = scene.conference(scene.shown)
    scene.show(host, scene.item(host, scene.shown))
    conference = scene.conference(scene.hidden, parent=scene.world.other_conference_index)
    scene.hide(conference, scene.item(conference, scene.hidden))


# Translations


def unpublished_translation(scene):
    """Translated in the translation editor and saved, never published; beside a published one."""
    locale = scene.world.nb_locale
    published = scene.conference(scene.shown)
    _translation, published_nb = translate(
        published, locale, scene.shown, scene.shown, publish=True
    )
    draft_source = scene.conference(scene.shown)
    _translation, draft_nb = translate(
        draft_source, locale, scene.shown, scene.hidden, publish=False
    )
    scene.record(published_nb)
    scene.record(draft_nb)
    scene.show(published, published_nb, draft_source)
    scene.hide(draft_nb)


def translation_in_progress(scene):
    """A published translation whose newer translation is submitted for review, or imported
    from a PO file: both are drafts until a moderator publishes them."""
    world = scene.world
    reviewed = scene.conference(scene.shown)
    translation, reviewed_nb = translate(
        reviewed, world.nb_locale, scene.shown, scene.shown, publish=True
    )
    translation.import_po(fill(translation.export_po(), scene.shown, scene.hidden))
    submit_translation_for_review(reviewed_nb, world.editor)

    imported = scene.conference(scene.shown)
    translation, imported_nb = translate(
        imported, world.nb_locale, scene.shown, scene.shown, publish=True
    )
    directory = world.scratch_directory()
    path = export_translation(translation, directory)
    po = fill(polib.pofile(str(path)), scene.shown, scene.hidden)
    po.save(str(path))
    import_directory(directory, user=world.editor)

    scene.record(reviewed_nb)
    scene.record(imported_nb)
    scene.show(reviewed, reviewed_nb, imported, imported_nb)
    scene.conceal(DRAFT, scene.hidden)


# Media, people and snippets


def private_collection(scene):
    """An image and a document in a collection only logged-in users may see, used by a
    public conference (its image, an organiser's logo, its documents and an item's, and
    embedded in their rich text)."""
    collection = restrict_collection(f"Samling {scene.hidden}")
    for word, where in ((scene.hidden, collection), (scene.shown, None)):
        image = make_image(word, where)
        document = make_document(word, where)
        organiser = utils.make_organisation(f"Arrangör {scene.shown}", logo=image)
        text = (
            f"<p>Om {scene.shown}.</p>"
            f'<embed embedtype="image" id="{image.pk}" format="fullwidth" alt="Bild"/>'
            f'<p><a linktype="document" id="{document.pk}">Programmet</a></p>'
        )
        conference = scene.conference(
            scene.shown,
            image=image,
            organisers=[organiser],
            documents=[document],
            description=text,
        )
        item = scene.item(conference, scene.shown, documents=[document], description=text)
        scene.show(conference, item)
        scene.case.images.append(image)
        scene.case.documents.append(document)
        record = scene.conceal if word == scene.hidden else scene.reveal
        record(IMAGE, word, ref=("image", image.pk))
        record(DOCUMENT, word, ref=("document", document.pk))


def media_not_on_public_pages(scene):
    """An image and a document used only by a never-published conference, a document added
    by a newer draft of a published one, and an image and a document used by nothing; beside
    an image and a document a public conference uses."""
    public_image, public_document = make_image(scene.shown), make_document(scene.shown)
    public = scene.conference(scene.shown, image=public_image, documents=[public_document])
    draft_image, draft_document = make_image(scene.hidden), make_document(scene.hidden)
    draft = scene.conference(
        scene.hidden, publish=False, image=draft_image, documents=[draft_document]
    )
    added_later = make_document(scene.hidden)
    page = ConferencePage.objects.get(pk=public.pk)
    page.documents.add(ConferenceDocument(title="Nytt program", document=added_later))
    page.save_revision(user=scene.world.editor)
    unused_image, unused_document = make_image(scene.hidden), make_document(scene.hidden)

    scene.show(public)
    scene.hide(draft)
    scene.case.images += [public_image, draft_image, unused_image]
    scene.case.documents += [public_document, draft_document, added_later, unused_document]
    scene.reveal(IMAGE, scene.shown, ref=("image", public_image.pk))
    scene.reveal(DOCUMENT, scene.shown, ref=("document", public_document.pk))
    for image in (draft_image, unused_image):
        scene.conceal(IMAGE, scene.hidden, ref=("image", image.pk))
    for document in (draft_document, added_later, unused_document):
        scene.conceal(DOCUMENT, scene.hidden, ref=("document", document.pk))


def contact_details(scene):
    """People shown on public pages; one has a private e-mail and phone, one marked both public."""
    private = utils.make_person(
        f"Anna {scene.shown}",
        email=f"{scene.hidden}@example.org",
        phone="+46 70 913 37 01",
    )
    public = utils.make_person(
        f"Bo {scene.shown}",
        email=f"{scene.shown}@example.org",
        email_is_public=True,
        phone="+46 70 913 37 02",
        phone_is_public=True,
    )
    for person in (private, public):
        conference = scene.conference(scene.shown, contact=person)
        item = scene.item(conference, scene.shown, speakers=[person])
        project = scene.project(scene.shown, contacts=[person])
        network = scene.network(scene.shown, contacts=[person])
        scene.show(conference, item, project, network)
    scene.conceal(CONTACT, private.email, private.phone)
    scene.reveal(CONTACT, public.email, public.phone)
    scene.reveal(PERSON, private.name, public.name)


def snippets_of_private_pages(scene):
    """A venue, a speaker and an organiser that only a never-published conference shows."""
    for word, publish in ((scene.hidden, False), (scene.shown, True)):
        venue = utils.make_venue(name=f"Lokal {word}")
        person = utils.make_person(f"Talare {word}")
        organisation = utils.make_organisation(f"Organisation {word}")
        conference = scene.conference(
            word, publish=publish, venue=venue, contact=person, organisers=[organisation]
        )
        item = scene.item(
            conference, word, publish=publish, speakers=[(person, "speaker", organisation)]
        )
        (scene.show if publish else scene.hide)(conference, item)
        record = scene.reveal if publish else scene.conceal
        for snippet in (venue, person, organisation):
            record(SNIPPET, snippet.name, ref=(snippet._meta.label, snippet.pk))


ANY_PAGE = frozenset({PAGE, SNIPPET})

STATES = [
    State(
        "never_published",
        "Never-published page",
        page_state(never_published, publish=False),
        frozenset({PAGE}),
        ANY_PAGE,
    ),
    State(
        "newer_draft",
        "Published page with a newer draft",
        newer_draft(submit=False),
        frozenset({DRAFT}),
        ANY_PAGE,
    ),
    State(
        "in_review",
        "New page in the review workflow",
        page_state(submitted_for_review, publish=False),
        frozenset({PAGE}),
        ANY_PAGE,
    ),
    State(
        "changes_in_review",
        "Published page with changes in the review workflow",
        newer_draft(submit=True),
        frozenset({DRAFT}),
        ANY_PAGE,
    ),
    State(
        "password",
        "Password restriction, and its descendants",
        page_state(restricted(PageViewRestriction.PASSWORD)),
        frozenset({PAGE}),
        ANY_PAGE,
    ),
    State(
        "login",
        "Login restriction, and its descendants",
        page_state(restricted(PageViewRestriction.LOGIN)),
        frozenset({PAGE}),
        ANY_PAGE,
    ),
    State(
        "groups",
        "Group restriction, and its descendants",
        page_state(restricted(PageViewRestriction.GROUPS)),
        frozenset({PAGE}),
        ANY_PAGE,
    ),
    State(
        "expired",
        "Live page past `expire_at` (job not run yet), and its live descendants",
        page_state(expired),
        frozenset({PAGE}),
        ANY_PAGE,
    ),
    State(
        "before_go_live",
        "Live page before `go_live_at`, and its live descendants",
        page_state(before_go_live),
        frozenset({PAGE}),
        ANY_PAGE,
    ),
    State(
        "under_draft",
        "Live pages under a never-published page",
        ancestor_state(never_published, publish=False),
        frozenset({PAGE}),
        ANY_PAGE,
    ),
    State(
        "under_review",
        "Live pages under a new page in the review workflow",
        ancestor_state(submitted_for_review, publish=False),
        frozenset({PAGE}),
        ANY_PAGE,
    ),
    State(
        "under_unpublished",
        "Live pages under an unpublished page",
        ancestor_state(unpublished),
        frozenset({PAGE}),
        ANY_PAGE,
    ),
    State(
        "under_expired",
        "Live pages under a page the job unpublished at its `expire_at`",
        ancestor_state(expired_and_unpublished),
        frozenset({PAGE}),
        ANY_PAGE,
    ),
    State(
        "under_scheduled",
        "Live pages under a page published with a future `go_live_at`",
        ancestor_state(scheduled, publish=False),
        frozenset({PAGE}),
        ANY_PAGE,
    ),
    State(
        "under_hidden_index",
        "A published conference and item under an unpublished index page",
        hidden_index(never_published),
        frozenset({PAGE}),
        ANY_PAGE,
    ),
    State(
        "scheduled",
        "Page published with a future `go_live_at`",
        page_state(scheduled, publish=False),
        frozenset({PAGE}),
        ANY_PAGE,
    ),
    State(
        "other_site",
        "Page in another site's tree",
        other_site,
        frozenset({PAGE}),
        ANY_PAGE,
    ),
    State(
        "unpublished_translation",
        "Unpublished translation",
        unpublished_translation,
        frozenset({TRANSLATION}),
        frozenset({PAGE, TRANSLATION}),
    ),
    State(
        "translation_in_progress",
        "Published translation with a newer one in review or imported",
        translation_in_progress,
        frozenset({DRAFT}),
        frozenset({PAGE, TRANSLATION}),
    ),
    State(
        "private_collection",
        "Image and document in a private collection",
        private_collection,
        frozenset({IMAGE, DOCUMENT}),
        frozenset({PAGE, IMAGE, DOCUMENT}),
    ),
    State(
        "unused_media",
        "Image and document used only by a draft, or by nothing",
        media_not_on_public_pages,
        frozenset({PAGE, IMAGE, DOCUMENT}),
        frozenset({PAGE, IMAGE, DOCUMENT}),
    ),
    State(
        "contact_details",
        "Person's e-mail and phone not marked public",
        contact_details,
        frozenset({CONTACT}),
        frozenset({PAGE, CONTACT, PERSON}),
    ),
    State(
        "private_snippets",
        "Venue, person, organisation shown only by a private page",
        snippets_of_private_pages,
        frozenset({PAGE, SNIPPET}),
        ANY_PAGE,
    ),
]


# The world: every state, built once in one tree


class World:
    """The site tree, a second site, an editor, and every state's content."""

    def __init__(self, tmp_path_factory):
        from django.contrib.auth import get_user_model

        self._tmp_path_factory = tmp_path_factory
        tree = utils.build_site_tree()
        self.home = tree["home"]
        self.nb_home = tree["nb_home"]
        self.nb_locale = tree["nb_locale"]
        self.conference_index = tree["conference_index"]
        self.project_index = tree["project_index"]
        self.network_index = tree["network_index"]
        self.editor = get_user_model().objects.create_superuser(
            "redaktor", "redaktor@example.org", "redaktor-losenord"
        )
        self.members = Group.objects.create(name="Medlemmar")
        other_home = utils.add_page(
            tree["root"], HomePage(title="Annan webbplats", slug="annan", locale=self.home.locale)
        )
        Site.objects.create(hostname="annan.example", port=80, root_page=other_home)
        self.other_conference_index = utils.add_page(
            other_home, ConferenceIndexPage(title="Konferenser", slug="annan-konferenser")
        )
        self.cases = {}
        for state in STATES:
            scene = Scene(self, state)
            state.build(scene)
            self.cases[state.key] = scene.case

    def scratch_directory(self):
        return self._tmp_path_factory.mktemp("po")
