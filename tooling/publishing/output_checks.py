"""Checks on a built site before it may be published.

Each check takes the output folder (and what it needs to know about the build)
and returns a list of one-line problems; an empty list means the site may go
out. They read only what the build wrote, so they also catch a theme or plugin
that bypasses Pelican's own bookkeeping.
"""

import logging
import os
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from pelican.contents import Article, Page
from pelican.readers import Readers
from plugin_support.pelican_internals import is_skipped_stub, read_with_metadata
from plugin_support.publication import why_not_public
from strict_build.link_check import PAGINATED, Source, broken_links, link_problems

# Files in which a leaked URL would matter: pages, feeds, sitemap, search data.
TEXT_SUFFIXES = (".html", ".xml", ".json", ".txt", ".js")


def symlinks_in(output):
    """Every symlink under the output folder, as a problem line.

    ghp-import follows file symlinks, so one would publish whatever it points
    at, possibly from outside the output folder.
    """
    problems = []
    for folder, dirnames, filenames in os.walk(output):
        for name in sorted(dirnames + filenames):
            path = Path(folder) / name
            if path.is_symlink():
                relative = path.relative_to(output).as_posix()
                problems.append(
                    f"{relative}: is a symlink to {os.readlink(path)} "
                    "(only regular files may be published; copy the file instead)"
                )
    return problems


def broken_internal_links(output, siteurl, sources=None, ignore=None):
    """Every href/src in the HTML output that points into the site but at no file.

    The build checks the same links (strict_build.link_check, shared here); this
    runs again over the final output, after every step of the build has written.
    `sources` ({output page: (source as shown, source file)}, from read_content)
    lets a line name the source file that holds the link. `ignore` ({output page:
    site paths}) are links another check already reports (a link to an unpublished
    item), left out here.
    """
    sources = {page: Source(shown, str(path)) for page, (shown, path) in (sources or {}).items()}
    ignore = ignore or {}
    broken = [
        found
        for found in broken_links(output, siteurl)
        if not any(
            f"/{found.site_path}".startswith(prefix) for prefix in ignore.get(found.page, ())
        )
    ]
    return link_problems(broken, sources)


def _best_place(places, sources):
    """(where, link) for the page that best tells the author where a link comes from.

    First a page made from a source file that holds the link (named as that file,
    with the page); then any item's own page (the link is the theme's or a
    plugin's); then other pages, listing pages after the first last.
    """
    held = {}

    def rank(place):
        page, link = place
        source = sources.get(page)
        if source is not None:
            if (source[1], link) not in held:
                held[(source[1], link)] = _holds(source[1], link)
            return (0 if held[(source[1], link)] else 1, page)
        return (3 if PAGINATED.search(page) else 2, page)

    page, link = min(places, key=rank)
    if rank((page, link))[0] == 0:
        return f"{sources[page][0]} ({page})", link
    return page, link


def _holds(source_file, link):
    try:
        text = Path(source_file).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return link in text or unquote(link) in text


@dataclass(frozen=True)
class UnpublishedItem:
    """A source file whose content must not be in the published site."""

    source_path: str
    reason: str
    urls: tuple


def read_content(settings):
    """(unpublished items, {output page: (source as shown, source file)}) of the content.

    The second maps each published item's page (its save_as) to the file it is
    made from, so a problem on that page can name the file the author edits.
    `settings` are the ones the build ran with, its clock (BUILD_TIME) included,
    and "unpublished" is decided by the build's own rule (why_not_public).
    """
    # Typography changes no URL or date; skipping it makes the second read cheap.
    readers = Readers({**settings, "TYPOGRIFY": False})
    content_root = Path(settings["PATH"])
    found = []
    sources = {}
    with _logging_swallowed():
        for paths_key, content_class in (("ARTICLE_PATHS", Article), ("PAGE_PATHS", Page)):
            for source in _source_files(content_root, settings[paths_key], readers.extensions):
                item = _read_item(readers, settings, content_root, source, content_class)
                shown = _display_path(item.source_path, content_root)
                reason = why_not_public(item, settings)
                if reason:
                    found.append(
                        UnpublishedItem(
                            source_path=shown,
                            reason=reason,
                            urls=_possible_urls(item, content_class, settings),
                        )
                    )
                elif item.save_as:
                    sources.setdefault(item.save_as, (shown, source))
    return found, sources


