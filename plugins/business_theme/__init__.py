"""The theme's own plugin: it computes what theme/templates render.

Once per build it checks THEME_OPTIONS (settings.py), then works out the menu, the
sidebar's lists, the home page's services and featured posts, each post's reading
time, table of contents, related posts and neighbours, and the JSON-LD of every page.
It writes the one stylesheet and robots.txt, and makes feed links absolute.

It reads other plugins' results only from the shared context and content attributes
(the pricing catalogue, follow links, signup forms, `og_image`), never by importing them.
"""

import logging
from dataclasses import dataclass, field
from itertools import chain

from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator
from plugin_support.content_fields import register_fields
from plugin_support.digest_memo import DigestMemo

from .article_parts import (
    neighbours,
    plain_text,
    read_body,
    reading_minutes,
    related_posts,
    reply_by_email_url,
    updated_date,
)
from .markup_memo import MarkupMemo
from .pagination import numbered_pagination
from .settings import SETTING_NAME, SETTINGS, store_validated_settings
from .site_data import (
    SidebarData,
    SiteIdentity,
    build_menu,
    category_links,
    is_featured,
    listed_services,
    menu_marks,
    month_links,
    report_bad_featured_values,
    top_posts,
)
from .site_files import absolute_feed_links, site_root, write_robots_txt, write_stylesheet
from .structured_data import (
    absolute_url,
    author_entity,
    blog_posting,
    breadcrumb_list,
    graph,
    website,
)

# The README's table of THEME_OPTIONS is generated from this (tooling.settings_docs).
DOCUMENTED_SETTINGS = {SETTING_NAME: SETTINGS}

logger = logging.getLogger(__name__)

# Content fields the theme reads besides Pelican's own (the lead image's are strict_build's).
THEME_CONTENT_FIELDS = ("featured",)

# Context keys other plugins fill in; read, never imported.
PRICING_CATALOGUE = "PRICING_SERVICES"
FOLLOW_LINKS = "follow_links"
SITE_SIGNUP_FORM = "site_signup_form"


@dataclass
class HomeData:
    """What the home page shows before the latest posts."""

    services: list = field(default_factory=list)
    featured_posts: list = field(default_factory=list)


def add_template_helpers(generator):
    """generator_init handler: templates can number their pages."""
    generator.env.globals["numbered_pagination"] = numbered_pagination
    generator.env.globals["remembered"] = MarkupMemo()
    generator.env.filters["site_root"] = site_root
    generator.env.filters["menu_marks"] = menu_marks
    # Titles and summaries as plain text (for <title>, meta tags): no tags, no no-break spaces.
    generator.env.filters["plain_text"] = plain_text
    # JSON-LD without needless spaces (|tojson still escapes <, >, & and ' for HTML).
    generator.env.policies["json.dumps_kwargs"] = {"sort_keys": True, "separators": (",", ":")}


def is_scheduled(post):
    # publication_status's mark; without that plugin nothing is scheduled.
    return getattr(post, "visibility", None) == "scheduled"


def list_scheduled_posts_last(generator):
    """In the preview, scheduled posts follow the published ones, so listings open with
    what is live; the home page lists them with the drafts, after the latest posts."""
    if any(is_scheduled(post) for post in generator.articles):
        generator.articles.sort(key=is_scheduled)
    report_bad_featured_values(chain(generator.articles, generator.drafts))


def _generators_by_kind(generators):
    articles = next(g for g in generators if isinstance(g, ArticlesGenerator))
    pages = next(g for g in generators if isinstance(g, PagesGenerator))
    return articles, pages


def _site_identity(settings, options, context):
    site_url = settings.get("SITEURL") or ""
    photo = options["author_photo"]
    return SiteIdentity(
        url=site_url,
        name=settings["SITENAME"],
        author_name=settings.get("AUTHOR") or settings["SITENAME"],
        author_type=options["author_type"],
        author_url=absolute_url(site_url, options["author_url"]),
        author_image=absolute_url(site_url, photo) if photo else None,
        same_as=tuple(
            link.url for link in context.get(FOLLOW_LINKS) or () if "me" in link.rel.split()
        ),
    )


def _page_urls(pages_generator):
    return {
        page.url for page in chain(pages_generator.pages, pages_generator.hidden_pages) if page.url
    }


def _image_url(item, site):
    """The page's share image: one another plugin made (`og_image`), or the lead image."""
    made = getattr(item, "og_image", None)
    if made:
        return absolute_url(site.url, made)
    if getattr(item, "image", None):
        return absolute_url(site.url, item.image)
    return None


def _prepare_articles(articles_generator, options, site, comment_policy_url):
    listed = list(articles_generator.articles)
    everything = [*listed, *articles_generator.drafts]
    related = related_posts(
        listed,
        options["related_posts"],
        options["related_candidates_per_tag"],
        extra_items=articles_generator.drafts,
    )
    around = neighbours(listed)
    bodies = DigestMemo(articles_generator.settings, "theme-article-bodies.pickle")
    found = bodies.results(everything, _body_of, read_body)
    for article, (headings, words) in zip(everything, found, strict=True):
        article.table_of_contents = headings if len(headings) > options["toc_threshold"] else []
        article.reading_minutes = reading_minutes(words, options["words_per_minute"])
        article.updated_date = updated_date(article)
        article.reply_by_email_url = (
            reply_by_email_url(options["reply_email"], article.title)
            if options["reply_email"]
            else None
        )
        article.comment_policy_url = comment_policy_url
        article.related_posts = related.get(article, [])
        article.previous_post, article.next_post = around.get(article, (None, None))
        article.share_image_url = _image_url(article, site)
        trail = [("Home", absolute_url(site.url, ""))]
        if getattr(article, "category", None):
            trail.append((str(article.category), absolute_url(site.url, article.category.url)))
        trail.append((plain_title(article), absolute_url(site.url, article.url)))
        article.structured_data = graph(
            [
                blog_posting(
                    article,
                    site,
                    article.share_image_url or site.author_image,
                    article.updated_date,
                ),
                breadcrumb_list(trail),
            ]
        )
    bodies.save()


