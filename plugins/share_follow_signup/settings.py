"""The SHARE_FOLLOW_SIGNUP settings: documented defaults and the one place they are checked."""

import copy
from urllib.parse import urlsplit

from .follow_links import FOLLOW_NETWORKS
from .share_links import SHARE_NETWORKS
from .signup import (
    GENERIC_FIELD_KEYS,
    OPTIONAL_SIGNUP_KEYS,
    SIGNUP_PROVIDERS,
    mailchimp_list_ids,
)

SETTING_NAME = "SHARE_FOLLOW_SIGNUP"
INJECT_MODES = ("auto", "always", "never")
SHARE_PAGE_TYPES = ("article", "service")

# Every key, its default and what it means. Any other key is an error.
DEFAULTS = {
    "share_networks": (
        {
            # A business blog and its service pages are shared by clients and colleagues:
            # the business networks.
            "article": ["linkedin", "x", "facebook", "email"],
            "service": ["linkedin", "email", "x", "facebook"],
        },
        'networks offered per page type ({"article": [...], "service": [...]}), in order; '
        "a plain list applies to both",
    ),
    "public_site_url": (
        None,
        "absolute address used in share links while SITEURL is not absolute (the preview)",
    ),
    "follow": ({}, "{network: profile URL} in display order; feed/newsletter may be True"),
    "signup": (None, 'the list provider: {"provider": ..., its ids}; None = no form'),
    "category_tags": ({}, "{category name: tag or group id} sent with a signup from that category"),
    "subscribe_page_url": ("subscribe/", "URL of the subscribe page, relative to SITEURL"),
    "privacy_page_url": ("privacy/", "URL of the privacy page the consent line links to"),
    "honeypot_field": ("website", "name of the bot-trap field for providers without their own"),
    "latest_posts": (5, "how many latest posts the subscribe page lists"),
    "services_folder": ("services", "content folder whose pages are services"),
    "inject": (
        "auto",
        "add the widgets after the content of themes that do not include them: "
        '"auto" (unless a theme template names share_follow_signup/), "always" or "never"',
    ),
}


def default_settings():
    return {key: copy.deepcopy(default) for key, (default, _description) in DEFAULTS.items()}


def is_web_url(value):
    """True for an absolute http(s) URL with a host and no whitespace."""
    if not isinstance(value, str) or not value or any(c.isspace() for c in value):
        return False
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError for a malformed port
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def is_site_path(value):
    """True for a URL relative to SITEURL, like "subscribe/"."""
    return (
        isinstance(value, str)
        and not value.startswith(("/", "//"))
        and not urlsplit(value).scheme
        and not any(c.isspace() for c in value)
    )


def share_base_url(pelican_settings):
    """The absolute site address share links are built on (validated at start-up)."""
    siteurl = pelican_settings.get("SITEURL") or ""
    if is_web_url(siteurl):
        return siteurl.rstrip("/")
    return (pelican_settings[SETTING_NAME]["public_site_url"] or "").rstrip("/")


def site_link(pelican_settings, url):
    """An href for a site-relative URL ("subscribe/"), or an absolute URL unchanged."""
    if is_web_url(url):
        return url
    return f"{pelican_settings.get('SITEURL') or ''}/{url}"


def validate(user_settings, pelican_settings):
    """Merge the user's dict over the defaults and check it.

    Returns (validated copy, list of one-line problems). The user's dict is not touched.
    """
    problems = []
    name = SETTING_NAME
    if user_settings is None:
        user_settings = {}
    if not isinstance(user_settings, dict):
        return None, [f"{name}: must be a dict, not {type(user_settings).__name__}"]
    for key in user_settings:
        if key not in DEFAULTS:
            problems.append(
                f'{name}["{key}"]: unknown setting (allowed: {", ".join(sorted(DEFAULTS))})'
            )
    config = default_settings()
    config.update(copy.deepcopy({k: v for k, v in user_settings.items() if k in DEFAULTS}))

    config["share_networks"], share_problems = _share_networks_by_type(user_settings)
    problems += share_problems
    problems += _check_public_site_url(config["public_site_url"], pelican_settings)
    problems += _check_follow(config["follow"])
    problems += _check_signup(config["signup"])
    if not isinstance(config["category_tags"], dict) or not all(
        isinstance(k, str) and isinstance(v, str | int) for k, v in config["category_tags"].items()
    ):
        problems.append(
            f'{name}["category_tags"]: must map category names to tags, '
            'e.g. {"Customer service": "customer-service"}'
        )
    for key in ("subscribe_page_url", "privacy_page_url"):
        if not (is_site_path(config[key]) or is_web_url(config[key])):
            problems.append(
                f'{name}["{key}"]: {config[key]!r} is not a URL relative to SITEURL '
                'or an absolute http(s) URL (write e.g. "privacy/")'
            )
    if not isinstance(config["honeypot_field"], str) or not config["honeypot_field"].strip():
        problems.append(f'{name}["honeypot_field"]: must be a field name, e.g. "website"')
    latest = config["latest_posts"]
    if isinstance(latest, bool) or not isinstance(latest, int) or latest < 0:
        problems.append(f'{name}["latest_posts"]: {latest!r} is not a whole number >= 0')
    if not isinstance(config["services_folder"], str) or not config["services_folder"]:
        problems.append(f'{name}["services_folder"]: must be a folder name, e.g. "services"')
    if config["inject"] not in INJECT_MODES:
        problems.append(
            f'{name}["inject"]: {config["inject"]!r} is not one of {", ".join(INJECT_MODES)}'
        )
    return config, problems


