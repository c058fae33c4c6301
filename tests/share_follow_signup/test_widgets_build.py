"""Real builds: every article carries share, follow and signup, with our theme and with
Pelican's default theme, and none of it reaches feeds, index pages or the search index."""

import gzip
import json

import pytest
from sfs_site import (
    ARTICLE_PAGES,
    DIFFICULT_TITLE,
    NOTMYIDEA_SETTINGS,
    SETTINGS,
    form_fields,
    query_of,
    write_site,
)

THEMES = {"our-theme": {}, "notmyidea": NOTMYIDEA_SETTINGS}
WIDGET_MARKERS = ("share-follow-signup", "sfs-share", "sfs-form", "Share on", "sfs-signup")
# The default networks: five on posts; on service pages the business ones.
ARTICLE_SHARE_NETWORKS = [
    "Share on LinkedIn",
    "Share on X",
    "Share on Facebook",
    "Share by Email",
]
SERVICE_SHARE_NETWORKS = ["Share on LinkedIn", "Share by Email", "Share on X", "Share on Facebook"]


@pytest.fixture(params=sorted(THEMES))
def theme_settings(request):
    return {"SHARE_FOLLOW_SIGNUP": SETTINGS, **THEMES[request.param]}


@pytest.fixture
def built(site_factory, theme_settings):
    """The fixture site built for production (absolute SITEURL, feeds on)."""
    site = write_site(site_factory())
    result = site.build("prod", settings=theme_settings)
    assert result.problems == []
    return result


def widgets_of(soup):
    """The share and signup block after the content (our theme: a div; injected: an aside)."""
    blocks = soup.select(".share-follow-signup")
    assert len(blocks) == 1, "exactly one widget block per page"
    return blocks[0]


def follow_links_of(soup):
    """The page's one set of follow links (our theme: in the sidebar; injected: after the post)."""
    navs = soup.select("nav.sfs-follow")
    assert len(navs) == 1, "follow links appear once per page"
    return navs[0]


@pytest.mark.parametrize("page_path", sorted(ARTICLE_PAGES))
def test_every_article_has_share_follow_and_signup(built, page_path):
    soup = built.soup(page_path)
    aside = widgets_of(soup)
    assert aside["data-pagefind-ignore"] == "all"
    assert not aside.find(["script", "iframe", "img", "object", "embed"])

    share = aside.select("nav.sfs-share a")
    assert [link["aria-label"] for link in share] == ARTICLE_SHARE_NETWORKS
    for link in share:
        assert link["rel"] == ["noopener", "noreferrer"]
        assert link["aria-label"].startswith("Share ")
        assert link["href"].startswith(("https://", "mailto:?"))

    follow = {a["aria-label"]: a for a in follow_links_of(soup).select("a")}
    assert follow["Follow on Mastodon"]["href"] == "https://mastodon.social/@danareyes"
    assert "me" in follow["Follow on Mastodon"]["rel"]
    assert follow["Subscribe to the feed"]["href"] == "https://danareyes.example/feeds/all.atom.xml"
    assert follow["Get the newsletter"]["href"] == "https://danareyes.example/subscribe/"

    form = aside.select_one("form.sfs-form")
    assert form["method"] == "post"
    assert form["action"] == "https://buttondown.com/api/emails/embed-subscribe/danareyes"
    fields = form_fields(form)
    assert fields["tag"] == ARTICLE_PAGES[page_path]
    assert fields["website"] == ""  # the honeypot starts empty
    assert form.select_one('input[type="email"][name="email"][required]')
    assert form.select_one('label[for="sfs-email"]')
    assert form.find("a", href="https://danareyes.example/privacy/")
    assert aside.find("a", href="https://danareyes.example/subscribe/")


@pytest.mark.parametrize("page_path", sorted(ARTICLE_PAGES))
def test_widgets_come_after_the_article_body(built, page_path):
    soup = built.soup(page_path)
    body_paragraph = soup.find(
        lambda tag: (
            tag.name == "p" and ("first paragraph" in tag.text or "monthly price" in tag.text)
        )
    )
    assert body_paragraph is not None
    assert widgets_of(soup) in body_paragraph.find_all_next(class_="share-follow-signup")


