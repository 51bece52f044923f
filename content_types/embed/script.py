"""The embed script: the files in ``scripts/`` joined into one, with its validator.

The files share one function scope, so the host page's globals are left alone
and the elements see each other's helpers. The script is built once per
process (on every request with ``DEBUG``, so an edit shows at once).
"""

import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings

SCRIPTS = Path(__file__).resolve().parent / "scripts"
VERSION = "v1"
HEADER = (
    "/*! Samverkan embeddable elements {version}: <samverkan-programme> and <samverkan-events>."
    " Documentation: docs/api.md#embedding */\n"
)


@dataclass(frozen=True)
class Script:
    body: bytes
    etag: str


def assemble():
    parts = [path.read_text(encoding="utf-8") for path in sorted(SCRIPTS.glob("*.js"))]
    text = (
        HEADER.format(version=VERSION) + '(() => {\n"use strict";\n' + "\n".join(parts) + "})();\n"
    )
    body = text.encode("utf-8")
    return Script(body=body, etag=f'"{hashlib.sha256(body).hexdigest()[:32]}"')


@cache
def assembled_once():
    return assemble()


def embed_script():
    """The script as served now."""
    return assemble() if settings.DEBUG else assembled_once()
