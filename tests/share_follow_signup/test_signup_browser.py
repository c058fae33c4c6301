"""Chromium submits the signup form on an article page to a local stand-in for the provider."""

import http.server
import threading
from urllib.parse import parse_qs, urlsplit

import pytest
from sfs_site import NOTMYIDEA_SETTINGS, SETTINGS, write_site

ARTICLE = "blog/qa-pricing-1-50-2026-cafe/"
CATEGORY = "Customer service"


class _SignupEndpoint(http.server.BaseHTTPRequestHandler):
    """Records every POST it receives, as the provider would receive it."""

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        body = self.rfile.read(length).decode("utf-8")
        self.server.received.append(
            {
                "path": urlsplit(self.path).path,
                "query": parse_qs(urlsplit(self.path).query),
                "content_type": self.headers.get("Content-Type"),
                "fields": parse_qs(body, keep_blank_values=True),
            }
        )
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(b"<!DOCTYPE html><title>Thanks</title><p>Thanks for subscribing.</p>")

    def log_message(self, format, *args):
        pass


@pytest.fixture
def signup_endpoint():
    """A tiny form endpoint on 127.0.0.1 (free port): yields (base URL, received posts)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _SignupEndpoint)
    server.received = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", server.received
    server.shutdown()
    server.server_close()


PROVIDERS = {
    # Buttondown's own field names; the action points at the local endpoint.
    "buttondown": (
        lambda endpoint: {
            "provider": "buttondown",
            "username": "danareyes",
            "action": f"{endpoint}/api/emails/embed-subscribe/danareyes",
        },
        {},
        {"email": ["reader@example.com"], "tag": [CATEGORY], "website": [""]},
    ),
    # Mailchimp's: EMAIL, the b_<u>_<id> bot trap, and the category's tag id.
    "mailchimp": (
        lambda endpoint: {
            "provider": "mailchimp",
            "action": f"{endpoint}/subscribe/post?u=1a2b3c&id=4d5e6f",
        },
        {CATEGORY: "2940394"},
        {"EMAIL": ["reader@example.com"], "tags": ["2940394"], "b_1a2b3c_4d5e6f": [""]},
    ),
}


@pytest.mark.browser
@pytest.mark.parametrize("theme", ["our-theme", "notmyidea"])
@pytest.mark.parametrize("provider", sorted(PROVIDERS))
def test_chromium_submits_the_signup_form_without_javascript(
    site_factory, serve, chromium, signup_endpoint, provider, theme
):
    endpoint, received = signup_endpoint
    signup, category_tags, expected_fields = PROVIDERS[provider]
    site = write_site(site_factory())
    result = site.build(
        settings={
            "SHARE_FOLLOW_SIGNUP": {
                **SETTINGS,
                "signup": signup(endpoint),
                "category_tags": category_tags,
            },
            **(NOTMYIDEA_SETTINGS if theme == "notmyidea" else {}),
        }
    )
    assert result.problems == []
    base_url = serve(result.output)

    # No JavaScript at all: the form must work as plain HTML.
    context = chromium.new_context(
        java_script_enabled=False, viewport={"width": 375, "height": 667}
    )
    try:
        page = context.new_page()
        requested_hosts = set()
        page.on("request", lambda request: requested_hosts.add(urlsplit(request.url).hostname))
        page.goto(f"{base_url}/{ARTICLE}")
        # Nothing is loaded from a third party (fonts, scripts, pixels, counters).
        assert requested_hosts == {"127.0.0.1"}

        page.get_by_label("Your email address").fill("reader@example.com")
        with page.expect_navigation():
            page.get_by_role("button", name="Subscribe").click()
        assert page.locator("p").inner_text() == "Thanks for subscribing."
    finally:
        context.close()

    [post] = received
    assert post["content_type"] == "application/x-www-form-urlencoded"
    assert post["fields"] == expected_fields