def _body_of(article):
    return str(article.content or "")


def plain_title(item):
    return plain_text(item.title)


def _prepare_pages(pages_generator, site, context):
    settings = pages_generator.settings
    home = ("Home", absolute_url(site.url, ""))
    services_index = (context.get("PRICING") or {}).get("index_url")
    about_url = absolute_url(site.url, settings[SETTING_NAME]["author_url"])
    for page in chain(
        pages_generator.pages, pages_generator.hidden_pages, pages_generator.draft_pages
    ):
        trail = [home]
        if getattr(page, "service", None) is not None and services_index:
            trail.append(("Services", absolute_url(site.url, services_index)))
        trail.append((plain_title(page), absolute_url(site.url, page.url)))
        page.share_image_url = _image_url(page, site)
        documents = [breadcrumb_list(trail)]
        if absolute_url(site.url, page.url) == about_url:
            documents.append(author_entity(site))
        page.structured_data = graph(documents)


def prepare_site(generators):
    """all_generators_finalized handler: compute everything the templates show, once."""
    articles_generator, pages_generator = _generators_by_kind(generators)
    settings = articles_generator.settings
    options = settings[SETTING_NAME]
    context = articles_generator.context
    site = _site_identity(settings, options, context)
    listed = list(articles_generator.articles)
    # The comment policy link shows only when that page exists.
    policy_url = options["comment_policy_url"]
    comment_policy_url = policy_url if policy_url in _page_urls(pages_generator) else None

    context["theme_menu"] = build_menu(settings.get("MENUITEMS") or (), options["submenus"])
    context["theme_sidebar"] = _sidebar(articles_generator, listed, comment_policy_url)
    context["theme_home"] = _home(listed, options, context)
    context["theme_home_structured_data"] = graph(
        [website(site, _search_url(settings, site)), author_entity(site)]
    )
    context["theme_site"] = site
    _prepare_articles(articles_generator, options, site, comment_policy_url)
    _prepare_pages(pages_generator, site, context)


def _sidebar(articles_generator, listed, comment_policy_url):
    """The sidebar's lists, and the blocks THEME_OPTIONS["sidebar"] names that have any."""
    settings, context = articles_generator.settings, articles_generator.context
    options = settings[SETTING_NAME]
    categories = articles_generator.categories
    sidebar = SidebarData(
        recent_posts=listed[: options["sidebar_recent_posts"]],
        top_posts=top_posts(listed, options, settings),
        categories=category_links(categories, options["sidebar_categories"]),
        all_categories_url=settings.get("CATEGORIES_URL") or "categories/",
        has_more_categories=len(categories) > options["sidebar_categories"],
        months=month_links(listed, settings, options["sidebar_archive_months"]),
        all_months_url=settings.get("ARCHIVES_URL") or "archives/",
        comment_policy_url=comment_policy_url,
        signup_form=context.get(SITE_SIGNUP_FORM),
        follow_links=list(context.get(FOLLOW_LINKS) or []),
    )
    available = {
        "recent_posts": sidebar.recent_posts,
        "top_posts": sidebar.top_posts,
        "categories": sidebar.categories,
        "archives": sidebar.months,
        "comment_policy": sidebar.comment_policy_url,
        "follow": sidebar.follow_links,
        "signup": sidebar.signup_form,
    }
    # A block with nothing to show (no featured posts, no signup provider) is left out.
    sidebar.blocks = [block for block in options["sidebar"] if available[block]]
    return sidebar


def _home(listed, options, context):
    services = listed_services(context.get(PRICING_CATALOGUE)) if options["home_services"] else []
    featured = [post for post in listed if is_featured(post)]
    return HomeData(services=services, featured_posts=featured[: options["home_featured_posts"]])


def _search_url(settings, site):
    """The search page's address for the WebSite's SearchAction; None without a search page."""
    if "search" not in settings.get("DIRECT_TEMPLATES", ()):
        return None
    return absolute_url(site.url, settings.get("SEARCH_URL") or "search/")


def write_site_files(generator, writer):
    """article_writer_finalized handler: the stylesheet and robots.txt."""
    write_stylesheet(generator.settings, generator.output_path)
    write_robots_txt(generator, writer)


def register_theme_fields(pelican):
    register_fields(pelican.settings, "business_theme", THEME_CONTENT_FIELDS)


def register():
    # initialized: THEME_OPTIONS is checked once, before anything is read.
    # generator_init: every generator's Jinja environment exists; add the helpers.
    # article_generator_finalized: posts are read and marked scheduled (publication_status).
    # all_generators_finalized: every post, page and service is read and every other
    #   plugin's data is in place; nothing is written yet.
    # article_writer_finalized: the pages are being written; add the theme's own files.
    # feed_generated: a feed is built but not yet written.
    signals.initialized.connect(store_validated_settings)
    signals.initialized.connect(register_theme_fields)
    signals.generator_init.connect(add_template_helpers)
    signals.article_generator_finalized.connect(list_scheduled_posts_last)
    signals.all_generators_finalized.connect(prepare_site)
    signals.article_writer_finalized.connect(write_site_files)
    signals.feed_generated.connect(absolute_feed_links)