def test_share_links_carry_the_difficult_title_as_the_page_shows_it(built):
    soup = built.soup("blog/qa-pricing-1-50-2026-cafe/index.html")
    heading = soup.select_one("h1.post-title, h1.entry-title")  # our theme, notmyidea
    shown_title = " ".join(heading.get_text().split())
    share = {a["aria-label"]: a["href"] for a in widgets_of(soup).select("nav.sfs-share a")}
    x = query_of(share["Share on X"])
    assert x == {
        "text": shown_title,
        "url": "https://danareyes.example/blog/qa-pricing-1-50-2026-cafe/",
    }
    # Everything survives; typogrify only curls the straight quotes, as in the heading.
    assert x["text"] == DIFFICULT_TITLE.replace('"Pricing"', "\u201cPricing\u201d")
    email = share["Share by Email"]
    assert email.startswith("mailto:?subject=Q%26A%3A%20%E2%80%9CPricing%E2%80%9D%20%231%20%2B")


def test_feeds_carry_no_widgets(built):
    feeds = [name for name in built.files() if name.startswith("feeds/")]
    assert len(feeds) == 4
    for name in feeds:
        text = built.text(name)
        assert "first paragraph" in text or "retainer" in text
        for marker in WIDGET_MARKERS:
            assert marker not in text, f"{marker!r} leaked into {name}"


