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


@dataclass(frozen=True)
class CardLayout:
    """Where things go on a card of `size`: sizes are for 630 pixels high, scaled."""

    width: int
    height: int

    def px(self, value):
        return round(value * (self.height / 630))

    @property
    def margin(self):
        return self.px(72)

    @property
    def left(self):
        """Where text starts: past the accent band."""
        return self.margin + self.px(12)

    @property
    def text_width(self):
        return self.width - self.left - self.margin

    @property
    def foot_middle(self):
        """The vertical middle of the foot line (site name and price)."""
        return self.height - self.margin - self.px(24)

    def sizes(self, sizes):
        return tuple(self.px(size) for size in sizes)


def draw_card(card_text, colours, fonts, size=(1200, 630)):
    """Return an RGB image of the card: label, title, then site name and price at the foot."""
    layout = CardLayout(*size)
    image = Image.new("RGB", size, colours.background)
    draw = ImageDraw.Draw(image)
    # A band of the accent colour down the left edge: the theme's colour, at a glance.
    draw.rectangle((0, 0, layout.px(20), layout.height), fill=colours.accent)
    site_name_width = layout.text_width
    if card_text.price:
        pill_width = draw_price_pill(draw, layout, card_text.price, colours, fonts)
        site_name_width = layout.text_width - pill_width - layout.px(32)
    draw_site_name(draw, layout, card_text.site_name, site_name_width, colours, fonts)
    title_top = layout.margin
    if card_text.label:
        draw_label(draw, layout, card_text.label, colours, fonts)
        title_top = layout.margin + layout.px(56)
    draw_title(draw, layout, card_text.title, title_top, colours, fonts)
    return image


def draw_price_pill(draw, layout, price, colours, fonts):
    """The price in an accent-coloured pill at the right of the foot; returns its width."""
    price_font, (price_line,) = fit_text(
        drawable(price, fonts.title),
        fonts.title,
        layout.sizes(PRICE_SIZES),
        layout.text_width // 2,
        1,
    )
    padding = layout.px(22)
    pill_width = round(price_font.getlength(price_line)) + 2 * padding
    pill_height = price_font.size + 2 * padding
    right, middle = layout.width - layout.margin, layout.foot_middle
    pill = (right - pill_width, middle - pill_height // 2, right, middle + pill_height // 2)
    draw.rounded_rectangle(pill, radius=layout.px(14), fill=colours.accent)
    draw.text(
        (pill[0] + pill_width / 2, middle),
        price_line,
        font=price_font,
        fill=colours.accent_text,
        anchor="mm",
    )
    return pill_width


def draw_site_name(draw, layout, site_name, width, colours, fonts):
    """The site name on one line at the left of the foot, in the muted colour."""
    site_font, (site_line,) = fit_text(
        drawable(site_name, fonts.text), fonts.text, layout.sizes(SITE_NAME_SIZES), width, 1
    )
    draw.text(
        (layout.left, layout.foot_middle),
        site_line,
        font=site_font,
        fill=colours.muted,
        anchor="lm",
    )


def draw_label(draw, layout, label, colours, fonts):
    """The label ("SERVICE") in capitals above the title."""
    label_font, (label_line,) = fit_text(
        drawable(label.upper(), fonts.title),
        fonts.title,
        (layout.px(LABEL_SIZE),),
        layout.text_width,
        1,
    )
    draw.text(
        (layout.left, layout.margin), label_line, font=label_font, fill=colours.accent, anchor="lt"
    )


def draw_title(draw, layout, title, title_top, colours, fonts):
    """The title in up to TITLE_LINES lines, centred in the room between top and foot."""
    title_font, title_lines = fit_text(
        drawable(title, fonts.title),
        fonts.title,
        layout.sizes(TITLE_SIZES),
        layout.text_width,
        TITLE_LINES,
    )
    line_height = round(title_font.size * 1.18)
    room_bottom = layout.foot_middle - layout.px(60)
    top = title_top + max(0, (room_bottom - title_top - line_height * len(title_lines)) // 2)
    for number, line in enumerate(title_lines):
        draw.text(
            (layout.left, top + number * line_height),
            line,
            font=title_font,
            fill=colours.text,
            anchor="la",
        )


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
