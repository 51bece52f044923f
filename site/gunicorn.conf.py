"""gunicorn's settings for the site, read with ``-c site/gunicorn.conf.py``.

The command line gives the address and the number of workers; what belongs
to every deployment is here.
"""

import gc


def post_worker_init(worker):
    """Keep what the worker loaded at start-up out of the garbage collector's walks.

    The site's modules, models, URL patterns and serializers live as long as
    the worker, yet every full collection would walk them again: about a sixth
    of an uncached API response's time. Frozen, they are never collected, and
    the pages of memory they sit on stay shared with the master process.
    """
    gc.freeze()
