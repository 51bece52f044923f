"""The groups people work in and the review every page goes through.

``ensure_roles()`` (``manage.py setup_roles``) creates or completes them; it is
safe to run again: it finds what it made before and only adds what is missing.

The groups, named in the site's language (``LANGUAGE_CODE``) through gettext:

- **Communication staff** ("Kommunikatörer", "Kommunikasjonsmedarbeidere"):
  write and edit projects, networks, conferences and programme items in every
  language tree and submit them for review; add and edit people,
  organisations, venues, focus areas and regions; upload and choose images and
  documents. They cannot publish and cannot delete snippets.
- **Content moderators** ("Moderatorer"): everything communication staff may
  do, and publish, lock and unlock pages and delete snippets. They are the
  reviewers of the review workflow and get an e-mail when a page is submitted.
- **Translators**, one group per content language other than the source
  ("Översättare: Norsk bokmål"): edit and submit pages in their language's
  tree only. Page permissions in Wagtail follow the tree, and every language
  has its own tree, so the language boundary is the tree boundary.
- **Administrators** are not a group: they are Django superusers
  (``manage.py ensure_admin`` or ``createsuperuser``), who may do everything,
  approving reviews included.

A group is found again under its name in any admin language and renamed to the
site's language, so it keeps its members and permissions when the language
changes (``named_group``). Django's ``Group`` has no description; the
descriptions are ``Role.description`` here, shown by ``setup_roles``.

The review workflow ("Granskning") has one group approval task ("Granskning
av moderator") for the content moderators. It is assigned to every site's root
page and each of its translations, so every page of every language tree,
translations included, goes through it; an assignment those pages had before
(Wagtail's default "Moderators approval") is replaced. Wagtail's own default
groups ("Moderators", "Editors") and its default workflow on the root node are
left as they are; they no longer decide anything under the site roots. Run
``setup_roles`` again after adding a site or a language, so the new trees get
their permissions and the workflow.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_permission_codename
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from .snippets.models import SNIPPET_MODELS

TRANSLATOR_PAGE_PERMISSIONS = ("add_page", "change_page")
# Image and document permissions, given on the root collection (so on every collection).
MEDIA_PERMISSIONS = {
    "wagtailimages": ("add_image", "choose_image"),
    "wagtaildocs": ("add_document", "choose_document"),
}

REVIEW_WORKFLOW_NAME = gettext_lazy("Editorial review")
REVIEW_TASK_NAME = gettext_lazy("Review by a moderator")


def message_in(message):
    """``message`` in a given language: ``message_in(message)("nb")``."""

    def name_in(language):
        with translation.override(language):
            return str(message)

    return name_in


@dataclass(frozen=True)
class Role:
    """A group's name, what it is for, and what its members may do."""

    name: str
    description: str
    page_permissions: tuple[str, ...]
    snippet_actions: tuple[str, ...]
    media_permissions: dict[str, tuple[str, ...]]

    def name_in(self, language):
        return message_in(self.name)(language)


COMMUNICATION_STAFF = Role(
    name=gettext_lazy("Communication staff"),
    description=gettext_lazy(
        "Write and edit projects, networks, conferences and programme items in every language "
        "and submit them for review; add and edit people, organisations, venues, focus areas "
        "and regions; upload and choose images and documents. Cannot publish."
    ),
    page_permissions=("add_page", "change_page"),
    snippet_actions=("add", "change"),
    media_permissions=MEDIA_PERMISSIONS,
)

MODERATORS = Role(
    name=gettext_lazy("Content moderators"),
    description=gettext_lazy(
        "Everything communication staff may do, and review: approve and publish pages or "
        "send them back with a comment, lock and unlock pages, delete people, organisations, "
        "venues, focus areas and regions."
    ),
    page_permissions=(
        *COMMUNICATION_STAFF.page_permissions,
        "publish_page",
        "lock_page",
        "unlock_page",
    ),
    snippet_actions=(*COMMUNICATION_STAFF.snippet_actions, "delete"),
    media_permissions=MEDIA_PERMISSIONS,
)

ROLES = (COMMUNICATION_STAFF, MODERATORS)


def admin_languages():
    """Every language a name may have been given in: English (the msgids), content and admin."""
    codes = [
        "en",
        settings.LANGUAGE_CODE,
        *(code for code, _name in settings.LANGUAGES),
        *(code for code, _name in getattr(settings, "WAGTAILADMIN_PERMITTED_LANGUAGES", ())),
    ]
    return list(dict.fromkeys(codes))


def find_named(queryset, name_in):
    """The object of ``queryset`` called ``name_in(language)`` in any admin language, or None.

    An object already under the name in the site's language wins, then the oldest.
    """
    name = name_in(settings.LANGUAGE_CODE)
    known_names = {name_in(language) for language in admin_languages()}
    candidates = queryset.filter(name__in=known_names).order_by("pk")
    return min(candidates, key=lambda candidate: candidate.name != name, default=None)


def rename(instance, name):
    if instance.name != name:
        instance.name = name
        instance.save(update_fields=["name"])
    return instance


