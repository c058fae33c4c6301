"""Build the search index in parts, so Pagefind's memory stays bounded on a big blog.

Pagefind holds everything it indexes in memory until it writes the bundle: about
250 kB per post of 8 kB, so 2.5 GB for 10,000 posts, more than a small CI machine
has. So the searchable pages (those marked `data-pagefind-body`) are indexed in
parts of at most SITE_SEARCH["pages_per_index"], one Pagefind run after another,
each writing its own bundle: `pagefind/` for the first, `pagefind-2/`, ... for the
others. `pagefind/parts.json` lists the other bundles, and the search page merges
them into one search (Pagefind's mergeIndex). A site that fits in one part is
indexed exactly as before, in one run over the whole site.

A part is a folder of hard links to its pages (beside the site, on the same disk),
with their paths in the site, so Pagefind gives each result its real URL.

Run by site_search as a background step: `python index_parts.py SITE PAGES_PER_INDEX`.
Exits with Pagefind's status and output when a run fails.
"""

import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

SEARCHABLE = re.compile(rb"<[^>]*\sdata-pagefind-body[\s>=/]")
FIRST_BUNDLE = "pagefind"
PARTS_FILE = "parts.json"


def searchable_pages(pages):
    """Those of `pages` Pagefind would index (marked data-pagefind-body)."""
    return [page for page in pages if SEARCHABLE.search(page.read_bytes())]


def run_pagefind(site, output_path=None):
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--quiet"]
    if output_path is not None:
        command += ["--output-path", str(output_path)]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def index_part(site, pages, bundle):
    """Index `pages` of `site` into the bundle folder `bundle`."""
    with tempfile.TemporaryDirectory(prefix=".search-part-", dir=site.parent) as folder:
        for page in pages:
            linked = Path(folder) / page.relative_to(site)
            linked.parent.mkdir(parents=True, exist_ok=True)
            os.link(page, linked)
        return run_pagefind(folder, output_path=bundle)


def index_in_parts(site, pages_per_index):
    """Index the site in parts; the first failed run (or the last run) is returned."""
    pages = sorted(site.rglob("*.html"))
    if len(pages) > pages_per_index:  # a small site is not read just to be counted
        pages = searchable_pages(pages)
    if len(pages) <= pages_per_index:
        finished = run_pagefind(site)
        other_bundles = []
    else:
        parts = [
            pages[start : start + pages_per_index]
            for start in range(0, len(pages), pages_per_index)
        ]
        other_bundles = [f"{FIRST_BUNDLE}-{number}" for number in range(2, len(parts) + 1)]
        for part, bundle in zip(parts, [FIRST_BUNDLE, *other_bundles], strict=True):
            finished = index_part(site, part, site / bundle)
            if finished.returncode != 0:
                return finished
    if finished.returncode == 0:
        # Paths relative to the first bundle's folder, as the search page merges them.
        listed = [f"../{bundle}/" for bundle in other_bundles]
        (site / FIRST_BUNDLE / PARTS_FILE).write_text(json.dumps(listed), encoding="utf-8")
    return finished


def main(arguments):
    site, pages_per_index = Path(arguments[0]).resolve(), int(arguments[1])
    finished = index_in_parts(site, pages_per_index)
    sys.stdout.write(finished.stdout)
    sys.stderr.write(finished.stderr)
    return finished.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
