"""Publishing the site to GitHub Pages: build, check, then ghp-import (invoke publish).

Part of the tooling package (not a Pelican plugin): tasks.py and the tests import it.
- pipeline: the whole `invoke publish` run and the PUBLISHING settings;
- output_checks: checks on the built site (symlinks, internal links, unpublished items);
- ghpages: the all-or-nothing commit and push of the gh-pages branch;
- errors: PublishError, the one-line reason publishing stopped.
"""

from .errors import PublishError
from .pipeline import DECLARATIONS, PublishResult, publish_site

# The README's table of PUBLISHING is generated from this (tooling.settings_docs).
DOCUMENTED_SETTINGS = {"PUBLISHING": DECLARATIONS}

__all__ = ["PublishError", "PublishResult", "publish_site"]
