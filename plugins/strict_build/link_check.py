"""Internal links of a written site that point at no file, named by who can fix them.

Used by the build (strict_build, at `finalized`, over the freshly written site) and
by the publish check (over the final output). Both read only what was written, so
a link from the content, the theme, a plugin or a setting is caught alike.

Parsing is the costly part, so the links of each page are cached by the page's
bytes (links_memo): a page that did not change is not parsed again. And each page's
verdict (its broken links) is kept with what decided it (PageVerdicts): the page's
stamp (size, change time, inode) and the site's file list. A page a warm build
carried over from the previous site is the very same file, so while no page or file
is added or removed its verdict stands without reading it; after one edit only the
pages written anew are read and checked.
"""

import hashlib
import html
import logging
import os
import re
import stat
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import lxml
import lxml.etree
from plugin_support.digest_memo import DigestMemo, digest_of

logger = logging.getLogger(__name__)

# Pelican writes UTF-8; saying so keeps libxml2 from guessing Latin-1 for a page
# without a charset, and takes any XML declaration in its stride.
UTF8_HTML = lxml.etree.HTMLParser(encoding="utf-8")
# Attributes whose value is a URL the browser fetches or follows (srcset: several).
URL_VALUES = lxml.etree.XPath("//@href|//@src|//@poster|//@action")
SRCSET_VALUES = lxml.etree.XPath("//@srcset")
# Schemes that never point at a file of the site.
NON_FILE_LINK = re.compile(r"^\s*(?:mailto|tel|javascript|data|sms):", re.IGNORECASE)
# Stands in for a site with a root-relative SITEURL ("").
PLACEHOLDER_ORIGIN = "https://site.invalid"
# Listing pages after the first (our page/N/ and Pelican's default indexN.html):
# the last place anyone would look for where a link comes from.
PAGINATED = re.compile(r"(?:^|/)page/\d+/|(?:^|/)[^/]*\D\d+\.html$")
# A URL scheme ("https:", "mailto:"): the link does not start with a site path.
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
# A link Pelican could not resolve ({filename}gone.md) keeps its braces; Pelican's own
# warning already names it, so it is not reported twice.
PELICAN_PLACEHOLDER = re.compile(r"^\{\w+\}|^%7B\w+%7D", re.IGNORECASE)


def links_in_html(document):
    """Every URL-valued attribute of an HTML document (bytes or text), as written.

    Fragments-only links ("#top") and non-file schemes (mailto:, tel:, …) are left
    out; srcset gives one link per candidate.
    """
    if isinstance(document, str):
        document = document.encode("utf-8")
    if not document.strip():
        return []
    root = lxml.etree.fromstring(document, UTF8_HTML)
    if root is None:
        return []
    candidates = [str(value).strip() for value in URL_VALUES(root)]
    for srcset in SRCSET_VALUES(root):
        candidates += [part.strip().split(" ")[0] for part in str(srcset).split(",")]
    # Plain loops: a big site has hundreds of thousands of these. Most are the same few
    # thousand on every page (menu, sidebar, tags): interned, each is held once, here
    # and in links_memo's file (1,000 posts: 106,000 links, 5,000 different ones).
    links = {}
    for link in candidates:
        if link and link[0] != "#" and not (":" in link and NON_FILE_LINK.match(link)):
            links[sys.intern(link)] = None
    return list(links)


def links_memo(settings):
    """The links of each page, by a digest of its bytes, kept from build to build.

    Kept in the content cache's folder, which is keyed on this code (content_cache);
    lxml's version is the memo's own.
    """
    return DigestMemo(settings, "link_check.pickle", version=lxml.__version__)


class PageVerdicts(DigestMemo):
    """Each page's broken links from the last build, and what decided them: the page's
    stamp, its bytes' digest (its links are in links_memo under it) and the site's key
    (_Site.key). Kept, like links_memo, in the content cache's folder; by page, not by
    digest: only this build's pages are kept."""

    def __init__(self, settings):
        super().__init__(settings, "link_verdicts.pickle", version="1")

    def recorded(self, page, stamp):
        """(bytes digest, site key, broken links) of a page that still has `stamp`, or None."""
        entry = self.entries.get(page)
        return entry[1:] if entry is not None and entry[0] == stamp else None

    def record(self, page, stamp, digest, site_key, broken):
        self.used[page] = (stamp, digest, site_key, tuple(broken))


