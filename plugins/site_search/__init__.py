"""Full-text search with Pagefind, built from the finished site; no server, no third party.

Settings (one dict, declared in DECLARATIONS, checked at start-up):

    SITE_SEARCH = {
        "enabled": True,   # build the index after every successful write of the site
    }

Pagefind reads the written HTML, so it indexes exactly what visitors can reach:
a production build has no drafts or scheduled posts to leak. Only the parts of a
page marked `data-pagefind-body` (the text of posts and pages) are indexed; widgets
carry `data-pagefind-ignore`.

The search page is Pelican's direct template "search" (DIRECT_TEMPLATES). A theme
that has no search.html gets the plugin's own (templates/search.html), so any
theme works without editing DIRECT_TEMPLATES.
"""

import logging
import subprocess
import sys
from pathlib import Path

from jinja2 import ChoiceLoader, FileSystemLoader
from pelican import signals
from plugin_support.parallel_writing import finish_writing
from plugin_support.settings import Setting, is_bool, validated

logger = logging.getLogger(__name__)

NOTHING_TO_INDEX = "not able to build an index"
PLUGIN_TEMPLATES = Path(__file__).resolve().parent / "templates"

DECLARATIONS = {
    "enabled": Setting(True, "build the Pagefind index after every successful build", is_bool),
    "index": Setting(
        True,
        "run Pagefind; `invoke livereload` sets it False so a save rebuilds in seconds "
        "(the search page then says the preview has no index)",
        is_bool,
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
    """Run Pagefind over the written site; a failure is one error line."""
    search = pelican.settings["SITE_SEARCH"]
    if not (search["enabled"] and search["index"]):
        return
    finish_writing()  # the pages are rendered now, if not yet (parallel_writing)
    completed = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", pelican.output_path, "--quiet"],
        capture_output=True,
        text=True,
        check=False,
    )
    output = completed.stderr + completed.stdout
    if completed.returncode != 0 and NOTHING_TO_INDEX in output:
        # A site whose posts have no words yet (only images) has nothing to search.
        logger.info("search index: no text to index yet; skipped")
        return
    if completed.returncode != 0:
        reason = (completed.stderr or completed.stdout).strip().splitlines() or ["no output"]
        logger.error(
            "search index: pagefind exited with %s: %s (check that pagefind[bin] is installed)",
            completed.returncode,
            reason[-1],
        )


def register():
    # initialized: settings are checked once, before any work. generator_init: every
    # generator's Jinja environment exists, nothing is rendered yet. finalized: every
    # page is written, which is what Pagefind reads.
    signals.initialized.connect(store_validated_settings)
    signals.generator_init.connect(supply_search_template)
    signals.finalized.connect(build_search_index)
