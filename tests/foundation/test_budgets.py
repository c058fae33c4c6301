"""Size budgets and the no-third-party rule, checked on every page of the example site.

The numbers are budgets, not timings: they fail when a change makes pages heavier.
"""

from urllib.parse import urlparse

HTML_PAGE_BUDGET = 60_000  # bytes of HTML per page, before compression
CSS_BUDGET = 24_000  # bytes of CSS in total; the theme has one stylesheet plus tokens
SCRIPT_BUDGET = 16_000  # bytes of JavaScript a page may load (progressive enhancement only)
SEARCH_PAGE_BUDGET = 180_000  # the search page alone loads Pagefind's UI script and styles


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
