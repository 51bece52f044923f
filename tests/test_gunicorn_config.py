"""gunicorn's settings for the site (site/gunicorn.conf.py)."""

import gc
import runpy
from pathlib import Path

CONFIG = Path(__file__).resolve().parent.parent / "site" / "gunicorn.conf.py"


def test_a_worker_freezes_what_it_loaded_at_start_up():
    post_worker_init = runpy.run_path(str(CONFIG))["post_worker_init"]
    gc.unfreeze()
    try:
        post_worker_init(worker=None)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
