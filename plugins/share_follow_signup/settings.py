"""The SHARE_FOLLOW_SIGNUP settings: documented defaults and the one place they are checked."""

from urllib.parse import urlsplit

from plugin_support.settings import Setting, checked, is_one_of

from .follow_links import FOLLOW_NETWORKS
from .share_links import SHARE_NETWORKS
from .signup import (
    GENERIC_FIELD_KEYS,
    OPTIONAL_SIGNUP_KEYS,
    SIGNUP_PROVIDERS,
    mailchimp_list_ids,
    signup_field_names,
)

SETTING_NAME = "SHARE_FOLLOW_SIGNUP"
INJECT_MODES = ("auto", "always", "never")
SHARE_PAGE_TYPES = ("article", "service")

# A business blog and its service pages are shared by clients and colleagues:
# the business networks.
DEFAULT_SHARE_NETWORKS = {
    "article": ["linkedin", "x", "facebook", "email"],
    "service": ["linkedin", "email", "x", "facebook"],
}


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


def _share_networks(networks):
    """A list of network ids (every page type), or a dict of them per page type."""
    if isinstance(networks, list | tuple):
        return _network_list_problems(networks)
    if not isinstance(networks, dict):
        return (
            "must be a list of network ids or a dict of them per page type",
            'e.g. {"article": ["x", "email"], "service": ["linkedin", "email"]}',
        )
    problems = []
    for page_type, listed in networks.items():
        if page_type not in SHARE_PAGE_TYPES:
            problems.append(
                (f"unknown page type {page_type!r}", f"choose from {', '.join(SHARE_PAGE_TYPES)}")
            )
        elif not isinstance(listed, list | tuple):
            problems.append(
                (f'["{page_type}"]', "must be a list of network ids", 'e.g. ["x", "email"]')
            )
        else:
            problems += [
                (f'["{page_type}"]', problem, fix)
                for problem, fix in _network_list_problems(listed)
            ]
    return problems


def networks_by_page_type(networks):
    """{page type: [network ids]} from a validated share_networks value."""
    if isinstance(networks, list | tuple):
        return {page_type: list(networks) for page_type in SHARE_PAGE_TYPES}
    return {**DEFAULT_SHARE_NETWORKS, **{key: list(value) for key, value in networks.items()}}


def _network_list_problems(networks):
    problems = []
    seen = set()
    for network in networks:
        if not isinstance(network, str) or network not in SHARE_NETWORKS:
            problems.append(
                (f"unknown network {network!r}", f"choose from {', '.join(SHARE_NETWORKS)}")
            )
        elif network in seen:
            problems.append((f"{network!r} is listed twice", "list each network once"))
        else:
            seen.add(network)
    return problems


def _public_site_url(public_site_url):
    if public_site_url is not None and not is_web_url(public_site_url):
        return (
            f"{public_site_url!r} is not an absolute http(s) URL",
            'write e.g. "https://danareyes.example"',
        )
    return None


def _follow(follow):
    if not isinstance(follow, dict):
        return "must be a dict", 'e.g. {"mastodon": "https://mastodon.social/@you"}'
    problems = []
    for network_id, target in follow.items():
        network = FOLLOW_NETWORKS.get(network_id)
        if network is None:
            problems.append(
                (f"unknown network {network_id!r}", f"choose from {', '.join(FOLLOW_NETWORKS)}")
            )
        elif target is True and not network.needs_url:
            continue
        elif not is_web_url(target):
            allowed = "a URL" if network.needs_url else "True or a URL"
            problems.append(
                (
                    f'["{network_id}"]',
                    f"{target!r} is not an absolute http(s) URL",
                    f'write {allowed}, e.g. "{network.example}"',
                )
            )
    return problems


def _signup(signup):
    if signup is None:
        return None
    if not isinstance(signup, dict):
        return "must be a dict", 'e.g. {"provider": "buttondown", "username": "you"}'
    provider_id = signup.get("provider")
    provider = SIGNUP_PROVIDERS.get(provider_id) if isinstance(provider_id, str) else None
    if provider is None:
        return (
            '["provider"]',
            f"{provider_id!r} is not a supported provider",
            f"choose from {', '.join(SIGNUP_PROVIDERS)}",
        )
    allowed = {"provider", *provider.required, *OPTIONAL_SIGNUP_KEYS}
    problems = [
        (
            f'["{key}"]',
            f"unknown setting for {provider.name}",
            f"allowed: {', '.join(sorted(allowed))}",
        )
        for key in signup
        if key not in allowed
    ]
    for key, example in provider.required.items():
        value = signup.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            problems.append(
                (f'["{key}"]', "missing", f"{provider.name} needs it, e.g. {example!r}")
            )
    problems += _signup_action(provider, signup.get("action"))
    hidden = signup.get("hidden", {})
    if not isinstance(hidden, dict) or not all(
        isinstance(k, str) and isinstance(v, str | int) for k, v in hidden.items()
    ):
        problems.append(('["hidden"]', "must map field names to values", 'e.g. {"src": "blog"}'))
    if provider.id == "generic" and "fields" in signup:
        problems += _generic_fields(signup["fields"])
    return problems


