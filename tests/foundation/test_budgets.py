"""Size budgets and the no-third-party rule, checked on every page of the example site.

The numbers are budgets, not timings: they fail when a change makes pages heavier.
"""

import gzip
import shutil
from urllib.parse import urlparse

import pytest

HTML_PAGE_BUDGET = 60_000  # bytes of HTML per page, before compression
CSS_BUDGET = 24_000  # bytes of CSS in total; the theme has one stylesheet plus tokens
SCRIPT_BUDGET = 16_000  # bytes of JavaScript a page may load (progressive enhancement only)
SEARCH_PAGE_BUDGET = 180_000  # the search page alone loads Pagefind's UI script and styles
# An article's HTML, CSS, fonts and scripts, less the post's own body (the author's words
# and images are theirs to spend): the theme's whole cost on the reader.
ARTICLE_CHROME_BUDGET = 25_000
# HTML + CSS, gzip-compressed, that fit the first round trip (about 14 KB: ten TCP
# segments), so the page paints before anything else arrives.
FIRST_ROUND_TRIP_BUDGET = 14_000


def _html_pages(result):
    return [name for name in result.files() if name.endswith(".html")]


def test_every_page_is_within_the_html_budget(example_site):
    result, _site = example_site
    sizes = {name: result.path(name).stat().st_size for name in _html_pages(result)}
    too_big = {name: size for name, size in sizes.items() if size > HTML_PAGE_BUDGET}
    assert too_big == {}


def test_css_is_within_budget(example_site):
    result, _site = example_site
    # Pagefind's own stylesheet loads only on the search page (see SEARCH_PAGE_BUDGET).
    total = sum(
        result.path(name).stat().st_size
        for name in result.files()
        if name.endswith(".css") and not name.startswith("pagefind/")
    )
    assert 0 < total <= CSS_BUDGET


def test_pages_load_nothing_from_other_sites(example_site):
    result, _site = example_site
    site_host = urlparse(result_siteurl(result)).netloc
    for name in _html_pages(result):
        soup = result.soup(name)
        loaded = [
            tag.get("src")
            for tag in soup.select(
                "script[src], img[src], iframe[src], audio[src], video[src], source[src], embed[src]"
            )
        ]
        loaded += [
            tag.get("href")
            for tag in soup.select(
                'link[rel~="stylesheet"], link[rel~="preload"], link[rel~="modulepreload"], link[rel~="icon"]'
            )
        ]
        for url in loaded:
            host = urlparse(url).netloc
            assert host in ("", site_host), f"{name} loads {url}"
        assert soup.select("iframe") == [], name


def test_scripts_are_small_and_local(example_site):
    result, _site = example_site
    scripts = [
        name for name in result.files() if name.endswith(".js") and not name.startswith("pagefind/")
    ]
    assert sum(result.path(name).stat().st_size for name in scripts) <= SCRIPT_BUDGET


def test_search_page_assets_are_within_budget(example_site):
    result, _site = example_site
    soup = result.soup("search/index.html")
    local = [tag.get("src") for tag in soup.select("script[src]")]
    local += [tag.get("href") for tag in soup.select('link[rel="stylesheet"]')]
    total = sum(result.path(urlparse(url).path.lstrip("/")).stat().st_size for url in local)
    assert total <= SEARCH_PAGE_BUDGET


def result_siteurl(result):
    soup = result.soup("index.html")
    canonical = soup.select_one('link[rel="alternate"]')
    return canonical["href"] if canonical else ""


def _loaded_bytes(result, soup):
    """Bytes of the stylesheets, scripts and fonts a page loads from this site."""
    urls = [tag["href"] for tag in soup.select('link[rel~="stylesheet"], link[rel~="preload"]')]
    urls += [tag["src"] for tag in soup.select("script[src]")]
    return sum(result.path(urlparse(url).path.lstrip("/")).stat().st_size for url in urls)


def _article_pages(result):
    return [name for name in _html_pages(result) if name.startswith("blog/")]


def test_an_article_costs_at_most_25_kb_besides_its_body(example_site):
    result, _site = example_site
    assert not [name for name in result.files() if name.endswith((".woff2", ".woff", ".ttf"))]
    costs = {}
    for name in _article_pages(result):
        html = result.path(name).read_bytes()
        soup = result.soup(name)
        body = soup.select_one(".post-body").decode_contents().encode()
        costs[name] = len(html) - len(body) + _loaded_bytes(result, soup)
    assert len(costs) >= 10
    assert {name: cost for name, cost in costs.items() if cost > ARTICLE_CHROME_BUDGET} == {}


def _long_read(paragraphs=32):
    """About 8 KB of Markdown: headings, paragraphs and a list, like a long post."""
    paragraph = (
        "A price on the page answers the first question before anyone has to ask it. "
        "Clients who write after reading it already know roughly what the work costs, "
        "so the first call is about the work itself, and fewer calls end in silence."
    )
    parts = []
    for number in range(paragraphs):
        if number % 4 == 0:
            parts.append(f"## Part {number // 4 + 1}: what the numbers say")
        parts.append(paragraph)
        if number % 6 == 5:
            parts.append("- one thing to try\n- another thing to try\n- a third, if there is time")
    return "\n\n".join(parts)


@pytest.fixture(scope="module")
def example_with_long_read(tmp_path_factory):
    from fixture_sites import PROJECT_ROOT, FixtureSite

    root = tmp_path_factory.mktemp("long-read")
    shutil.copytree(PROJECT_ROOT / "content", root / "content")
    site = FixtureSite(root, theme_options="project")
    body = _long_read()
    assert 7_500 <= len(body.encode()) <= 8_500
    site.write(
        "posts/long-read.md",
        "Title: What a year of public prices taught me\nDate: 2026-08-20 09:00\n"
        "Category: Pricing\nTags: pricing, transparency\n"
        "Summary: Twelve months of enquiries, before and after the price list.\n\n" + body,
    )
    # Search stays on: the example's 404 page links /search/, which search off removes.
    result = site.build("prod")
    assert result.problems == []
    return result


@pytest.mark.parametrize(
    "page",
    [
        "index.html",
        "services/index.html",
        "services/social-media-audit/index.html",
        "blog/what-a-year-of-public-prices-taught-me/index.html",
    ],
)
def test_html_and_css_fit_the_first_round_trip(example_with_long_read, page):
    result = example_with_long_read
    soup = result.soup(page)
    [stylesheet] = [tag["href"] for tag in soup.select('link[rel="stylesheet"]')]
    css = result.path(urlparse(stylesheet).path.lstrip("/")).read_bytes()
    html = result.path(page).read_bytes()
    compressed = len(gzip.compress(html, 9)) + len(gzip.compress(css, 9))
    assert compressed <= FIRST_ROUND_TRIP_BUDGET


def test_every_page_loads_one_stylesheet_and_needs_no_script(example_site):
    result, _site = example_site
    for name in _html_pages(result):
        soup = result.soup(name)
        stylesheets = [tag["href"] for tag in soup.select('link[rel~="stylesheet"]')]
        scripts = soup.select("script:not([type='application/ld+json'])")
        if name == "search/index.html":
            continue  # search runs in the browser; without scripts it links to the archive
        # One stylesheet: the pricing pages' adds their price boxes, cards and tables.
        assert stylesheets in (["/theme/css/site.css"], ["/theme/css/pricing.css"]), name
        assert soup.select("style, [style]:not(.sfs-form__trap)") == [], name
        assert scripts == [], name
