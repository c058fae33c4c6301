"""Plugin templates: found after the theme's own copies, rendered with autoescape on.

A plugin ships its markup as templates in its own folder (pricing/…,
share_follow_signup/…); a theme overrides one by shipping a file of the same
name. Snippets a plugin renders itself (the FAQ, the widgets) use an
environment made here, with the same lookup order and autoescaping.
"""

import os

from jinja2 import ChoiceLoader, Environment, FileSystemLoader


def theme_template_folders(settings):
    """Where the theme's own templates are, in Pelican's order: overrides, then the theme."""
    return [
        *map(str, settings.get("THEME_TEMPLATES_OVERRIDES", [])),
        os.path.join(settings["THEME"], "templates"),
    ]


def theme_has_template(settings, name):
    """True when the theme (or its overrides) ships `name` itself."""
    return any(
        os.path.isfile(os.path.join(folder, name)) for folder in theme_template_folders(settings)
    )


def snippet_environment(settings, plugin_templates):
    """An autoescaping environment that finds the theme's copy first, then the plugin's."""
    return Environment(
        loader=ChoiceLoader(
            [
                FileSystemLoader(theme_template_folders(settings)),
                FileSystemLoader(str(plugin_templates)),
            ]
        ),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def add_plugin_templates(generator, plugin_templates):
    """Let the theme `{% include %}` the plugin's templates; the theme's own copies win."""
    environment = getattr(generator, "env", None)
    if environment is not None and isinstance(environment.loader, ChoiceLoader):
        environment.loader.loaders.append(FileSystemLoader(str(plugin_templates)))