def _signup_action(provider, action):
    if action is None:
        return []
    if not is_web_url(action):
        return [
            (
                '["action"]',
                f"{action!r} is not an absolute http(s) URL",
                "copy the form action from the provider's embed code",
            )
        ]
    if provider.id == "mailchimp" and mailchimp_list_ids(action) is None:
        return [
            (
                '["action"]',
                f"{action!r} has no u=… and id=…",
                "copy the whole form action from Mailchimp's embed code",
            )
        ]
    return []


def _generic_fields(fields):
    if not isinstance(fields, dict) or not isinstance(fields.get("email"), str):
        return [('["fields"]', "must name at least the email field", 'e.g. {"email": "email"}')]
    return [
        (
            f'["fields"]["{key}"]',
            "unknown field role",
            f"allowed: {', '.join(sorted(GENERIC_FIELD_KEYS))}",
        )
        for key in fields
        if key not in GENERIC_FIELD_KEYS
    ]


def _category_tags(value):
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str | int) for k, v in value.items()
    ):
        return "must map category names to tags", 'e.g. {"Customer service": "customer-service"}'
    return None


def _page_url(value):
    if not (is_site_path(value) or is_web_url(value)):
        return (
            f"{value!r} is not a URL relative to SITEURL or an absolute http(s) URL",
            'write e.g. "privacy/"',
        )
    return None


def _field_name(value):
    if not isinstance(value, str) or not value.strip():
        return "must be a field name", 'e.g. "website"'
    return None


def _latest_posts(value):
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return f"{value!r} is not a whole number >= 0", "write e.g. 5"
    return None


DECLARATIONS = {
    "share_networks": Setting(
        DEFAULT_SHARE_NETWORKS,
        'networks offered per page type ({"article": [...], "service": [...]}), in order; '
        "a plain list applies to both",
        _share_networks,
    ),
    "public_site_url": Setting(
        None,
        "absolute address used in share links while SITEURL is not absolute (the preview)",
        _public_site_url,
    ),
    "follow": Setting(
        {}, "{network: profile URL} in display order; feed/newsletter may be True", _follow
    ),
    "signup": Setting(
        None, 'the list provider: {"provider": ..., its ids}; None = no form', _signup
    ),
    "category_tags": Setting(
        {}, "{category name: tag or group id} sent with a signup from that category", _category_tags
    ),
    "subscribe_page_url": Setting(
        "subscribe/", "URL of the subscribe page, relative to SITEURL", _page_url
    ),
    "privacy_page_url": Setting(
        "privacy/", "URL of the privacy page the consent line links to", _page_url
    ),
    "honeypot_field": Setting(
        "website", "name of the bot-trap field for providers without their own", _field_name
    ),
    "latest_posts": Setting(5, "how many latest posts the subscribe page lists", _latest_posts),
    "inject": Setting(
        "auto",
        "add the widgets after the content of themes that do not include them: "
        '"auto" (unless a theme template names share_follow_signup/), "always" or "never"',
        is_one_of(*INJECT_MODES),
    ),
}


def check_together(config, pelican_settings):
    problems = []
    siteurl = pelican_settings.get("SITEURL") or ""
    if not is_web_url(siteurl) and config["public_site_url"] is None:
        problems.append(
            (
                "public_site_url",
                f"share links need an absolute address, but SITEURL is {siteurl!r}",
                'set public_site_url, e.g. "https://danareyes.example"',
            )
        )
    if config["signup"] is not None:
        taken = signup_field_names(config["signup"])
        if config["honeypot_field"] in taken:
            problems.append(
                (
                    "honeypot_field",
                    f'"{config["honeypot_field"]}" is a field the signup form already sends',
                    'choose a name no real field uses, e.g. "website"',
                )
            )
    return problems


def validate(user_settings, pelican_settings):
    """(validated copy over the defaults, one-line problems); the user's dict is untouched."""
    config, problems = checked(
        {**pelican_settings, SETTING_NAME: user_settings},
        SETTING_NAME,
        DECLARATIONS,
        check_together,
    )
    config["share_networks"] = networks_by_page_type(config["share_networks"])
    return config, problems
