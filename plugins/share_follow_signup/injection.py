"""Widgets for themes that know nothing about this plugin (e.g. Pelican's "notmyidea").

Such a theme prints `article.content` and nothing else of ours, so the widgets go
after the content of each item's own page (plugin_support.own_page_blocks), never
into feeds or listings.
"""

from pathlib import Path

from plugin_support.own_page_blocks import add_own_page_block
from plugin_support.plugin_templates import snippet_environment, theme_template_folders

from .settings import SETTING_NAME

PLUGIN_TEMPLATES = Path(__file__).resolve().parent / "templates"
WIDGETS_TEMPLATE = "share_follow_signup/after_content.html"
# A theme template that names one of our templates includes them itself.
THEME_MARKER = "share_follow_signup/"


def theme_includes_widgets(settings):
    """True if a theme template (outside overrides of our own) includes our templates."""
    for folder in map(Path, theme_template_folders(settings)):
        for template in folder.rglob("*.html"):
            if template.relative_to(folder).parts[0] == "share_follow_signup":
                continue
            if THEME_MARKER in template.read_text(encoding="utf-8", errors="replace"):
                return True
    return False


def should_inject(settings):
    mode = settings[SETTING_NAME]["inject"]
    if mode == "auto":
        return not theme_includes_widgets(settings)
    return mode == "always"


def has_widgets(item):
    return any(
        getattr(item, name, None) for name in ("share_links", "signup_form", "subscribe_page")
    )


def inject_widgets(generator):
    """Put the widgets after the content of each item's own page, for this build only."""
    environment = snippet_environment(generator.settings, PLUGIN_TEMPLATES)

    def widgets_after(localcontext, item):
        if not has_widgets(item):
            return None
        return "", environment.get_template(WIDGETS_TEMPLATE).render(localcontext)

    add_own_page_block(generator, widgets_after)