@dataclass(frozen=True)
class BrokenLink:
    """A link on a written page that points into the site at no file."""

    page: str  # the output page, e.g. "blog/x/index.html"
    link: str  # as written in the page
    target: str  # the URL path it resolves to, e.g. "/blog/x/images/x.svg"
    site_path: str  # that path inside the site (below SITEURL's path), e.g. "blog/x/images/x.svg"


class _Site:
    """The written site as sets of paths, and how a link resolves against it."""

    def __init__(self, output, siteurl, written_later):
        # Compiled once: (?:...)/ for each folder a later step writes at the top.
        self.written_later = _folders_pattern(written_later)
        self.files, self.folders = _files_and_folders(output, self.written_later)
        self.origin = (siteurl or PLACEHOLDER_ORIGIN).rstrip("/")
        parts = urlsplit(self.origin)
        self.netloc = parts.netloc
        self.path = parts.path.rstrip("/")
        # Scheme and host only: a URL on this site keeps SITEURL's path in its path.
        self.host = f"{parts.scheme}://{parts.netloc}"
        self.host_prefixes = (f"{self.host}/", f"{self.host}?", f"{self.host}#")
        self._verdicts = {}

    def key(self):
        """Everything but a page's own bytes and path that decides its verdict."""
        digest = hashlib.blake2b(digest_size=16)
        written_later = self.written_later.pattern if self.written_later else ""
        for part in (self.origin, written_later, "", *sorted(self.folders), ""):
            digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
        for path in sorted(self.files):
            digest.update(path.encode("utf-8", "surrogatepass") + b"\0")
        return digest.digest()

    def broken(self, page, link):
        """(URL path, path inside the site) when `link` on `page` points into the site
        at no file; None when it points at a file or at another site.

        Called for every link of every page on every build: a link that means the
        same on every page (most: the menu, the stylesheet, other sites) is decided
        once, a relative one once per folder.
        """
        relative = not link.startswith("/") and SCHEME.match(link) is None
        key = (page.rpartition("/")[0], link) if relative else link
        if key not in self._verdicts:
            target = self._target(page, link)
            inside = None if target is None else self._inside(target)
            missing = target is not None and not self._exists(inside)
            self._verdicts[key] = (target, inside or "") if missing else None
        return self._verdicts[key]

    def _target(self, page, link):
        """The URL path `link` on `page` resolves to, or None for another host."""
        # The common forms (a site path, a URL under SITEURL, another site) are told
        # apart by their start; only the rest goes through urljoin.
        if link == self.host or link.startswith(self.host_prefixes):
            path = link[len(self.host) :] or "/"
        elif link.startswith("/") and not link.startswith("//"):
            path = link
        elif SCHEME.match(link):
            return None  # another site (a URL on this one starts with SITEURL)
        else:
            return self._joined(page, link)
        path = path.partition("#")[0].partition("?")[0]
        if "/." in path or "//" in path:
            return self._joined(page, path)
        return unquote(path)

    def _joined(self, page, link):
        resolved = urlsplit(urljoin(f"{self.origin}/{page}", link))
        on_site = resolved.scheme in ("http", "https") and resolved.netloc == self.netloc
        return unquote(resolved.path) if on_site else None

    def _inside(self, target):
        """`target` below the site's own path, or None when it is outside it."""
        if not (target + "/").startswith(self.path + "/"):
            return None
        return target[len(self.path) :].lstrip("/")

    def _exists(self, inside):
        if inside is None:
            return False  # on our host but outside the site's own path
        if ".." in inside.split("/"):
            return False  # an encoded "../" that would climb out of the output folder
        if self.written_later and self.written_later.match(inside):
            return True
        folder = inside.rstrip("/")
        if not folder or inside.endswith("/") or folder in self.folders:
            return f"{folder}/index.html".lstrip("/") in self.files
        return inside in self.files


def _folders_pattern(folders):
    """One pattern matching a path inside any of `folders` (regular expressions of
    top-level folder names), or None for none."""
    if not folders:
        return None
    return re.compile("(?:" + "|".join(folders) + ")/")


