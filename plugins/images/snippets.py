"""Markup the plugin puts into content, rendered from overridable templates.

`images/picture.html` (an image of a post's body) and `images/sources.html` (its
AVIF/WebP <source> elements) are found in the theme first, so a theme overrides
them by shipping `templates/images/<name>.html`.
"""

import os

from plugin_support.plugin_templates import add_plugin_templates
from plugin_support.plugin_templates import snippet_environment as plugin_snippet_environment

TEMPLATES_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "templates")


def snippet_environment(settings):
    """An autoescaping environment that looks in the theme, then in the plugin."""
    return plugin_snippet_environment(settings, TEMPLATES_PATH)


def add_templates_to(generator):
    """generator_init handler: themes can include images/*.html; their own copies win."""
    add_plugin_templates(generator, TEMPLATES_PATH)
