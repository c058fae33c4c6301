"""Markup the plugin puts into content, rendered from overridable templates.

`images/picture.html` (an image of a post's body) and `images/sources.html` (its
AVIF/WebP <source> elements) are found in the theme first, so a theme overrides
them by shipping `templates/images/<name>.html`.
"""

import os

from jinja2 import ChoiceLoader, Environment, FileSystemLoader

TEMPLATES_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "templates")


def theme_template_folders(settings):
    """Where the theme's own templates are, in Pelican's order: overrides, then the theme."""
    return [
        *settings.get("THEME_TEMPLATES_OVERRIDES", []),
        os.path.join(settings["THEME"], "templates"),
    ]


def snippet_environment(settings):
    """An autoescaping environment that looks in the theme, then in the plugin."""
    return Environment(
        loader=ChoiceLoader(
            [
                FileSystemLoader(theme_template_folders(settings)),
                FileSystemLoader(TEMPLATES_PATH),
            ]
        ),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def add_templates_to(generator):
    """generator_init handler: themes can include images/*.html; their own copies win."""
    environment = getattr(generator, "env", None)
    if environment is not None and isinstance(environment.loader, ChoiceLoader):
        environment.loader.loaders.append(FileSystemLoader(TEMPLATES_PATH))
