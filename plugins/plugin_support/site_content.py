"""Every content item of a build, named once, and plain text from the HTML of a title."""

from markupsafe import Markup
from pelican.generators import ArticlesGenerator, PagesGenerator

# Where Pelican's generators keep their items, by status and language (Pelican 4.12).
ARTICLE_LISTS = (
    "articles",
    "translations",
    "hidden_articles",
    "hidden_translations",
    "drafts",
    "drafts_translations",
)
PAGE_LISTS = (
    "pages",
    "translations",
    "hidden_pages",
    "hidden_translations",
    "draft_pages",
    "draft_translations",
)


def item_lists(generator):
    """The generator's item lists themselves (to filter in place), any status or language."""
    if isinstance(generator, ArticlesGenerator):
        names = ARTICLE_LISTS
    elif isinstance(generator, PagesGenerator):
        names = PAGE_LISTS
    else:
        return []
    return [getattr(generator, name) for name in names]


def items_of(generator):
    """Every post or page of one generator, any status or language."""
    return [item for items in item_lists(generator) for item in items]


def all_items(generators):
    """Every post and page of the build, any status or language."""
    return [item for generator in generators for item in items_of(generator)]


def plain_text(html):
    """The text of a title or summary that the strict reader escaped into safe HTML.

    typogrify's no-break spaces are layout, not text: data (JSON-LD, share links,
    prices.json) gets ordinary spaces.
    """
    text = Markup(html).striptags()  # noqa: S704 - escaped by the reader; only stripped here
    return text.replace("\u00a0", " ")


# Folders of content/ that a plugin reads itself (pricing's group introductions), so the
# check for files nothing reads (strict_build.content_folders) leaves them alone.
PLUGIN_FOLDERS_KEY = "CONTENT_FOLDERS_READ_BY_PLUGINS"


def register_plugin_folder(settings, folder):
    """Record that a plugin reads the files under `folder` (relative to PATH) itself."""
    folders = settings.setdefault(PLUGIN_FOLDERS_KEY, [])
    if folder.strip("/") not in folders:
        folders.append(folder.strip("/"))


def read_by_plugins(relative_path, settings):
    return any(
        relative_path == folder or relative_path.startswith(folder + "/")
        for folder in settings.get(PLUGIN_FOLDERS_KEY) or ()
    )
