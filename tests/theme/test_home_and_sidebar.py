"""The home page sells (pitch, services with prices, featured posts, then the latest), and
the sidebar's blocks appear once per page, each one can be turned off, and ids are unique."""

from collections import Counter

import pytest
from theme_site import business_site, text, write_article_examples

SIDEBAR_HEADINGS = ["Recent posts", "Start here", "Categories", "Archives", "Comments", "Follow"]


@pytest.fixture(scope="module")
def blog(tmp_path_factory):
    site = business_site(tmp_path_factory.mktemp("home"), posts=8)
    write_article_examples(site)
    result = site.build("prod", settings={"SITE_SEARCH": {"enabled": False}})
    assert result.problems == []
    return result


def sidebar_headings(soup):
    sidebar = soup.select_one("aside.sidebar")
    return [text(h2) for h2 in sidebar.select("h2")] if sidebar else []


def test_home_opens_with_the_pitch_then_services_featured_and_latest(blog):
    home = blog.soup("index.html")
    main = home.select_one("main")
    assert text(main.select_one("h1")).startswith("Marketing and customer service")
    assert main.select_one(".pitch a.button")["href"] == "/services/strategy-session/"
    sections = [text(h2) for h2 in main.select("h2.section-title")]
    assert sections == ["Services and prices", "Featured", "Latest posts"]
    services = main.select("h2.section-title")[0].find_parent("section")
    cards = services.select(".cards li")
    # In the pricing index's order (Order: 1 first), each linked, with its price.
    assert [card.h3.a["href"] for card in cards] == [
        "/services/website-audit/",
        "/services/strategy-session/",
    ]
    assert [text(card.select_one(".card__price")) for card in cards] == [
        "$1,500 per project",
        "$150 per hour",
    ]
    assert main.select_one('a[href="/services/"]')
    featured = main.select("h2.section-title")[1].find_parent("section")
    assert [a["href"] for a in featured.select("h3 a")] == ["/blog/why-prices-are-public/"]


def test_the_home_sidebar_leaves_out_what_the_page_shows(blog):
    assert sidebar_headings(blog.soup("index.html")) == [
        "Categories",
        "Archives",
        "Comments",
        "Follow",
        "Newsletter",
    ]


def test_a_post_has_every_block_but_the_signup_it_shows_itself(blog):
    soup = blog.soup("blog/short-note/index.html")
    assert sidebar_headings(soup) == SIDEBAR_HEADINGS
    assert len(soup.select("form.sfs-form")) == 1
    sidebar = soup.select_one("aside.sidebar")
    assert sidebar.select_one('a[href="/comment-policy/"]')
    assert sidebar.select_one('a[href="/2026/05/"]')
    categories = [text(li) for li in sidebar.select("h2 + ul li") if "/category/" in str(li)]
    assert categories == ["Customer Service (4)", "Pricing (6)"]


def test_a_page_without_a_form_gets_the_sidebar_signup(blog):
    soup = blog.soup("about/index.html")
    assert sidebar_headings(soup) == [*SIDEBAR_HEADINGS, "Newsletter"]
    assert len(soup.select("form.sfs-form")) == 1


def test_the_subscribe_page_does_not_repeat_its_form(blog):
    soup = blog.soup("subscribe/index.html")
    assert "Newsletter" not in sidebar_headings(soup)
    assert len(soup.select("form.sfs-form")) == 1


@pytest.mark.parametrize(
    "page",
    ["index.html", "blog/short-note/index.html", "about/index.html", "archives/index.html"],
)
def test_follow_links_appear_once(blog, page):
    assert len(blog.soup(page).select("nav.sfs-follow")) == 1


def test_every_page_has_unique_ids_and_no_block_twice(blog):
    pages = [name for name in blog.files() if name.endswith(".html")]
    assert len(pages) > 30
    for name in pages:
        soup = blog.soup(name)
        ids = Counter(element["id"] for element in soup.select("[id]"))
        assert [i for i, count in ids.items() if count > 1] == [], name
        headings = Counter(sidebar_headings(soup))
        assert max(headings.values(), default=1) == 1, name
        assert len(soup.select("form.sfs-form")) <= 1, name
        assert len(soup.select("nav.sfs-follow")) == 1, name


def test_blocks_can_be_turned_off(tmp_path):
    site = business_site(tmp_path, posts=3)
    result = site.build(settings={"THEME_OPTIONS": {"sidebar": ["categories", "follow"]}})
    assert result.problems == []
    assert sidebar_headings(result.soup("about/index.html")) == ["Categories", "Follow"]
    no_sidebar = site.build(settings={"THEME_OPTIONS": {"sidebar": []}})
    soup = no_sidebar.soup("about/index.html")
    assert soup.select_one("aside.sidebar") is None
    # Without the sidebar's follow block, the footer has the follow links.
    assert soup.select_one("footer.site-footer nav.sfs-follow")


def test_the_preview_also_has_unique_ids(tmp_path):
    site = business_site(tmp_path, posts=3)
    site.write(
        "posts/draft.md",
        "Title: Not yet\nDate: 2026-02-01\nCategory: Pricing\nStatus: draft\n\nSoon.\n",
    )
    result = site.build("dev")
    assert result.problems == []
    for name in [n for n in result.files() if n.endswith(".html")]:
        ids = Counter(element["id"] for element in result.soup(name).select("[id]"))
        assert [i for i, count in ids.items() if count > 1] == [], name


def test_the_categories_block_stays_short_on_big_blogs(tmp_path):
    site = business_site(tmp_path, posts=4)
    site.write("posts/other.md", "Title: Other\nDate: 2026-03-01\nCategory: Zebra Notes\n\nText.\n")
    result = site.build(settings={"THEME_OPTIONS": {"sidebar_categories": 2}})
    assert result.problems == []
    sidebar = result.soup("about/index.html").select_one("aside.sidebar")
    block = sidebar.find("h2", string="Categories").find_parent("section")
    # The two largest of three, by name, and the way to all of them.
    assert [a.get_text() for a in block.select("li a")] == ["Customer Service", "Pricing"]
    assert block.select_one('p a[href="/categories/"]')
    # The categories page itself does not repeat the block.
    assert "Categories" not in [
        text(h2) for h2 in result.soup("categories/index.html").select("aside h2")
    ]
