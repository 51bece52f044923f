"""The answers, made in a process of its own: ``python -m tests.api.endpoint_record.answers OUT``.

The process is given the test settings and a database file of its own that
nothing has touched (``DATABASE_URL``), so primary keys are the same on every
run. Its clock stands still (time-machine, ``tick=False``) and moves only from
one step of the content to the next, then to the moment every answer is read.
Each request goes through Django's test client, anonymous, to the fixed host
``testserver``: URL resolution, the middleware and the response cache as in
production. The cache is on, as in production, in this process's own memory,
empty at the start; every request is asked once, so every answer is made
afresh. The answers are written to ``OUT`` as JSON.

Translation keys are random UUIDs (``uuid.uuid4``), and the calendars' UIDs
show them: here they are drawn from a generator with a fixed seed, replacing
``uuid.uuid4`` before Django loads a model, so each page and snippet has the
same key on every run.
"""

import json
import random
import sys
import uuid
from time import perf_counter

import django
import time_machine

from .moments import ANSWERED_AT, STEPS

HOST = "testserver"
#: Every UUID made while the content is built, from a fixed seed.
UUIDS = random.Random(2026)
#: The headers kept with each answer, besides its status and body.
RECORDED_HEADERS = ("Content-Type", "Content-Language", "Location", "Content-Disposition")


def answer(client, request):
    """What the site answers ``request``: status, the recorded headers and the body as text."""
    headers = {"Accept-Language": request.accept_language} if request.accept_language else {}
    response = client.generic(request.method, request.path, headers=headers)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return {
        "request": request.key,
        "status": response.status_code,
        "headers": {name: response[name] for name in RECORDED_HEADERS if name in response},
        "body": body.decode(),
    }


def answer_every_request(clock):
    """Build the content, then answer every request of ``surfaces.every_request``.

    ``clock`` is a stopped time-machine traveller; the content moves it.
    """
    from django.conf import settings
    from django.core.cache import cache
    from django.test import Client, override_settings

    from .content import build_content
    from .surfaces import every_request

    started = perf_counter()
    build_content(clock)
    built = perf_counter()
    cache.clear()
    client = Client(HTTP_HOST=HOST, raise_request_exception=False)
    with override_settings(SAMVERKAN_API={**settings.SAMVERKAN_API, "CACHE_ENABLED": True}):
        answers = [answer(client, request) for request in every_request()]
    for failed in (answer for answer in answers if answer["status"] >= 500):
        print(f"server error: {failed['request']}", file=sys.stderr)
    print(
        f"content built in {built - started:.1f} s, "
        f"{len(answers)} requests answered in {perf_counter() - built:.1f} s",
        file=sys.stderr,
    )
    return {"answered_at": ANSWERED_AT.isoformat(), "answers": answers}


def seeded_uuid4():
    """A version-4 UUID, the next of a fixed sequence."""
    return uuid.UUID(int=UUIDS.getrandbits(128), version=4)


def main(output):
    # Both before Django starts: the models' defaults take uuid.uuid4 as they are defined,
    # and nothing the site works out at start-up sees the real time.
    uuid.uuid4 = seeded_uuid4
    clock = time_machine.travel(STEPS["migrate"].timestamp(), tick=False).start()
    django.setup()
    answers = answer_every_request(clock)
    with open(output, "w", encoding="utf-8") as file:
        json.dump(answers, file, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
