"""Build the search index in parts: bounded memory, and a warm build re-indexes only
the parts whose pages changed.

Pagefind holds everything it indexes in memory until it writes the bundle (about
250 kB per post of 8 kB), its time grows faster than the page count (1,000 posts:
3.5 s in one run, 0.8 s for 250 of them), and it cannot update an index: one edited
post meant indexing the whole blog again. So the searchable pages (those marked
`data-pagefind-body`) are split into parts of about SITE_SEARCH["pages_per_index"]
pages (at most MAX_PARTS parts), each indexed by its own Pagefind run into its own
bundle: `pagefind/` for the first, `pagefind-2/`, ... for the others.
`pagefind/parts.json` lists the other bundles, and the search page merges them into
one search (Pagefind's mergeIndex; only the first bundle's WebAssembly is loaded).

A page's part is a hash of its path, so adding or editing a post leaves every other
part's pages, and so its bundle, as they were. Each bundle's inputs (Pagefind's
version, the bundle's name, its pages' paths and bytes) are digested into a record
in the build's cache; when a part's digest matches and the previous site still has
the very bundle recorded (same files, sizes, change times and inodes), its files are
hard-linked from there instead of running Pagefind. Pagefind's output depends only
on its input (two runs write the same bytes), so a warm build's index equals a cold one's.

A part is a folder of hard links to its pages (beside the site, on the same disk),
with their paths in the site, so Pagefind gives each result its real URL. A site
whose theme marks no page `data-pagefind-body` is indexed whole, as Pagefind would.

The record also keeps each page's stamp (size, change time, inode), whether it is
searchable and its bytes' digest: a page the build carried over from the previous
site is the same file (plugin_support.page_reuse links it), so after one edit only
the pages written anew are read, not the whole site.

Run by site_search in a thread of the build (plugin_support.background_steps), as
index_in_parts(); to index a written site by hand:
    python index_parts.py SITE PAGES_PER_INDEX [--previous SITE] [--record FILE]
which exits with Pagefind's status and output when a run fails.
"""

import argparse
import hashlib
import importlib
import importlib.metadata
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

SEARCHABLE_MARK = b"data-pagefind-body"
# The mark as an attribute of the tag it is in (from that tag's "<" on).
MARK_IN_TAG = re.compile(rb"<[^>]*\sdata-pagefind-body[\s>=/]")
FIRST_BUNDLE = "pagefind"
PARTS_FILE = "parts.json"
RECORD_VERSION = 2
# Each part is one more small download for every word a visitor searches for, so a
# big blog gets bigger parts rather than more of them (10,000 posts: 16 parts of
# about 630 pages, each run holding about 160 MB).
MAX_PARTS = 16


def searchable_pages(site, known=None):
    """({path in the site: digest of its bytes} of the pages Pagefind would index (marked
    data-pagefind-body), {path: what the record keeps of every page}).

    `known` is the record's pages: a page whose stamp is recorded is not read again."""
    known = known or {}
    searchable, seen = {}, {}
    for folder, subfolders, names in os.walk(site):
        subfolders.sort()
        relative_folder = os.path.relpath(folder, site).replace(os.sep, "/")
        prefix = "" if relative_folder == "." else relative_folder + "/"
        for name in sorted(names):
            if not name.endswith(".html"):
                continue
            relative = prefix + name
            entry = _page_entry(os.path.join(folder, name), known.get(relative))
            seen[relative] = entry
            if entry[-1] is not None:
                searchable[relative] = entry[-1]
    return dict(sorted(searchable.items())), seen


def _page_entry(path, recorded):
    """[size, mtime_ns, inode, digest or None when not searchable]: the recorded one
    when the file still has the recorded stamp, else worked out from its bytes."""
    found = os.stat(path)
    stamp = [found.st_size, found.st_mtime_ns, found.st_ino]
    if isinstance(recorded, list) and recorded[:3] == stamp and len(recorded) == 4:
        return recorded
    with open(path, "rb") as page:
        data = page.read()
    digest = hashlib.blake2b(data, digest_size=16).hexdigest() if is_searchable(data) else None
    return [*stamp, digest]


