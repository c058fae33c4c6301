"""Full-text search with Pagefind, built from the finished site; no server, no third party.

Settings (one dict, declared in DECLARATIONS, checked at start-up):

    SITE_SEARCH = {
        "enabled": True,   # build the index after every successful write of the site
        "index": True,     # run Pagefind (`invoke livereload` turns it off)
        "pages_per_index": 100,  # about this many pages in each part of the index
    }

Pagefind reads the written HTML, so it indexes exactly what visitors can reach:
a production build has no drafts or scheduled posts to leak. Only the parts of a
page marked `data-pagefind-body` (the text of posts and pages) are indexed; widgets
carry `data-pagefind-ignore`. A blog with more searchable pages than
"pages_per_index" is indexed in parts that the search page merges into one search
(index_parts.py): Pagefind's memory stays bounded however big the blog grows, and a
warm build runs Pagefind only for the parts whose pages changed.

The search page is Pelican's direct template "search" (DIRECT_TEMPLATES). A theme
that has no search.html gets the plugin's own (templates/search.html), so any
theme works without editing DIRECT_TEMPLATES.
"""

import logging
import threading
from pathlib import Path

from jinja2 import ChoiceLoader, FileSystemLoader
from pelican import signals
from plugin_support import background_steps
from plugin_support.digest_memo import cache_file
from plugin_support.page_reuse import PREVIOUS_OUTPUT_KEY
from plugin_support.parallel_writing import PAGES_WRITTEN_KEY, finish_writing
from plugin_support.settings import Setting, is_bool, is_whole_number, validated

from .index_parts import index_in_parts

logger = logging.getLogger(__name__)

NOTHING_TO_INDEX = "not able to build an index"
# Set once Pagefind has started in this build.
INDEX_STARTED_KEY = "SITE_SEARCH_INDEX_STARTED"
PLUGIN_TEMPLATES = Path(__file__).resolve().parent / "templates"
# In the build's cache folder: what each bundle of the last index was made from.
RECORD_FILE = "search_index_parts.json"

DECLARATIONS = {
    "enabled": Setting(True, "build the Pagefind index after every successful build", is_bool),
    "index": Setting(
        True,
        "run Pagefind; `invoke livereload` sets it False so a save rebuilds in seconds "
        "(the search page then says the preview has no index)",
        is_bool,
    ),
    "pages_per_index": Setting(
        # Pagefind takes 0.3 s for 100 pages, 0.7 s for 200: a warm build re-indexes
        # one part, so its size is most of what the index adds to a rebuild.
        100,
        "about this many pages in one part of the index: a bigger site is indexed in parts "
        "(a page's part is a hash of its path; at most 16, so a very big blog gets bigger "
        "parts) that the search page merges; a warm build re-indexes only the parts whose "
        "pages changed, and Pagefind's memory (about 250 kB a post) stays bounded. Each "
        "part is one more small download per search",
        is_whole_number(minimum=1),
    ),
}


# The README's table of SITE_SEARCH is generated from this (tooling.settings_docs).
DOCUMENTED_SETTINGS = {"SITE_SEARCH": DECLARATIONS}


def store_validated_settings(pelican):
    pelican.settings["SITE_SEARCH"] = validated(pelican.settings, "SITE_SEARCH", DECLARATIONS)
    if pelican.settings["SITE_SEARCH"]["enabled"] is False:
        # No index, so no search page (its script and styles would be links to nothing);
        # the theme shows the header's search form only when the page exists.
        pelican.settings["DIRECT_TEMPLATES"] = [
            name for name in pelican.settings["DIRECT_TEMPLATES"] if name != "search"
        ]


def supply_search_template(generator):
    """generator_init handler: search.html is found in the theme first, then here."""
    environment = getattr(generator, "env", None)
    if environment is not None and isinstance(environment.loader, ChoiceLoader):
        environment.loader.loaders.append(FileSystemLoader(str(PLUGIN_TEMPLATES)))


def build_search_index(pelican):
    """finalized: every page is written; start Pagefind if the writer has not yet."""
    finish_writing()  # renders the pages if not yet, which starts Pagefind (below)
    start_search_index(pelican.settings, pelican.output_path)


def start_search_index(settings, output_path):
    """Start Pagefind over the written site, once a build; the runner waits for it."""
    search = settings["SITE_SEARCH"]
    if not (search["enabled"] and search["index"]) or settings.get(INDEX_STARTED_KEY):
        return
    settings[INDEX_STARTED_KEY] = True
    previous = settings.get(PREVIOUS_OUTPUT_KEY)  # the site this build replaces (the runner's)
    # No cache (record None): nothing is kept between builds.
    record = cache_file(settings, RECORD_FILE)
    runs_started = threading.Event()

    def index():
        try:
            return index_in_parts(
                Path(output_path).resolve(),
                search["pages_per_index"],
                Path(previous) if previous else None,
                record,
                started=runs_started.set,
            )
        finally:
            runs_started.set()  # whatever happened, the build goes on

    background_steps.start_in_thread(index, report_search_index)
    # Until Pagefind runs, the step is Python work (finding the pages, digesting the
    # changed ones) that would share the interpreter with the link check, which the
    # build does next, and start Pagefind late: waiting for it lets Pagefind run beside
    # the link check (a warm build at 1,000 posts waited about 0.4 s for the index after
    # its link check, now about 0.2 s).
    runs_started.wait()


def report_search_index(returncode, stdout, stderr):
    """A failure is one error line. returncode None: the step itself failed (stderr
    names the exception), not Pagefind."""
    if returncode is None:
        logger.error(
            "search index: could not be written: %s (fix the cause, or run `invoke rebuild` "
            "to start from an empty cache)",
            stderr.strip(),
        )
        return
    if returncode != 0 and NOTHING_TO_INDEX in stderr + stdout:
        # A site whose posts have no words yet (only images) has nothing to search.
        logger.info("search index: no text to index yet; skipped")
        return
    if returncode != 0:
        reason = (stderr or stdout).strip().splitlines() or ["no output"]
        logger.error(
            "search index: pagefind exited with %s: %s (check that pagefind[bin] is installed)",
            returncode,
            reason[-1],
        )


def start_when_pages_are_written(pelican):
    """initialized: Pagefind starts as soon as the pages are written (parallel_writing)."""
    pelican.settings.setdefault(PAGES_WRITTEN_KEY, []).append(start_search_index)


def register():
    # initialized: settings are checked once, before any work, and Pagefind is asked to
    # start when the pages are written. generator_init: every generator's Jinja
    # environment exists, nothing is rendered yet. finalized: every page is written,
    # which is what Pagefind reads (it starts here if the writer did not start it).
    signals.initialized.connect(store_validated_settings)
    signals.initialized.connect(start_when_pages_are_written)
    signals.generator_init.connect(supply_search_template)
    signals.finalized.connect(build_search_index)
