"""Fixture sites with cards and image copies turned on, and what to read back from them."""

from pathlib import Path

from PIL import Image

SITEURL = "https://example.test"
# Open Graph needs absolute URLs; the search index is not what these tests are about.
ABSOLUTE = {"SITEURL": SITEURL, "SITE_SEARCH": {"enabled": False}}
THEME_TOKENS = Path(__file__).resolve().parents[2] / "theme" / "css" / "tokens.css"


def images_on(**images):
    """Build settings with every IMAGES feature on (the project's defaults) plus `images`."""
    return {**ABSOLUTE, "IMAGES": dict(images)}


def write_photo(path, size=(1000, 600), orientation=None):
    """A photo-like JPEG: colour gradients, so every pixel differs from its neighbours."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    red = Image.linear_gradient("L").resize(size)
    green = Image.radial_gradient("L").resize(size)
    blue = red.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    photo = Image.merge("RGB", (red, green, blue))
    exif = Image.Exif()
    if orientation is not None:
        exif[0x0112] = orientation
    photo.save(path, "JPEG", quality=90, exif=exif.tobytes())
    return path


def output_file(site, url):
    """The file in `site`'s output that an absolute URL of the site points at."""
    assert url.startswith(SITEURL + "/"), url
    path = site.output / url[len(SITEURL) + 1 :]
    assert path.is_file(), f"{url} points at no file"
    return path


def meta(soup, key):
    """content of <meta property=key> or <meta name=key>, or None."""
    tag = soup.find("meta", attrs={"property": key}) or soup.find("meta", attrs={"name": key})
    return tag["content"] if tag else None


def theme_colour(token):
    """An RGB triple of a colour token, read from the theme's tokens.css (light scheme)."""
    css = THEME_TOKENS.read_text(encoding="utf-8")
    light = css.split("@media", 1)[0]
    value = light.split(f"{token}:", 1)[1].split(";", 1)[0].strip()
    return tuple(int(value[i : i + 2], 16) for i in (1, 3, 5))