def is_searchable(data):
    """Whether a page has an element marked data-pagefind-body. Each place the mark is
    found is checked from the tag around it, not the whole page searched for a tag."""
    found = data.find(SEARCHABLE_MARK)
    while found >= 0:
        tag_start = data.rfind(b"<", 0, found)
        end = found + len(SEARCHABLE_MARK) + 1
        if tag_start >= 0 and MARK_IN_TAG.fullmatch(data, tag_start, end):
            return True
        found = data.find(SEARCHABLE_MARK, found + 1)
    return False


def part_number(relative_path, part_count):
    """Which part a page belongs to: a hash of its path, the same in every build."""
    digest = hashlib.blake2b(relative_path.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") % part_count


def split_into_parts(pages, pages_per_index):
    """{bundle name: sorted page paths}; bundles are named in part order, empty parts skipped."""
    part_count = max(1, min(MAX_PARTS, math.ceil(len(pages) / pages_per_index)))
    parts = [[] for _ in range(part_count)]
    for relative_path in sorted(pages):
        parts[part_number(relative_path, part_count)].append(relative_path)
    filled = [part for part in parts if part]
    names = [FIRST_BUNDLE, *(f"{FIRST_BUNDLE}-{number}" for number in range(2, len(filled) + 1))]
    return dict(zip(names, filled, strict=True))


def inputs_digest(bundle, paths, pages):
    """What a bundle is made from: Pagefind's version, its name, its pages' paths and
    bytes (`pages`: {path: digest of its bytes})."""
    digest = hashlib.blake2b(digest_size=16)
    for part in (importlib.metadata.version("pagefind"), bundle, *paths):
        digest.update(part.encode("utf-8") + b"\0")
    for path in paths:
        digest.update(pages[path].encode("ascii") + b"\0")
    return digest.hexdigest()


def bundle_stamp(folder):
    """What tells a bundle unchanged without reading it: its files' names, sizes,
    change times and inodes (kept when a bundle is hard-linked into the next site)."""
    stamp = hashlib.blake2b(digest_size=16)
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            found = path.stat()
            name = path.relative_to(folder).as_posix()
            stamp.update(f"{name}\0{found.st_size}\0{found.st_mtime_ns}\0{found.st_ino}\n".encode())
    return stamp.hexdigest()


def pagefind_command():
    """Pagefind's own program, found as its Python package finds it (PAGEFIND_BINARY_PATH,
    then the installed binary package): run directly, not through `python -m pagefind`,
    which would start Python once more for every part just to start the program.
    Looked up for each run (0.02 ms), not once per process: the step runs in the
    build's process, which may run several builds (the tests do) with another setting."""
    configured = os.environ.get("PAGEFIND_BINARY_PATH")
    if configured:
        return [configured]
    for package in ("pagefind_bin_extended", "pagefind_bin"):
        try:
            executable = importlib.import_module(package).get_executable()
        except (ImportError, FileNotFoundError, AttributeError):
            continue
        return [str(executable)]
    return [sys.executable, "-m", "pagefind"]


def run_pagefind(site, output_path=None):
    command = [*pagefind_command(), "--site", str(site), "--quiet"]
    if output_path is not None:
        command += ["--output-path", str(output_path)]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def index_part(site, paths, bundle_folder):
    """Index the pages `paths` of `site` into `bundle_folder`."""
    with tempfile.TemporaryDirectory(prefix=".search-part-", dir=site.parent) as folder:
        for relative_path in paths:
            linked = Path(folder) / relative_path
            linked.parent.mkdir(parents=True, exist_ok=True)
            os.link(site / relative_path, linked)
        return run_pagefind(folder, output_path=bundle_folder)


def link_tree(source, destination):
    """Hard-link every file of `source` into `destination` (copied where links fail);
    whether every file was linked (the tree then keeps the source's stamp)."""
    linked = True
    for path in sorted(source.rglob("*")):
        target = destination / path.relative_to(source)
        if path.is_dir():
            target.mkdir(parents=True, exist_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(path, target)
        except OSError:
            shutil.copy2(path, target)
            linked = False
    return linked


class Record:
    """The bundles the last index wrote: their inputs' digests and their files' stamps."""

    def __init__(self, path):
        self.path = Path(path) if path else None
        saved = self._read()
        self.bundles = saved.get("bundles") if isinstance(saved.get("bundles"), dict) else {}
        self.pages = saved.get("pages") if isinstance(saved.get("pages"), dict) else {}

    def _read(self):
        try:
            saved = json.loads(self.path.read_text(encoding="utf-8"))
        except (AttributeError, OSError, ValueError):
            return {}
        if not isinstance(saved, dict) or saved.get("version") != RECORD_VERSION:
            return {}
        return saved

    def reusable(self, bundle, digest, previous_site):
        """The previous site's bundle, if it is exactly the one made from these inputs."""
        entry = self.bundles.get(bundle)
        if previous_site is None or not isinstance(entry, dict) or entry.get("inputs") != digest:
            return None
        folder = previous_site / bundle
        return folder if folder.is_dir() and bundle_stamp(folder) == entry.get("stamp") else None

    def save(self, bundles, pages):
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", dir=self.path.parent, delete=False, encoding="utf-8"
        ) as saved:
            json.dump({"version": RECORD_VERSION, "bundles": bundles, "pages": pages}, saved)
        os.replace(saved.name, self.path)


def index_in_parts(site, pages_per_index, previous_site=None, record_path=None, started=None):
    """Index the site in parts; the first failed run (or a successful one) is returned.

    `started()`, if given, is called once Pagefind's runs are under way (what is left
    is waiting for them, and linking the unchanged bundles)."""
    started = started or (lambda: None)
    record = Record(record_path)
    pages, seen = searchable_pages(site, record.pages)
    if not pages:  # no page marked: Pagefind indexes every page's body, in one run
        started()
        return run_pagefind(site)
    parts = split_into_parts(pages, pages_per_index)
    digests = {bundle: inputs_digest(bundle, paths, pages) for bundle, paths in parts.items()}
    reusable = {bundle: record.reusable(bundle, digests[bundle], previous_site) for bundle in parts}
    to_index = [bundle for bundle, previous_bundle in reusable.items() if previous_bundle is None]
    # A bundle linked whole keeps its recorded stamp; parts.json is written anew below.
    stamps = {}
    # A part's run is mostly one thread: parts run side by side, one per core, and the
    # unchanged bundles are linked meanwhile.
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as runs:
        running = [
            runs.submit(index_part, site, parts[bundle], site / bundle) for bundle in to_index
        ]
        started()
        for bundle, previous_bundle in reusable.items():
            if previous_bundle is not None and link_tree(previous_bundle, site / bundle):
                stamps[bundle] = record.bundles[bundle]["stamp"]
        outcomes = [run.result() for run in running]
    stamps.pop(FIRST_BUNDLE, None)
    failed = [outcome for outcome in outcomes if outcome.returncode != 0]
    if failed:
        return failed[0]
    _write_parts_list(site, list(parts))
    record.save(
        {
            bundle: {
                "inputs": digests[bundle],
                "stamp": stamps.get(bundle) or bundle_stamp(site / bundle),
            }
            for bundle in parts
        },
        seen,
    )
    return subprocess.CompletedProcess([], 0, stdout="", stderr="")


def _write_parts_list(site, bundles):
    """parts.json: the bundles after the first, by their paths relative to the first
    bundle's folder, as the search page merges them. Written as a new file: the first
    bundle's files may be links into the previous site."""
    parts_file = site / FIRST_BUNDLE / PARTS_FILE
    parts_file.unlink(missing_ok=True)
    parts_file.write_text(json.dumps([f"../{bundle}/" for bundle in bundles[1:]]), encoding="utf-8")


def main(arguments):
    parser = argparse.ArgumentParser()
    parser.add_argument("site", type=Path)
    parser.add_argument("pages_per_index", type=int)
    parser.add_argument("--previous", type=Path, help="the site this build replaces")
    parser.add_argument("--record", type=Path, help="where the bundles' inputs are recorded")
    options = parser.parse_args(arguments)
    finished = index_in_parts(
        options.site.resolve(), options.pages_per_index, options.previous, options.record
    )
    sys.stdout.write(finished.stdout)
    sys.stderr.write(finished.stderr)
    return finished.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
