"""Every file a build writes, named by what writes it, as a path inside the output folder.

Pelican compares the names it writes as they are spelled, so `./index.html` and
`index.html`, or `services/../blog/x/index.html` and `blog/x/index.html`, are two
files to it and one file on disk: the later write silently replaces the earlier
one, or is silently skipped. Comparing normalised paths of every writer (content,
static files, listing pages and their pagination, feeds, plugin files) before
anything is written turns that into one line naming both.
"""

import posixpath
from dataclasses import dataclass

from pelican.paginator import Paginator

# Settings that name one file Pelican writes (besides every *_SAVE_AS).
FEED_SETTINGS = ("FEED_ATOM", "FEED_RSS", "FEED_ALL_ATOM", "FEED_ALL_RSS")
TERM_FEED_SETTINGS = {
    "categories": ("CATEGORY_FEED_ATOM", "CATEGORY_FEED_RSS"),
    "tags": ("TAG_FEED_ATOM", "TAG_FEED_RSS"),
    "authors": ("AUTHOR_FEED_ATOM", "AUTHOR_FEED_RSS"),
}
TRANSLATION_FEED_SETTINGS = ("TRANSLATION_FEED_ATOM", "TRANSLATION_FEED_RSS")
TERM_PAGES = {"categories": "category", "tags": "tag", "authors": "author"}

# How the author moves each kind of writer's file elsewhere.
CONTENT_FIX = "change Slug or Save_as"
STATIC_FIX = "move the static file"


@dataclass(frozen=True)
class PlannedOutput:
    """One file the build will write: who writes it, the path as configured, how to move it."""

    writer: str
    save_as: str
    fix: str = ""
    is_content: bool = False

    @property
    def path(self):
        return output_file(self.save_as)


def output_file(save_as):
    """`save_as` as a normalised path inside the output folder ("." and ".." resolved,
    "//" collapsed), or None when it would be written outside that folder."""
    if save_as.startswith(("/", "\\")):
        return None  # os.path.join would drop the output folder in front of it
    normal = posixpath.normpath(save_as)
    if normal in (".", "..") or normal.startswith("../"):
        return None
    return normal


def leaves_output(path_setting):
    """True when a path or path template (e.g. "../{slug}.html") points outside the output folder."""
    return (
        isinstance(path_setting, str) and bool(path_setting) and output_file(path_setting) is None
    )


def path_settings(settings):
    """(name, value) of every top-level setting naming a file Pelican writes."""
    names = [name for name in settings if name.endswith("_SAVE_AS")]
    names += FEED_SETTINGS + TRANSLATION_FEED_SETTINGS
    names += tuple(name for pair in TERM_FEED_SETTINGS.values() for name in pair)
    return [(name, settings.get(name)) for name in sorted(set(names))]


def pagination_patterns_outside_output(settings):
    """PAGINATION_PATTERNS entries whose SAVE_AS leaves the output folder for some page."""
    sample = {"save_as": "x/index.html", "url": "x/", "name": "x/index", "base_name": "x"}
    outside = []
    for rule in settings.get("PAGINATION_PATTERNS", ()):
        save_as = getattr(rule, "SAVE_AS", None)
        if isinstance(save_as, str) and leaves_output(
            save_as.format(**sample, extension=".html", number=2)
        ):
            outside.append(save_as)
    return outside


def planned_outputs(items, static_files, articles, settings):
    """Every file this build writes, as PlannedOutput, in no particular order."""
    planned = [
        PlannedOutput(item.source_path, item.save_as, CONTENT_FIX, is_content=True)
        for item in items
        if item.save_as
    ]
    planned += [
        PlannedOutput(static.source_path, static.save_as, STATIC_FIX)
        for static in static_files
        if static.save_as
    ]
    planned += _listing_pages(articles, settings)
    planned += _feeds(articles, settings)
    planned += _plugin_files(settings)
    return planned


