"""The whole-site checks of one build: before anything is written, and after.

Before (all_generators_finalized): checks.check_site. After (finalized), when every
page is on disk: the link check, which sees the links the theme and plugins write
as well as the authors' own. A broken link is one error line naming the content
file that holds it (see link_check.link_problems).
"""

import logging
from functools import partial

from plugin_support.parallel_writing import finish_writing
from plugin_support.site_content import all_items

from .checks import check_site, problems_attributed_to
from .link_check import PageVerdicts, Source, broken_links, link_problems, links_memo
from .outputs import output_file

logger = logging.getLogger(__name__)

# Pagefind writes its folders after the pages, beside the link check: "pagefind" and,
# for a site indexed in parts, "pagefind-2", "pagefind-3"... (site_search.index_parts).
# It may skip them on purpose (a site with no text yet); its own step reports a
# failed index. A regular expression of the top-level folder names.
SEARCH_INDEX_FOLDERS = r"pagefind(?:-[0-9]+)?"


class BuildChecks:
    """One build's whole-site checks, and what the link check keeps from them."""

    def __init__(self):
        self.sources = {}
        self.url_owners = {}
        self.explained = set()

    def check_site(self, generators):
        """all_generators_finalized: run the whole-site checks, then learn which source
        made each page, what each item's URL should lead to, and what they explained."""
        self.explained = {path.rstrip("/") for path in check_site(generators)}
        self.sources = {}
        self.url_owners = {}
        for item in all_items(generators):
            page = output_file(item.save_as or "")
            if not page:
                continue
            self.sources.setdefault(
                page, Source(item.source_path, item.source_path, partial(_rendered, item))
            )
            url = (item.url or "").lstrip("/")
            if url and url != page and url + "index.html" != page:
                self.url_owners[url.rstrip("/")] = (
                    item.source_path,
                    f"Save_as writes {page}: give URL: that file's address, or drop Save_as",
                )

    def check_links(self, pelican):
        """finalized: report every broken internal link of the written site."""
        finish_writing()  # the pages are rendered now, if not yet (parallel_writing)
        settings = pelican.settings
        cache = links_memo(settings)
        search = settings.get("SITE_SEARCH") or {}
        # The search page links the index Pagefind writes after this check; with the
        # index skipped (live preview), the page links nothing there.
        indexed = search.get("enabled") and search.get("index", True)
        written_later = (SEARCH_INDEX_FOLDERS,) if indexed else ()
        verdicts = PageVerdicts(settings)
        broken = broken_links(
            pelican.output_path, settings.get("SITEURL", ""), cache, written_later, verdicts
        )
        broken = [found for found in broken if found.site_path.rstrip("/") not in self.explained]
        for line in link_problems(broken, self.sources, self.url_owners):
            logger.error("%s", line)
        cache.save()
        verdicts.save()


def _rendered(item):
    # Only asked for a link the source file does not spell out; a warning while
    # rendering (none is expected: the page is written) still names the file.
    with problems_attributed_to(item.source_path):
        return item.content or ""
