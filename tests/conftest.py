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
from dataclasses import dataclass
from pathlib import Path
from textwrap import dedent

import pytest
from bs4 import BeautifulSoup
from strict_build.runner import build_site

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SETTINGS_FILES = {
    "dev": PROJECT_ROOT / "pelicanconf.py",
    "prod": PROJECT_ROOT / "publishconf.py",
}
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


@dataclass
class BuiltSite:
    """The result of one fixture build: its problems and the files it wrote."""

    problems: list
    output: Path

    @property
    def ok(self):
        return not self.problems

    def path(self, relative):
        return self.output / relative

    def text(self, relative):
        return self.path(relative).read_text(encoding="utf-8")

    def soup(self, relative):
        return BeautifulSoup(self.text(relative), "lxml")

    def files(self):
        return sorted(
            p.relative_to(self.output).as_posix() for p in self.output.rglob("*") if p.is_file()
        )


class FixtureSite:
    """A throwaway site folder: write content files into it, then build it."""

    def __init__(self, root):
        self.root = Path(root)
        self.content = self.root / "content"
        self.content.mkdir(parents=True, exist_ok=True)

    def write(self, relative, text, encoding="utf-8"):
        path = self.content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(dedent(text).lstrip("\n"), encoding=encoding)
        return path

    def build(self, profile="dev", settings=None, output=None):
        overrides = {
            "PATH": str(self.content),
            "OUTPUT_PATH": str(output or self.root / f"output-{profile}"),
            "CACHE_PATH": str(self.root / f"cache-{profile}"),
            **(settings or {}),
        }
        report = build_site(SETTINGS_FILES[profile], overrides)
        return BuiltSite(problems=report.problems, output=Path(overrides["OUTPUT_PATH"]))


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
    site = FixtureSite(root)
    return site.build("prod"), site


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
