"""Whole-site checks that Pelican does not make: each finds mistakes that would
otherwise publish silently (one page hiding another, an image with no text)."""

import logging
import os
import posixpath
import re
from collections import defaultdict
from contextlib import contextmanager
from html.parser import HTMLParser

from pelican.generators import ArticlesGenerator, PagesGenerator, StaticGenerator
from pelican.writers import FileOverwriteFailedError
from plugin_support.digest_memo import DigestMemo
from plugin_support.folders_ahead import make_folders_ahead
from plugin_support.site_content import all_items

from .content_folders import report_files_no_setting_reads
from .copied_folders import report_symlinks_in_theme_static
from .outputs import (
    CONTENT_FIX,
    STATIC_FIX,
    leaves_output,
    output_file,
    pagination_patterns_outside_output,
    path_settings,
    planned_outputs,
)

logger = logging.getLogger(__name__)


IMAGE_TAG = re.compile(r"<img\b", re.IGNORECASE)


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
    if not IMAGE_TAG.search(html):
        return []  # most posts have no image: no need to parse them on every build
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


def report_output_collisions(planned, already_reported=()):
    """Two writers of one file, compared as normalised paths: the later would silently win.

    One line per file, naming first the writer most likely to be the mistake: one
    whose path says ./ or ../, then a static file, then content, then generated pages.
    Returns (the writers named, whether a file stands where a folder must go).
    """
    named = set()
    writers_by_file = defaultdict(list)
    for output in planned:
        if output.path is not None:  # outside the output folder: reported on its own
            writers_by_file[output.path].append(output)
    for path in sorted(writers_by_file):
        writers = sorted(set(writers_by_file[path]), key=_likely_mistake_first)
        names = list(dict.fromkeys(writer.writer for writer in writers))
        if len(names) < 2 or set(names) <= set(already_reported):
            continue
        named.update(names)
        first, others = writers[0], [name for name in names if name != writers[0].writer]
        spelled = f' (as "{first.save_as}")' if first.save_as != path else ""
        logger.error(
            "%s: output: writes %s%s, which %s also writes (%s)",
            first.writer,
            path,
            spelled,
            " and ".join(others),
            _fixes(writers),
        )
    return named, _report_files_where_folders_go(writers_by_file, named)


def _likely_mistake_first(output):
    kind = 1 if output.fix == STATIC_FIX else 2 if output.is_content else 3
    return (output.save_as == output.path, kind, output.writer)


def _fixes(writers):
    fixes = [writer.fix for writer in writers if writer.is_content]
    fixes += [writer.fix for writer in writers if writer.fix and not writer.is_content]
    fixes = list(dict.fromkeys(fixes)) or [CONTENT_FIX]
    return fixes[0] + "".join(f", or {fix}" for fix in fixes[1:])


def _report_files_where_folders_go(writers_by_file, named):
    """A file named like a folder another writer needs: one of the two writes fails.

    Returns True when there is one: the build cannot be written then."""
    folders = {}
    for path, writers in writers_by_file.items():
        parent = posixpath.dirname(path)
        while parent and parent not in folders:
            folders[parent] = (path, writers[0])
            parent = posixpath.dirname(parent)
    for path in sorted(set(writers_by_file) & set(folders)):
        inner_path, inner_writer = folders[path]
        writer = sorted(writers_by_file[path], key=_likely_mistake_first)[0]
        named.update((writer.writer, inner_writer.writer))
        logger.error(
            "%s: output: writes a file %s, but %s needs a folder there for %s (%s)",
            writer.writer,
            path,
            inner_writer.writer,
            inner_path,
            _fixes([writer, inner_writer]),
        )
    return bool(set(writers_by_file) & set(folders))


