"""Share links: one plain URL per network, built from a page's title and absolute URL.

Networks are a registry: adding one is one function decorated with `@share_network`.
Every query value is percent-encoded with `quote(..., safe="")`, so `&`, `#`, `+`, quotes,
`<`, non-ASCII letters and emoji reach the network exactly as written (and spaces are
`%20`, which RFC 6068 requires for mailto: and every web endpoint accepts).
"""

import functools
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

from plugin_support.site_content import plain_text


@dataclass(frozen=True)
class ShareNetwork:
    """A network people can share to: its id in settings, its display name, its URL builder."""

    id: str
    name: str
    build_url: Callable[[str, str], str]
    action: str = "Share on {name}"


@dataclass(frozen=True)
class ShareLink:
    """One rendered share link: what a template needs and nothing more."""

    network: str
    name: str
    url: str
    label: str


SHARE_NETWORKS: dict[str, ShareNetwork] = {}


def share_network(network_id, name, action="Share on {name}"):
    """Register `build_url(title, page_url) -> str` as the share endpoint of a network."""

    def register_network(build_url):
        SHARE_NETWORKS[network_id] = ShareNetwork(network_id, name, build_url, action)
        return build_url

    return register_network


def query(**params):
    """Percent-encode every value completely (spaces as %20, `+` as %2B, `#` as %23),
    as urlencode(params, quote_via=quote, safe="") does."""
    return "&".join(f"{_encoded(key)}={_encoded(value)}" for key, value in params.items())


@functools.lru_cache(maxsize=1024)
def _encoded(text):
    # Each post's title and URL go into several networks' links: encoded once.
    return quote(text, safe="")


def title_and_url(title, page_url):
    return f"{title} {page_url}"


# Endpoints as documented by each network in 2026.
@share_network("x", "X")
def x_share_url(title, page_url):
    return "https://x.com/intent/tweet?" + query(text=title, url=page_url)


@share_network("facebook", "Facebook")
def facebook_share_url(title, page_url):
    return "https://www.facebook.com/sharer/sharer.php?" + query(u=page_url)


@share_network("linkedin", "LinkedIn")
def linkedin_share_url(title, page_url):
    return "https://www.linkedin.com/sharing/share-offsite/?" + query(url=page_url)


@share_network("reddit", "Reddit")
def reddit_share_url(title, page_url):
    return "https://www.reddit.com/submit?" + query(url=page_url, title=title)


@share_network("email", "Email", action="Share by {name}")
def email_share_url(title, page_url):
    # RFC 6068: no "//", hfields percent-encoded, spaces must be %20 (never "+").
    return "mailto:?" + query(subject=title, body=page_url)


@share_network("bluesky", "Bluesky")
def bluesky_share_url(title, page_url):
    return "https://bsky.app/intent/compose?" + query(text=title_and_url(title, page_url))


@share_network("threads", "Threads")
def threads_share_url(title, page_url):
    return "https://www.threads.com/intent/post?" + query(text=title, url=page_url)


@share_network("mastodon", "Mastodon")
def mastodon_share_url(title, page_url):
    # The official chooser asks the reader for their own server; no instance is hard-coded.
    return "https://share.joinmastodon.org/?" + query(text=title_and_url(title, page_url))


@share_network("hackernews", "Hacker News")
def hackernews_share_url(title, page_url):
    return "https://news.ycombinator.com/submitlink?" + query(u=page_url, t=title)


@share_network("whatsapp", "WhatsApp")
def whatsapp_share_url(title, page_url):
    return "https://wa.me/?" + query(text=title_and_url(title, page_url))


def plain_title(title):
    """The title as readers see it, as plain text.

    Titles arrive as safe HTML (escaped, then typogrified): strip the typogrify spans,
    turn entities back into characters, and turn widont's no-break space into a space.
    """
    return " ".join(plain_text(title).split())


def build_share_links(title, page_url, network_ids):
    """Share links for a page, in the order of `network_ids` (ids already validated)."""
    text = plain_title(title)
    links = []
    for network_id in network_ids:
        network = SHARE_NETWORKS[network_id]
        links.append(
            ShareLink(
                network=network.id,
                name=network.name,
                url=network.build_url(text, page_url),
                label=network.action.format(name=network.name),
            )
        )
    return links
