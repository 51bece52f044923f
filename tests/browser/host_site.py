"""A library's web page on another origin, under a strict Content-Security-Policy.

What a hosted CMS serves: the page's own HTML and, from the Samverkan site,
one script. The policy allows scripts, connections, styles and images from
the Samverkan origin only, and nothing inline, so an element that needed an
inline style or script, or read from elsewhere, would be refused (and say so).
"""

import re
import threading
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from playwright.sync_api import expect

SCRIPT_PATH = "/embed/v1/samverkan.js"


def strict_policy(cms, connect=()):
    sources = " ".join([cms, *connect])
    return (
        f"default-src 'none'; script-src {cms}; connect-src {sources}; style-src {cms}; "
        f"img-src {cms}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )


def page_html(cms, body, lang="sv", title="Biblioteket i Västerås"):
    """A host page as an editor makes it: the script tag in the head, the elements in the body."""
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{escape(title)}</title>
  <script src="{cms}{SCRIPT_PATH}" defer></script>
</head>
<body>
  <main>
    <h1>{escape(title)}</h1>
    {body}
  </main>
</body>
</html>"""


class HostSite:
    """Serves the pages a test puts in ``pages`` (path to HTML) with ``policy`` as their CSP."""

    def __init__(self, policy):
        self.policy = policy
        self.pages = {}
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                html = site.pages.get(self.path.split("?", 1)[0])
                if html is None:
                    self.send_error(404)
                    return
                body = html.encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Security-Policy", site.policy)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.origin = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc_info):
        self.server.shutdown()
        self.server.server_close()

    def put(self, path, html):
        self.pages[path] = html
        return f"{self.origin}{path}"


class PolicyWatch:
    """Every refusal of the page's CSP: the securitypolicyviolation events and the console's."""

    LISTENER = """
        document.addEventListener("securitypolicyviolation", (event) => {
            (window.__violations ||= []).push(`${event.violatedDirective} ${event.blockedURI}`);
        }, true);
    """

    def __init__(self, page):
        self.page = page
        self.console = []
        page.add_init_script(self.LISTENER)
        page.on("console", self.heard)

    def heard(self, message):
        if "Content Security Policy" in message.text or "Refused to" in message.text:
            self.console.append(message.text)

    def violations(self):
        return self.page.evaluate("window.__violations || []") + self.console


def open_host_page(page, url):
    """Opens a host page and waits until each element has shown its data or its failure."""
    page.goto(url)
    for element in page.locator("samverkan-programme, samverkan-events").all():
        expect(element).to_have_attribute("data-state", re.compile(r"^(ready|failed)$"))


def programme(page, selector="samverkan-programme"):
    """The programme as the reader sees it: each day's heading and its items' times, titles, speakers."""
    return page.locator(selector).evaluate(
        """(element) => [...element.shadowRoot.querySelectorAll('section.day')].map((day) => ({
            day: day.dataset.day || null,
            heading: day.querySelector('h1, h2, h3, h4, h5, h6').textContent,
            items: [...day.querySelectorAll('li.item')].map((item) => ({
                time: item.querySelector('.when').textContent,
                title: item.querySelector('.title').textContent,
                speakers: [...item.querySelectorAll('.speaker')].map((s) => s.textContent),
            })),
        }))"""
    )


def event_titles(page, selector):
    return page.locator(selector).evaluate(
        "(element) => [...element.shadowRoot.querySelectorAll('li.event a')].map((a) => a.textContent)"
    )
