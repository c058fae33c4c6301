"""Share images: every post and service gets a card; og:image uses it if no Image is given."""

import logging
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from .card_drawing import CardText
from .settings import SETTING_NAME

logger = logging.getLogger(__name__)

# og:image must be a format every network reads; an SVG lead image gets the card instead.
SHAREABLE_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png"}
SHAREABLE_TYPES |= {".webp": "image/webp", ".gif": "image/gif"}


@dataclass(frozen=True)
class ShareImage:
    """What og:image says: the file (relative to SITEURL), its size, type and text."""

    url: str
    width: int
    height: int
    media_type: str
    alt: str


def plain_text(html):
    """Text of a title or price as a reader sees it (typogrify's entities decoded)."""
    return Markup(str(html)).striptags()  # noqa: S704 - escaped by the reader, only stripped


def metadata_text(html):
    """Plain text for og:image:alt: typogrify's no-break spaces mean nothing there."""
    return plain_text(html).replace("\u00a0", " ")


def card_text(item, settings):
    """What the card of `item` says: a service's price and label, a post's category."""
    service = getattr(item, "service", None)
    if service is not None:
        return CardText(
            title=plain_text(item.title),
            site_name=plain_text(settings["SITENAME"]),
            price=service.terms.price.display,
            label=settings[SETTING_NAME]["card_service_label"],
        )
    category = getattr(item, "category", None)
    return CardText(
        title=plain_text(item.title),
        site_name=plain_text(settings["SITENAME"]),
        label=str(category) if category else "",
    )


def url_stem(item):
    """`blog/my-post` for a post at blog/my-post/: card names follow page addresses."""
    stem = item.url.strip("/")
    if stem.endswith(".html"):
        stem = stem[: -len(".html")]
    return stem or item.slug


def add_social_card(item, state):
    card_url, (width, height) = state.card_file(url_stem(item), card_text(item, item.settings))
    item.social_card = ShareImage(card_url, width, height, "image/png", metadata_text(item.title))


def choose_share_image(item):
    """The author's raster Image (with Image_Alt) when there is one, else the card, else None."""
    image = getattr(item, "image", None)
    media_type = SHAREABLE_TYPES.get(Path(str(image or "")).suffix.lower())
    width = getattr(item, "image_width", None)
    if image and media_type and width:
        alt = metadata_text(getattr(item, "image_alt", "") or item.title)
        return ShareImage(image.lstrip("/"), width, item.image_height, media_type, alt)
    return getattr(item, "social_card", None)
