"""The author's images in a post or page: size, lazy loading and resized copies.

Pelican asks for a post's HTML when it first needs it and memoizes it. The hook
installed here runs inside that request, after any earlier hook (pricing's), and
before Pelican resolves {static} links, so it sees `src="{static}/images/x.jpg"`
and leaves that link for Pelican to resolve. Each <img> is rendered again from
`images/picture.html`, with its size, `loading="lazy"` below the first images and,
for a photo, a <picture> with AVIF and WebP copies.
"""

import os
import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

from markupsafe import Markup
from pelican.contents import Article, Page
from plugin_support.pelican_internals import add_html_step, build_context, reader_output

from .image_build import image_build
from .settings import SETTING_NAME

IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
LINKS_TO_FILES = ("static", "attach")


class _TagAttributes(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.attributes = None

    def handle_starttag(self, tag, attrs):
        if self.attributes is None:
            self.attributes = attrs


def tag_attributes(tag):
    """[(name, value), …] of one start tag, in order, values unescaped."""
    parser = _TagAttributes()
    parser.feed(tag)
    parser.close()
    return parser.attributes or []


def install_body_hook(content):
    """content_object_init handler: posts and pages with an <img> get the hook.

    Its step runs after the ones added before it (the pricing plugin's), on their result.
    """
    if not isinstance(content, Article | Page):
        return
    if "<img" not in (reader_output(content) or "").lower():
        return
    add_html_step(content, body_with_image_attributes)


def body_with_image_attributes(content, html):
    if not html:
        return html
    return rewrite_images(html, content, image_build(build_context(content), content.settings))


def rewrite_images(html, content, state):
    """`html` with every <img> rendered again from images/picture.html."""
    eager_images = content.settings[SETTING_NAME]["eager_images"]
    position = 1 if getattr(content, "image", None) else 0  # the lead image comes first
    siteurl = content.get_siteurl()
    pieces, end_of_last = [], 0
    for match in IMG_TAG.finditer(html):
        attributes = tag_attributes(match.group())
        source = linked_file(dict(attributes).get("src"), content)
        picture = state.picture_for(source) if source is not None else None
        if picture is not None and inside_picture(html, match.start()):
            picture = replace(picture, sources=())  # the author wrote their own <picture>
        attributes = with_added_attributes(attributes, picture, lazy=position >= eager_images)
        position += 1
        snippet = state.environment.get_template("images/picture.html").render(
            attributes=attributes, picture=picture, SITEURL=siteurl
        )
        pieces += [html[end_of_last : match.start()], snippet.strip()]
        end_of_last = match.end()
    pieces.append(html[end_of_last:])
    result = "".join(pieces)
    return Markup(result) if isinstance(html, Markup) else result  # noqa: S704 - was safe HTML


def inside_picture(html, position):
    """True when the <img> at `position` is already inside the author's own <picture>."""
    before = html[:position].lower()
    return before.rfind("<picture") > before.rfind("</picture>")


def with_added_attributes(attributes, picture, lazy):
    """The author's attributes first, then width/height and loading unless already given."""
    names = {name for name, _value in attributes}
    added = []
    if picture is not None and not names & {"width", "height"}:
        added += [("width", str(picture.width)), ("height", str(picture.height))]
    if lazy and "loading" not in names:
        added.append(("loading", "lazy"))
    return [*attributes, *added]


def linked_file(src, content):
    """The file under content/ that `src="{static}…"` names, else None."""
    if not src:
        return None
    link = re.match(
        rf"^{content.settings['INTRASITE_LINK_REGEX']}(?P<value>.*)$", src, flags=re.DOTALL
    )
    if link is None or link.group("what") not in LINKS_TO_FILES:
        return None
    path = unquote(urlparse(link.group("value")).path)
    if path.startswith("/"):
        relative = path.lstrip("/")
    else:
        # Relative to the folder of the post, as Pelican resolves it.
        relative = os.path.normpath(os.path.join(content.relative_dir, path))
    return Path(content.settings["PATH"]) / relative


def add_lead_image_data(item, state):
    """`Image:` gets its real size (image_width/height) and, for a photo, its copies."""
    image = getattr(item, "image", None)
    if not image or "{" in image:
        return  # strict_build reports an Image written with {static}
    picture = state.picture_for(Path(item.settings["PATH"]) / image.lstrip("/"))
    if picture is None:
        return
    item.image_width, item.image_height = picture.width, picture.height
    item.lead_picture = picture
