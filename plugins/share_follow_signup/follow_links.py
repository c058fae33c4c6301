"""Follow links: the author's profiles, the site feed and the newsletter, from settings."""

from dataclasses import dataclass


@dataclass(frozen=True)
class FollowNetwork:
    """Somewhere a reader can follow the site: its id in settings and how the link reads."""

    id: str
    name: str
    label: str
    example: str
    # rel="me" says "this profile is mine"; Mastodon shows the link as verified only with it.
    rel: str = "me"
    # False for links the plugin can work out itself (`True` in settings).
    needs_url: bool = True


FOLLOW_NETWORKS = {
    network.id: network
    for network in (
        FollowNetwork("x", "X", "Follow on X", "https://x.com/you"),
        FollowNetwork(
            "linkedin", "LinkedIn", "Follow on LinkedIn", "https://www.linkedin.com/in/you"
        ),
        FollowNetwork("facebook", "Facebook", "Follow on Facebook", "https://www.facebook.com/you"),
        FollowNetwork(
            "instagram", "Instagram", "Follow on Instagram", "https://www.instagram.com/you"
        ),
        FollowNetwork("youtube", "YouTube", "Subscribe on YouTube", "https://www.youtube.com/@you"),
        FollowNetwork("bluesky", "Bluesky", "Follow on Bluesky", "https://bsky.app/profile/you"),
        FollowNetwork("mastodon", "Mastodon", "Follow on Mastodon", "https://mastodon.social/@you"),
        FollowNetwork("github", "GitHub", "Follow on GitHub", "https://github.com/you"),
        FollowNetwork(
            "feed",
            "Feed",
            "Subscribe to the feed",
            "https://example.com/feed.xml",
            rel="alternate",
            needs_url=False,
        ),
        FollowNetwork(
            "newsletter",
            "Newsletter",
            "Get the newsletter",
            "https://example.com/newsletter",
            rel="",
            needs_url=False,
        ),
    )
}


@dataclass(frozen=True)
class FollowLink:
    """One rendered follow link."""

    network: str
    name: str
    url: str
    label: str
    rel: str


def feed_url(settings):
    """The site's main feed (Atom preferred), or None when this build writes no feed."""
    for setting in ("FEED_ALL_ATOM", "FEED_ATOM", "FEED_ALL_RSS", "FEED_RSS"):
        if settings.get(setting):
            return f"{settings.get('FEED_DOMAIN') or settings['SITEURL']}/{settings[setting]}"
    return None


def build_follow_links(follow_settings, settings, subscribe_page_url):
    """Follow links in settings order; `True` means "work it out" (feed, newsletter)."""
    links = []
    for network_id, target in follow_settings.items():
        network = FOLLOW_NETWORKS[network_id]
        if target is True:
            url = feed_url(settings) if network_id == "feed" else subscribe_page_url
        else:
            url = target
        if not url:
            continue  # e.g. the development preview writes no feed
        links.append(FollowLink(network_id, network.name, url, network.label, network.rel))
    return links
