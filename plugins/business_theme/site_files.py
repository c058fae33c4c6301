"""Files the theme writes besides pages: its one stylesheet, robots.txt, and feed fixes.

The stylesheet is the design tokens followed by the components, joined into one file
so every page loads one stylesheet; the accent colours of THEME_OPTIONS, when set,
override the tokens there.
"""

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import TemplateNotFound

STYLESHEET_SOURCES = ("css/tokens.css", "css/site.css")
# Draft and scheduled badges: only the preview shows them, so only its stylesheet has them.
PREVIEW_STYLESHEET = "css/preview.css"
STYLESHEET_PATH = "css/site.css"  # under THEME_STATIC_DIR
# The pricing index and group pages get site.css plus their cards and tables, still as
# one stylesheet (css/pricing.css), so a post's page never loads what it does not show.
PRICING_SOURCE = "css/pricing.css"
PRICING_STYLESHEET_PATH = "css/pricing.css"
# A root-relative link or image ("/archives/", not "//host/x") in a post's HTML.
ROOT_RELATIVE_ATTRIBUTE = re.compile(r'(\s(?:href|src)=")/(?![/\\])')


def minify_css(css):
    """Drop comments and needless whitespace (the theme's CSS has no strings that need it)."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    css = re.sub(r"\s+", " ", css)
    css = re.sub(r"\s*([{};,>])\s*", r"\1", css)
    # "property: value" inside a rule needs no space; selectors (":hover") have none anyway.
    css = re.sub(r"\{[^{}]*\}", lambda rule: rule.group(0).replace(": ", ":"), css)
    return css.replace(";}", "}").strip()


def short_names(count):
    """--a, --b, … --z, --aa, --ab, …: as many distinct short custom property names as asked."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    names = []
    for index in range(count):
        name = ""
        index += 1
        while index:
            index, remainder = divmod(index - 1, 26)
            name = letters[remainder] + name
        names.append(f"--{name}")
    return names


def shorten_token_names(css, tokens_css):
    """Give every token (a custom property tokens.css declares) a short name, everywhere
    in the bundle.

    Token names like --color-border are for people; the browser needs them only to
    match declarations with var() uses, and they were a sixth of the stylesheet's bytes.
    Other custom properties (Pagefind's --pagefind-ui-*, read by its own CSS) are kept.
    """
    declared = list(dict.fromkeys(re.findall(r"(--[\w-]+):", tokens_css)))
    uses = {name: len(re.findall(re.escape(name) + r"(?![\w-])", css)) for name in declared}
    by_use = sorted(declared, key=lambda name: -uses[name])  # the most used get the shortest
    renames = dict(zip(by_use, short_names(len(by_use)), strict=True))
    longest_first = sorted(declared, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(name) for name in longest_first) + r"(?![\w-])")
    return pattern.sub(lambda match: renames[match.group(0)], css) if declared else css


def accent_overrides(options):
    """CSS that sets the accent token from THEME_OPTIONS, or "" to keep tokens.css's."""
    css = ""
    if options["accent_color"]:
        # Light scheme only: dark mode keeps a colour chosen for the dark background.
        css += (
            "@media (prefers-color-scheme:light){:root{"
            f"--color-accent:{options['accent_color']}}}}}"
        )
    if options["accent_color_dark"]:
        css += (
            "@media (prefers-color-scheme:dark){:root{"
            f"--color-accent:{options['accent_color_dark']}}}}}"
        )
    return css


def build_stylesheet(theme_path, options, preview=False, extra_sources=()):
    sources = [*STYLESHEET_SOURCES, PREVIEW_STYLESHEET] if preview else [*STYLESHEET_SOURCES]
    sources += [source for source in extra_sources if (Path(theme_path) / source).is_file()]
    parts = [(Path(theme_path) / source).read_text(encoding="utf-8") for source in sources]
    # The overrides go right after the tokens, before anything reads them.
    tokens = minify_css(parts[0])
    bundle = tokens + accent_overrides(options) + minify_css("".join(parts[1:]))
    return shorten_token_names(bundle, tokens)


def is_preview(settings):
    return bool((settings.get("PUBLICATION") or {}).get("preview"))


def write_stylesheet(settings, output_path):
    """The one stylesheet, when the theme in use is this one (it has the CSS sources)."""
    if not stylesheet_exists(settings):
        return
    for path, extra_sources in (
        (STYLESHEET_PATH, ()),
        (PRICING_STYLESHEET_PATH, (PRICING_SOURCE,)),
    ):
        target = Path(output_path) / settings["THEME_STATIC_DIR"] / path
        target.parent.mkdir(parents=True, exist_ok=True)
        stylesheet = build_stylesheet(
            settings["THEME"], settings["THEME_OPTIONS"], is_preview(settings), extra_sources
        )
        target.write_text(stylesheet, encoding="utf-8")


def is_absolute_site_url(url):
    return isinstance(url, str) and url.startswith(("http://", "https://"))


def site_root(siteurl):
    """What links inside the site start with: "" for https://example.com, "/repo" for
    https://user.github.io/repo, and SITEURL itself when it is relative ("" or "../..")."""
    if is_absolute_site_url(siteurl):
        return urlsplit(siteurl).path.rstrip("/")
    return siteurl or ""


def sitemap_url(settings):
    """The sitemap's absolute URL when this build writes one, else None."""
    has_sitemap = any("sitemap" in str(plugin) for plugin in settings.get("PLUGINS", []))
    site_url = settings.get("SITEURL") or ""
    if has_sitemap and is_absolute_site_url(site_url):
        return f"{site_url}/sitemap.xml"
    return None


def write_robots_txt(generator, writer):
    """robots.txt from the theme's template (if it has one), pointing at the sitemap."""
    try:
        template = generator.env.get_template("robots.txt")
    except TemplateNotFound:
        return  # another theme, e.g. Pelican's notmyidea
    writer.write_file(
        "robots.txt",
        template,
        generator.context,
        sitemap_url=sitemap_url(generator.settings),
        override_output=True,
    )


def make_links_absolute(html, site_url):
    """Root-relative href/src in a post's HTML, made absolute for feed readers."""
    if not html or not site_url:
        return html
    return ROOT_RELATIVE_ATTRIBUTE.sub(lambda match: f"{match.group(1)}{site_url}/", html)


def absolute_feed_links(context, feed):
    """feed_generated handler: feed readers have no page to resolve "/x/" against."""
    site_url = context.get("FEED_DOMAIN") or context.get("SITEURL") or ""
    if not is_absolute_site_url(site_url):
        return
    for item in feed.items:
        for key in ("content", "description"):
            if item.get(key):
                item[key] = make_links_absolute(item[key], site_url.rstrip("/"))


def stylesheet_exists(settings):
    return all(
        os.path.isfile(os.path.join(settings["THEME"], source)) for source in STYLESHEET_SOURCES
    )
