"""Plugin templates: found after the theme's own copies, rendered with autoescape on.

A plugin ships its markup as templates in its own folder (pricing/…,
share_follow_signup/…); a theme overrides one by shipping a file of the same
name. Snippets a plugin renders itself (the FAQ, the widgets) use an
environment made here, with the same lookup order and autoescaping.
"""

import os

import jinja2
from jinja2 import ChoiceLoader, Environment, FileSystemBytecodeCache, FileSystemLoader

from .digest_memo import cache_file

# The two ways environments are configured here: Pelican's generators' (from
# JINJA_ENVIRONMENT) and the plugins' snippet environments (snippet_environment).
THEME_ENVIRONMENTS = "theme"
SNIPPET_ENVIRONMENTS = "snippets"


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
        bytecode_cache=compiled_templates(settings, SNIPPET_ENVIRONMENTS),
    )


def compiled_templates(settings, kind):
    """Where environments of `kind` keep the templates they compiled, for the next
    build; None when the build keeps nothing (CACHE_CONTENT off).

    Jinja compiles every template a process loads, about 0.15 s of each build, the
    same work every time. It checks compiled code against the template's source
    when it loads it, but not against the environment that compiled it, whose
    configuration (autoescape, trim_blocks, extensions, filters) shapes the code.
    Hence the folder: the content cache's, keyed on the settings and plugin code;
    then Jinja's version; then one per way of configuring an environment.
    """
    folder = cache_file(settings, f"jinja-{jinja2.__version__}")
    if folder is None:
        return None
    (folder / kind).mkdir(parents=True, exist_ok=True)
    return FileSystemBytecodeCache(str(folder / kind))


def keep_compiled_templates(generator):
    """generator_init handler: the theme's templates compile once, not on every build."""
    environment = getattr(generator, "env", None)
    if environment is not None:
        environment.bytecode_cache = compiled_templates(generator.settings, THEME_ENVIRONMENTS)


def compile_every_template(environment):
    """Compile every template `environment` can find, so it is ready when a page needs it.

    The read-ahead runs this in the build process while its workers read (that process
    would only wait). Otherwise the build compiles the templates after reading, partly
    on one core, and a render worker forked after that compiles again whatever the
    build had not loaded yet, base.html and its partials (cold, 1,000 posts: 0.19 s of
    CPU in the build process, 0.11 s in the worker). Compiled here, they are in the
    environment's memory, which the render workers share, and in the bytecode cache
    for the other generators' environments. Names under Pelican's explicit prefixes
    ("!simple/...") are the same files again. A template that does not compile is left
    for the build to report where it is used.
    """
    for name in environment.list_templates():
        if name.startswith("!") or os.path.basename(name).startswith("."):
            continue
        try:
            environment.get_template(name)
        except (jinja2.TemplateError, UnicodeError, OSError):
            continue


def add_plugin_templates(generator, plugin_templates):
    """Let the theme `{% include %}` the plugin's templates; the theme's own copies win."""
    environment = getattr(generator, "env", None)
    if environment is not None and isinstance(environment.loader, ChoiceLoader):
        environment.loader.loaders.append(FileSystemLoader(str(plugin_templates)))