def _files_and_folders(output, written_later=None):
    """Every file and folder of the site, as paths inside it. The folders a later step
    writes are left out: that step may be writing them now (Pagefind runs beside the
    link check), and a list that depends on how far it got would change the site's
    key from build to build, so no page's verdict could be kept."""
    files, folders = set(), set()
    for folder, subfolders, names in os.walk(output):
        relative = os.path.relpath(folder, output).replace(os.sep, "/")
        prefix = "" if relative == "." else relative + "/"
        if written_later is not None and not prefix:
            subfolders[:] = [name for name in subfolders if not written_later.fullmatch(name + "/")]
        folders.update(prefix + name for name in subfolders)
        files.update(prefix + name for name in names)
    return files, folders


def broken_links(output, siteurl, cache=None, written_later=(), verdicts=None):
    """Every link on an HTML page of `output` that points into the site but at no file.

    Root-relative, relative and absolute links under SITEURL are followed; a URL
    ending in "/" (or naming a folder) means its index.html. Fragments and query
    strings are ignored, and so are links to other hosts. `written_later` are the
    top-level folders a later step of the build writes, as regular expressions of
    their names (e.g. "pagefind"): links into them count as present. `cache`
    (links_memo) and `verdicts` (PageVerdicts) remember what earlier builds found;
    without them every page is read and checked.
    """
    output = Path(output)
    if cache is None:
        cache = DigestMemo({}, "")  # remembers nothing between builds
    site = _Site(output, siteurl, written_later)
    site_key = site.key() if verdicts is not None else None
    broken = []
    root = str(output)
    for page in sorted(path for path in site.files if path.endswith(".html")):
        # One lstat per page (most are never read): a link, or the page's stamp.
        location = os.path.join(root, page)
        found = os.lstat(location)
        if stat.S_ISLNK(found.st_mode):
            continue  # never read through a symlink; the publish check reports it
        if verdicts is None:
            data = Path(location).read_bytes()
            broken += _page_verdict(site, page, cache.result(data, links_in_html))
            continue
        stamp = (found.st_size, found.st_mtime_ns, found.st_ino)
        # The same file as last build: its digest (and so its links) is known unread.
        digest, recorded_site_key, recorded_broken = verdicts.recorded(page, stamp) or (None,) * 3
        links = cache.remembered(digest) if digest is not None else None
        if links is None:
            data = Path(location).read_bytes()
            digest = digest_of(data)
            links = cache.result_by_digest(digest, data, links_in_html)
            page_broken = _page_verdict(site, page, links)
        elif recorded_site_key == site_key:  # and in a site with the same files
            page_broken = list(recorded_broken)
        else:
            page_broken = _page_verdict(site, page, links)
        verdicts.record(page, stamp, digest, site_key, page_broken)
        broken += page_broken
    return broken


def _page_verdict(site, page, links):
    """The broken links among a page's links."""
    broken = []
    for link in links:
        if PELICAN_PLACEHOLDER.match(link):
            continue
        missing = site.broken(page, link)
        if missing is not None:
            broken.append(BrokenLink(page, link, *missing))
    return broken


@dataclass(frozen=True)
class Source:
    """The content file an output page is made from."""

    shown: str  # as problem lines name it, e.g. "content/posts/x.md"
    path: str  # on disk
    # The item's HTML as the build rendered it ({filename} links resolved), when known.
    rendered: Callable[[], str] | None = None


def link_problems(broken, sources=None, url_owners=None):
    """One line per broken link, named by the content file that holds it.

    `sources` maps an output page to its Source. A link is a source file's mistake
    when that file holds it, as written or as rendered: on the file's own page, or
    in its summary on a listing page (a relative link can work on one and not the
    other). Any other link comes from the theme, a plugin or a setting: it is one
    line per target, named by the page that best shows where it is, or by the item
    whose URL it is when `url_owners` ({site path without a trailing slash: (source
    as shown, fix)}) knows that URL leads nowhere because of the item's own fields.
    """
    sources = sources or {}
    owned, in_content, elsewhere = _sorted_by_holder(broken, sources, url_owners or {})
    return [
        *_owned_url_lines(owned),
        *_content_lines(in_content),
        *_theme_or_setting_lines(elsewhere, sources),
    ]