def search_index_texts(built):
    """{url: indexed text} from Pagefind's fragments (gzip; JSON after a signature)."""
    texts = {}
    for fragment in built.path("pagefind/fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes()).decode("utf-8")
        record = json.loads(data[data.index("{") :])
        texts[record["url"]] = record["content"]
    return texts


def test_search_index_carries_no_widgets(built):
    texts = search_index_texts(built)
    assert "first paragraph" in texts["/blog/qa-pricing-1-50-2026-cafe/"]
    for url, text in texts.items():
        for words in ("Share on", "Hacker News", "Your email address", "Leave this empty"):
            assert words not in text, f"{words!r} is in the search index for {url}"
        assert "Get the next post by email" not in text
        assert "More about the newsletter" not in text


@pytest.mark.parametrize(
    "page_path", ["index.html", "category/marketing/index.html", "archives/index.html"]
)
def test_index_pages_and_summaries_carry_no_widgets(built, page_path):
    soup = built.soup(page_path)
    assert soup.select(".share-follow-signup, nav.sfs-share") == []


@pytest.mark.parametrize("page_path", sorted(ARTICLE_PAGES))
def test_meta_description_carries_no_widgets(built, page_path):
    description = built.soup(page_path).select_one('meta[name="description"]')["content"]
    assert description
    assert "Share" not in description and "email" not in description


def test_subscribe_page_has_the_form_latest_posts_and_services(built):
    aside = widgets_of(built.soup("subscribe/index.html"))
    form = aside.select_one("form.sfs-form")
    assert "tag" not in form_fields(form)  # no category here: no segment
    latest = [a["href"] for a in aside.select(".sfs-latest a")]
    assert latest == [
        "https://danareyes.example/blog/qa-pricing-1-50-2026-cafe/",
        "https://danareyes.example/blog/what-a-retainer-buys-you/",
    ]
    assert [a.get_text() for a in aside.select(".sfs-services a")] == ["Website\xa0audit"]
    assert aside.select("nav.sfs-share") == []


def test_service_pages_carry_share_links_and_the_call_to_action(built):
    # services/<slug>/ once the pricing plugin gives services their own folder.
    [service_page] = [
        name
        for name in ("services/website-audit/index.html", "website-audit/index.html")
        if built.path(name).is_file()
    ]
    aside = widgets_of(built.soup(service_page))
    assert [
        link["aria-label"] for link in aside.select("nav.sfs-share a")
    ] == SERVICE_SHARE_NETWORKS
    assert aside.select_one("form.sfs-form")
    assert aside.find("a", href="https://danareyes.example/subscribe/")


def test_other_pages_have_no_widgets(built):
    assert built.soup("privacy/index.html").select(".share-follow-signup") == []


@pytest.mark.parametrize("sidebar_follow", [True, False])
def test_our_theme_shows_follow_links_once_on_every_page(site_factory, sidebar_follow):
    # In the sidebar; in the footer only when the sidebar's follow block is turned off.
    site = write_site(site_factory())
    blocks = ["recent_posts", "categories"] + (["follow"] if sidebar_follow else [])
    result = site.build(
        "prod",
        settings={"SHARE_FOLLOW_SIGNUP": SETTINGS, "THEME_OPTIONS": {"sidebar": blocks}},
    )
    assert result.problems == []
    where = "aside.sidebar" if sidebar_follow else "footer.site-footer"
    for page_path in ("index.html", "privacy/index.html", *ARTICLE_PAGES):
        soup = result.soup(page_path)
        follow = follow_links_of(soup)
        assert follow in soup.select_one(where).find_all("nav")
        assert follow.select_one('a[rel="me"][href^="https://mastodon.social/"]')


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_memoized_content_with_feeds_on_the_same_site_url(site_factory, theme):
    # In the preview SITEURL is "" for pages and feeds alike, so both share Pelican's
    # memoized get_content(""): the feed must stay clean and the page must still get widgets.
    site = write_site(site_factory())
    result = site.build(
        "dev",
        settings={
            "SHARE_FOLLOW_SIGNUP": SETTINGS,
            "FEED_ALL_ATOM": "feeds/all.atom.xml",
            # Feed links need a domain (Pelican warns otherwise); pages keep SITEURL "".
            "FEED_DOMAIN": "http://127.0.0.1",
            **THEMES[theme],
        },
    )
    assert result.problems == []
    feed = result.text("feeds/all.atom.xml")
    for marker in WIDGET_MARKERS:
        assert marker not in feed
    for page_path in ARTICLE_PAGES:
        aside = widgets_of(result.soup(page_path))
        # Share links stay absolute in the preview, built on public_site_url.
        assert aside.select_one("nav.sfs-share a")["href"].endswith(
            "danareyes.example%2F" + page_path.removesuffix("index.html").replace("/", "%2F")
        )
        assert aside.find("a", href="/subscribe/")


def test_a_theme_copy_of_a_template_wins(site_factory, tmp_path):
    overrides = tmp_path / "overrides"
    (overrides / "share_follow_signup").mkdir(parents=True)
    (overrides / "share_follow_signup" / "share_links.html").write_text(
        '<p class="my-share">{% for link in share_links %}'
        '<a href="{{ link.url }}">{{ link.label }}</a>{% endfor %}</p>\n',
        encoding="utf-8",
    )
    site = write_site(site_factory())
    for theme, theme_settings in sorted(THEMES.items()):
        result = site.build(
            settings={
                "SHARE_FOLLOW_SIGNUP": SETTINGS,
                "THEME_TEMPLATES_OVERRIDES": [str(overrides)],
                **theme_settings,
            }
        )
        assert result.problems == []
        aside = widgets_of(result.soup("blog/what-a-retainer-buys-you/index.html"))
        assert len(aside.select("p.my-share a")) == len(ARTICLE_SHARE_NETWORKS), theme
        assert aside.select("nav.sfs-share") == [], theme


@pytest.mark.parametrize(("inject", "expected"), [("never", 0), ("always", 1)])
def test_injection_can_be_forced_either_way(site_factory, inject, expected):
    site = write_site(site_factory())
    result = site.build(
        settings={"SHARE_FOLLOW_SIGNUP": {**SETTINGS, "inject": inject}, **NOTMYIDEA_SETTINGS}
    )
    assert result.problems == []
    soup = result.soup("blog/what-a-retainer-buys-you/index.html")
    assert len(soup.select("aside.share-follow-signup")) == expected
