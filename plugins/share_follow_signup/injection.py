"""Widgets for themes that know nothing about this plugin (e.g. Pelican's "notmyidea").

Such a theme prints `article.content` and nothing else of ours, so the widgets go
after the content of each item's own page (plugin_support.own_page_blocks), never
into feeds or listings.
"""

from pathlib import Path

import jinja2
from plugin_support.own_page_blocks import add_own_page_block

from .settings import SETTING_NAME

PLUGIN_TEMPLATES = Path(__file__).resolve().parent / "templates"
WIDGETS_TEMPLATE = "share_follow_signup/after_content.html"
# A theme template that names one of our templates includes them itself.
THEME_MARKER = "share_follow_signup/"


def theme_template_folders(settings):
    folders = [Path(p) for p in settings.get("THEME_TEMPLATES_OVERRIDES", [])]
    folders.append(Path(settings["THEME"]) / "templates")
    return folders


def theme_includes_widgets(settings):
    """True if a theme template (outside overrides of our own) includes our templates."""
    for folder in theme_template_folders(settings):
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


def widgets_environment(settings):
    """Our own autoescaping Jinja environment: the theme's copy of a template wins."""
    loaders = [jinja2.FileSystemLoader(str(folder)) for folder in theme_template_folders(settings)]
    loaders.append(jinja2.FileSystemLoader(str(PLUGIN_TEMPLATES)))
    return jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def has_widgets(item):
    return any(
        getattr(item, name, None) for name in ("share_links", "signup_form", "subscribe_page")
    )


def inject_widgets(generator):
    """Put the widgets after the content of each item's own page, for this build only."""
    environment = widgets_environment(generator.settings)

    def widgets_after(localcontext, item):
        if not has_widgets(item):
            return None
        return "", environment.get_template(WIDGETS_TEMPLATE).render(localcontext)

    add_own_page_block(generator, widgets_after)
