"""In development the example site (``make example``) may read the API from its own origin."""

import importlib


def test_development_lets_the_example_site_read_the_api(monkeypatch):
    monkeypatch.delenv("CORS_ALLOWED_ORIGINS", raising=False)
    development = importlib.reload(importlib.import_module("samverkan.settings.dev"))
    assert development.CORS_ALLOWED_ORIGINS == ["http://127.0.0.1:8001", "http://localhost:8001"]


def test_development_takes_the_origins_from_the_environment_when_given(monkeypatch):
    monkeypatch.setenv("CORS_ALLOWED_ORIGINS", "https://example.se")
    development = importlib.reload(importlib.import_module("samverkan.settings.dev"))
    assert development.CORS_ALLOWED_ORIGINS == ["https://example.se"]
