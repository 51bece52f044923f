#!/usr/bin/env python
"""Django's command-line utility for the Samverkan reference site."""

import os
import sys
from pathlib import Path

# The project package lives in site/; a package cannot itself be called "site"
# because the standard library's site module is imported at start-up.
sys.path.insert(0, str(Path(__file__).resolve().parent / "site"))

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverkan.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
