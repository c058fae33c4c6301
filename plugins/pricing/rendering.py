"""Snippets the plugin puts into content, rendered from overridable templates.

They are rendered with the plugin's own autoescaping Jinja environment, whose
loader looks in the theme first, so a theme overrides `pricing/<file>.html`
by shipping its own copy.
"""

import os

from jinja2 import ChoiceLoader, Environment, FileSystemLoader

TEMPLATES_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "templates")
ENVIRONMENT_KEY = "PRICING_SNIPPET_ENVIRONMENT"


def snippet_environment(context):
    """The environment for this build, made once and kept in the build's context."""
    environment = context.get(ENVIRONMENT_KEY)
    if environment is None:
        environment = Environment(
            loader=ChoiceLoader(
                [
                    FileSystemLoader(theme_template_folders(context)),
                    FileSystemLoader(TEMPLATES_PATH),
                ]
            ),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        context[ENVIRONMENT_KEY] = environment
    return environment


def render_snippet(context, name, **values):
    """Render `pricing/<name>.html` with the site's settings plus `values`."""
    template = snippet_environment(context).get_template(f"pricing/{name}.html")
    return template.render({**context, **values})


def add_templates_to(generator):
    """generator_init handler: themes can `{% include "pricing/…" %}`; theme files win."""
    loader = generator.env.loader
    if isinstance(loader, ChoiceLoader):
        loader.loaders.append(FileSystemLoader(TEMPLATES_PATH))


def theme_template_folders(settings):
    """Where the theme's own templates are, in Pelican's order: overrides, then the theme."""
    return [
        *settings.get("THEME_TEMPLATES_OVERRIDES", []),
        os.path.join(settings["THEME"], "templates"),
    ]


def theme_has_template(settings, name):
    """True when the theme (or its overrides) ships `name` itself."""
    return any(
        os.path.isfile(os.path.join(folder, name)) for folder in theme_template_folders(settings)
    )
