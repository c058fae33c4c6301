"""Snippets the plugin puts into content, rendered from overridable templates.

They are rendered with an autoescaping Jinja environment whose loader looks in
the theme first (plugin_support.plugin_templates), so a theme overrides
`pricing/<file>.html` by shipping its own copy.
"""

import os

from plugin_support.plugin_templates import (
    add_plugin_templates,
    snippet_environment,
    theme_has_template,
)

TEMPLATES_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "templates")
ENVIRONMENT_KEY = "PRICING_SNIPPET_ENVIRONMENT"

__all__ = ["add_templates_to", "pricing_environment", "render_snippet", "theme_has_template"]


def pricing_environment(context):
    """The snippet environment, made once per build and kept in the build's context."""
    environment = context.get(ENVIRONMENT_KEY)
    if environment is None:
        environment = context[ENVIRONMENT_KEY] = snippet_environment(context, TEMPLATES_PATH)
    return environment


def render_snippet(context, name, **values):
    """Render `pricing/<name>.html` with the site's settings plus `values`."""
    template = pricing_environment(context).get_template(f"pricing/{name}.html")
    return template.render({**context, **values})


def add_templates_to(generator):
    """generator_init handler: themes can `{% include "pricing/…" %}`; theme files win."""
    add_plugin_templates(generator, TEMPLATES_PATH)
