"""The limits of login throttling, uploads and the Content-Security-Policy come from the environment."""

import json
import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent.parent

SCRIPT = (
    "import json; from django.conf import settings; print(json.dumps({"
    "'failure_limit': settings.AXES_FAILURE_LIMIT, "
    "'cool_off': settings.AXES_COOLOFF_TIME.total_seconds(), "
    "'proxies': settings.SAMVERKAN_TRUSTED_PROXY_COUNT, "
    "'image_size': settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE, "
    "'image_pixels': settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS, "
    "'document_size': settings.WAGTAILDOCS_MAX_UPLOAD_SIZE, "
    "'img_src': settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'], "
    "'frame_src': settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['frame-src']}))"
)


def configured(**environment):
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", SCRIPT],
        cwd=PROJECT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "samverkan.settings.dev", **environment},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_defaults():
    assert configured() == {
        "failure_limit": 5,
        "cool_off": 15 * 60,
        "proxies": 0,
        "image_size": 10 * 1024 * 1024,
        "image_pixels": 64_000_000,
        "document_size": 20 * 1024 * 1024,
        "img_src": ["'self'", "data:"],
        "frame_src": ["'none'"],
    }


def test_each_limit_comes_from_its_variable():
    assert configured(
        LOGIN_FAILURE_LIMIT="10",
        LOGIN_COOLOFF_MINUTES="60",
        TRUSTED_PROXY_COUNT="2",
        IMAGE_MAX_UPLOAD_SIZE="1000",
        IMAGE_MAX_PIXELS="2000",
        DOCUMENT_MAX_UPLOAD_SIZE="3000",
        CSP_IMG_SRC="https://media.example.se,https://cdn.example.se",
        CSP_FRAME_SRC="https://www.youtube-nocookie.com",
    ) == {
        "failure_limit": 10,
        "cool_off": 60 * 60,
        "proxies": 2,
        "image_size": 1000,
        "image_pixels": 2000,
        "document_size": 3000,
        "img_src": ["'self'", "data:", "https://media.example.se", "https://cdn.example.se"],
        "frame_src": ["https://www.youtube-nocookie.com"],
    }
