"""The OpenAPI document of the public API (/api/v2/openapi.json) and its web page (/api/v2/docs/).

The document is generated from the code, and these tests hold it to the code
both ways: it lists every endpoint, parameter and page-type field the API
has, a field or parameter the generator cannot describe fails the build, and
every documented path answers what the document says for the demo content,
both for requests written here and for requests schemathesis generates from
the document.
"""

import re
from urllib.parse import urlencode

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.http import HttpResponse
from django.test import Client
from django.urls import URLResolver, get_resolver, path, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate
from rest_framework import serializers
from samverkan.urls import urlpatterns as site_urlpatterns
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import response_schema_conformance
from wagtail.api import APIField
from wagtail.models import Page, get_page_models

from content_types.api.views import ContentPagesAPIViewSet
from content_types.models import ConferencePage, ProjectPage
from content_types.openapi.generator import build_document
from content_types.openapi.parameters import UndocumentedParameterError
from content_types.openapi.schemas import UndocumentedFieldError
from content_types.projects.models import ProjectStatus

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("stored_demo")]

OPENAPI_URL = "/api/v2/openapi.json"
SYNC_URL = "/api/v2/sync/"
DOCS_URL = "/api/v2/docs/"
UNDOCUMENTED_QUERY_PARAMETERS = {"_", "format"}


@pytest.fixture(scope="module")
def document(demo, django_db_blocker):
    with django_db_blocker.unblock():
        response = Client().get(OPENAPI_URL)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/json"
    return response.json()


def component(document, name):
    return document["components"]["schemas"][name]


