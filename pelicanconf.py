"""Settings for the development preview (invoke build / serve / livereload).

Production differences live in publishconf.py.
"""

import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent
# The plugins share one library, plugins/plugin_support; plain `pelican` must find it too.
if str(PROJECT_ROOT / "plugins") not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT / "plugins"))

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
THEME = str(PROJECT_ROOT / "theme")

PLUGIN_PATHS = [str(PROJECT_ROOT / "plugins")]
PLUGINS = [
    "strict_build",
    "publication_status",
    "series",
    "share_follow_signup",
    "site_search",
    "pricing",
    # After pricing: its body hook for a post is wrapped by this one, so both apply.
    "images",
    # Last: the theme's own plugin reads what the others computed (prices, follow links).
    "business_theme",
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
# A translation (Lang: fr) lives under its language, in the same clean scheme.
ARTICLE_LANG_URL = "{lang}/blog/{slug}/"
ARTICLE_LANG_SAVE_AS = "{lang}/blog/{slug}/index.html"
PAGE_LANG_URL = "{lang}/{slug}/"
PAGE_LANG_SAVE_AS = "{lang}/{slug}/index.html"
DRAFT_LANG_URL = "{lang}/drafts/{slug}/"
DRAFT_LANG_SAVE_AS = "{lang}/drafts/{slug}/index.html"
DRAFT_PAGE_LANG_URL = "{lang}/drafts/pages/{slug}/"
DRAFT_PAGE_LANG_SAVE_AS = "{lang}/drafts/pages/{slug}/index.html"
CATEGORY_URL = "category/{slug}/"
CATEGORY_SAVE_AS = "category/{slug}/index.html"
TAG_URL = "tag/{slug}/"
TAG_SAVE_AS = "tag/{slug}/index.html"
AUTHOR_URL = "author/{slug}/"
AUTHOR_SAVE_AS = "author/{slug}/index.html"
INDEX_URL = ""
ARCHIVES_URL = "archives/"
ARCHIVES_SAVE_AS = "archives/index.html"
CATEGORIES_URL = "categories/"
CATEGORIES_SAVE_AS = "categories/index.html"
TAGS_SAVE_AS = "tags/index.html"
AUTHORS_SAVE_AS = "authors/index.html"
YEAR_ARCHIVE_SAVE_AS = ""
# A page for each month with posts, e.g. /2026/03/, linked from the sidebar and /archives/.
MONTH_ARCHIVE_URL = "{date:%Y}/{date:%m}/"
MONTH_ARCHIVE_SAVE_AS = "{date:%Y}/{date:%m}/index.html"
DIRECT_TEMPLATES = ["index", "archives", "categories", "tags", "authors", "search"]
SEARCH_SAVE_AS = "search/index.html"
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)
DEFAULT_PAGINATION = 10
# Listings with summaries show DEFAULT_PAGINATION posts a page; the archive and month
# pages list titles only, so more fit on a page.
PAGINATED_TEMPLATES = {
    "index": None,
    "tag": None,
    "category": None,
    "author": None,
    "archives": 50,
    "period_archives": 50,
}
SUMMARY_MAX_LENGTH = 40

# Feeds are a production concern; the preview has none (see publishconf.py).
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
# Feeds carry each post in full (False would send summaries only).
RSS_FEED_SUMMARY_ONLY = False

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

# Every template escapes what it prints, with any theme: strict_build hands content
# and summaries to templates as HTML (plugins/strict_build/html_fields.py).
JINJA_ENVIRONMENT = {
    "autoescape": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "extensions": [],
    # Each build makes its own environments and templates don't change during one:
    # checking every template file's mtime on every include only costs time.
    "auto_reload": False,
}

# Content cache, keyed by file content rather than mtime (CI checkouts reset mtimes).
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CHECK_MODIFIED_METHOD = "md5"
CACHE_PATH = "cache/dev"
# Plain pickle files: gzip costs time on every build and saves only local disk.
GZIP_CACHE = False

PUBLICATION = {"preview": True, "build_time": None}
SITE_SEARCH = {"enabled": True}

# The main menu: (label, path) pairs, in order. Submenus are in THEME_OPTIONS["submenus"].
MENUITEMS = (
    ("Blog", "/"),
    ("Work with me", "/services/"),
    ("Book", "/book/"),
    ("About", "/about/"),
    ("Subscribe", "/subscribe/"),
)

# --- The theme (theme/ and plugins/business_theme; README "The theme") ---
THEME_OPTIONS = {
    "wordmark": "Dana Reyes",
    "logo": "theme/images/logo.svg",
    "logo_size": (36, 36),
    "submenus": {
        "Work with me": (
            ("Services and prices", "/services/"),
            ("Case studies", "/category/case-studies/"),
            ("Speaking", "/speaking/"),
        ),
    },
    "pitch_heading": "Marketing and customer service for small businesses, at posted prices",
    "pitch_text": (
        "I'm Dana Reyes. I help shops, studios and service firms get found by the right "
        "people and keep the customers they have. Every service has its price on this site."
    ),
    "pitch_action": ("Book a strategy session", "/services/strategy-session/"),
    "reply_email": "dana@danareyes.example",
    "author_bio": (
        "Dana Reyes is a marketing and customer-service consultant in Philadelphia. "
        "She works alone, with small businesses, at the prices on this site."
    ),
    "author_photo": "theme/images/dana-reyes.svg",
}

# --- Share, follow and email signup (plugins/share_follow_signup; README "Share, follow, signup") ---
SHARE_FOLLOW_SIGNUP = {
    # Share links need the public address; production's SITEURL takes precedence.
    "public_site_url": "https://danareyes.example",
    "follow": {
        "mastodon": "https://mastodon.social/@danareyes",
        "bluesky": "https://bsky.app/profile/danareyes.example",
        "linkedin": "https://www.linkedin.com/in/danareyes-example",
        "feed": True,
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

# --- Social cards and responsive images (plugins/images; README "Images and social cards") ---
# Every default suits this site: cards in the theme's colours with Lato, AVIF and WebP
# copies at 480, 960 and 1440 pixels, kept in cache/images/.
IMAGES = {}
