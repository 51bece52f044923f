"""Communication staff write, moderators review and publish, translators only translate.

Everything goes through the real admin views with the test client; the roles
and the review workflow come from ``setup_roles``, once per module.
"""

from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from wagtail.models import (
    GroupCollectionPermission,
    GroupPagePermission,
    Task,
    TaskState,
    Workflow,
    WorkflowPage,
    WorkflowState,
    WorkflowTask,
)

from content_types.models import ConferencePage, Person
from content_types.roles import ensure_roles, translator_group

from .. import utils
from ..localization.helpers import start_translation, translate_all

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def roles(site_tree, django_db_blocker):
    with django_db_blocker.unblock():
        return ensure_roles()


def login(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def make_member(django_user_model):
    def make_member(username, group):
        user = django_user_model.objects.create_user(
            username, email=f"{username}@example.org", password="pw"
        )
        user.groups.add(group)
        return user

    return make_member


@pytest.fixture
def writer(make_member, roles):
    return make_member("kommunikator", roles.communication_staff)


@pytest.fixture
def moderator(make_member, roles):
    return make_member("moderator", roles.moderators)


@pytest.fixture
def translator(make_member, roles, nb_locale):
    return make_member("oversattare", translator_group(nb_locale))


# The admin's forms


def add_conference_url(index):
    return reverse("wagtailadmin_pages:add", args=("content_types", "conferencepage", index.pk))


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def workflow_action_url(page, action):
    task_state = page.current_workflow_task_state
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])