def validator(document, schema):
    """A JSON Schema validator for ``schema``, its references resolved in ``document``."""
    return Draft202012Validator(
        {**schema, "components": document["components"]},
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


def assert_matches(document, schema, data):
    errors = sorted(validator(document, schema).iter_errors(data), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def response_schema(document, path, status="200"):
    content = document["paths"][path]["get"]["responses"][status]["content"]
    return content["application/json"]["schema"]


def api_field_names(model):
    return [
        field.name if isinstance(field, APIField) else field
        for field in getattr(model, "api_fields", ())
    ]


def schemas_in(schema):
    """Every schema nested in ``schema``, itself included."""
    yield schema
    for key in ("items", "additionalProperties"):
        if isinstance(schema.get(key), dict):
            yield from schemas_in(schema[key])
    for nested in schema.get("properties", {}).values():
        yield from schemas_in(nested)
    for key in ("anyOf", "oneOf", "allOf"):
        for nested in schema.get(key, ()):
            yield from schemas_in(nested)


def declares_a_type(schema):
    return any(key in schema for key in ("type", "$ref", "anyOf", "oneOf", "const", "enum"))


def path_regex(template):
    return re.compile("^" + re.sub(r"\\\{\w+\\\}", "[^/]+", re.escape(template)) + "$")


def documented_path_for(document, url):
    matching = [template for template in document["paths"] if path_regex(template).match(url)]
    assert len(matching) == 1, (url, matching)
    return matching[0]


class TestTheDocument:
    def test_is_a_valid_openapi_3_1_document(self, document):
        validate(document)
        assert document["openapi"].startswith("3.1")

    def test_describes_the_public_endpoints(self, document):
        for expected in [
            reverse("wagtailapi:pages:listing"),
            reverse("wagtailapi:pages:detail", args=(1,)).replace("/1/", "/{id}/"),
            reverse("wagtailapi:pages:find"),
            reverse("wagtailapi:images:listing"),
            reverse("wagtailapi:images:detail", args=(1,)).replace("/1/", "/{id}/"),
            reverse("wagtailapi:documents:listing"),
            reverse("wagtailapi:documents:detail", args=(1,)).replace("/1/", "/{id}/"),
            OPENAPI_URL,
        ]:
            assert expected in document["paths"], expected

    def test_leaves_the_preview_of_drafts_out(self, document):
        preview = reverse("wagtailapi:preview:listing")
        assert not [path for path in document["paths"] if path.startswith(preview)]

    def test_lists_every_calendar_feed_the_urlconf_serves(self, document):
        feeds = calendar_feeds()
        assert feeds, "the reference site mounts the calendar feeds"
        for url in feeds:
            operation = document["paths"][documented_path_for(document, url)]["get"]
            assert "text/calendar" in operation["responses"]["200"]["content"]

    def test_answers_errors_as_documented(self, document, client):
        for url, status in [
            (reverse("wagtailapi:pages:listing") + "?limit=lots", "400"),
            (reverse("wagtailapi:pages:detail", args=(999_999,)), "404"),
        ]:
            response = client.get(url)
            assert str(response.status_code) == status
            schema = response_schema(
                document, documented_path_for(document, url.split("?")[0]), status
            )
            assert_matches(document, schema, response.json())


class TestHttpAnswers:
    """Every answer a path gives is declared: 400 and 404 where they happen, 405 for writes."""

    def test_every_read_declares_the_400_of_an_unknown_parameter(self, document):
        for documented_path, methods in document["paths"].items():
            assert "400" in methods["get"]["responses"], documented_path

    def test_the_endpoints_and_feeds_declare_their_404(self, document):
        # The document and the sync API name nothing that can be missing.
        for documented_path, methods in document["paths"].items():
            if documented_path not in (OPENAPI_URL, DOCS_URL, SYNC_URL):
                assert "404" in methods["get"]["responses"], documented_path

    def test_the_sync_api_declares_the_410_of_a_token_too_old(self, document):
        responses = document["paths"][SYNC_URL]["get"]["responses"]
        assert {"200", "400", "410"} <= set(responses)

    def test_every_path_declares_its_writes_as_a_405_with_allow(self, document):
        for documented_path, methods in document["paths"].items():
            for method in ("post", "put", "patch", "delete"):
                response = methods[method]["responses"]["405"]
                assert response["headers"]["Allow"]["required"] is True
                assert response["content"]["application/json"]["schema"] == {
                    "$ref": "#/components/schemas/Message"
                }, (documented_path, method)

    def test_writes_answer_as_documented(self, document):
        client = Client(enforce_csrf_checks=True)
        for url in [reverse("wagtailapi:pages:listing"), OPENAPI_URL, DOCS_URL, *calendar_feeds()]:
            response = client.delete(url)
            assert response.status_code == 405, url
            documented = document["paths"][documented_path_for(document, url)]["delete"]
            schema = documented["responses"]["405"]["content"]["application/json"]["schema"]
            assert_matches(document, schema, response.json())

    def test_the_docs_page_says_the_api_is_read_only_without_listing_the_writes(self, client):
        html = client.get(DOCS_URL).content.decode()
        assert "Read-only: POST, PUT, PATCH and DELETE answer 405" in html
        assert ">DELETE<" not in html

    def test_servers_names_the_server_that_answered(self, demo, settings):
        settings.WAGTAILAPI_BASE_URL = ""
        response = Client().get(OPENAPI_URL, HTTP_HOST="127.0.0.1:8100")
        assert response.json()["servers"] == [{"url": "http://127.0.0.1:8100"}]

    def test_servers_names_the_configured_address_where_one_is_set(self, demo, settings):
        settings.WAGTAILAPI_BASE_URL = "https://samverkan.example"
        response = Client().get(OPENAPI_URL, HTTP_HOST="127.0.0.1:8100")
        assert response.json()["servers"] == [{"url": "https://samverkan.example"}]


def calendar_feeds():
    """A URL of each view in the calendar feeds' namespace, made by reversing it."""
    resolver = next(
        entry
        for entry in get_resolver().url_patterns
        if isinstance(entry, URLResolver) and entry.namespace == "samverkan_calendar"
    )
    urls = []
    for pattern in resolver.url_patterns:
        args = ["7" for _name in pattern.pattern.converters]
        urls.append(reverse(f"samverkan_calendar:{pattern.name}", args=args))
    return urls


def extra_feed(request, name):
    return HttpResponse("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", content_type="text/calendar")


# The reference site with one more feed under the calendar prefix (see the test below).
urlpatterns = [
    path("api/v2/calendar/extra/<slug:name>.ics", extra_feed, name="extra_feed"),
    *site_urlpatterns,
]


@pytest.mark.urls(__name__)
def test_a_new_calendar_feed_is_documented_from_the_urlconf(demo):
    """Whatever is under api/v2/calendar/ when the document is built is in it, with parameters."""
    document = build_document()
    operation = document["paths"]["/api/v2/calendar/extra/{name}.ics"]["get"]
    assert [(p["name"], p["in"], p["schema"]["type"]) for p in operation["parameters"]] == [
        ("name", "path", "string")
    ]
    assert "text/calendar" in operation["responses"]["200"]["content"]


class TestPageTypes:
    def test_every_page_type_has_a_component_with_exactly_its_api_fields(self, document):
        for model in get_page_models():
            schema = component(document, model.__name__)
            assert set(schema["properties"]) == {"id", "meta", "title", *api_field_names(model)}
            meta = schema["properties"]["meta"]["properties"]
            assert set(meta) == set(ContentPagesAPIViewSet.get_meta_fields_names(model))
            assert meta["type"]["const"] == model._meta.label

    def test_every_api_field_of_every_page_type_has_a_documented_schema(self, demo):
        """Built here, not fetched: a field without a schema is then named in the failure."""
        document = build_document()
        for model in get_page_models():
            for name, schema in component(document, model.__name__)["properties"].items():
                for nested in schemas_in(schema):
                    assert declares_a_type(nested), (model.__name__, name, nested)
        for name, schema in document["components"]["schemas"].items():
            for nested in schemas_in(schema):
                assert declares_a_type(nested), (name, nested)

    def test_plain_model_fields_are_typed_from_the_model(self, document):
        conference = component(document, "ConferencePage")["properties"]
        assert conference["kind"]["enum"] == [
            value for value, _ in ConferencePage.kind.field.choices
        ]
        assert conference["is_free"]["type"] == "boolean"
        # DRF renders decimals as strings (COERCE_DECIMAL_TO_STRING), null when not given.
        assert conference["price"]["type"] == ["string", "null"]
        assert re.fullmatch(conference["price"]["pattern"], "450.00")
        assert not re.fullmatch(conference["price"]["pattern"], "450,00")
        project = component(document, "ProjectPage")["properties"]
        assert project["start_date"] == {
            "type": ["string", "null"],
            "format": "date",
            "description": "Start date.",
        }
        assert project["participating_libraries"]["type"] == ["integer", "null"]

    def test_custom_fields_declare_their_own_schema(self, document):
        conference = component(document, "ConferencePage")["properties"]
        assert conference["start"]["format"] == "date-time"
        assert conference["venue"]["anyOf"][0] == {"$ref": "#/components/schemas/Venue"}
        project = component(document, "ProjectPage")["properties"]
        assert project["regions"] == {
            "type": "array",
            "items": {"$ref": "#/components/schemas/Region"},
            "description": "Counties and regions.",
        }
        assert project["predecessors"]["items"] == {"$ref": "#/components/schemas/PageLink"}
        speaker = component(document, "Speaker")["properties"]
        assert speaker["title"]["type"] == "string"

    def test_a_field_without_a_schema_fails_the_build(self, demo, monkeypatch):
        class MysteryField(serializers.Field):
            def __init__(self):
                super().__init__(source="*", read_only=True)

            def to_representation(self, page):
                return page.pk

        monkeypatch.setattr(
            ProjectPage,
            "api_fields",
            [*ProjectPage.api_fields, APIField("mystery", MysteryField())],
        )
        with pytest.raises(UndocumentedFieldError, match=r"ProjectPage.*mystery.*MysteryField"):
            build_document()

    def test_a_method_field_without_a_schema_fails_the_build(self, demo, monkeypatch):
        class ShoutSerializer(serializers.Serializer):
            shout = serializers.SerializerMethodField()

            def get_shout(self, page):
                return page.title.upper()

        monkeypatch.setattr(
            ProjectPage,
            "api_fields",
            [
                *ProjectPage.api_fields,
                APIField("loud", ShoutSerializer(source="*", read_only=True)),
            ],
        )
        with pytest.raises(UndocumentedFieldError, match=r"ShoutSerializer.*shout"):
            build_document()


class TestParameters:
    def listing_parameters(self, document):
        operation = document["paths"][reverse("wagtailapi:pages:listing")]["get"]
        return {parameter["name"]: parameter for parameter in operation["parameters"]}

    def test_every_query_parameter_the_pages_listing_accepts_is_documented(self, document):
        documented = set(self.listing_parameters(document))
        accepted = ContentPagesAPIViewSet.known_query_parameters - UNDOCUMENTED_QUERY_PARAMETERS
        assert accepted <= documented, accepted - documented

    def test_every_field_of_every_page_type_can_be_filtered_by(self, document):
        """Field filters (?status=ongoing) are one parameter per database field of each type."""
        parameters = self.listing_parameters(document)
        for model in get_page_models():
            for name in api_field_names(model):
                field = next((f for f in model._meta.get_fields() if f.name == name), None)
                if field is None or (field.auto_created and not field.concrete):
                    continue
                assert name in parameters, (model.__name__, name)
        status = parameters["status"]["schema"]["anyOf"]
        assert {"enum": list(ProjectStatus.values)} in status

    def test_filter_parameters_come_from_the_filter_backends(self, document):
        parameters = self.listing_parameters(document)
        for backend in ContentPagesAPIViewSet.filter_backends:
            for declared in getattr(backend, "openapi_parameters", ()):
                assert parameters[declared["name"]]["schema"] == declared["schema"]

    def test_a_filter_backend_that_does_not_describe_its_parameters_fails_the_build(
        self, demo, monkeypatch
    ):
        class SecretFilter:
            def filter_queryset(self, request, queryset, view):
                return queryset

        monkeypatch.setattr(
            ContentPagesAPIViewSet,
            "filter_backends",
            [SecretFilter, *ContentPagesAPIViewSet.filter_backends],
        )
        with pytest.raises(UndocumentedParameterError, match="SecretFilter"):
            build_document()

    def test_an_accepted_parameter_that_nothing_describes_fails_the_build(self, demo, monkeypatch):
        monkeypatch.setattr(
            ContentPagesAPIViewSet,
            "known_query_parameters",
            ContentPagesAPIViewSet.known_query_parameters.union(["secret"]),
        )
        with pytest.raises(UndocumentedParameterError, match="secret"):
            build_document()


class TestResponsesMatchTheDocument:
    """Real requests for the demo content, each answer checked against the documented schema."""

    def test_every_public_page_matches_its_page_type(self, document, client):
        listing = reverse("wagtailapi:pages:listing")
        response = client.get(listing, {"limit": 100})
        assert_matches(document, response_schema(document, listing), response.json())
        pages = response.json()["items"]
        assert {page["meta"]["type"] for page in pages} >= {
            model._meta.label for model in get_page_models() if model is not Page
        }
        for page in pages:
            url = page["meta"]["detail_url"].removeprefix("http://testserver")
            detail = client.get(url).json()
            model = page["meta"]["type"].split(".")[1]
            assert_matches(document, {"$ref": f"#/components/schemas/{model}"}, detail)
            assert_matches(
                document, response_schema(document, documented_path_for(document, url)), detail
            )

    @pytest.mark.parametrize("language", ["sv", "nb"])
    def test_typed_listings_with_every_field_match(self, document, client, language):
        listing = reverse("wagtailapi:pages:listing")
        for model in get_page_models():
            params = {"type": model._meta.label, "fields": "*", "locale": language, "limit": 100}
            if language != "sv":
                params["fallback"] = "sv"
            response = client.get(f"{listing}?{urlencode(params)}")
            assert response.status_code == 200, response.content
            assert_matches(document, response_schema(document, listing), response.json())

    def test_images_and_documents_match(self, document, client):
        for endpoint in ("images", "documents"):
            listing = reverse(f"wagtailapi:{endpoint}:listing")
            response = client.get(listing, {"fields": "*"})
            assert_matches(document, response_schema(document, listing), response.json())
            for item in response.json()["items"]:
                url = reverse(f"wagtailapi:{endpoint}:detail", args=(item["id"],))
                detail_path = documented_path_for(document, url)
                assert_matches(
                    document, response_schema(document, detail_path), client.get(url).json()
                )


class TestTheDocsPage:
    def test_shows_every_endpoint_and_every_field_of_every_page_type(self, document, client):
        response = client.get(DOCS_URL)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/html")
        html = response.content.decode()
        for documented_path in document["paths"]:
            assert documented_path in html
        for model in get_page_models():
            assert f'id="{model.__name__}"' in html
            for name in api_field_names(model):
                assert f"<code>{name}</code>" in html, (model.__name__, name)

    def test_loads_nothing_from_elsewhere(self, client):
        html = client.get(DOCS_URL).content.decode()
        assert not re.search(r"<script[^>]+src=", html)
        assert not re.search(r"<link[^>]+stylesheet", html)
        assert "@import" not in html


def wsgi_app():
    """The site's WSGI application, keeping the test's database connection open.

    Django closes the connection after each request, which would end the
    transaction holding the demo content; its test client turns that off the
    same way.
    """
    from samverkan.wsgi import application

    def app(environ, start_response):
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        try:
            response = application(environ, start_response)
            try:
                return [b"".join(response)]
            finally:
                response.close()
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)

    return app


#: Generated requests per GET operation: about 280 cases in all (hypothesis stops early
#: for an operation with few distinct requests), in about half a minute on two cores.
EXAMPLES_PER_OPERATION = 25
#: Every path documents its writes as a 405, whatever they ask: a few requests show it.
EXAMPLES_PER_WRITE = 3
#: At least this many generated requests must have been made, so that a generator that
#: quietly stopped producing cases cannot pass for a clean run.
MINIMUM_CASES = 200


@pytest.mark.fuzz
def test_every_documented_path_answers_as_documented(document, capsys):
    """Generated requests, valid and invalid: never a server error, every answer as documented.

    schemathesis makes up to EXAMPLES_PER_OPERATION requests per operation from
    the document itself, values that fit each parameter's schema and values that
    break it (wrong types, out of range, too long, missing), against the site's
    WSGI application and the demo content. Every request is counted, and every
    answer of 500 or more is collected, whatever the checks say.
    """
    schema = schemathesis.openapi.from_wsgi(OPENAPI_URL, wsgi_app())
    cases = []
    server_errors = []
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()
        strategy = st.one_of(
            operation.as_strategy(GenerationMode.POSITIVE),
            operation.as_strategy(GenerationMode.NEGATIVE),
        )

        @given(case=strategy)
        @settings(
            max_examples=(
                EXAMPLES_PER_OPERATION if operation.method.upper() == "GET" else EXAMPLES_PER_WRITE
            ),
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        def answers_as_documented(case):
            response = case.call()
            cases.append(case)
            if response.status_code >= 500:
                server_errors.append(f"{case.as_curl_command()} -> {response.status_code}")
            case.validate_response(
                response, checks=[not_a_server_error, response_schema_conformance]
            )

        try:
            answers_as_documented()
        except Exception as error:  # every operation is tried; all failures are reported
            failures.append(f"{operation.label}: {error}")
    with capsys.disabled():
        print(f"\nschemathesis: {len(cases)} cases, {len(server_errors)} server errors")
    assert server_errors == []
    assert not failures, "\n\n".join(failures)
    assert len(cases) >= MINIMUM_CASES
