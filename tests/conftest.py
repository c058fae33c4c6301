"""Shared fixtures: real Pelican builds of small sites, a static server, and Chromium.

Fixture sites use the project's own pelicanconf.py / publishconf.py (all plugins,
our theme) with the content folder pointed at a temporary directory.
"""

import functools
import http.server
import os
import shutil
import socketserver
import threading

import pytest
from fixture_sites import PROJECT_ROOT, FixtureSite

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture
def site_factory(tmp_path):
    """Make fixture sites: `site = site_factory(); site.write(...); site.build()`."""
    counter = iter(range(1000))

    def make():
        return FixtureSite(tmp_path / f"site{next(counter)}")

    return make


@pytest.fixture(scope="session")
def example_site(tmp_path_factory):
    """The project's own example content built with production settings, once per run."""
    root = tmp_path_factory.mktemp("example")
    content = root / "content"
    shutil.copytree(PROJECT_ROOT / "content", content)
    site = FixtureSite(root, theme_options="project")
    # As published: with its social cards and image copies (fixture sites leave them off).
    return site.build("prod", settings={"IMAGES": {}}), site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


@pytest.fixture
def serve():
    """Serve a folder on 127.0.0.1 (a free port); returns its base URL."""
    servers = []

    def start(folder):
        handler = functools.partial(_QuietHandler, directory=str(folder))
        server = _Server(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def chromium():
    """Headless Debian Chromium driven by Playwright (no browser download)."""
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (bash .ci/run does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    """A fresh browser page (phone-sized by default) that fails the test on any dialog."""
    context = chromium.new_context(viewport={"width": 375, "height": 667})
    browser_page = context.new_page()
    browser_page.dialogs_seen = []

    def record_dialog(dialog):
        browser_page.dialogs_seen.append(dialog.message)
        dialog.dismiss()

    browser_page.on("dialog", record_dialog)
    yield browser_page
    context.close()
