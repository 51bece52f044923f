"""An editor: their session for the admin pages the benchmark measures, and their user.

A content moderator (``roles.py``), not a superuser: the report then filters
its rows by the editor's page permissions, as it does for the people who use
it. The session is stored where the server reads sessions (the benchmark's
database), and the load sends its cookie. The revisions ``publisher.py``
publishes are theirs too.

    manage.py shell --command "from bench.editor import print_session; print_session()"
"""

import subprocess

from .paths import MANAGE, PROJECT_DIR, PYTHON

USERNAME = "bench-editor"
PRINT_SESSION = "from bench.editor import print_session; print_session()"


def ensure_editor():
    """The editor, a content moderator, made the first time it is asked for."""
    from django.contrib.auth import get_user_model

    from content_types.roles import ensure_roles

    roles = ensure_roles()
    user, _created = get_user_model().objects.get_or_create(
        username=USERNAME, defaults={"email": f"{USERNAME}@example.org"}
    )
    user.groups.add(roles.moderators)
    return user


def print_session():
    """Make the editor (once) and print the key of a new logged-in session of theirs."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    user = ensure_editor()
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    print(session.session_key)


def editor_headers(environment):
    """The request headers of a logged-in editor, for ``fetch`` and wrk."""
    from django.conf import global_settings

    output = subprocess.run(
        [PYTHON, MANAGE, "shell", "--command", PRINT_SESSION],
        cwd=PROJECT_DIR,
        env=environment,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    key = output.strip().splitlines()[-1]
    return {"Cookie": f"{global_settings.SESSION_COOKIE_NAME}={key}"}
