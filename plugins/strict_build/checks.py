"""Whole-site checks that Pelican does not make: each finds mistakes that would
otherwise publish silently (one page hiding another, an image with no text)."""

import logging
import os
from collections import defaultdict
from contextlib import contextmanager
from html.parser import HTMLParser

from pelican.generators import ArticlesGenerator, PagesGenerator, StaticGenerator
from plugin_support.site_content import all_items

from .content_folders import report_files_no_setting_reads
from .copied_folders import report_symlinks_in_theme_static

logger = logging.getLogger(__name__)


class _ImagesWithoutAlt(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.sources = []

    def handle_starttag(self, tag, attrs):
        if tag != "img":
            return
        attributes = dict(attrs)
        if not (attributes.get("alt") or "").strip():
            self.sources.append(attributes.get("src") or "(no src)")


def images_without_alt(html):
    """Return the src of every <img> in `html` whose alt text is missing or blank."""
    parser = _ImagesWithoutAlt()
    parser.feed(html)
    parser.close()
    return parser.sources


class _AttributeToSource(logging.Filter):
    def __init__(self, source_path):
        super().__init__()
        self.source_path = source_path

    def filter(self, record):
        record.source_path = self.source_path
        return True


@contextmanager
def problems_attributed_to(source_path):
    """Tag Pelican's link warnings, which name no file, with the file being rendered."""
    contents_logger = logging.getLogger("pelican.contents")
    attribution = _AttributeToSource(source_path)
    contents_logger.addFilter(attribution)
    try:
        yield
    finally:
        contents_logger.removeFilter(attribution)


def _items(generators):
    articles = pages = statics = None
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            articles = generator
        elif isinstance(generator, PagesGenerator):
            pages = generator
        elif isinstance(generator, StaticGenerator):
            statics = generator
    return articles, pages, statics


def report_duplicate_slugs(items):
    """Two posts (or two pages) with one slug and language: only one would be reachable."""
    by_kind_and_slug = defaultdict(list)
    for item in items:
        by_kind_and_slug[(type(item).__name__, item.slug, item.lang)].append(item)
    reported = set()
    for (_kind, slug, _lang), clashing in by_kind_and_slug.items():
        if len(clashing) < 2:
            continue
        paths = sorted(item.source_path for item in clashing)
        reported.update(paths)
        for path in paths:
            others = ", ".join(other for other in paths if other != path)
            logger.error(
                '%s: Slug: "%s" is also used by %s (give one of them a different Slug: line)',
                path,
                slug,
                others,
            )
    return reported


def report_output_collisions(items, static_files, taxonomy_pages, already_reported=()):
    """Two sources writing one output file: the later one would silently win."""
    writers_by_output = defaultdict(list)
    for item in items:
        if item.save_as:
            writers_by_output[item.save_as].append(item.source_path)
    for static in static_files:
        if static.save_as:
            writers_by_output[static.save_as].append(static.source_path)
    for label, save_as in taxonomy_pages:
        if save_as:
            writers_by_output[save_as].append(label)
    for save_as, sources in writers_by_output.items():
        sources = sorted(set(sources))
        if len(sources) < 2 or set(sources) <= set(already_reported):
            continue
        first, *others = sources
        logger.error(
            "%s: output: writes %s, which %s also writes "
            "(change Slug or Save_as, or move the static file)",
            first,
            save_as,
            " and ".join(others),
        )


def _taxonomy_pages(articles, settings):
    pages = []
    if articles is not None:
        for category, _ in articles.categories:
            pages.append((f'the category page of "{category}"', category.save_as))
        for tag in articles.tags:
            pages.append((f'the tag page of "{tag}"', tag.save_as))
        for author, _ in articles.authors:
            pages.append((f'the author page of "{author}"', author.save_as))
    for name in settings["DIRECT_TEMPLATES"]:
        save_as = settings.get(f"{name.upper()}_SAVE_AS", f"{name}.html")
        pages.append((f"the {name} page", save_as))
    return pages + _feeds_and_sitemap(articles, settings)


FEED_SETTINGS = ("FEED_ALL_ATOM", "FEED_ALL_RSS", "FEED_ATOM", "FEED_RSS")
TAXONOMY_FEED_SETTINGS = {
    "categories": ("CATEGORY_FEED_ATOM", "CATEGORY_FEED_RSS"),
    "tags": ("TAG_FEED_ATOM", "TAG_FEED_RSS"),
    "authors": ("AUTHOR_FEED_ATOM", "AUTHOR_FEED_RSS"),
}


def _feeds_and_sitemap(articles, settings):
    """Files Pelican and its plugins write besides pages: a page there would replace them."""
    files = [(f"the {name} feed", settings.get(name)) for name in FEED_SETTINGS]
    if articles is not None:
        for taxonomy, names in TAXONOMY_FEED_SETTINGS.items():
            terms = [
                entry[0] if isinstance(entry, tuple) else entry
                for entry in getattr(articles, taxonomy)
            ]
            for name in names:
                pattern = settings.get(name)
                if pattern:
                    files += [
                        (f'the feed of "{term}"', pattern.format(slug=term.slug)) for term in terms
                    ]
    if any("sitemap" in str(plugin) for plugin in settings.get("PLUGINS", [])):
        files.append(("the sitemap", "sitemap.xml"))
    return files


def reserved_folders(settings):
    """Folders that belong to the theme and the search index, not to content."""
    folders = {settings["THEME_STATIC_DIR"].strip("/") + "/": "the theme's files"}
    if (settings.get("SITE_SEARCH") or {}).get("enabled"):
        folders["pagefind/"] = "the search index"
    return folders


def report_writes_into_reserved_folders(items, static_files, settings):
    folders = reserved_folders(settings)
    writers = [(item.source_path, item.save_as) for item in items]
    writers += [(static.source_path, static.save_as) for static in static_files]
    for source, save_as in writers:
        for folder, owner in folders.items():
            if save_as and save_as.lstrip("/").startswith(folder):
                logger.error(
                    "%s: output: writes %s, inside %s, which belongs to %s (change Slug or Save_as)",
                    source,
                    save_as,
                    folder,
                    owner,
                )


def report_lead_image_files(items, content_path):
    """`Image:` names a file under content/; a missing one would publish a broken image."""
    for item in items:
        image = getattr(item, "image", None)
        if not image:
            continue
        if "{" in image:
            logger.error(
                '%s: Image: "%s" must be a plain path (write it as images/name.jpg, without {static})',
                item.source_path,
                image,
            )
        elif not os.path.isfile(os.path.join(content_path, image.lstrip("/"))):
            logger.error(
                '%s: Image: "%s" is not a file under the content folder (put it in content/%s or fix the path)',
                item.source_path,
                image,
                image.lstrip("/"),
            )


def report_symlinks(content_path):
    """A symlink in content/ would publish whatever it points to, even files outside the project."""
    for folder, subfolders, files in os.walk(content_path):
        for name in sorted(subfolders + files):
            path = os.path.join(folder, name)
            if os.path.islink(path):
                logger.error(
                    "%s: is a symbolic link (copy the real file into the content folder instead; "
                    "a link can publish files from outside the project)",
                    path,
                )


def report_images_without_alt(items):
    """Every image needs text for people who cannot see it."""
    for item in items:
        with problems_attributed_to(item.source_path):
            html = item.content or ""
        if getattr(item, "image", None) and not str(getattr(item, "image_alt", "")).strip():
            logger.error(
                '%s: Image_Alt: missing for lead image "%s" '
                '(add a line "Image_Alt: what the image shows")',
                item.source_path,
                item.image,
            )
        for source in images_without_alt(html):
            logger.error(
                '%s: image: "%s" has no alt text (describe it: ![what the image shows](%s))',
                item.source_path,
                source,
                source,
            )


def check_site(generators):
    """Run every whole-site check once, after all content has been read."""
    articles, pages, statics = _items(generators)
    items = all_items(generators)
    settings = generators[0].settings
    duplicates = report_duplicate_slugs(items)
    static_files = statics.staticfiles if statics is not None else []
    taxonomy_pages = _taxonomy_pages(articles, settings)
    report_output_collisions(items, static_files, taxonomy_pages, already_reported=duplicates)
    report_writes_into_reserved_folders(items, static_files, settings)
    report_images_without_alt(items)
    report_lead_image_files(items, settings["PATH"])
    report_symlinks(settings["PATH"])
    report_symlinks_in_theme_static(settings)
    report_files_no_setting_reads(articles, pages, statics, settings)