@contextmanager
def _logging_swallowed():
    """Keep every log record of a second read of the content off the screen.

    The build already read these files and reported each mistake in its own
    words; the same file read again would print Pelican's raw warnings (e.g.
    "Empty alt attribute ... in /abs/path"), for a future post the build rightly
    left alone too. Records still reach no handler of ours: the root logger's
    handlers are swapped for a NullHandler while reading.
    """
    root = logging.getLogger()
    saved = root.handlers[:]
    root.handlers = [logging.NullHandler()]
    try:
        yield
    finally:
        root.handlers = saved


def _read_item(readers, settings, content_root, source, content_class):
    # A skipped file comes back without metadata; its would-be URL needs it.
    item, metadata = read_with_metadata(
        readers, str(content_root), str(source.relative_to(content_root)), content_class
    )
    if is_skipped_stub(item):
        item = content_class(
            content="",
            metadata=metadata,
            settings=settings,
            source_path=item.source_path,
            context={},
        )
    return item


def _display_path(source_path, content_root):
    # Like the build's own lines: content/posts/x.md, relative to the project.
    return Path(source_path).resolve().relative_to(content_root.resolve().parent).as_posix()


def _source_files(content_root, folders, extensions):
    for folder in folders:
        for path in sorted((content_root / folder).rglob("*")):
            if path.is_file() and path.suffix.lstrip(".") in extensions:
                yield path


def _possible_urls(item, content_class, settings):
    """Where the item would appear if it leaked: its published and its draft URL."""
    prefixes = ("ARTICLE", "DRAFT") if content_class is Article else ("PAGE", "DRAFT_PAGE")
    urls = []
    for prefix in prefixes:
        for kind in ("URL", "SAVE_AS"):
            template = settings.get(f"{prefix}_{kind}")
            if template:
                urls.append(str(template).format(**item.url_format))
    return tuple(dict.fromkeys(urls))


def _unpublished_findings(output, items, siteurl, sources):
    """(problem lines, {output page: site paths it was reported for linking})."""
    output = Path(output)
    sources = sources or {}
    problems = []
    reported = {}
    if (output / "drafts").exists():
        problems.append("drafts/: a drafts folder is in the output (production builds have none)")
    texts = {
        path.relative_to(output).as_posix(): path.read_text(encoding="utf-8", errors="replace")
        for path in sorted(output.rglob("*"))
        if path.suffix in TEXT_SUFFIXES and path.is_file() and not path.is_symlink()
    }
    for item in items:
        for url in item.urls:
            if url.endswith(".html") and (output / url).exists():
                problems.append(
                    f"{item.source_path}: is unpublished ({item.reason}) "
                    f"but {url} is in the output (a theme or plugin wrote it)"
                )
        linking = [
            (relative, f"/{url}")
            for relative, text in texts.items()
            for url in item.urls
            if not url.endswith(".html") and _mentions(text, url, siteurl)
        ]
        if linking:
            for relative, path in linking:
                reported.setdefault(relative, set()).add(path)
            where, path = _best_place(linking, sources)
            others = len({place for place, _ in linking}) - 1
            also = f" and {others} other file{'s' if others != 1 else ''}" if others else ""
            problems.append(
                f"{item.source_path}: is unpublished ({item.reason}) but {where}{also} "
                f"link{'' if others else 's'} to {path} (remove the link until it is published)"
            )
    return problems, reported


def _mentions(text, url, siteurl):
    forms = [f'"/{url}', f"'/{url}"]
    if siteurl:
        forms.append(f"{siteurl.rstrip('/')}/{url}")
    return any(form in text for form in forms)


def check_output(output, settings):
    """All publish checks over a built site; returns every problem found, one line each."""
    siteurl = settings.get("SITEURL", "")
    items, sources = read_content(settings)
    unpublished, reported = _unpublished_findings(output, items, siteurl, sources)
    return [
        *symlinks_in(output),
        # A link to a draft or future post is one line, the unpublished one: it says why.
        *broken_internal_links(output, siteurl, sources, ignore=reported),
        *unpublished,
    ]
