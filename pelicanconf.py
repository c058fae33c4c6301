"""Settings for the development preview (invoke build / serve / livereload).

Production differences live in publishconf.py.
"""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent

AUTHOR = "Dana Reyes"
SITENAME = "Dana Reyes · Marketing & Customer Service"
SITESUBTITLE = "Straight answers, posted prices."
SITEURL = ""
TIMEZONE = "America/New_York"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%B %-d, %Y"
LOCALE = ("en_US.UTF-8", "C.UTF-8", "")

PATH = "content"
# A post without a Category: line goes here (not into a category named after its folder).
USE_FOLDER_AS_CATEGORY = False
DEFAULT_CATEGORY = "Notes"
OUTPUT_PATH = "output"
ARTICLE_PATHS = ["posts"]
PAGE_PATHS = ["pages", "services"]
STATIC_PATHS = ["images", "extra"]
EXTRA_PATH_METADATA = {}
THEME = str(PROJECT_ROOT / "theme")

PLUGIN_PATHS = [str(PROJECT_ROOT / "plugins")]
PLUGINS = [
    "strict_build",
    "publication_status",
    "series",
    "share_follow_signup",
    "site_search",
    "pricing",
]

# Clean URLs: every page is a folder with an index.html.
ARTICLE_URL = "blog/{slug}/"
ARTICLE_SAVE_AS = "blog/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
DRAFT_URL = "drafts/{slug}/"
DRAFT_SAVE_AS = "drafts/{slug}/index.html"
DRAFT_PAGE_URL = "drafts/pages/{slug}/"
DRAFT_PAGE_SAVE_AS = "drafts/pages/{slug}/index.html"
CATEGORY_URL = "category/{slug}/"
CATEGORY_SAVE_AS = "category/{slug}/index.html"
TAG_URL = "tag/{slug}/"
TAG_SAVE_AS = "tag/{slug}/index.html"
AUTHOR_URL = "author/{slug}/"
AUTHOR_SAVE_AS = "author/{slug}/index.html"
ARCHIVES_SAVE_AS = "archives/index.html"
CATEGORIES_SAVE_AS = "categories/index.html"
TAGS_SAVE_AS = "tags/index.html"
AUTHORS_SAVE_AS = "authors/index.html"
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DIRECT_TEMPLATES = ["index", "archives", "categories", "tags", "authors", "search"]
SEARCH_SAVE_AS = "search/index.html"
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)
DEFAULT_PAGINATION = 10
SUMMARY_MAX_LENGTH = 40

# Feeds are a production concern; the preview has none (see publishconf.py).
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# Typography, with metadata escaped before typogrify sees it (strict_build).
TYPOGRIFY = True
# Summaries are plain text like titles, so they are escaped, never run as HTML.
FORMATTED_FIELDS = []
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.meta": {},
        "markdown.extensions.toc": {"permalink": False},
    },
    "output_format": "html5",
}

# Every template escapes what it prints; content and summaries are marked |safe.
JINJA_ENVIRONMENT = {
    "autoescape": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "extensions": [],
}

# Content cache, keyed by file content rather than mtime (CI checkouts reset mtimes).
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CHECK_MODIFIED_METHOD = "md5"
CACHE_PATH = "cache/dev"

PUBLICATION = {"preview": True, "build_time": None}
SITE_SEARCH = {"enabled": True}

# The main menu: (label, path) pairs, in order.
MENUITEMS = (
    ("Blog", "/"),
    ("Services", "/services/"),
    ("Book", "/book/"),
    ("Speaking", "/speaking/"),
    ("About", "/about/"),
    ("Subscribe", "/subscribe/"),
)

# --- Share, follow and email signup (plugins/share_follow_signup; README "Share, follow, signup") ---
SHARE_FOLLOW_SIGNUP = {
    # Share links need the public address; production's SITEURL takes precedence.
    "public_site_url": "https://danareyes.example",
    "follow": {
        "mastodon": "https://mastodon.social/@danareyes",
        "bluesky": "https://bsky.app/profile/danareyes.example",
        "linkedin": "https://www.linkedin.com/in/danareyes-example",
        "feed": True,
        "newsletter": True,
    },
    "signup": {"provider": "buttondown", "username": "danareyes"},
}

# --- Pricing (plugins/pricing; README "Prices and service pages") ---
PRICING = {
    "currency": "USD",
    "locale": "en_US",
    "action_url": "mailto:dana@danareyes.example?subject=Services",
    "provider_name": AUTHOR,
    # Prices are stated before VAT unless a service says otherwise (Tax: included / none).
    "tax": "excluded",
    "tax_word": "VAT",
}
