"""With the database task backend, deliveries leave the publishing request for the worker."""

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from content_types.models import WebhookDelivery

from .. import utils

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_tasks(settings):
    # django-tasks rebuilds its backends when the setting changes.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_publishing_only_queues_the_delivery_and_the_worker_sends_it(
    database_tasks, django_capture_on_commit_callbacks, receiver, subscriber, conference_index
):
    with django_capture_on_commit_callbacks(execute=True):
        utils.make_conference(conference_index)

    assert receiver.requests == []
    assert DBTaskResult.objects.filter(task_path__contains="webhooks").exists()

    call_command("db_worker", batch=True, no_startup_delay=True, interval=0, verbosity=0)

    assert len(receiver.requests) == 1
    assert WebhookDelivery.objects.get().status_code == 200
