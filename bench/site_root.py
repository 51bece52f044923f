"""The page the benchmark's content goes under: the site's Swedish home page, and nothing else.

``seed_benchmark`` needs the default site to start at a home page; it adds
the index pages and the Norwegian tree itself. The demo content would put its
own projects, regions and conferences into every listing and search, so the
data sets are the synthetic content alone.

    manage.py shell --command "from bench.site_root import create_home_page; create_home_page()"
"""

from content_types.demo.builder import DemoBuilder
from content_types.demo.tree import SWEDISH_HOME
from content_types.home.models import HomePage


def create_home_page():
    builder = DemoBuilder()
    builder.home_page(HomePage, builder.locale("sv"), **SWEDISH_HOME)
