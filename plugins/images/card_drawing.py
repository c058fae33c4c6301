"""Draw a social card: the title, the site name and (for a service) the price.

Pure drawing: text and colours in, a Pillow image out. Nothing here knows about
Pelican, so the card's look can be tested and benchmarked on its own. The cache
key includes this file's bytes, so a change to the drawing makes new cards.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image, ImageColor, ImageDraw, ImageFont

ELLIPSIS = "\u2026"
# Where a line may break: ordinary spaces and line ends, not no-break spaces (Python's
# str.split() would split at those too, undoing typogrify's "no single-word last line").
BREAKING_SPACE = re.compile(r"[ \t\r\n\f\v]+")
# Typogrify and Babel use these; they are spaces a line may not break at.
NO_BREAK_SPACES = "\u00a0\u202f\u2007"


@dataclass(frozen=True)
class CardColours:
    """Hex colours of the card, from the theme's tokens or the IMAGES setting."""

    background: str
    text: str
    accent: str
    accent_text: str
    muted: str


@dataclass(frozen=True)
class CardText:
    """What the card says. `price` is empty for posts."""

    title: str
    site_name: str
    price: str = ""
    label: str = ""


@dataclass(frozen=True)
class CardFonts:
    """Paths of the two TrueType faces: a heavy one for the title, a plain one."""

    title: str
    text: str


@lru_cache(maxsize=64)
def _font(path, size):
    # BASIC layout: the same glyph positions on every machine, with or without libraqm.
    return ImageFont.truetype(path, size, layout_engine=ImageFont.Layout.BASIC)


def _break_word(word, font, width):
    """Split a word longer than a line (a URL, a long compound) into pieces that fit."""
    pieces, current = [], ""
    for character in word:
        if current and font.getlength(current + character) > width:
            pieces.append(current)
            current = character
        else:
            current += character
    return [*pieces, current] if current else pieces


def wrap_text(text, font, width):
    """Lines of `text` no wider than `width`, breaking at ordinary spaces (or inside a
    word too long for a line)."""
    lines, current = [], ""
    for word in BREAKING_SPACE.split(text.strip()):
        if not word:
            continue
        candidate = f"{current} {word}" if current else word
        if font.getlength(candidate) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        if font.getlength(word) <= width:
            current = word
        else:
            *whole, current = _break_word(word, font, width)
            lines.extend(whole)
    if current:
        lines.append(current)
    return lines


def with_ellipsis(line, font, width):
    """`line` cut at a word (or a character) so that it and an ellipsis fit in `width`."""
    line = line.rstrip()
    while line and font.getlength(line + ELLIPSIS) > width:
        shorter = line.rsplit(" ", 1)[0] if " " in line else line[:-1]
        line = shorter.rstrip(" ,;:-\u2013\u2014")
    return line + ELLIPSIS


def fit_text(text, font_path, sizes, width, max_lines):
    """(font, lines): the largest size at which `text` fits; else the smallest, truncated."""
    for size in sizes:
        font = _font(font_path, size)
        lines = wrap_text(text, font, width) or [""]
        if len(lines) <= max_lines:
            return font, lines
    kept = lines[:max_lines]
    kept[-1] = with_ellipsis(kept[-1], font, width)
    return font, kept


# A code point no font has: what a face draws for it is its "missing glyph" box.
NOT_A_CHARACTER = "\U0010fffd"


@lru_cache(maxsize=4096)
def _has_glyph(font_path, character):
    font = _font(font_path, 32)
    missing = font.getmask(NOT_A_CHARACTER)
    drawn = font.getmask(character)
    return (drawn.size, bytes(drawn)) != (missing.size, bytes(missing))


def drawable(text, font_path):
    """`text` without what the face cannot draw (emoji, scripts it lacks): no empty boxes.

    Its no-break spaces become the one no-break space every face has.
    """
    for space in NO_BREAK_SPACES:
        text = text.replace(space, "\u00a0")
    return "".join(
        character for character in text if character.isspace() or _has_glyph(font_path, character)
    )


# Sizes in pixels for a 630-pixel-high card; other heights scale them.
TITLE_SIZES = (76, 68, 60, 54, 48)
TITLE_LINES = 4
SITE_NAME_SIZES = (34, 30, 26)
PRICE_SIZES = (40, 34, 28)
LABEL_SIZE = 26


