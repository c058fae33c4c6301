"""A post shows its parts in the issue's order, with a table of contents only when long,
reply by email, share bar, signup, author box, neighbours and related posts."""

from urllib.parse import unquote

import pytest
from theme_site import business_site, text, write_article_examples

LONG = "blog/why-prices-are-public/index.html"
SHORT = "blog/short-note/index.html"


@pytest.fixture(scope="module")
def blog(tmp_path_factory):
    site = business_site(tmp_path_factory.mktemp("article"), posts=8)
    write_article_examples(site)
    result = site.build("prod", settings={"SITE_SEARCH": {"enabled": False}})
    assert result.problems == []
    return result


PARTS_IN_ORDER = [
    ("title", "h1.post-title"),
    ("date and update", ".post-meta time.dt-updated"),
    ("author and reading time", ".post-meta a.p-author"),
    ("filed under", ".post-filed"),
    ("lead image", "figure.lead-image"),
    ("table of contents", "nav.toc"),
    ("body", ".post-body"),
    ("share bar", "nav.sfs-share"),
    ("signup", ".sfs-signup form"),
    ("author box", "section.author-box"),
    ("previous and next", "nav.post-neighbours"),
    ("related posts", "section.related-posts"),
]


def test_the_parts_come_in_order(blog):
    soup = blog.soup(LONG)
    position = {id(element): index for index, element in enumerate(soup.find_all(True))}
    found = []
    for name, selector in PARTS_IN_ORDER:
        [element] = soup.select(f"main {selector}")
        found.append((position[id(element)], name))
    assert [name for _, name in sorted(found)] == [name for name, _ in PARTS_IN_ORDER]


def test_dates_author_reading_time_and_filed_under(blog):
    soup = blog.soup(LONG)
    meta = [" ".join(p.get_text().split()) for p in soup.select(".post-header .post-meta")]
    assert meta[0] == "May 1, 2026 · Updated June 10, 2026"
    assert meta[1] == "By Dana Reyes · 1 min read"
    assert meta[2] == "Filed under Pricing · Tagged pricing, transparency"
    assert soup.select_one(".post-filed a.p-category")["href"] == "/category/pricing/"
    # No "Updated" when Modified is absent (or the same day).
    assert "Updated" not in text(blog.soup(SHORT).select_one(".post-header"))


def test_lead_image_has_alt_and_credit(blog):
    figure = blog.soup(LONG).select_one("figure.lead-image")
    assert figure.img["alt"] == "A pale blue rectangle"
    assert figure.img["src"] == "/images/lead.svg"
    assert text(figure.figcaption) == "Drawing by Dana Reyes"


def test_table_of_contents_only_for_long_posts(blog):
    soup = blog.soup(LONG)
    body_ids = [h2["id"] for h2 in soup.select(".post-body h2")]
    assert [a["href"] for a in soup.select("nav.toc a")] == [f"#{i}" for i in body_ids]
    assert len(body_ids) == 5
    assert blog.soup(SHORT).select_one("nav.toc") is None


def test_reply_by_email_and_the_comment_policy(blog):
    reply = blog.soup(LONG).select_one(".reply-by-email")
    mailto = reply.select_one('a[href^="mailto:"]')["href"]
    assert (
        mailto == "mailto:dana@danareyes.example?subject=Re%3A%20Why%20every%20price%20is%20public"
    )
    assert unquote(mailto.split("subject=")[1]) == "Re: Why every price is public"
    assert reply.select_one('a[href="/comment-policy/"]')


def test_author_box(blog):
    box = blog.soup(LONG).select_one("section.author-box")
    assert box.img["src"] == "/theme/images/dana-reyes.svg"
    assert box.img.has_attr("width") and box.img.has_attr("height")
    assert "marketing and customer-service consultant" in text(box)
    assert box.select_one('a[href="/about/"]')


def test_previous_and_next_follow_the_dates(blog):
    nav = blog.soup(LONG).select_one("nav.post-neighbours")
    # May 1 sits between post 8 (Jan 26) and the short note (May 2).
    assert nav.select_one('a[rel="prev"]')["href"] == "/blog/post-008/"
    assert nav.select_one('a[rel="next"]')["href"] == "/blog/short-note/"
    newest = blog.soup(SHORT).select_one("nav.post-neighbours")
    assert newest.select_one('a[rel="next"]') is None


def test_related_posts_share_tags_most_first(blog):
    related = [a["href"] for a in blog.soup(LONG).select("section.related-posts a")]
    # Posts 5 (pricing, transparency) shares two tags; then the newest with one.
    assert related == ["/blog/post-005/", "/blog/short-note/", "/blog/post-006/"]
    assert "/blog/why-prices-are-public/" not in related
