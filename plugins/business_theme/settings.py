"""THEME_OPTIONS: every option of the theme in one dict, declared here and checked once per build.

    THEME_OPTIONS = {
        "wordmark": "Dana Reyes",
        "submenus": {"Work with me": (("Services", "/services/"), ...)},
        "sidebar": ["recent_posts", "categories", ...],
        ...
    }

Each key is declared below with its default, what it does and how it is checked. A key
that is not declared is a mistake, reported like any other, one line each.
"""

import os
import re

from plugin_support.settings import Setting, validated

SETTING_NAME = "THEME_OPTIONS"
SIDEBAR_BLOCKS = (
    "recent_posts",
    "top_posts",
    "categories",
    "archives",
    "comment_policy",
    "follow",
    "signup",
)
HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
EMAIL_ADDRESS = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+$")
# The backgrounds of tokens.css; an accent must be readable on them.
LIGHT_BACKGROUND = "#ffffff"
DARK_BACKGROUND = "#0d1117"
# WCAG 2.2 AA for normal text: links and button labels are normal text.
MINIMUM_CONTRAST = 4.5


def _optional_text(value):
    if value is not None and not (isinstance(value, str) and value.strip()):
        return "must be a non-empty string or None", 'e.g. "Dana Reyes"'
    return None


def _text(value):
    if not (isinstance(value, str) and value.strip()):
        return "must be a non-empty string", "see the default in the README"
    return None


def _whole_number(minimum):
    def check(value):
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            return f"{value!r} is not a whole number >= {minimum}", f"write e.g. {minimum + 3}"
        return None

    return check


def is_link(value):
    """A site path ("/services/") or an absolute http(s) or mailto: link."""
    return isinstance(value, str) and bool(
        re.match(r"^(/(?![/\\])\S*|https?://\S+|mailto:\S+)$", value)
    )


def _link_pair(value):
    return (
        isinstance(value, list | tuple)
        and len(value) == 2
        and isinstance(value[0], str)
        and value[0].strip()
        and is_link(value[1])
    )


def _optional_link_pair(value):
    if value is not None and not _link_pair(value):
        return (
            f"{value!r} is not a (label, link) pair",
            'write e.g. ("See services and prices", "/services/")',
        )
    return None


def _submenus(value):
    fix = 'write e.g. {"Work with me": (("Services", "/services/"), ("Speaking", "/speaking/"))}'
    if not isinstance(value, dict):
        return "must be a dict of menu label: (label, path) pairs", fix
    for parent, children in value.items():
        if not isinstance(children, list | tuple) or not children:
            return f'"{parent}" has no (label, path) pairs', fix
        for child in children:
            if not _link_pair(child):
                return f'"{parent}": {child!r} is not a (label, path) pair', fix
    return None


def _boolean(value):
    if not isinstance(value, bool):
        return f"{value!r} is not True or False", "write True or False"
    return None


def _author_type(value):
    if value not in ("Person", "Organization"):
        return f"{value!r} is not allowed", 'write "Person" or "Organization"'
    return None


def _hex_colour(value):
    if value is not None and not (isinstance(value, str) and HEX_COLOUR.match(value)):
        return f"{value!r} is not a colour", 'write it as #rrggbb, e.g. "#0b5cad", or None'
    return None


def _sidebar(value):
    allowed = ", ".join(SIDEBAR_BLOCKS)
    if not isinstance(value, list | tuple):
        return "must be a list of block names", f"choose from {allowed}"
    for block in value:
        if block not in SIDEBAR_BLOCKS:
            return f"{block!r} is not a sidebar block", f"choose from {allowed}"
    if len(set(value)) != len(value):
        return "names a block twice", "list each block once"
    return None


def _optional_slugs(value):
    if value is None:
        return None
    if not isinstance(value, list | tuple) or not all(isinstance(s, str) for s in value):
        return "must be a list of post slugs or None", 'write e.g. ["what-an-audit-costs"]'
    return None


def _optional_email(value):
    if value is not None and not (isinstance(value, str) and EMAIL_ADDRESS.match(value)):
        return f"{value!r} is not an email address", 'write e.g. "dana@example.com", or None'
    return None


def _site_path(value):
    if not (isinstance(value, str) and not value.startswith("/") and "://" not in value):
        return f"{value!r} is not a path relative to SITEURL", 'write e.g. "about/"'
    return None


def _optional_content_file(value):
    if value is not None and not (
        isinstance(value, str) and value.strip() and not value.startswith(("/", "{"))
    ):
        return (
            f"{value!r} is not a path the site publishes",
            'write e.g. "images/logo.svg" (under content/) or "theme/images/logo.svg", or None',
        )
    return None


def _size(value):
    if not (
        isinstance(value, list | tuple)
        and len(value) == 2
        and all(isinstance(n, int) and not isinstance(n, bool) and n > 0 for n in value)
    ):
        return f"{value!r} is not (width, height) in pixels", "write e.g. (40, 40)"
    return None


