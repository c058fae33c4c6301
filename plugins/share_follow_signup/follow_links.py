"""Follow links: the author's profiles, the site feed and the newsletter, from settings."""

from dataclasses import dataclass


@dataclass(frozen=True)
class FollowNetwork:
    """Somewhere a reader can follow the site: its id in settings and how the link reads."""

    id: str
    name: str
    label: str
    # rel="me" says "this profile is mine"; Mastodon shows the link as verified only with it.
    rel: str = "me"
    # False for links the plugin can work out itself (`True` in settings).
    needs_url: bool = True


FOLLOW_NETWORKS = {
    network.id: network
    for network in (
        FollowNetwork("x", "X", "Follow on X"),
        FollowNetwork("linkedin", "LinkedIn", "Follow on LinkedIn"),
        FollowNetwork("facebook", "Facebook", "Follow on Facebook"),
        FollowNetwork("instagram", "Instagram", "Follow on Instagram"),
        FollowNetwork("youtube", "YouTube", "Subscribe on YouTube"),
        FollowNetwork("bluesky", "Bluesky", "Follow on Bluesky"),
        FollowNetwork("mastodon", "Mastodon", "Follow on Mastodon"),
        FollowNetwork("github", "GitHub", "Follow on GitHub"),
        FollowNetwork("feed", "Feed", "Subscribe to the feed", rel="alternate", needs_url=False),
        FollowNetwork("newsletter", "Newsletter", "Get the newsletter", rel="", needs_url=False),
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