def _share_networks_by_type(user_settings):
    """{page type: [network ids]}; a plain list means the same networks on every type."""
    by_type = copy.deepcopy(DEFAULTS["share_networks"][0])
    given = user_settings.get("share_networks", by_type)
    where = f'{SETTING_NAME}["share_networks"]'
    if isinstance(given, list | tuple):
        return {page_type: list(given) for page_type in SHARE_PAGE_TYPES}, _check_share_networks(
            given, where
        )
    if not isinstance(given, dict):
        return by_type, [
            f"{where}: must be a list of network ids or a dict of them per page type, "
            'e.g. {"article": ["x", "email"], "service": ["linkedin", "email"]}'
        ]
    problems = []
    for page_type, networks in given.items():
        if page_type not in SHARE_PAGE_TYPES:
            problems.append(
                f"{where}: unknown page type {page_type!r} "
                f"(choose from {', '.join(SHARE_PAGE_TYPES)})"
            )
            continue
        problems += _check_share_networks(networks, f'{where}["{page_type}"]')
        by_type[page_type] = list(networks) if isinstance(networks, list | tuple) else []
    return by_type, problems


def _check_share_networks(networks, where):
    if not isinstance(networks, list | tuple):
        return [f'{where}: must be a list of network ids, e.g. ["x", "email"]']
    problems = []
    seen = set()
    for network in networks:
        if not isinstance(network, str) or network not in SHARE_NETWORKS:
            problems.append(
                f"{where}: unknown network {network!r} (choose from {', '.join(SHARE_NETWORKS)})"
            )
        elif network in seen:
            problems.append(f"{where}: {network!r} is listed twice")
        else:
            seen.add(network)
    return problems


def _check_public_site_url(public_site_url, pelican_settings):
    where = f'{SETTING_NAME}["public_site_url"]'
    if public_site_url is not None and not is_web_url(public_site_url):
        return [
            f"{where}: {public_site_url!r} is not an absolute http(s) URL "
            '(write e.g. "https://danareyes.example")'
        ]
    siteurl = pelican_settings.get("SITEURL") or ""
    if not is_web_url(siteurl) and public_site_url is None:
        return [
            f"{where}: share links need an absolute address, but SITEURL is {siteurl!r} "
            '(set public_site_url, e.g. "https://danareyes.example")'
        ]
    return []


def _check_follow(follow):
    where = f'{SETTING_NAME}["follow"]'
    if not isinstance(follow, dict):
        return [f'{where}: must be a dict, e.g. {{"mastodon": "https://mastodon.social/@you"}}']
    problems = []
    for network_id, target in follow.items():
        network = FOLLOW_NETWORKS.get(network_id)
        if network is None:
            problems.append(
                f"{where}: unknown network {network_id!r} "
                f"(choose from {', '.join(FOLLOW_NETWORKS)})"
            )
        elif target is True and not network.needs_url:
            continue
        elif not is_web_url(target):
            allowed = "a URL" if network.needs_url else "True or a URL"
            problems.append(
                f'{where}["{network_id}"]: {target!r} is not an absolute http(s) URL '
                f'(write {allowed}, e.g. "{network.example}")'
            )
    return problems


def _check_signup(signup):
    where = f'{SETTING_NAME}["signup"]'
    if signup is None:
        return []
    if not isinstance(signup, dict):
        return [f'{where}: must be a dict, e.g. {{"provider": "buttondown", "username": "you"}}']
    provider_id = signup.get("provider")
    provider = SIGNUP_PROVIDERS.get(provider_id) if isinstance(provider_id, str) else None
    if provider is None:
        return [
            f'{where}["provider"]: {provider_id!r} is not a supported provider '
            f"(choose from {', '.join(SIGNUP_PROVIDERS)})"
        ]
    problems = []
    allowed = {"provider", *provider.required, *OPTIONAL_SIGNUP_KEYS}
    for key in signup:
        if key not in allowed:
            problems.append(
                f'{where}["{key}"]: unknown setting for {provider.name} '
                f"(allowed: {', '.join(sorted(allowed))})"
            )
    for key, example in provider.required.items():
        value = signup.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            problems.append(
                f'{where}["{key}"]: missing ({provider.name} needs it, e.g. {example!r})'
            )
    action = signup.get("action")
    if action is not None:
        if not is_web_url(action):
            problems.append(
                f'{where}["action"]: {action!r} is not an absolute http(s) URL '
                "(copy the form action from the provider's embed code)"
            )
        elif provider.id == "mailchimp" and mailchimp_list_ids(action) is None:
            problems.append(
                f'{where}["action"]: {action!r} has no u=… and id=… '
                "(copy the whole form action from Mailchimp's embed code)"
            )
    hidden = signup.get("hidden", {})
    if not isinstance(hidden, dict) or not all(
        isinstance(k, str) and isinstance(v, str | int) for k, v in hidden.items()
    ):
        problems.append(
            f'{where}["hidden"]: must map field names to values, e.g. {{"src": "blog"}}'
        )
    if provider.id == "generic" and "fields" in signup:
        fields = signup["fields"]
        if not isinstance(fields, dict) or not isinstance(fields.get("email"), str):
            problems.append(
                f'{where}["fields"]: must name at least the email field, e.g. {{"email": "email"}}'
            )
        else:
            for key in fields:
                if key not in GENERIC_FIELD_KEYS:
                    problems.append(
                        f'{where}["fields"]["{key}"]: unknown field role '
                        f"(allowed: {', '.join(sorted(GENERIC_FIELD_KEYS))})"
                    )
    return problems