def named_group(name_in):
    """The group called ``name_in(language)`` in any admin language, named in the site's language.

    Created when there is none, renamed when it was made under another language,
    so its members and permissions stay when the site's language changes.
    """
    name = name_in(settings.LANGUAGE_CODE)
    group = find_named(Group.objects.all(), name_in)
    if group is None:
        return Group.objects.create(name=name)
    return rename(group, name)


def translator_group_name(locale, language=None):
    with translation.override(language or settings.LANGUAGE_CODE):
        return _("Translators: %(language)s") % {"language": locale.get_display_name()}


def translator_group(locale):
    """The locale's translator group, found under its name in any admin language and renamed."""
    return named_group(lambda language: translator_group_name(locale, language))


def translator_group_description(locale):
    return _(
        "Translate pages into %(language)s, in that language's tree only, and submit them for review."
    ) % {"language": locale.get_display_name()}


def site_trees():
    """The top pages of every site's trees: each site's root page and all its translations."""
    keys = Page.objects.filter(pk__in=Site.objects.values("root_page")).values("translation_key")
    return Page.objects.filter(translation_key__in=keys).order_by("path")


def language_trees(locale):
    """The top pages of ``locale``'s trees: the translations of every site's root page."""
    return site_trees().filter(locale=locale)


def get_permissions(app_label, codenames):
    """The permissions, all of them: a missing one is an error, not a silent gap."""
    permissions = list(
        Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
    )
    missing = set(codenames) - {permission.codename for permission in permissions}
    if missing:
        raise Permission.DoesNotExist(f"{app_label}: {', '.join(sorted(missing))}")
    return permissions


def access_admin():
    [permission] = get_permissions("wagtailadmin", ["access_admin"])
    return permission


def give_page_permissions(group, pages, codenames):
    permissions = get_permissions("wagtailcore", codenames)
    for page in pages:
        for permission in permissions:
            GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def snippet_permissions(actions):
    content_types = ContentType.objects.get_for_models(*SNIPPET_MODELS)
    permissions = []
    for model in SNIPPET_MODELS:
        codenames = [get_permission_codename(action, model._meta) for action in actions]
        permissions += Permission.objects.filter(
            content_type=content_types[model], codename__in=codenames
        )
    if len(permissions) != len(SNIPPET_MODELS) * len(actions):
        raise Permission.DoesNotExist(f"snippet permissions {actions}")
    return permissions


def ensure_group(role):
    """The role's group with its permissions on every site tree, the snippets and the media."""
    group = named_group(role.name_in)
    group.permissions.add(access_admin(), *snippet_permissions(role.snippet_actions))
    give_page_permissions(group, site_trees(), role.page_permissions)
    root_collection = Collection.get_first_root_node()
    for app_label, codenames in role.media_permissions.items():
        for permission in get_permissions(app_label, codenames):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission
            )
    return group


def ensure_translator_groups_by_locale(source_language=None):
    """(locale, group) for every non-source locale; the group has rights on its own trees only."""
    source_language = source_language or settings.LANGUAGE_CODE
    groups = []
    for locale in Locale.objects.exclude(language_code=source_language).order_by("pk"):
        group = translator_group(locale)
        group.permissions.add(access_admin())
        give_page_permissions(group, language_trees(locale), TRANSLATOR_PAGE_PERMISSIONS)
        groups.append((locale, group))
    return groups


def ensure_translator_groups(source_language=None):
    """One translator group per non-source locale, with rights on its own trees only."""
    return [group for _locale, group in ensure_translator_groups_by_locale(source_language)]


def ensure_review_workflow(moderators):
    """The review workflow, its moderators' task, and its assignment to every site tree."""
    workflow_name = message_in(REVIEW_WORKFLOW_NAME)
    workflow = find_named(Workflow.objects.all(), workflow_name)
    if workflow is None:
        workflow = Workflow.objects.create(name=workflow_name(settings.LANGUAGE_CODE))
    rename(workflow, workflow_name(settings.LANGUAGE_CODE))
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])

    task_name = message_in(REVIEW_TASK_NAME)
    task = find_named(
        GroupApprovalTask.objects.filter(workflow_tasks__workflow=workflow), task_name
    )
    if task is None:
        task = GroupApprovalTask.objects.create(name=task_name(settings.LANGUAGE_CODE))
    rename(task, task_name(settings.LANGUAGE_CODE))
    if not task.active:
        task.active = True
        task.save(update_fields=["active"])
    task.groups.add(moderators)
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(
            workflow=workflow, task=task, sort_order=workflow.workflow_tasks.count()
        )

    pages = list(site_trees())
    for page in pages:
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
    return workflow, task, pages


@dataclass
class Roles:
    """What ``ensure_roles`` ensured."""

    communication_staff: Group
    moderators: Group
    translators: list[tuple[Locale, Group]]
    workflow: Workflow
    review_task: GroupApprovalTask
    reviewed_trees: list[Page]


@transaction.atomic
def ensure_roles():
    """Every group with its permissions and the review workflow; safe to run again."""
    communication_staff = ensure_group(COMMUNICATION_STAFF)
    moderators = ensure_group(MODERATORS)
    translators = ensure_translator_groups_by_locale()
    workflow, task, pages = ensure_review_workflow(moderators)
    return Roles(communication_staff, moderators, translators, workflow, task, pages)