def _paginated(label, save_as, url, articles, template_name, settings):
    """The files of one listing: its first page and, when paginated, every further page."""
    per_page = settings["PAGINATED_TEMPLATES"].get(template_name, False)
    if template_name not in settings["PAGINATED_TEMPLATES"]:
        return [PlannedOutput(label, save_as)]
    paginator = Paginator(
        save_as, url, articles, settings, per_page or settings["DEFAULT_PAGINATION"]
    )
    outputs = []
    for number in range(1, paginator.num_pages + 1):
        page_save_as = paginator.page(number).save_as
        where = label if number == 1 else f"page {number} of {label}"
        outputs.append(PlannedOutput(where, page_save_as))
    return outputs


def _listing_pages(articles, settings):
    listed = articles.articles if articles is not None else []
    outputs = []
    for name in settings["DIRECT_TEMPLATES"]:
        save_as = settings.get(f"{name.upper()}_SAVE_AS", f"{name}.html")
        if save_as:
            url = settings.get(f"{name.upper()}_URL", f"{name}.html")
            outputs += _paginated(f"the {name} page", save_as, url, listed, name, settings)
    if articles is None:
        return outputs
    for taxonomy, template_name in TERM_PAGES.items():
        for term, term_articles in _terms(articles, taxonomy):
            if term.save_as:
                outputs += _paginated(
                    f'the {template_name} page of "{term}"',
                    term.save_as,
                    term.url,
                    term_articles,
                    template_name,
                    settings,
                )
    for granularity, periods in getattr(articles, "period_archives", {}).items():
        for period in periods:
            if period["save_as"]:
                outputs += _paginated(
                    f"the {granularity} archive {period['period']}",
                    period["save_as"],
                    period["url"],
                    period["articles"],
                    "period_archives",
                    settings,
                )
    return outputs


def _terms(articles, taxonomy):
    """(term, its articles) for categories, tags or authors, however Pelican holds them."""
    terms = getattr(articles, taxonomy)
    return list(terms.items()) if isinstance(terms, dict) else list(terms)


def _feeds(articles, settings):
    outputs = [
        PlannedOutput(f"the {name} feed", settings[name])
        for name in FEED_SETTINGS
        if settings.get(name)
    ]
    if articles is None:
        return outputs
    for taxonomy, names in TERM_FEED_SETTINGS.items():
        for name in names:
            pattern = settings.get(name)
            if pattern:
                outputs += [
                    PlannedOutput(
                        f'the {name} feed of "{term}"', str(pattern).format(slug=term.slug)
                    )
                    for term, _ in _terms(articles, taxonomy)
                ]
    languages = {item.lang for item in articles.articles + articles.translations}
    for name in TRANSLATION_FEED_SETTINGS:
        pattern = settings.get(name)
        if pattern:
            outputs += [
                PlannedOutput(f'the {name} feed for "{lang}"', str(pattern).format(lang=lang))
                for lang in sorted(languages)
            ]
    return outputs


def _plugin_files(settings):
    """Files our plugins write by a fixed name.

    Each plugin keeps its settings in one dict named after it (PRICING for pricing);
    a key ending in "_save_as" without a {placeholder} names a file it writes.
    """
    loaded = {str(plugin).rsplit(".", 1)[-1] for plugin in settings.get("PLUGINS") or []}
    outputs = []
    for name, value in settings.items():
        if not (isinstance(value, dict) and name.lower() in loaded):
            continue
        for key, save_as in value.items():
            if str(key).endswith("_save_as") and isinstance(save_as, str) and "{" not in save_as:
                outputs.append(
                    PlannedOutput(f"the {name.lower()} plugin", save_as, f'{name}["{key}"]')
                )
    if "sitemap" in loaded:
        sitemap_format = (settings.get("SITEMAP") or {}).get("format", "xml")
        outputs.append(PlannedOutput("the sitemap", f"sitemap.{sitemap_format}"))
    return outputs
