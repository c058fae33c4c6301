"""Attach share links, signup forms and the subscribe page's lists to content objects.

Themes read these attributes; the plugin's own templates render them:
`item.share_links`, `item.signup_form`, and on the subscribe page `item.subscribe_page`.
"""

from dataclasses import dataclass, replace

from .settings import SETTING_NAME, share_base_url, site_link
from .share_links import build_share_links
from .signup import build_signup_form


@dataclass(frozen=True)
class SubscribePage:
    """What the subscribe page lists besides its form."""

    latest_posts: list
    services: list


def is_service(page):
    """A service page, as the pricing plugin marks them (no pricing plugin: no services)."""
    return bool(getattr(page, "is_service_page", False))


def signup_form_for(settings, category_name=None):
    """The signup form with the site's subscribe and privacy links, or None if no provider."""
    config = settings[SETTING_NAME]
    if config["signup"] is None:
        return None
    return replace(
        build_signup_form(config, category_name),
        subscribe_url=site_link(settings, config["subscribe_page_url"]),
        privacy_url=site_link(settings, config["privacy_page_url"]),
    )


def share_links_for(content, settings, page_type):
    page_url = f"{share_base_url(settings)}/{content.url}"
    networks = settings[SETTING_NAME]["share_networks"][page_type]
    return build_share_links(content.title, page_url, networks)


def attach_to_article(article, settings):
    category = getattr(article, "category", None)
    article.share_links = share_links_for(article, settings, "article")
    article.signup_form = signup_form_for(settings, category.name if category else None)


def attach_to_service(page, settings):
    page.share_links = share_links_for(page, settings, "service")
    page.signup_form = signup_form_for(settings)


def attach_to_subscribe_page(page, settings, articles, services):
    page.signup_form = signup_form_for(settings)
    page.subscribe_page = SubscribePage(
        latest_posts=list(articles[: settings[SETTING_NAME]["latest_posts"]]),
        services=list(services),
    )


def is_subscribe_page(page, settings):
    return page.url == settings[SETTING_NAME]["subscribe_page_url"]
