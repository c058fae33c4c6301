"""Numbered pagination keeps its shape on long listings: « Previous 1 … 58 59 60 61 62 … 70 Next »."""

import pytest
from business_theme.pagination import page_numbers
from theme_site import text, write_pages, write_posts

SITE = "https://danareyes.example"
POSTS = 70


@pytest.mark.parametrize(
    ("current", "total", "expected"),
    [
        (1, 1, [1]),
        (1, 3, [1, 2, 3]),
        (1, 119, [1, 2, 3, None, 119]),
        (60, 119, [1, None, 58, 59, 60, 61, 62, None, 119]),
        (119, 119, [1, None, 117, 118, 119]),
        # A gap that would hide one page shows the page instead.
        (4, 119, [1, 2, 3, 4, 5, 6, None, 119]),
        (5, 9, [1, 2, 3, 4, 5, 6, 7, 8, 9]),
    ],
)
def test_page_numbers(current, total, expected):
    assert page_numbers(current, total) == expected


@pytest.fixture(scope="module")
def long_blog(tmp_path_factory):
    """70 posts, one per listing page, built for production."""
    from fixture_sites import FixtureSite

    site = FixtureSite(tmp_path_factory.mktemp("long-blog"))
    write_pages(site, services=False)
    write_posts(site, POSTS)
    result = site.build(
        "prod", settings={"DEFAULT_PAGINATION": 1, "SITE_SEARCH": {"enabled": False}}
    )
    assert result.problems == []
    return result


def pagination_of(soup):
    nav = soup.select_one("nav.pagination")
    return [text(item) for item in nav.select("li")]


def test_page_60_of_the_home_listing(long_blog):
    soup = long_blog.soup("page/60/index.html")
    assert pagination_of(soup) == ["1", "…", "58", "59", "60", "61", "62", "…", "70"]
    current = soup.select('nav.pagination [aria-current="page"]')
    assert [a["href"] for a in current] == ["/page/60/"]
    assert soup.select_one('nav.pagination a[rel="prev"]')["href"] == "/page/59/"
    assert soup.select_one('nav.pagination a[rel="next"]')["href"] == "/page/61/"
    assert soup.select_one('nav.pagination a[aria-label="Page 1"]')["href"] == "/"
    assert "page 60 of 70" in text(soup.select_one("main h1")).lower()
    assert soup.title.get_text().startswith("Latest posts: page 60 of 70 · ")
    assert soup.select_one('link[rel="canonical"]')["href"] == f"{SITE}/page/60/"
    assert soup.select_one('meta[property="og:url"]')["content"] == f"{SITE}/page/60/"


def test_first_and_last_pages(long_blog):
    first = long_blog.soup("index.html")
    assert pagination_of(first) == ["1", "2", "3", "…", "70"]
    assert first.select_one('nav.pagination a[rel="prev"]') is None
    assert first.select_one('link[rel="canonical"]')["href"] == f"{SITE}/"
    last = long_blog.soup("page/70/index.html")
    assert pagination_of(last) == ["1", "…", "68", "69", "70"]
    assert last.select_one('nav.pagination a[rel="next"]') is None


def test_every_listing_page_has_its_own_title_and_canonical(long_blog):
    names = ["index.html"] + [f"page/{n}/index.html" for n in range(2, POSTS + 1)]
    titles = [long_blog.soup(name).title.get_text() for name in names]
    canonicals = [
        long_blog.soup(name).select_one('link[rel="canonical"]')["href"] for name in names
    ]
    assert len(set(titles)) == len(titles) == POSTS
    assert len(set(canonicals)) == POSTS


@pytest.mark.parametrize(
    ("first_page", "page", "heading", "numbers"),
    [
        (
            "category/pricing/",
            20,
            "Posts filed under Pricing: page 20 of 35",
            ["1", "…", "18", "19", "20", "21", "22", "…", "35"],
        ),
        (
            "tag/pricing/",
            2,
            "Posts tagged pricing: page 2 of 42",
            ["1", "2", "3", "4", "…", "42"],
        ),
        (
            "author/dana-reyes/",
            60,
            "Posts by Dana Reyes: page 60 of 70",
            ["1", "…", "58", "59", "60", "61", "62", "…", "70"],
        ),
    ],
)
def test_category_tag_and_author_listings(long_blog, first_page, page, heading, numbers):
    soup = long_blog.soup(f"{first_page}page/{page}/index.html")
    assert text(soup.select_one("main h1")) == heading
    assert soup.title.get_text() == f"{heading} · Dana Reyes · Marketing & Customer Service"
    assert pagination_of(soup) == numbers
    assert soup.select_one('nav.pagination [aria-current="page"]')["href"] == (
        f"/{first_page}page/{page}/"
    )
    assert soup.select_one('link[rel="canonical"]')["href"] == f"{SITE}/{first_page}page/{page}/"
    assert soup.select_one('nav.pagination a[aria-label="Page 1"]')["href"] == f"/{first_page}"


def test_month_pages_exist_are_linked_and_paginated(long_blog):
    archive = long_blog.soup("archives/index.html")
    months = links(archive, "main section a")
    assert "/2026/03/" in months and "/2026/06/" in months
    march = long_blog.soup("2026/03/index.html")
    assert text(march.select_one("main h1")) == "Posts from March 2026"
    assert len(march.select("main .archive-list li")) == 10  # March 2026 has 10 posts
    assert long_blog.soup("2026/03/index.html").select_one('link[rel="canonical"]')["href"] == (
        f"{SITE}/2026/03/"
    )
    # The archive lists every post, fifty a page.
    assert len(archive.select("main .archive-list li")) == 50
    second = long_blog.soup("archives/page/2/index.html")
    assert len(second.select("main .archive-list li")) == POSTS - 50
    assert text(second.select_one("main h1")) == "Archive: page 2 of 2"


def links(soup, selector):
    return [a["href"] for a in soup.select(selector)]
