"""Local development: debug on, a throwaway secret key unless one is given."""

from .base import *  # noqa: F403
from .base import DEVELOPMENT_SECRET_KEY, env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default=DEVELOPMENT_SECRET_KEY)
# The example site (make example, examples/external-site/) reads the API from
# its own origin; in development only, unless CORS_ALLOWED_ORIGINS says otherwise.
CORS_ALLOWED_ORIGINS = env.list(
    "CORS_ALLOWED_ORIGINS", default=["http://127.0.0.1:8001", "http://localhost:8001"]
)
