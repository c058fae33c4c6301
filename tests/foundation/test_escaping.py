"""Metadata reaches every part of the page as text: exactly as written, never as markup."""

import json

import pytest

EVIL_TITLE = 'Q&A: "Pricing" <2026> <img src=x onerror=alert(1)>'
EVIL_SUMMARY = 'Fees & <script>alert(2)</script> "quotes" <b>bold</b>'
EVIL_POST = f"""
Title: {EVIL_TITLE}
Date: 2026-03-01 10:00
Category: Q&A <i>Corner</i>
Tags: <b>tag</b>, fees & costs
Summary: {EVIL_SUMMARY}

Body text.
"""


def as_written(text):
    """Undo typogrify's purely typographic changes (curly quotes, no-break spaces)."""
    for typographic, plain in (
        ("\u201c", '"'),
        ("\u201d", '"'),
        ("\u2018", "'"),
        ("\u2019", "'"),
        ("\u00a0", " "),
    ):
        text = text.replace(typographic, plain)
    return " ".join(text.split())


@pytest.fixture(scope="module")
def evil_site(tmp_path_factory):
    from fixture_sites import FixtureSite

    site = FixtureSite(tmp_path_factory.mktemp("evil"))
    site.write("posts/evil.md", EVIL_POST)
    result = site.build("prod", settings={"SITEURL": "https://example.test"})
    assert result.ok, result.problems
    return result


def _article_path(result):
    [path] = [
        name for name in result.files() if name.startswith("blog/") and name.endswith("index.html")
    ]
    return path


def test_title_is_text_in_heading_title_and_attributes(evil_site):
    soup = evil_site.soup(_article_path(evil_site))
    assert as_written(soup.select_one("h1.post-title").get_text()) == EVIL_TITLE
    assert as_written(soup.title.get_text()).startswith(EVIL_TITLE + " ·")
    assert as_written(soup.select_one('meta[property="og:title"]')["content"]) == EVIL_TITLE
    assert soup.select('img[src="x"]') == []
    assert soup.select("[onerror]") == []


def test_summary_and_taxonomy_are_text(evil_site):
    soup = evil_site.soup(_article_path(evil_site))
    assert as_written(soup.select_one('meta[name="description"]')["content"]) == EVIL_SUMMARY
    assert as_written(soup.select_one('meta[property="og:description"]')["content"]) == EVIL_SUMMARY
    assert soup.select_one('meta[property="og:url"]')["content"].startswith(
        "https://example.test/blog/"
    )
    assert [as_written(a.get_text()) for a in soup.select('.post-filed a[rel="tag"]')] == [
        "<b>tag</b>",
        "fees & costs",
    ]
    assert as_written(soup.select_one(".post-filed .p-category").get_text()) == "Q&A <i>Corner</i>"
    home = evil_site.soup("index.html")
    assert as_written(home.select_one(".post-summary div").get_text()) == EVIL_SUMMARY
    # Only data (JSON-LD) is in <script> elements; nothing runs.
    scripts = [s for s in home.find_all("script") if s.get("type") != "application/ld+json"]
    assert scripts == []


def test_json_ld_carries_the_title_as_text(evil_site):
    soup = evil_site.soup(_article_path(evil_site))
    [script] = soup.select('script[type="application/ld+json"]')
    posting, breadcrumbs = json.loads(script.string)["@graph"]
    assert as_written(posting["headline"]) == EVIL_TITLE
    trail = breadcrumbs["itemListElement"]
    assert [as_written(step["name"]) for step in trail[1:]] == ["Q&A <i>Corner</i>", EVIL_TITLE]
    assert "</script" not in script.string.lower()
    assert "<img" not in script.string


def test_feed_entry_title_is_text(evil_site):
    from lxml import etree

    feed = etree.fromstring(evil_site.path("feeds/all.atom.xml").read_bytes())
    ns = {"atom": "http://www.w3.org/2005/Atom"}
    [title] = feed.xpath("//atom:entry/atom:title/text()", namespaces=ns)
    assert as_written(title) == EVIL_TITLE


@pytest.mark.browser
def test_nothing_runs_and_title_shows_literally_in_chromium(evil_site, serve, page):
    base = serve(evil_site.output)
    for path in (_article_path(evil_site), "index.html", "archives/index.html", "tags/index.html"):
        page.goto(f"{base}/{path}")
        page.wait_for_load_state("load")
        assert (
            page.evaluate("document.querySelectorAll('img[src=\"x\"], script:not([type])').length")
            == 0
        )
    page.goto(f"{base}/{_article_path(evil_site)}")
    assert as_written(page.title()).startswith(EVIL_TITLE)
    assert as_written(page.inner_text("h1")) == EVIL_TITLE
    assert page.dialogs_seen == []
