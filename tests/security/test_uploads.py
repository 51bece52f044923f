"""Uploads through the admin's own views: only image and document types that cannot run
in a browser, and no more than the configured size (and, for images, pixels).

A refused file is a form error on the upload page; nothing is stored.
"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

pytestmark = pytest.mark.django_db

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>'
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "admin@example.org", "pw")
    client.force_login(user)
    return client


def png(width=8, height=8):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def upload_image(client, name, content, content_type="image/png"):
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Bild",
            "file": SimpleUploadedFile(name, content, content_type=content_type),
            "collection": Collection.get_first_root_node().pk,
        },
    )


def upload_document(client, name, content, content_type="application/pdf"):
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Dokument",
            "file": SimpleUploadedFile(name, content, content_type=content_type),
            "collection": Collection.get_first_root_node().pk,
        },
    )


def assert_refused(response, model):
    assert response.status_code == 200, response.status_code  # the form again, not a redirect
    errors = response.context["form"].errors
    assert "file" in errors, errors
    assert not model.objects.exists()


class TestImages:
    def test_a_png_is_stored(self, admin_client):
        response = upload_image(admin_client, "bild.png", png())
        assert response.status_code == 302
        assert get_image_model().objects.get().title == "Bild"

    @pytest.mark.parametrize(
        "name, content, content_type",
        [
            ("bild.svg", SVG, "image/svg+xml"),
            ("sida.html", HTML, "text/html"),
            ("sida.png", HTML, "image/png"),
            ("bild.png.html", png(), "text/html"),
            ("skript.js", b"alert(1)", "text/javascript"),
        ],
        ids=["svg", "html", "html-named-png", "png-named-html", "script"],
    )
    def test_other_types_are_refused(self, admin_client, name, content, content_type):
        assert_refused(upload_image(admin_client, name, content, content_type), get_image_model())

    def test_a_file_over_the_size_limit_is_refused(self, admin_client, settings):
        content = png(64, 64)
        settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = len(content) - 1
        assert_refused(upload_image(admin_client, "bild.png", content), get_image_model())

    def test_an_image_over_the_pixel_limit_is_refused(self, admin_client, settings):
        settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 64 * 64 - 1
        assert_refused(upload_image(admin_client, "bild.png", png(64, 64)), get_image_model())

    def test_the_multiple_upload_refuses_an_svg_too(self, admin_client):
        response = admin_client.post(
            reverse("wagtailimages:add_multiple"),
            {"files[]": SimpleUploadedFile("bild.svg", SVG, content_type="image/svg+xml")},
        )
        assert response.status_code == 200
        assert response.json()["success"] is False
        assert not get_image_model().objects.exists()


class TestDocuments:
    def test_a_pdf_is_stored(self, admin_client):
        response = upload_document(admin_client, "program.pdf", b"%PDF-1.4\n%%EOF\n")
        assert response.status_code == 302
        assert get_document_model().objects.get().title == "Dokument"

    @pytest.mark.parametrize(
        "name, content, content_type",
        [
            ("sida.html", HTML, "text/html"),
            ("sida.htm", HTML, "text/html"),
            ("bild.svg", SVG, "image/svg+xml"),
            ("skript.js", b"alert(1)", "text/javascript"),
            ("program.exe", b"MZ", "application/octet-stream"),
        ],
        ids=["html", "htm", "svg", "script", "executable"],
    )
    def test_other_types_are_refused(self, admin_client, name, content, content_type):
        assert_refused(
            upload_document(admin_client, name, content, content_type), get_document_model()
        )

    def test_a_file_over_the_size_limit_is_refused(self, admin_client, settings):
        content = b"%PDF-1.4\n" + b"0" * 2048 + b"\n%%EOF\n"
        settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = len(content) - 1
        assert_refused(upload_document(admin_client, "program.pdf", content), get_document_model())
