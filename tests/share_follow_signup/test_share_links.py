"""Share links: every network's URL parses back to exactly the title and page URL."""

import html
from urllib.parse import parse_qs, urlsplit

import pytest
from markupsafe import Markup
from share_follow_signup.share_links import SHARE_NETWORKS, build_share_links, plain_title

PAGE_URL = "https://danareyes.example/blog/q-a-pricing/"

DIFFICULT_TITLES = [
    'Q&A: "Pricing" <2026>',
    "#1 + #2 = 3 & 100% sure",
    "Crème brûlée, naïve façade: Ñandú Straße",
    "Prices 🚀 up? 😅 No 👍🏽",
    "a+b=c?d=e&f#g /slash/ 'single' \"double\" <img src=x onerror=alert(1)>",
    "日本語のタイトル — العربية",
]

# network id -> (endpoint without query, how to read title and URL back from the query)
EXPECTED = {
    "x": ("https://x.com/intent/tweet", lambda q: (q["text"], q["url"])),
    "facebook": ("https://www.facebook.com/sharer/sharer.php", lambda q: (None, q["u"])),
    "linkedin": ("https://www.linkedin.com/sharing/share-offsite/", lambda q: (None, q["url"])),
    "reddit": ("https://www.reddit.com/submit", lambda q: (q["title"], q["url"])),
    "email": ("mailto:", lambda q: (q["subject"], q["body"])),
    "bluesky": ("https://bsky.app/intent/compose", lambda q: tuple(q["text"].rsplit(" ", 1))),
    "threads": ("https://www.threads.com/intent/post", lambda q: (q["text"], q["url"])),
    "mastodon": ("https://share.joinmastodon.org/", lambda q: tuple(q["text"].rsplit(" ", 1))),
    "hackernews": ("https://news.ycombinator.com/submitlink", lambda q: (q["t"], q["u"])),
    "whatsapp": ("https://wa.me/", lambda q: tuple(q["text"].rsplit(" ", 1))),
}


def parse_share_url(url):
    """(endpoint, {param: single decoded value}) — fails on a repeated parameter."""
    parts = urlsplit(url)
    params = parse_qs(parts.query, keep_blank_values=True, strict_parsing=True)
    assert all(len(values) == 1 for values in params.values()), url
    endpoint = f"{parts.scheme}:{parts.path}" if parts.scheme == "mailto" else url.split("?")[0]
    return endpoint, {name: values[0] for name, values in params.items()}


def as_page_title(text):
    """A title as the strict reader hands it over: escaped HTML, marked safe."""
    return Markup(html.escape(text, quote=True))  # noqa: S704 - escaped on the line itself


def test_every_network_in_the_issue_is_registered():
    assert set(SHARE_NETWORKS) == set(EXPECTED)


@pytest.mark.parametrize("title", DIFFICULT_TITLES)
@pytest.mark.parametrize("network", sorted(EXPECTED))
def test_title_and_url_round_trip(network, title):
    [link] = build_share_links(as_page_title(title), PAGE_URL, [network])
    endpoint, params = parse_share_url(link.url)
    expected_endpoint, read_back = EXPECTED[network]
    shared_title, shared_url = read_back(params)
    assert endpoint == expected_endpoint
    assert shared_url == PAGE_URL
    if shared_title is not None:
        assert shared_title == title


@pytest.mark.parametrize("network", sorted(EXPECTED))
def test_every_reserved_character_is_percent_encoded(network):
    [link] = build_share_links(as_page_title(DIFFICULT_TITLES[4]), PAGE_URL, [network])
    query = link.url.split("?", 1)[1]
    values = [pair.split("=", 1)[1] for pair in query.split("&")]
    for value in values:
        assert not set(value) & set(" +#&<>\"'/:?="), value


def test_spaces_are_percent_20_in_mailto_as_rfc_6068_requires():
    [link] = build_share_links(as_page_title("Two words"), PAGE_URL, ["email"])
    assert link.url.startswith("mailto:?subject=Two%20words&body=https%3A%2F%2F")


def test_links_follow_the_configured_order_and_have_accessible_names():
    links = build_share_links(as_page_title("T"), PAGE_URL, ["email", "x", "hackernews"])
    assert [(link.network, link.name, link.label) for link in links] == [
        ("email", "Email", "Share by Email"),
        ("x", "X", "Share on X"),
        ("hackernews", "Hacker News", "Share on Hacker News"),
    ]


def test_typogrified_title_is_shared_as_the_reader_sees_it():
    # What strict_build + typogrify make of `Q&A: "Pricing" -- now`: the share text is the
    # heading's text: entities decoded, spans gone, the no-break space a plain space.
    typogrified = Markup(
        '<span class="caps">Q</span><span class="amp">&amp;</span>A: '
        '<span class="dquo">&#8220;</span>Pricing&#8221; &#8212;&nbsp;now'
    )
    assert plain_title(typogrified) == "Q&A: \u201cPricing\u201d \u2014 now"


@pytest.mark.parametrize(
    "value",
    ["A & B # C", "100% “quoted” + <em>", "émoji 😀 / ? = ;", "line\nnext\ttab", "", "a" * 300],
)
def test_a_query_encodes_as_urlencode_with_quote_does(value):
    """query() encodes each title and URL once and reuses it across networks; the
    bytes are exactly urlencode's with quote and nothing safe."""
    from urllib.parse import quote, urlencode

    from share_follow_signup.share_links import query

    params = {"text": value, "url": f"https://example.org/{value}/", "t": value}
    assert query(**params) == urlencode(params, quote_via=quote, safe="")
    assert query(**params) == query(**params)  # the second time from the memo
