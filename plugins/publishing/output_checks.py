"""Checks on a built site before it may be published.

Each check takes the output folder (and what it needs to know about the build)
and returns a list of one-line problems; an empty list means the site may go
out. They read only what the build wrote, so they also catch a theme or plugin
that bypasses Pelican's own bookkeeping.
"""

import os
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import blinker
from pelican.contents import Article, Page, SkipStub
from pelican.readers import Readers

# Attributes whose value is a URL the browser fetches or follows.
URL_ATTRIBUTES = ("href", "src", "poster", "action")
# Schemes that never point at a file of the site.
NON_FILE_SCHEMES = ("mailto", "tel", "javascript", "data", "sms")
# Files in which a leaked URL would matter: pages, feeds, sitemap, search data.
TEXT_SUFFIXES = (".html", ".xml", ".json", ".txt", ".js")
# Stands in for a site with a root-relative SITEURL ("").
PLACEHOLDER_ORIGIN = "https://site.invalid"


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


def broken_internal_links(output, siteurl):
    """Every href/src in the HTML output that points into the site but at no file.

    Root-relative, relative and absolute links under SITEURL are followed; a URL
    ending in "/" (or naming a folder) means its index.html. Fragments and query
    strings are ignored, and so are links to other hosts.
    """
    output = Path(output)
    site_origin = (siteurl or PLACEHOLDER_ORIGIN).rstrip("/")
    site = urlsplit(site_origin)
    site_path = site.path.rstrip("/")
    # target -> [(page, link as written)], so a link repeated in every listing
    # page is one line, not one per page.
    broken = {}
    for page in sorted(output.rglob("*.html")):
        if page.is_symlink():
            continue  # reported by symlinks_in; never read through one
        relative = page.relative_to(output).as_posix()
        for link in _links_in(page):
            target = urlsplit(urljoin(f"{site_origin}/{relative}", link))
            if target.scheme not in ("http", "https") or target.netloc != site.netloc:
                continue
            path = unquote(target.path)
            if not (path + "/").startswith(site_path + "/"):
                broken.setdefault(path, []).append((relative, link))
                continue
            if _resolves(output, path[len(site_path) :].lstrip("/")) is None:
                broken.setdefault(path, []).append((relative, link))
    problems = []
    for path, places in broken.items():
        page, link = places[0]
        others = len({place for place, _ in places}) - 1
        also = (
            f"; also linked from {others} other page{'s' if others != 1 else ''}" if others else ""
        )
        problems.append(
            f'{page}: link "{link}" points to {path}, which is not in the output '
            f"(fix the link or add the page{also})"
        )
    return problems


class _LinkCollector(HTMLParser):
    """Every URL-valued attribute of a page, as written (the standard library's
    forgiving parser, so a stray tag never hides the links after it)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            value = (value or "").strip()
            if name in URL_ATTRIBUTES:
                candidates = [value]
            elif name == "srcset":
                candidates = [part.strip().split(" ")[0] for part in value.split(",")]
            else:
                continue
            self.links.extend(
                link
                for link in candidates
                if link and not link.startswith("#") and not _is_non_file(link)
            )

    handle_startendtag = handle_starttag


def _links_in(page):
    collector = _LinkCollector()
    collector.feed(page.read_text(encoding="utf-8", errors="replace"))
    collector.close()
    return collector.links


def _is_non_file(link):
    scheme = urlsplit(link).scheme.lower()
    return scheme in NON_FILE_SCHEMES


def _resolves(output, inside):
    if ".." in Path(inside).parts:
        return None  # an encoded "../" that would climb out of the output folder
    candidate = output / inside if inside else output
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


@dataclass(frozen=True)
class UnpublishedItem:
    """A source file whose content must not be in the published site."""

    source_path: str
    reason: str
    urls: tuple


def unpublished_items(settings, now):
    """Drafts, skipped items and articles dated after `now`, read with Pelican's readers.

    `settings` are the ones the build ran with; `now` is the build's clock, so
    "future" means exactly what it meant to the build.
    """
    # Typography changes no URL or date; skipping it makes the second read cheap.
    readers = Readers({**settings, "TYPOGRIFY": False})
    content_root = Path(settings["PATH"])
    found = []
    for paths_key, content_class in (("ARTICLE_PATHS", Article), ("PAGE_PATHS", Page)):
        for source in _source_files(content_root, settings[paths_key], readers.extensions):
            item = _read_item(readers, settings, content_root, source, content_class)
            reason = _why_unpublished(item, content_class, now)
            if reason:
                found.append(
                    UnpublishedItem(
                        source_path=_display_path(item.source_path, content_root),
                        reason=reason,
                        urls=_possible_urls(item, content_class, settings),
                    )
                )
    return found


def _read_item(readers, settings, content_root, source, content_class):
    # Pelican turns a skipped file into a SkipStub with no metadata; catch the
    # metadata on the way (the reader's context signal) to know its would-be URL.
    read_metadata = {}
    metadata_signal = blinker.NamedSignal("publishing_read_metadata")
    metadata_signal.connect(lambda sender, metadata: read_metadata.update(metadata), weak=False)
    item = readers.read_file(
        base_path=str(content_root),
        path=str(source.relative_to(content_root)),
        content_class=content_class,
        context={},
        context_signal=metadata_signal,
        context_sender=None,
    )
    if isinstance(item, SkipStub):
        item = content_class(
            content="",
            metadata=read_metadata,
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


def _why_unpublished(item, content_class, now):
    if item.status in ("draft", "skip"):
        return f"Status: {item.status}"
    date = getattr(item, "date", None)
    if content_class is Article and date is not None:
        aware = date if date.tzinfo else date.replace(tzinfo=now.tzinfo)
        if aware > now:
            return f"Date: {date.isoformat()} is after the build time {now.isoformat()}"
    return None


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


def unpublished_content_in(output, items, siteurl=""):
    """Every trace of an unpublished item in the output: its file, or a link to it.

    A link is the item's URL after SITEURL or at the start of a root-relative
    attribute value. Also refuses a `drafts/` folder, whatever put it there.
    """
    output = Path(output)
    problems = []
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
            (relative, url)
            for relative, text in texts.items()
            for url in item.urls
            if not url.endswith(".html") and _mentions(text, url, siteurl)
        ]
        if linking:
            relative, url = linking[0]
            others = len({place for place, _ in linking}) - 1
            also = f" and {others} other file{'s' if others != 1 else ''}" if others else ""
            problems.append(
                f"{item.source_path}: is unpublished ({item.reason}) but {relative}{also} "
                f"link to /{url} (remove the link until it is published)"
            )
    return problems


def _mentions(text, url, siteurl):
    forms = [f'"/{url}', f"'/{url}"]
    if siteurl:
        forms.append(f"{siteurl.rstrip('/')}/{url}")
    return any(form in text for form in forms)


def check_output(output, settings, now):
    """All publish checks over a built site; returns every problem found, one line each."""
    siteurl = settings.get("SITEURL", "")
    return [
        *symlinks_in(output),
        *broken_internal_links(output, siteurl),
        *unpublished_content_in(output, unpublished_items(settings, now), siteurl),
    ]
