"""Full-text search with Pagefind, built from the finished site; no server, no third party.

Settings (one dict, checked at start-up):

    SITE_SEARCH = {
        "enabled": True,   # build the index after every successful write of the site
    }

Pagefind reads the written HTML, so it indexes exactly what visitors can reach:
a production build has no drafts or scheduled posts to leak. Only the parts of a
page marked `data-pagefind-body` (the text of posts and pages) are indexed; widgets
carry `data-pagefind-ignore`.
"""

import logging
import subprocess
import sys

from pelican import signals

logger = logging.getLogger(__name__)

DEFAULTS = {"enabled": True}
NOTHING_TO_INDEX = "not able to build an index"


def validated_settings(settings):
    given = dict(settings.get("SITE_SEARCH") or {})
    merged = {**DEFAULTS, **given}
    problems = [
        f'pelicanconf.py: SITE_SEARCH["{key}"]: unknown setting (allowed: {", ".join(sorted(DEFAULTS))})'
        for key in sorted(set(given) - set(DEFAULTS))
    ]
    if not isinstance(merged["enabled"], bool):
        problems.append('pelicanconf.py: SITE_SEARCH["enabled"]: must be True or False')
    for problem in problems:
        logger.error("%s", problem)
    return merged


def store_validated_settings(pelican):
    pelican.settings["SITE_SEARCH"] = validated_settings(pelican.settings)
    if pelican.settings["SITE_SEARCH"]["enabled"] is False:
        # No index, so no search page (its script and styles would be links to nothing);
        # the theme shows the header's search form only when the page exists.
        pelican.settings["DIRECT_TEMPLATES"] = [
            name for name in pelican.settings["DIRECT_TEMPLATES"] if name != "search"
        ]


def build_search_index(pelican):
    """Run Pagefind over the written site; a failure is one error line."""
    if not pelican.settings["SITE_SEARCH"]["enabled"]:
        return
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
    # initialized: settings are checked once, before any work. finalized: every page
    # is written, which is what Pagefind reads.
    signals.initialized.connect(store_validated_settings)
    signals.finalized.connect(build_search_index)
