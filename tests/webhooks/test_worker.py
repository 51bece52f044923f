"""With the database task backend, deliveries leave the publishing request for the worker."""

import pytest
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from content_types.models import WebhookDelivery

from .. import utils

pytestmark = pytest.mark.django_db


def run_queued_tasks():
    """What ``manage.py db_worker`` does for each task, without its connection handling.

    The command closes database connections between tasks, which would end the
    test's transaction; the work it does per task is the same.
    """
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    # A task may queue others (an event queues one delivery per subscriber).
    while task_result := DBTaskResult.objects.ready().order_by("enqueued_at").first():
        task_result.claim(worker.worker_id)
        worker.run_task(task_result)


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

    run_queued_tasks()

    assert len(receiver.requests) == 1
    assert WebhookDelivery.objects.get().status_code == 200
