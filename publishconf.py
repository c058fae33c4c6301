"""Production settings: the development settings plus only what differs when publishing."""

import os
import sys
from urllib.parse import urlsplit

# Pelican loads this file by path; make its sibling importable from any working directory.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *

SITEURL = os.environ.get("SITEURL", "https://danareyes.example")
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True
CACHE_PATH = "cache/prod"

FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"

# Drafts, and posts dated after the build, appear nowhere in what is published.
PUBLICATION = {"preview": False, "build_time": None}
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
DRAFT_LANG_SAVE_AS = ""
DRAFT_PAGE_LANG_SAVE_AS = ""

PLUGINS = [*PLUGINS, "pelican.plugins.sitemap"]
SITEMAP = {"format": "xml"}

# Publishing (invoke publish; tooling/publishing/pipeline.py). GitHub Pages serves the
# gh-pages branch of the "origin" remote; the custom domain, written to CNAME on every
# publish, is SITEURL's host. A https://<user>.github.io/... address needs no CNAME.
site_host = urlsplit(SITEURL).hostname or ""
PUBLISHING = {
    "remote": "origin",
    "branch": "gh-pages",
    "cname": None if site_host.endswith(".github.io") else site_host,
}
