"""What the public sees: the API over HTTP, and the example site in the browser."""

import json
from urllib.error import HTTPError
from urllib.parse import urlencode
from urllib.request import Request, urlopen

from playwright.sync_api import expect


def api_get(servers, path, **query):
    """An anonymous GET of ``/api/v2/<path>`` on the live server: (status, JSON body)."""
    url = f"{servers.api}/api/v2/{path}"
    if query:
        url += "?" + urlencode(query)
    try:
        with urlopen(Request(url, headers={"Accept": "application/json"}), timeout=10) as response:
            return response.status, json.load(response)
    except HTTPError as error:
        return error.code, json.load(error)


def conference_titles(servers, **query):
    status, body = api_get(servers, "pages/", type="content_types.ConferencePage", **query)
    assert status == 200, body
    return [item["title"] for item in body["items"]]


def open_example_site(page, servers, **query):
    """Opens the example site and waits until it has shown what it read (or why it could not)."""
    page.goto(servers.example(**query))
    expect(page.locator("main > :not(.muted)").first).to_be_visible()


def programme(page):
    """The programme as the reader sees it: each day's heading and its items' times, titles, speakers."""
    return page.evaluate(
        """() => [...document.querySelectorAll('.programme-day')].map((day) => ({
            day: day.dataset.day || null,
            heading: day.querySelector('h3').textContent,
            items: [...day.querySelectorAll('.programme-item')].map((item) => ({
                time: item.querySelector('.time').textContent,
                title: item.querySelector('.item-title').textContent,
                speakers: [...item.querySelectorAll('.speaker')].map((s) => s.textContent),
            })),
        }))"""
    )


def structured_data(page):
    """Every JSON-LD document in the page head."""
    return [
        json.loads(text)
        for text in page.locator('head script[type="application/ld+json"]').all_text_contents()
    ]
