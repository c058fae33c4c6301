"""Any Pelican theme works by setting THEME alone: Pelican's `notmyidea` builds with
autoescape on, prints content and plugin blocks as HTML, has a search page, and no
metadata value runs script in it."""

import pytest
from fixture_sites import LOCAL_PRODUCTION, FixtureSite

HOSTILE_TITLE = "Break </title><script>alert(1)</script>"
HOSTILE_SUMMARY = 'Ends "><script>alert(2)</script> here'
POST = f"""
Title: {HOSTILE_TITLE}
Date: 2026-03-01
Category: Cat <script>alert(3)</script>
Tags: <b onclick=alert(4)>tag</b>, fees
Summary: {HOSTILE_SUMMARY}

Body with <b>bold</b> and *emphasis*.
"""
PLAIN_POST = """
Title: Plain post
Date: 2026-02-01

A plain body with <b>markup</b> that is cut into the index summary.
"""
SERVICE = """
Title: Audit <script>alert(5)</script>
Price: 900
Action_URL: mailto:me@example.com

What you get.
"""
NOTMYIDEA = {**LOCAL_PRODUCTION, "THEME": "notmyidea"}


@pytest.fixture(scope="module")
def notmyidea_site(tmp_path_factory):
    site = FixtureSite(tmp_path_factory.mktemp("notmyidea"))
    site.write("posts/hostile.md", POST)
    site.write("posts/plain.md", PLAIN_POST)
    site.write("services/audit.md", SERVICE)
    site.write("pages/subscribe.md", "Title: Subscribe\n\nJoin.\n")
    site.write("pages/privacy.md", "Title: Privacy\n\nNothing kept.\n")
    result = site.build("prod", settings=NOTMYIDEA)
    assert result.ok, result.problems
    return result


def pages_of(result):
    return [name for name in result.files() if name.endswith(".html")]


def scripts_outside_search(result):
    """Every <script> that can run, on every page but the search page (Pagefind's own).

    JSON-LD is data, not script; it counts only if metadata broke out of it."""
    found = []
    for name in pages_of(result):
        if name == "search/index.html":
            continue
        for script in result.soup(name).find_all("script"):
            if script.get("type") != "application/ld+json" or "<" in script.string:
                found.append((name, str(script)))
    return found


def test_hostile_metadata_is_text_on_every_page(notmyidea_site):
    assert scripts_outside_search(notmyidea_site) == []
    for name in pages_of(notmyidea_site):
        soup = notmyidea_site.soup(name)
        assert soup.select("[onclick]") == [], name


def test_title_and_summary_read_as_written(notmyidea_site):
    [article] = [name for name in pages_of(notmyidea_site) if name.startswith("blog/break")]
    soup = notmyidea_site.soup(article)
    assert soup.title.get_text().replace("\u00a0", " ") == HOSTILE_TITLE
    description = soup.find("meta", attrs={"name": "description"})["content"]
    assert description.replace("\u201c", '"').replace("\u00a0", " ") == HOSTILE_SUMMARY


def test_content_and_plugin_blocks_are_html(notmyidea_site):
    [article] = [name for name in pages_of(notmyidea_site) if name.startswith("blog/break")]
    soup = notmyidea_site.soup(article)
    assert soup.select_one("article b").get_text() == "bold"
    assert soup.select_one("nav.sfs-share a[href^='https://x.com/']") is not None
    index = notmyidea_site.soup("index.html")
    assert index.find("b", string="markup") is not None  # the summary cut from the body
    service = notmyidea_site.soup("services/audit-scriptalert5script/index.html")
    assert "$900" in service.get_text()


def test_the_search_page_comes_from_the_plugin(notmyidea_site):
    soup = notmyidea_site.soup("search/index.html")
    assert soup.select_one("#search[data-bundle-path='/pagefind/']") is not None
    assert soup.find("script", src="/pagefind/pagefind-ui.js") is not None
    assert notmyidea_site.path("pagefind/pagefind-ui.js").is_file()


def test_no_dialog_opens_in_a_browser(notmyidea_site, serve, page):
    base = serve(notmyidea_site.output)
    [article] = [name for name in pages_of(notmyidea_site) if name.startswith("blog/break")]
    for path in ("", article.removesuffix("index.html"), "search/?q=bold", "tag/fees/"):
        page.goto(f"{base}/{path}", wait_until="load")
    assert page.dialogs_seen == []
