"""Content and summaries reach every theme as HTML meant as HTML, so autoescape stays on.

Themes print `{{ article.content }}` and `{{ article.summary }}`; with autoescape on
(which every metadata value needs: a title like `</title><script>…` must stay text)
that HTML would be printed as text, unless it says it is HTML. It says so at the
source: the `content` and `summary` of every post and page are `HtmlText`.

The other way round, `|striptags` turns escaped text back into raw text (it strips
tags, then unescapes), and a theme that then adds `|safe`, as Pelican's own
`notmyidea` does for its meta description, prints a summary like
`"><script>alert(1)</script>` as markup. Our `striptags` returns `TagFreeText`,
whose HTML form is escaped, so it stays text even through `|safe`.

`HtmlText` is a str with `__html__`, the protocol Jinja and MarkupSafe use to print
a value as is. It is not `Markup`, on purpose: Markup's string methods escape their
arguments, and Pelican cuts summaries out of `content` with slices and `+`, which
would then escape the closing tags. HtmlText gives a plain str from every operation.
"""

import functools
import os

from jinja2.filters import do_striptags
from markupsafe import escape
from pelican import contents
from pelican.utils import posixize_path


class HtmlText(str):
    """A string of HTML that templates print as is."""

    __slots__ = ()

    def __html__(self):
        return str(self)


class TagFreeText(str):
    """Text with the tags stripped: as HTML it is escaped, whatever filter comes next."""

    __slots__ = ()

    def __html__(self):
        return str(escape(str(self)))


def strip_tags(value):
    """Jinja's striptags, returning text that an autoescaping `|safe` cannot turn into markup."""
    return TagFreeText(do_striptags(value))


def use_text_safe_striptags(generator):
    """generator_init handler: every template of the theme gets our striptags."""
    environment = getattr(generator, "env", None)
    if environment is not None:
        environment.filters["striptags"] = strip_tags


def _as_html(value):
    return HtmlText(value) if isinstance(value, str) else value


class HtmlContentAndSummary:
    """Mixin: `content` and `summary` are HtmlText."""

    @property
    def content(self):
        # Markdown's output, the author's own HTML included: meant to be HTML.
        return _as_html(super().content)

    @property
    def summary(self):
        # The reader escaped a summary written as a field; one cut from the content is HTML.
        return _as_html(super().summary)

    @summary.setter
    def summary(self, value):
        """Ignored, as Pelican's own summary setter ignores it: summaries come from metadata."""


class RememberedSourcePath:
    """Mixin: the source path relative to PATH, worked out once per path.

    Pelican works it out (two abspath and a relpath) every time a URL or save_as is
    read: about 35,000 times in a build of 1,000 posts, a sixth of rendering. With
    both paths absolute (read_settings makes PATH so; readers give full paths) the
    answer depends on nothing else.
    """

    def get_relative_source_path(self, source_path=None):
        source_path = source_path or self.source_path
        content_path = self.settings["PATH"]
        if not (source_path and os.path.isabs(source_path) and os.path.isabs(content_path)):
            return super().get_relative_source_path(source_path)
        return _relative_source_path(content_path, source_path)


@functools.lru_cache(maxsize=65536)
def _relative_source_path(content_path, source_path):
    # Pelican's own expression (Content.get_relative_source_path), remembered.
    absolute = os.path.abspath(os.path.join(content_path, source_path))
    return posixize_path(os.path.relpath(absolute, os.path.abspath(content_path)))


# Named as Pelican's classes on purpose: Pelican picks the URL settings by class name
# (PAGE_URL, ARTICLE_URL), so each must keep its name.
class Article(HtmlContentAndSummary, RememberedSourcePath, contents.Article):
    pass


class Page(HtmlContentAndSummary, RememberedSourcePath, contents.Page):
    pass


HTML_CLASSES = {contents.Article: Article, contents.Page: Page}


def give_html_fields(content):
    """content_object_init handler: a post or page prints its content and summary as HTML."""
    html_class = HTML_CLASSES.get(type(content))
    if html_class is not None:
        content.__class__ = html_class