def _sorted_by_holder(broken, sources, url_owners):
    """Broken links as ({owner: link}, {(source, link): (link, own page?, as written?)},
    {target: [links no content file holds]})."""
    holders = _LinkHolders(sources)
    owned, in_content, elsewhere = {}, {}, {}
    for found in broken:
        owner = url_owners.get(found.site_path.rstrip("/"))
        if owner is not None:
            owned.setdefault(owner, found)
            continue
        holding = holders.of(found.page, found.link)
        for source, as_written in holding:
            own_page = sources.get(found.page) == source
            known = in_content.get((source.shown, found.link))
            # A file's own page shows the mistake best; a listing page only if nothing else.
            if known is None or (own_page and not known[1]):
                in_content[(source.shown, found.link)] = (found, own_page, as_written)
        if not holding:
            elsewhere.setdefault(found.target, []).append(found)
    return owned, in_content, elsewhere


def _owned_url_lines(owned):
    return [
        f"{shown}: URL: /{found.site_path} points to no page, yet the site links it ({fix})"
        for (shown, fix), found in owned.items()
    ]


def _content_lines(in_content):
    return [
        f"{shown}: link: {_what_is_wrong(found, own_page)} ({_content_fix(found, as_written)})"
        for (shown, _link), (found, own_page, as_written) in in_content.items()
    ]


def _theme_or_setting_lines(elsewhere, sources):
    lines = []
    for places in elsewhere.values():
        best = min(places, key=lambda found: _page_rank(found.page, sources))
        others = len({found.page for found in places}) - 1
        also = f"; also on {others} other page{'s' if others != 1 else ''}" if others else ""
        lines.append(
            f"{best.page}: link: {_what_is_wrong(best, True)} (no content file "
            f"holds it: fix the theme, the plugin or the setting, e.g. MENUITEMS, that writes "
            f"it{also})"
        )
    return lines


class _LinkHolders:
    """Which sources hold a link: the page's own source first, then any other.

    Each answer is (Source, True when the file has the link as written, False when
    only its rendered HTML has it, e.g. from a {filename} link)."""

    def __init__(self, sources):
        self.sources = list(dict.fromkeys(sources.values()))
        self.own_sources = sources
        self.texts = {}
        self.found = {}

    def of(self, page, link):
        own = self.own_sources.get(page)
        if own is not None:
            held = self._holds(own, link)
            if held is not None:
                return [(own, held)]
        if link not in self.found:
            holding = [(source, self._holds(source, link)) for source in self.sources]
            self.found[link] = [(source, held) for source, held in holding if held is not None]
        return self.found[link]

    def _holds(self, source, link):
        if _mentions(self._text(source.path), link):
            return True
        if source.rendered is not None and _mentions(source.rendered(), link):
            return False
        return None

    def _text(self, path):
        if path not in self.texts:
            try:
                self.texts[path] = Path(path).read_text(encoding="utf-8", errors="replace")
            except OSError:
                self.texts[path] = ""
        return self.texts[path]


def _mentions(text, link):
    return link in text or unquote(link) in text or html.escape(link) in text


def _what_is_wrong(found, own_page):
    """`link points to no page`, saying where it leads when the link does not spell it out."""
    last = found.target.rstrip("/").rsplit("/", 1)[-1]
    kind = "file" if "." in last and not last.endswith((".html", ".htm")) else "page"
    if unquote(urlsplit(found.link).path) == found.target:
        return f"{found.link} points to no {kind}"
    where = "" if own_page else f" on {found.page}"
    return f"{found.link}{where} points to {found.target}, which is no {kind}"


def _content_fix(found, as_written):
    if not as_written:
        return (
            "the post or page it links is not published in this build: a draft, or dated after it"
        )
    if not urlsplit(found.link).scheme and not found.link.startswith(("/", "../")):
        return f"for a file in the content folder write {{static}}/{found.link}"
    return "fix the link; a draft, or a post dated after the build, has no page yet"


def _page_rank(page, sources):
    """Items' own pages first (where the theme's link shows), then listings, pagination last."""
    if page in sources:
        return (0, page)
    return (2 if PAGINATED.search(page) else 1, page)