SETTINGS = {
    "wordmark": Setting(None, "the site's name in the header; None: SITENAME", _optional_text),
    "logo": Setting(
        None,
        "an image shown before the wordmark: under content/ or theme/…",
        _optional_content_file,
    ),
    "logo_size": Setting((40, 40), "the logo's (width, height) in pixels", _size),
    "accent_color": Setting(
        None, "brand colour of links and buttons, #rrggbb; None: tokens.css", _hex_colour
    ),
    "accent_color_dark": Setting(
        None, "the brand colour in dark mode, #rrggbb; None: tokens.css", _hex_colour
    ),
    "submenus": Setting({}, "{menu label: ((label, path), ...)}, one level deep", _submenus),
    "pitch_heading": Setting(
        None, "the home page's headline; None: no pitch, the home page lists posts", _optional_text
    ),
    "pitch_text": Setting(None, "a sentence or two under the headline", _optional_text),
    "pitch_action": Setting(
        None, "(label, link) of the home page's main button", _optional_link_pair
    ),
    "home_services": Setting(True, "list the services and prices on the home page", _boolean),
    "home_featured_posts": Setting(
        3, "how many Featured: yes posts the home page shows", _whole_number(0)
    ),
    "sidebar": Setting(
        list(SIDEBAR_BLOCKS), "sidebar blocks, in order; leave one out to turn it off", _sidebar
    ),
    "sidebar_recent_posts": Setting(4, "posts in the recent posts block", _whole_number(1)),
    "sidebar_categories": Setting(
        10, "categories in the categories block: those with the most posts", _whole_number(1)
    ),
    "sidebar_archive_months": Setting(
        6, "months in the archives block (all months are on /archives/)", _whole_number(1)
    ),
    "top_posts": Setting(
        None, "post slugs for the top posts block, in order; None: Featured posts", _optional_slugs
    ),
    "top_posts_count": Setting(3, "posts in the top posts block", _whole_number(1)),
    "comment_policy_url": Setting(
        "comment-policy/", "the comment policy page, relative to SITEURL", _site_path
    ),
    "reply_email": Setting(
        None, 'address of "Reply by email" under each post; None: no link', _optional_email
    ),
    "author_bio": Setting(None, "short bio in the author box under each post", _optional_text),
    "author_photo": Setting(
        None,
        "the author's photo for the author box: under content/ or theme/…",
        _optional_content_file,
    ),
    "author_url": Setting("about/", "the about page, relative to SITEURL", _site_path),
    "author_type": Setting(
        "Person", "schema.org type of the author: Person or Organization", _author_type
    ),
    "toc_threshold": Setting(
        3, "a post with more ## headings than this gets a table of contents", _whole_number(0)
    ),
    "related_posts": Setting(3, "related posts under each post; 0: none", _whole_number(0)),
    "related_candidates_per_tag": Setting(
        20, "newest posts of each shared tag considered for related posts", _whole_number(1)
    ),
    "words_per_minute": Setting(220, "reading speed for the reading time", _whole_number(1)),
}


def relative_luminance(colour):
    """WCAG 2.2 relative luminance of #rrggbb."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first, second):
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _accent_problems(merged):
    """An accent colour must be readable as link text on the page background."""
    problems = []
    for key, background, scheme in (
        ("accent_color", LIGHT_BACKGROUND, "light"),
        ("accent_color_dark", DARK_BACKGROUND, "dark"),
    ):
        colour = merged[key]
        if not (isinstance(colour, str) and HEX_COLOUR.match(colour)):
            continue
        ratio = contrast_ratio(colour, background)
        if ratio < MINIMUM_CONTRAST:
            problems.append(
                (
                    key,
                    f'"{colour}" has a contrast of {ratio:.1f}:1 on the {scheme} background '
                    f"{background}; links need {MINIMUM_CONTRAST}:1",
                    "choose a darker colour" if scheme == "light" else "choose a lighter colour",
                )
            )
    return problems


def published_file_exists(path, settings):
    """True when the site publishes `path`: a file under content/ (images/logo.svg) or
    under the theme's static folder, published at THEME_STATIC_DIR (theme/images/logo.svg)."""
    if os.path.isfile(os.path.join(settings.get("PATH", ""), path)):
        return True
    theme_prefix = settings.get("THEME_STATIC_DIR", "theme").strip("/") + "/"
    if path.startswith(theme_prefix):
        in_theme = os.path.join(settings.get("THEME", ""), "static", path[len(theme_prefix) :])
        return os.path.isfile(in_theme)
    return False


def _missing_files(merged, settings):
    problems = []
    for key in ("logo", "author_photo"):
        path = merged[key]
        if isinstance(path, str) and not published_file_exists(path, settings):
            problems.append(
                (
                    key,
                    f'"{path}" is not a file under the content folder or the theme\'s static folder',
                    f"add content/{path}, or name a file under theme/static/ as theme/…",
                )
            )
    return problems


def _check_together(merged, settings):
    """Rules across keys and other settings: readable accents, files that exist, menu labels."""
    problems = _accent_problems(merged)
    if os.path.isfile(os.path.join(settings.get("THEME", ""), "css", "tokens.css")):
        # Only this theme shows the logo and photo; with another theme they are unused.
        problems += _missing_files(merged, settings)
    menu = settings.get("MENUITEMS") or ()
    if not all(isinstance(entry, list | tuple) and len(entry) == 2 for entry in menu):
        return problems  # a malformed MENUITEMS is strict_build's line; no second one here
    menu_labels = [entry[0] for entry in menu]
    if isinstance(merged["submenus"], dict):
        for parent in merged["submenus"]:
            if parent not in menu_labels:
                problems.append(
                    (
                        "submenus",
                        f'"{parent}" is not a label in MENUITEMS',
                        f"use one of: {', '.join(menu_labels) or 'none yet'}",
                    )
                )
    return problems


def validated_settings(settings):
    """THEME_OPTIONS checked over the defaults; one error line per mistake (plugin_support)."""
    return validated(settings, SETTING_NAME, SETTINGS, _check_together)


def store_validated_settings(pelican):
    """initialized handler: replace THEME_OPTIONS with its checked, completed copy."""
    pelican.settings[SETTING_NAME] = validated_settings(pelican.settings)
