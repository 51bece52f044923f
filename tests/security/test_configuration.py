"""The limits of login throttling, uploads and the Content-Security-Policy come from the environment."""

from ..utils import settings_in_new_process

SETTINGS = {
    "failure_limit": "settings.SAMVERKAN_LOGIN_FAILURE_LIMIT",
    "address_failure_limit": "settings.SAMVERKAN_LOGIN_ADDRESS_FAILURE_LIMIT",
    "password_throttle": "settings.SAMVERKAN_PASSWORD_THROTTLE",
    "cool_off": "settings.AXES_COOLOFF_TIME.total_seconds()",
    "proxies": "settings.SAMVERKAN_TRUSTED_PROXY_COUNT",
    "image_size": "settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE",
    "image_pixels": "settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS",
    "document_size": "settings.WAGTAILDOCS_MAX_UPLOAD_SIZE",
    "img_src": "settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']",
    "frame_src": "settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['frame-src']",
}


def configured(**environment):
    return settings_in_new_process(SETTINGS, environment)


def test_the_defaults():
    assert configured() == {
        "failure_limit": 5,
        "address_failure_limit": 30,
        "password_throttle": {"FAILURE_LIMIT": 10, "WINDOW": 15 * 60},
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
        LOGIN_ADDRESS_FAILURE_LIMIT="50",
        PASSWORD_FAILURE_LIMIT="20",
        PASSWORD_COOLOFF_MINUTES="30",
        LOGIN_COOLOFF_MINUTES="60",
        TRUSTED_PROXY_COUNT="2",
        IMAGE_MAX_UPLOAD_SIZE="1000",
        IMAGE_MAX_PIXELS="2000",
        DOCUMENT_MAX_UPLOAD_SIZE="3000",
        CSP_IMG_SRC="https://media.example.se,https://cdn.example.se",
        CSP_FRAME_SRC="https://www.youtube-nocookie.com",
    ) == {
        "failure_limit": 10,
        "address_failure_limit": 50,
        "password_throttle": {"FAILURE_LIMIT": 20, "WINDOW": 30 * 60},
        "cool_off": 60 * 60,
        "proxies": 2,
        "image_size": 1000,
        "image_pixels": 2000,
        "document_size": 3000,
        "img_src": ["'self'", "data:", "https://media.example.se", "https://cdn.example.se"],
        "frame_src": ["https://www.youtube-nocookie.com"],
    }
