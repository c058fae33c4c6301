"""Widgets for themes that know nothing about this plugin (e.g. Pelican's "notmyidea").

Such a theme prints `article.content` and nothing else of ours. Changing the content
object itself would leak: Pelican memoizes `get_content()` per site URL, feeds call it
first, and summaries are cut from it. So nothing is changed on the object. Instead, only
when the theme's template renders the item's *own* page, it receives a view of the item
whose `content` ends with the rendered widgets. Feeds, index summaries and every other
page read the real object.
"""

from pathlib import Path

import jinja2
from markupsafe import Markup

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


class ContentWithWidgets:
    """An article or page as its own page's template sees it: content, then widgets."""

    def __init__(self, item, widgets_html):
        self._item = item
        self._widgets_html = widgets_html

    @property
    def content(self):
        # Safe: both halves are HTML meant as HTML (the item's body, our rendered widgets),
        # so an autoescaping theme prints them as is.
        return Markup(self._item.content) + self._widgets_html  # noqa: S704

    def __getattr__(self, name):
        return getattr(self._item, name)

    def __eq__(self, other):
        return self._item == getattr(other, "_item", other)

    def __hash__(self):
        return hash(self._item)


class TemplateWithWidgets:
    """Wraps a theme template; when it renders an item's own page, the item gets widgets."""

    def __init__(self, template, environment):
        self._template = template
        self._environment = environment

    def render(self, localcontext):
        for key in ("article", "page"):
            item = localcontext.get(key)
            if item is not None and has_widgets(item):
                widgets = self._environment.get_template(WIDGETS_TEMPLATE)
                # Safe: rendered by our autoescaping environment, every value escaped there.
                widgets_html = Markup(widgets.render(localcontext))  # noqa: S704
                localcontext = {**localcontext, key: ContentWithWidgets(item, widgets_html)}
        return self._template.render(localcontext)

    def __getattr__(self, name):
        return getattr(self._template, name)


def inject_widgets(generator):
    """Make the generator hand its templates wrapped, for this build only."""
    environment = widgets_environment(generator.settings)
    theme_get_template = generator.get_template

    def get_template(name):
        return TemplateWithWidgets(theme_get_template(name), environment)

    generator.get_template = get_template
