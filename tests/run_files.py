"""Files that the processes of one test run make once and share.

``make test`` runs the suite in several worker processes (pytest-xdist). What
takes seconds to make and is the same for every worker (a database file as
``migrate`` leaves it, the demo content's rows) is made by the first process
that needs it, under a lock, in the temporary folder of the whole run, and
read by the others; the way pytest-xdist documents for a session fixture that
must run once. A run in one process keeps them in its own temporary folder.
Each run starts with none of them: nothing is kept from one run to the next.
"""

import fcntl
import os


def run_folder(tmp_path_factory):
    """The temporary folder of the whole run; each worker's own folder is inside it."""
    folder = tmp_path_factory.getbasetemp()
    return folder.parent if os.environ.get("PYTEST_XDIST_WORKER") else folder


def made_once(tmp_path_factory, name, make):
    """The path of the file ``name``, made by ``make(path)`` in the first process that asks.

    The others wait for it on the lock; a file whose making failed is made
    again by the next process that asks.
    """
    folder = run_folder(tmp_path_factory)
    path = folder / name
    with open(folder / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the lock's file is closed
        if not path.exists():
            unfinished = folder / f"{name}.unfinished"
            make(unfinished)
            unfinished.replace(path)
    return path
