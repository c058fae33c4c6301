"""Source images: their size (an SVG's from its viewBox) and their resized copies.

Measuring and encoding only; which copies a page needs is decided in
body_images.py. The cache key of a copy includes this file's bytes.
"""

import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

RASTER_FORMATS = {"JPEG", "PNG", "WEBP", "GIF", "AVIF", "TIFF", "BMP"}
# EXIF orientations 5 to 8 are rotated by a quarter turn: width and height swap.
QUARTER_TURNS = {5, 6, 7, 8}
EXIF_ORIENTATION = 0x0112
SVG_LENGTH = re.compile(r"^\s*([0-9]*\.?[0-9]+)\s*(px)?\s*$")
MEDIA_TYPES = {"avif": "image/avif", "webp": "image/webp"}
# Slower encoder settings give smaller files; these keep a cold build of the example
# site in seconds. Pillow's defaults elsewhere.
ENCODER_OPTIONS = {"avif": {"speed": 8}, "webp": {"method": 4}}


@dataclass(frozen=True)
class DerivedFile:
    """One resized copy: where it is published and its width, for srcset."""

    url: str
    width: int


@dataclass(frozen=True)
class ImageSource:
    """The copies in one format: a <source type=… srcset=…>."""

    media_type: str
    files: tuple

    def srcset(self, siteurl):
        return ", ".join(f"{siteurl}/{file.url} {file.width}w" for file in self.files)


@dataclass(frozen=True)
class ResponsiveImage:
    """What the templates need about one image: its size and its copies."""

    width: int
    height: int
    sources: tuple = ()
    sizes: str = ""


def measure_image(path):
    """{"kind": "svg"|"raster"|"other", "width", "height", "animated"} of an image file."""
    if str(path).lower().endswith((".svg", ".svgz")):
        return _measure_svg(path)
    try:
        with Image.open(path) as image:
            if image.format not in RASTER_FORMATS:
                return {"kind": "other"}
            width, height = image.size
            if image.getexif().get(EXIF_ORIENTATION) in QUARTER_TURNS:
                width, height = height, width
            animated = bool(getattr(image, "is_animated", False))
    except (OSError, UnidentifiedImageError, ValueError):
        return {"kind": "other"}
    return {"kind": "raster", "width": width, "height": height, "animated": animated}


def _measure_svg(path):
    try:
        # The author's own file, parsed by expat, which refuses entity-expansion bombs.
        for _event, root in ElementTree.iterparse(path, events=("start",)):  # noqa: S314
            return _svg_size(root.attrib)
    except (OSError, ElementTree.ParseError):
        pass
    return {"kind": "other"}


def _svg_size(attributes):
    view_box = attributes.get("viewBox", "").replace(",", " ").split()
    if len(view_box) == 4:
        try:
            width, height = float(view_box[2]), float(view_box[3])
        except ValueError:
            width = height = 0
        if width > 0 and height > 0:
            return {"kind": "svg", "width": round(width), "height": round(height)}
    lengths = [SVG_LENGTH.match(attributes.get(name, "")) for name in ("width", "height")]
    if all(lengths):
        width, height = (round(float(length.group(1))) for length in lengths)
        if width > 0 and height > 0:
            return {"kind": "svg", "width": width, "height": height}
    return {"kind": "other"}


def copy_widths(source_width, wanted_widths):
    """Widths of the copies: each wanted width below the source's, capped by the source."""
    widest = max(wanted_widths)
    widths = {width for width in wanted_widths if width < source_width}
    widths.add(min(source_width, widest))
    return sorted(widths)


def open_upright(path):
    """The source decoded, turned upright by its EXIF orientation, without its metadata.

    Copies carry no EXIF: a phone photo's location stays out of the published site.
    """
    with Image.open(path) as image:
        upright = ImageOps.exif_transpose(image)
        has_alpha = upright.mode in ("RGBA", "LA", "PA") or "transparency" in upright.info
        return upright.convert("RGBA" if has_alpha else "RGB")


def encode_copy(upright, width, image_format, quality, stream):
    """Write `upright` resized to `width` (height in proportion) as AVIF or WebP."""
    height = max(1, round(upright.height * width / upright.width))
    resized = upright
    if (width, height) != upright.size:
        resized = upright.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
    resized.save(stream, image_format.upper(), quality=quality, **ENCODER_OPTIONS[image_format])
