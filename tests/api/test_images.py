"""Images reach the API with their alt text and renditions, never as bare ids."""

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images.models import Image

from .. import utils

pytestmark = pytest.mark.django_db


def make_image(title="Konferenssalen", description="Publik i en ljus konferenssal"):
    from io import BytesIO

    buffer = BytesIO()
    PILImage.new("RGB", (1200, 800), "steelblue").save(buffer, "PNG")
    return Image.objects.create(
        title=title,
        description=description,
        file=ImageFile(buffer, name="sal.png"),
    )


def test_a_conference_image_has_alt_text_and_renditions(client, conference_index):
    conference = utils.make_conference(conference_index, image=make_image())
    data = client.get(utils.page_detail_url(conference)).json()
    image = data["image"]
    assert image["alt"] == "Publik i en ljus konferenssal"
    assert (image["width"], image["height"]) == (1200, 800)
    assert set(image["renditions"]) == {"thumbnail", "medium", "large"}
    thumbnail = image["renditions"]["thumbnail"]
    assert (thumbnail["width"], thumbnail["height"]) == (320, 180)
    assert thumbnail["url"].endswith(".png")
    assert image["renditions"]["medium"]["width"] == 800


def test_the_sizes_come_from_settings(client, conference_index, settings):
    settings.SAMVERKAN_IMAGE_RENDITIONS = {"square": "fill-100x100"}
    conference = utils.make_conference(conference_index, image=make_image())
    image = client.get(utils.page_detail_url(conference)).json()["image"]
    assert list(image["renditions"]) == ["square"]
    assert image["renditions"]["square"]["width"] == 100


def test_an_image_without_description_falls_back_to_its_title(client, project_index):
    project = utils.make_project(project_index, image=make_image(description=""))
    assert client.get(utils.page_detail_url(project)).json()["image"]["alt"] == "Konferenssalen"


def test_no_image_is_null(client, network_index):
    network = utils.make_network(network_index)
    assert client.get(utils.page_detail_url(network)).json()["image"] is None


def test_an_organisation_logo_is_expanded(client, project_index):
    owner = utils.make_organisation("Länsbibliotek Sörmland", logo=make_image(title="Logotyp"))
    project = utils.make_project(project_index, project_owner=owner)
    logo = client.get(utils.page_detail_url(project)).json()["project_owner"]["logo"]
    assert logo["title"] == "Logotyp"
    assert "thumbnail" in logo["renditions"]