def report_path_settings_outside_output(settings):
    """Listing pages, feeds and pagination must be written inside the output folder."""
    for name, value in path_settings(settings):
        if leaves_output(value):
            logger.error(
                '%s: %s: "%s" would be written outside the output folder '
                "(write a path inside it, without a leading / or ../)",
                "pelicanconf.py",
                name,
                value,
            )
    for save_as in pagination_patterns_outside_output(settings):
        logger.error(
            '%s: PAGINATION_PATTERNS: "%s" would be written outside the output folder '
            "(write a path inside it, without a leading / or ../)",
            "pelicanconf.py",
            save_as,
        )


def reserved_folders(settings):
    """Folders that belong to the theme and the search index, not to content."""
    folders = {settings["THEME_STATIC_DIR"].strip("/") + "/": "the theme's files"}
    if (settings.get("SITE_SEARCH") or {}).get("enabled"):
        folders["pagefind/"] = "the search index"
    return folders


def report_writes_into_reserved_folders(items, static_files, settings):
    folders = reserved_folders(settings)
    writers = [(item.source_path, output_file(item.save_as or "")) for item in items]
    writers += [(static.source_path, output_file(static.save_as or "")) for static in static_files]
    for source, path in writers:
        for folder, owner in folders.items():
            if path and path.startswith(folder):
                logger.error(
                    "%s: output: writes %s, inside %s, which belongs to %s (change Slug or Save_as)",
                    source,
                    path,
                    folder,
                    owner,
                )


def report_root_relative_urls(items):
    """`Url:` is relative to the site, as Pelican's URL settings are: templates write
    SITEURL + "/" + url, so "/audit/" would become "//audit/" (another host) in a link."""
    for item in items:
        url = item.metadata.get("url")
        if isinstance(url, str) and url.startswith("/"):
            logger.error(
                '%s: Url: "%s" starts with "/" (write it relative to the site: "%s")',
                item.source_path,
                url,
                url.lstrip("/"),
            )


def report_lead_image_files(items, content_path):
    """`Image:` names a file under content/; a missing one would publish a broken image.

    Returns the images reported, so the link check does not report them again."""
    reported = set()
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
        else:
            continue
        reported.add(image.lstrip("/"))
    return reported


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


def report_images_without_alt(items, settings):
    """Every image needs text for people who cannot see it.

    A post's images are found once for its HTML, and remembered from build to build
    (parsing the posts that have images was most of this check on every build)."""
    found = DigestMemo(settings, "images_without_alt.pickle")
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
        missing = found.result(html, images_without_alt) if IMAGE_TAG.search(html) else []
        for source in missing:
            logger.error(
                '%s: image: "%s" has no alt text (describe it: ![what the image shows](%s))',
                item.source_path,
                source,
                source,
            )
    found.save()


def check_site(generators):
    """Run every whole-site check once, after all content has been read.

    Returns the site paths (e.g. "images/x.jpg", "blog/x/") whose links are already
    explained by a line here, so the link check leaves them out."""
    articles, pages, statics = _items(generators)
    items = all_items(generators)
    settings = generators[0].settings
    duplicates = report_duplicate_slugs(items)
    static_files = statics.staticfiles if statics is not None else []
    planned = planned_outputs(items, static_files, articles, settings)
    clashing, unwritable = report_output_collisions(planned, already_reported=duplicates)
    if not unwritable:
        # Here because every file the build writes is known from here on (see folders_ahead).
        make_folders_ahead(
            settings["OUTPUT_PATH"], [output.path for output in planned if output.path]
        )
    report_writes_into_reserved_folders(items, static_files, settings)
    report_root_relative_urls(items)
    report_images_without_alt(items, settings)
    explained = report_lead_image_files(items, settings["PATH"])
    report_symlinks(settings["PATH"])
    report_symlinks_in_theme_static(settings)
    report_files_no_setting_reads(articles, pages, statics, settings)
    if unwritable:
        # Writing would crash on the file that stands where a folder must go; stop
        # here with the lines above (the build runner adds no line of its own for this).
        raise FileOverwriteFailedError("a file stands where another writer needs a folder")
    # A page that another writer replaced is not where the theme links it.
    explained.update(item.url for item in items if item.source_path in clashing and item.url)
    return explained