def draw_card(card_text, colours, fonts, size=(1200, 630)):
    """Return an RGB image of the card: label, title, then site name and price at the foot."""
    width, height = size
    scale = height / 630

    def px(value):
        return round(value * scale)

    margin = px(72)
    image = Image.new("RGB", size, colours.background)
    draw = ImageDraw.Draw(image)
    # A band of the accent colour down the left edge: the theme's colour, at a glance.
    draw.rectangle((0, 0, px(20), height), fill=colours.accent)

    left = margin + px(12)
    text_width = width - left - margin
    foot_middle = height - margin - px(24)

    site_name_width = text_width
    if card_text.price:
        price_font, (price_line,) = fit_text(
            drawable(card_text.price, fonts.title),
            fonts.title,
            tuple(px(s) for s in PRICE_SIZES),
            text_width // 2,
            1,
        )
        padding = px(22)
        pill_width = round(price_font.getlength(price_line)) + 2 * padding
        pill_height = price_font.size + 2 * padding
        pill = (
            width - margin - pill_width,
            foot_middle - pill_height // 2,
            width - margin,
            foot_middle + pill_height // 2,
        )
        draw.rounded_rectangle(pill, radius=px(14), fill=colours.accent)
        draw.text(
            (pill[0] + pill_width / 2, foot_middle),
            price_line,
            font=price_font,
            fill=colours.accent_text,
            anchor="mm",
        )
        site_name_width = text_width - pill_width - px(32)

    site_font, (site_line,) = fit_text(
        drawable(card_text.site_name, fonts.text),
        fonts.text,
        tuple(px(s) for s in SITE_NAME_SIZES),
        site_name_width,
        1,
    )
    draw.text((left, foot_middle), site_line, font=site_font, fill=colours.muted, anchor="lm")

    title_top = margin
    if card_text.label:
        label_font, (label,) = fit_text(
            drawable(card_text.label.upper(), fonts.title),
            fonts.title,
            (px(LABEL_SIZE),),
            text_width,
            1,
        )
        draw.text((left, margin), label, font=label_font, fill=colours.accent, anchor="lt")
        title_top = margin + px(56)

    title_font, title_lines = fit_text(
        drawable(card_text.title, fonts.title),
        fonts.title,
        tuple(px(s) for s in TITLE_SIZES),
        text_width,
        TITLE_LINES,
    )
    line_height = round(title_font.size * 1.18)
    room_bottom = foot_middle - px(60)
    top = title_top + max(0, (room_bottom - title_top - line_height * len(title_lines)) // 2)
    for number, line in enumerate(title_lines):
        draw.text(
            (left, top + number * line_height),
            line,
            font=title_font,
            fill=colours.text,
            anchor="la",
        )
    return image


PALETTE_SIZE = 256
# Squared RGB distance under which a palette entry is a rounded theme colour.
SNAP_DISTANCE = 3 * 6**2


def encode_card(image, colours, stream):
    """Write `image` as a PNG of at most 256 colours: about 25 kB, and quick to make.

    A card is a few flat colours and the anti-aliased edges of its text, so 256
    colours lose nothing visible. The quantizer rounds colours slightly (white
    becomes 254, 254, 254); palette entries that are a rounded theme colour are
    set back to it exactly.
    """
    paletted = image.quantize(PALETTE_SIZE, method=Image.Quantize.FASTOCTREE)
    palette = paletted.getpalette()
    entries = [tuple(palette[index : index + 3]) for index in range(0, len(palette), 3)]
    for colour in dict.fromkeys(vars(colours).values()):
        exact = ImageColor.getrgb(colour)[:3]
        distances = [
            sum((a - b) ** 2 for a, b in zip(entry, exact, strict=True)) for entry in entries
        ]
        nearest = distances.index(min(distances))
        # Only a rounded copy of this colour; a colour the card does not use stays unmatched.
        if distances[nearest] <= SNAP_DISTANCE:
            palette[nearest * 3 : nearest * 3 + 3] = exact
    paletted.putpalette(palette)
    # Level 2: a third larger than zlib's default level, in a third of the time.
    paletted.save(stream, "PNG", compress_level=2)
