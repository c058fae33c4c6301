"""Site-wide data the theme renders: the menu, the sidebar's lists and the home page's.

Everything here is computed once per build from the finished lists of posts and pages.
"""

import logging
from collections import Counter
from dataclasses import dataclass, field

from plugin_support.settings import report_setting_problem

from .article_parts import plain_text

logger = logging.getLogger(__name__)

FEATURED_VALUES = {"yes": True, "true": True, "no": False, "false": False}

# Blocks a kind of page already shows in its main column, so its sidebar leaves them out.
SHOWN_IN_MAIN_COLUMN = {
    "home": {"recent_posts", "top_posts"},
    "archives": {"archives"},
    "period_archives": {"archives"},
    "categories": {"categories"},
}


@dataclass(frozen=True)
class MenuEntry:
    """A menu link; `children` is its submenu (one level, no deeper)."""

    label: str
    path: str
    children: tuple = ()

    def href(self, siteurl):
        return f"{siteurl}{self.path}" if self.path.startswith("/") else self.path

    def is_current(self, output_file):
        """True on the page this entry links to (or below it), or on one of its children's."""
        if self.children:
            return any(child.is_current(output_file) for child in self.children)
        if not output_file or not self.path.startswith("/"):
            return False
        if self.path == "/":
            return output_file == "index.html" or output_file.startswith("page/")
        folder = self.path.strip("/") + "/"
        return (output_file.rsplit("index.html", 1)[0] or "/").startswith(folder)


def build_menu(menu_items, submenus):
    """MENUITEMS as MenuEntry objects, with the submenus of THEME_OPTIONS attached.

    A parent with a submenu opens it rather than going anywhere, so its own link
    becomes the submenu's first entry unless a child already links there.
    """
    entries = []
    for label, path in menu_items:
        children = tuple(MenuEntry(*child) for child in submenus.get(label, ()))
        if children and path not in {child.path for child in children}:
            children = (MenuEntry(label, path), *children)
        entries.append(MenuEntry(label, path, children))
    return entries


def menu_marks(menu, output_file):
    """Which entries of the menu (and of their submenus, in order) are the page at
    `output_file`: all the header depends on that is not the same on every page."""
    return tuple(
        current
        for entry in menu or ()
        for current in (
            entry.is_current(output_file),
            *(child.is_current(output_file) for child in entry.children),
        )
    )


@dataclass(frozen=True)
class CountedLink:
    """A category or a month in the sidebar: its name, URL and number of posts."""

    label: str
    url: str
    count: int


@dataclass
class SidebarData:
    recent_posts: list = field(default_factory=list)
    top_posts: list = field(default_factory=list)
    categories: list = field(default_factory=list)
    all_categories_url: str = ""
    has_more_categories: bool = False
    months: list = field(default_factory=list)
    all_months_url: str = ""
    comment_policy_url: str | None = None
    signup_form: object = None
    follow_links: list = field(default_factory=list)
    blocks: list = field(default_factory=list)

    def blocks_for(self, page_kind, item=None):
        """The blocks of one page: a block the page already shows is left out."""
        shown = set(SHOWN_IN_MAIN_COLUMN.get(page_kind, ()))
        if getattr(item, "signup_form", None):
            shown.add("signup")  # the post, service or subscribe page has its own form
        return [block for block in self.blocks if block not in shown]

    def listed_item(self, block, item):
        """The page's own post when `block` lists it (marked there as the current page),
        else None: with the block's name, all a block's HTML depends on within a build,
        so the theme renders each block once per build and not on every page."""
        posts = {"recent_posts": self.recent_posts, "top_posts": self.top_posts}.get(block, ())
        return item if item is not None and any(post is item for post in posts) else None


def is_featured(article):
    value = str(article.metadata.get("featured", "no")).strip().lower()
    return FEATURED_VALUES.get(value, False)


def report_bad_featured_values(articles):
    for article in articles:
        value = article.metadata.get("featured")
        if value is not None and str(value).strip().lower() not in FEATURED_VALUES:
            logger.error(
                '%s: Featured: "%s" is not yes or no (write Featured: yes)',
                article.source_path,
                value,
            )


def top_posts(articles, options, settings):
    """The top posts block: the slugs in settings, in order, or the featured posts."""
    if options["top_posts"] is None:
        return [post for post in articles if is_featured(post)][: options["top_posts_count"]]
    by_slug = {post.slug: post for post in articles}
    chosen = []
    for slug in options["top_posts"]:
        if slug in by_slug:
            chosen.append(by_slug[slug])
        else:
            report_setting_problem(
                settings,
                'THEME_OPTIONS["top_posts"]',
                f'"{slug}" is not the slug of a published post',
                "check the post's Slug, or remove it from the list",
            )
    return chosen[: options["top_posts_count"]]


def category_links(categories, limit):
    """The `limit` categories with the most posts, by name (all are on the categories page)."""
    largest = sorted(categories, key=lambda pair: -len(pair[1]))[:limit]
    return [
        CountedLink(str(category), category.url, len(posts))
        for category, posts in sorted(largest, key=lambda pair: str(pair[0]).lower())
    ]


def month_links(articles, settings, limit):
    """The newest `limit` months that have posts, newest first; [] without month pages."""
    if not settings.get("MONTH_ARCHIVE_SAVE_AS"):
        return []
    counts = Counter((post.date.year, post.date.month) for post in articles)
    first_post_of_month = {}
    for post in articles:
        first_post_of_month.setdefault((post.date.year, post.date.month), post)
    months = []
    for key in sorted(counts, reverse=True)[:limit]:
        date = first_post_of_month[key].date
        months.append(
            CountedLink(
                date.strftime("%B %Y"),
                settings["MONTH_ARCHIVE_URL"].format(date=date),
                counts[key],
            )
        )
    return months


def listed_services(catalogue):
    """The pricing catalogue's published services, in the pricing index's order
    (by Order, then price, then name)."""
    services = [
        service for service in (catalogue or {}).values() if getattr(service, "is_listed", True)
    ]
    return sorted(
        services,
        key=lambda service: (
            service.terms.order is None,
            service.terms.order or 0,
            service.terms.price.amount,
            plain_text(service.page.title).lower(),
        ),
    )


@dataclass(frozen=True)
class SiteIdentity:
    """Who publishes the site, for structured data and the author box."""

    url: str
    name: str
    author_name: str
    author_type: str
    author_url: str
    author_image: str | None
    same_as: tuple