def conference_form(action, **fields):
    """What the conference editor posts: the fields, the inline formsets and the button pressed."""
    data = {
        "title": "Biblioteksdagarna",
        "slug": "biblioteksdagarna",
        "kind": "conference",
        "tagline": "Två dagar om läsfrämjande",
        "start": "2025-06-10 09:00",
        "end": "2025-06-11 16:00",
        "timezone": "Europe/Stockholm",
        "status": "scheduled",
        action: action,
    }
    for prefix in ("organisers", "documents", "comments"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    data.update(fields)
    return data


def refused(response):
    """The admin refuses: 403, or (Wagtail's way) back to the dashboard with a message."""
    return response.status_code == 403 or (
        response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    )


def in_api(client, page):
    return client.get(utils.page_detail_url(page)).status_code == 200


@pytest.fixture
def submitted(writer, conference_index):
    """A conference communication staff wrote and submitted for review in the admin."""
    response = login(writer).post(
        add_conference_url(conference_index), conference_form("action-submit")
    )
    assert response.status_code == 302, response.context and response.context["form"].errors
    return ConferencePage.objects.child_of(conference_index).get(slug="biblioteksdagarna")


def snapshot():
    """Everything setup_roles makes, as plain values."""
    return {
        "groups": sorted(Group.objects.values_list("pk", "name")),
        "group permissions": sorted(
            Group.permissions.through.objects.values_list("group_id", "permission_id")
        ),
        "page permissions": sorted(
            GroupPagePermission.objects.values_list("group_id", "page_id", "permission_id")
        ),
        "collection permissions": sorted(
            GroupCollectionPermission.objects.values_list(
                "group_id", "collection_id", "permission_id"
            )
        ),
        "workflows": sorted(Workflow.objects.values_list("pk", "name", "active")),
        "tasks": sorted(Task.objects.values_list("pk", "name", "active")),
        "workflow tasks": sorted(WorkflowTask.objects.values_list("workflow_id", "task_id")),
        "assignments": sorted(WorkflowPage.objects.values_list("page_id", "workflow_id")),
    }


# Setting up


def test_setup_roles_can_run_again_and_changes_nothing(roles):
    before = snapshot()
    output = StringIO()
    call_command("setup_roles", stdout=output)
    assert snapshot() == before
    call_command("setup_roles", stdout=StringIO())
    assert snapshot() == before
    for name in ("Kommunikatörer", "Moderatorer", "Översättare: Norsk bokmål", "Granskning"):
        assert name in output.getvalue()


def test_every_language_tree_is_reviewed_by_our_moderators(roles, home, nb_home, conference_index):
    assert roles.workflow.name == "Granskning"
    assert [task.name for task in roles.workflow.tasks] == ["Granskning av moderator"]
    assert list(roles.review_task.groups.all()) == [roles.moderators]
    assert {page.pk for page in roles.reviewed_trees} == {home.pk, nb_home.pk}
    for page in (home, nb_home, conference_index):
        assert page.get_workflow() == roles.workflow
    # Wagtail's own default workflow and groups are left alone, and used nowhere here.
    assert Group.objects.filter(name="Moderators").exists()
    assert not roles.review_task.groups.filter(name="Moderators").exists()


def test_the_groups_keep_their_identity_when_the_site_language_changes(roles, settings):
    settings.LANGUAGE_CODE = "en"
    english = ensure_roles()
    assert (english.communication_staff.name, english.moderators.name) == (
        "Communication staff",
        "Content moderators",
    )
    assert english.workflow.name == "Editorial review"
    settings.LANGUAGE_CODE = "nb"
    norwegian = ensure_roles()
    assert norwegian.communication_staff.name == "Kommunikasjonsmedarbeidere"
    settings.LANGUAGE_CODE = "sv"
    swedish = ensure_roles()
    for again in (english, norwegian):
        assert (
            again.communication_staff.pk
            == swedish.communication_staff.pk
            == roles.communication_staff.pk
        )
        assert again.moderators.pk == swedish.moderators.pk == roles.moderators.pk
        assert again.workflow.pk == swedish.workflow.pk == roles.workflow.pk
        assert again.review_task.pk == swedish.review_task.pk == roles.review_task.pk
    assert swedish.communication_staff.name == "Kommunikatörer"
    assert not Group.objects.filter(name__in=["Communication staff", "Content moderators"]).exists()


def test_communication_staff_edit_snippets_and_moderators_also_delete_them(writer, moderator):
    for user in (writer, moderator):
        for model in ("person", "organisation", "venue", "focusarea", "region"):
            assert user.has_perm(f"content_types.add_{model}")
            assert user.has_perm(f"content_types.change_{model}")
        assert user.has_perm("wagtailadmin.access_admin")
    assert not writer.has_perm("content_types.delete_person")
    assert moderator.has_perm("content_types.delete_person")

    person = utils.make_person("Eva Ek")
    delete_url = reverse("wagtailsnippets_content_types_person:delete", args=[person.pk])
    assert refused(login(writer).post(delete_url))
    assert Person.objects.filter(pk=person.pk).exists()
    login(moderator).post(delete_url)
    assert not Person.objects.filter(pk=person.pk).exists()


def test_communication_staff_choose_and_upload_images_and_documents(writer):
    for permission in ("add_image", "choose_image"):
        assert GroupCollectionPermission.objects.filter(
            group__user=writer, permission__codename=permission, collection__depth=1
        ).exists()
    assert login(writer).get(reverse("wagtailimages:add")).status_code == 200
    assert login(writer).get(reverse("wagtaildocs:add")).status_code == 200


# Writing and submitting


def test_communication_staff_create_a_conference_and_submit_it_for_review(
    submitted, writer, roles, client
):
    assert submitted.owner == writer
    assert not submitted.live
    state = submitted.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow == roles.workflow
    assert state.requested_by == writer
    assert client.get(utils.page_detail_url(submitted)).status_code == 404


def test_communication_staff_cannot_publish(writer, conference_index, client):
    editor = login(writer)
    response = editor.post(add_conference_url(conference_index), conference_form("action-publish"))
    assert response.status_code == 302
    page = ConferencePage.objects.child_of(conference_index).get(slug="biblioteksdagarna")
    assert not page.live

    response = editor.post(
        edit_url(page), conference_form("action-publish", title="Biblioteksdagarna 2025")
    )
    page.refresh_from_db()
    assert not page.live
    assert page.get_latest_revision().as_object().title == "Biblioteksdagarna 2025"
    assert not in_api(client, page)
    assert not page.permissions_for_user(writer).can_publish()


def test_moderators_are_emailed_when_a_page_is_submitted(moderator, writer, conference_index):
    mail.outbox.clear()
    login(writer).post(add_conference_url(conference_index), conference_form("action-submit"))

    to_moderator = [message for message in mail.outbox if moderator.email in message.to]
    assert len(to_moderator) == 1
    message = to_moderator[0]
    assert "Biblioteksdagarna" in message.subject
    assert message.from_email == "samverkan@example.org"
    assert message.alternatives  # an HTML version too
    assert not [message for message in mail.outbox if writer.email in message.to]


# Reviewing


def test_a_moderator_approves_and_the_page_is_published(submitted, moderator, writer, client):
    mail.outbox.clear()
    response = login(moderator).post(workflow_action_url(submitted, "approve"), {"comment": ""})
    assert response.status_code == 302

    submitted.refresh_from_db()
    assert submitted.live
    assert WorkflowState.objects.get(object_id=str(submitted.pk)).status == (
        WorkflowState.STATUS_APPROVED
    )
    assert in_api(client, submitted)
    assert any(writer.email in message.to for message in mail.outbox)


def test_a_moderator_sends_the_page_back_with_a_comment(submitted, moderator, writer, client):
    task_state = submitted.current_workflow_task_state
    mail.outbox.clear()
    comment = "Lägg till lokalen och programmet innan vi publicerar."
    response = login(moderator).post(workflow_action_url(submitted, "reject"), {"comment": comment})
    assert response.status_code == 302

    state = WorkflowState.objects.get(object_id=str(submitted.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_REJECTED
    assert task_state.comment == comment
    submitted.refresh_from_db()
    assert not submitted.live
    assert not in_api(client, submitted)

    # Back with the editor: told why, free to edit and to submit again.
    [message] = [message for message in mail.outbox if writer.email in message.to]
    assert comment in message.body
    assert login(writer).get(edit_url(submitted)).status_code == 200
    assert submitted.permissions_for_user(writer).can_submit_for_moderation()


def test_communication_staff_cannot_approve_their_own_page(submitted, writer):
    response = login(writer).post(workflow_action_url(submitted, "approve"))
    assert refused(response)
    submitted.refresh_from_db()
    assert not submitted.live
    assert submitted.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


def test_a_translation_goes_through_the_same_review_and_translators_cannot_approve(
    translator, roles, conference_index, nb_locale
):
    conference = utils.make_conference(conference_index, title="Biblioteksdagarna")
    translation, page = start_translation(conference, nb_locale)
    translate_all(translation)
    response = login(translator).post(reverse("samverkan_submit_translation", args=[page.pk]))
    assert response.status_code == 302
    page.refresh_from_db()
    state = page.current_workflow_state
    assert state.workflow == roles.workflow

    assert refused(login(translator).post(workflow_action_url(page, "approve")))
    page.refresh_from_db()
    assert not page.live
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.status == TaskState.STATUS_IN_PROGRESS
