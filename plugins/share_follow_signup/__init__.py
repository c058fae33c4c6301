"""Share links, follow links and email signup on every post, with any theme, no scripts.

The plugin computes data (`article.share_links`, `article.signup_form`, the context's
`follow_links`, the subscribe page's lists); the templates in
`templates/share_follow_signup/` render it, and a theme can override any of them.
Settings: one dict, SHARE_FOLLOW_SIGNUP (see settings.DECLARATIONS and the README).
"""

from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator
from plugin_support.plugin_templates import add_plugin_templates
from plugin_support.settings import validated
from plugin_support.site_content import items_of

from .follow_links import build_follow_links
from .injection import PLUGIN_TEMPLATES, inject_widgets, should_inject
from .page_data import (
    attach_to_article,
    attach_to_service,
    attach_to_subscribe_page,
    is_service,
    is_subscribe_page,
    signup_form_for,
)
from .settings import (
    DECLARATIONS,
    SETTING_NAME,
    check_together,
    networks_by_page_type,
    site_link,
)

# The README's table of SHARE_FOLLOW_SIGNUP is generated from this (tooling.settings_docs).
DOCUMENTED_SETTINGS = {SETTING_NAME: DECLARATIONS}


def check_settings(pelican):
    """Validate SHARE_FOLLOW_SIGNUP once per build; store the completed copy back."""
    config = validated(pelican.settings, SETTING_NAME, DECLARATIONS, check_together)
    config["share_networks"] = networks_by_page_type(config["share_networks"])
    pelican.settings[SETTING_NAME] = config


def prepare_generator(generator):
    """Make our templates findable, publish the follow links, and inject if the theme won't."""
    settings = generator.settings
    add_plugin_templates(generator, PLUGIN_TEMPLATES)
    config = settings[SETTING_NAME]
    generator.context["follow_links"] = build_follow_links(
        config["follow"], settings, site_link(settings, config["subscribe_page_url"])
    )
    # The form for pages that have none of their own (a theme's sidebar, for example).
    generator.context["site_signup_form"] = signup_form_for(settings)
    if isinstance(generator, ArticlesGenerator | PagesGenerator) and should_inject(settings):
        inject_widgets(generator)


def add_article_data(generator):
    for article in items_of(generator):
        attach_to_article(article, generator.settings)


def add_page_data(generator):
    settings = generator.settings
    listed_services = [page for page in generator.pages if is_service(page)]
    for page in items_of(generator):
        if is_service(page):
            attach_to_service(page, settings)
        elif is_subscribe_page(page, settings):
            attach_to_subscribe_page(
                page, settings, generator.context.get("articles", []), listed_services
            )


def register():
    # initialized: settings are checked once, before anything is read.
    # generator_init: every generator's Jinja environment exists, nothing is rendered yet.
    # *_generator_finalized: all content of that kind is read (articles before pages, so
    # the subscribe page can list the latest posts), and no page has been written.
    signals.initialized.connect(check_settings)
    signals.generator_init.connect(prepare_generator)
    signals.article_generator_finalized.connect(add_article_data)
    signals.page_generator_finalized.connect(add_page_data)
