"""The IMAGES settings dict: documented defaults, validated once per build.

    IMAGES = {
        "social_cards": True,
        "derivatives": True,
        ...
    }

Each key is declared below with its default, what it does and how it is checked;
a key that is not declared here is a mistake, reported like any other. The
validated copy also carries what the checks resolved (font files, colours), so
handlers never look them up again.
"""

import logging
import os
import re
from importlib.metadata import entry_points
from pathlib import Path

from PIL import features
from plugin_support.cache_folders import cache_root
from plugin_support.settings import Setting, checked, settings_file_of

from .card_drawing import CardColours, CardFonts
from .theme_colours import read_colour_tokens

logger = logging.getLogger(__name__)

SETTING_NAME = "IMAGES"
# Font packages that follow the `fonts` convention (font-lato, font-roboto, …) list
# their files under this entry-point group: {face name: path of the .ttf}.
FONT_ENTRY_POINTS = "fonts_ttf"
HEX_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}){1,2}$")
CARD_COLOUR_ROLES = ("background", "text", "accent", "accent_text", "muted")
ENCODABLE_FORMATS = ("avif", "webp")
FOLDER_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*(/[A-Za-z0-9][A-Za-z0-9_.-]*)*$")


def _boolean(value):
    if not isinstance(value, bool):
        return f'"{value}" is not allowed', "use True or False"
    return None


def _card_size(value):
    if not (
        isinstance(value, tuple | list)
        and len(value) == 2
        and all(isinstance(n, int) and not isinstance(n, bool) and n >= 200 for n in value)
    ):
        return f'"{value}" is not a size', "give (width, height) in pixels, e.g. (1200, 630)"
    return None


def font_faces(package_name):
    """{face: path} of an installed font package, or None when it is not installed."""
    for entry_point in entry_points(group=FONT_ENTRY_POINTS):
        if entry_point.name == package_name:
            return dict(entry_point.load())
    return None


def font_path(value):
    """Path of the face named "package:Face", e.g. "lato:LatoBlack"; None if unknown."""
    package_name, _, face = str(value).partition(":")
    faces = font_faces(package_name) or {}
    return faces.get(face)


def _font(value):
    if not isinstance(value, str) or ":" not in value:
        return f'"{value}" is not a font', 'write "package:Face", e.g. "lato:LatoBlack"'
    package_name, _, face = value.partition(":")
    faces = font_faces(package_name)
    if faces is None:
        installed = sorted(ep.name for ep in entry_points(group=FONT_ENTRY_POINTS))
        return (
            f'no installed font package provides "{package_name}"',
            f"pip install font-{package_name}, or use one of: {', '.join(installed) or 'none'}",
        )
    if face not in faces:
        return f'"{package_name}" has no face "{face}"', f"use one of: {', '.join(sorted(faces))}"
    return None


def _card_colours(value):
    if not isinstance(value, dict):
        return f'"{value}" is not a dict', 'e.g. {"accent": "--color-accent", "text": "#1b1f24"}'
    unknown = sorted(set(value) - set(CARD_COLOUR_ROLES))
    if unknown:
        return f"unknown role {', '.join(unknown)}", f"roles: {', '.join(CARD_COLOUR_ROLES)}"
    for role, colour in value.items():
        if not (isinstance(colour, str) and (colour.startswith("--") or HEX_COLOUR.match(colour))):
            return (
                f'{role}: "{colour}" is neither a colour token nor a hex colour',
                'write a token of the theme like "--color-accent", or "#0b5cad"',
            )
    return None


def _widths(value):
    if not (
        isinstance(value, tuple | list)
        and value
        and all(isinstance(n, int) and not isinstance(n, bool) and 16 <= n <= 8192 for n in value)
    ):
        return f'"{value}" is not a list of widths', "give pixel widths, e.g. (480, 960, 1440)"
    return None


def available_formats():
    """The derivative formats this Pillow can write, best first."""
    return [name for name in ENCODABLE_FORMATS if features.check(name)]


def _formats(value):
    if value == "auto":
        return None
    if not (isinstance(value, tuple | list) and all(isinstance(n, str) for n in value)):
        return f'"{value}" is not allowed', 'use "auto" or a list like ("avif", "webp")'
    for name in value:
        if name not in ENCODABLE_FORMATS:
            return f'"{name}" is not a format', f"use {' or '.join(ENCODABLE_FORMATS)}"
        if not features.check(name):
            return (
                f"this Pillow cannot write {name}",
                'use "auto" (every format Pillow supports), or upgrade Pillow',
            )
    return None


def _quality(value):
    if not isinstance(value, dict) or set(value) - set(ENCODABLE_FORMATS):
        return f'"{value}" is not allowed', 'give {"avif": 1-100, "webp": 1-100}'
    for name, quality in value.items():
        if not (isinstance(quality, int) and not isinstance(quality, bool) and 1 <= quality <= 100):
            return f'{name}: "{quality}" is not a quality', "use a whole number from 1 to 100"
    return None


def _text(value):
    if not (isinstance(value, str) and value.strip()):
        return "must be a non-empty string", "see the default in the README"
    return None


def _count(value):
    if not (isinstance(value, int) and not isinstance(value, bool) and value >= 0):
        return f'"{value}" is not a count', "use a whole number, 0 or more"
    return None


def _folder(value):
    if not (isinstance(value, str) and FOLDER_NAME.match(value.strip("/"))):
        return f'"{value}" is not a folder name', 'use a relative folder like "media"'
    return None


def _optional_path(value):
    if value is not None and not (isinstance(value, str | os.PathLike) and str(value).strip()):
        return f'"{value}" is not a path', "use None (cache/images) or a folder path"
    return None


DEFAULT_CARD_COLOURS = {
    "background": "--color-background",
    "text": "--color-text",
    "accent": "--color-accent",
    "accent_text": "--color-accent-text",
    "muted": "--color-muted",
}

SETTINGS = {
    "social_cards": Setting(True, "make a share card for every post and service", _boolean),
    "card_size": Setting((1200, 630), "card size in pixels (width, height)", _card_size),
    "card_title_font": Setting("lato:LatoBlack", "the title's face, package:Face", _font),
    "card_text_font": Setting("lato:Lato", "the site name's face, package:Face", _font),
    "card_colours": Setting(
        DEFAULT_CARD_COLOURS,
        "role -> colour token of the theme's tokens.css, or a hex colour",
        _card_colours,
    ),
    "card_service_label": Setting("Service", "the label over a service's title", _text),
    "derivatives": Setting(True, "write resized AVIF/WebP copies of raster images", _boolean),
    "widths": Setting((480, 960, 1440), "widths of the resized copies, in pixels", _widths),
    "formats": Setting("auto", 'formats of the copies; "auto": AVIF if supported, WebP', _formats),
    "quality": Setting({"avif": 55, "webp": 78}, "encoder quality per format", _quality),
    "sizes": Setting(
        "(min-width: 46rem) 44rem, calc(100vw - 2rem)",
        "the sizes attribute: how wide the image is shown",
        _text,
    ),
    "eager_images": Setting(
        1, "images at the top of a post loaded at once; the rest lazily", _count
    ),
    "output_folder": Setting("media", "folder of the output that holds cards and copies", _folder),
    "cache_path": Setting(
        None, "cache of cards and copies; None: images/ beside CACHE_PATH", _optional_path
    ),
}


def validated_settings(settings):
    """Return IMAGES checked over the defaults plus what was resolved; one line per mistake."""
    given = settings.get(SETTING_NAME)
    if isinstance(given, dict):
        # Dicts of roles and formats: a key left out keeps its default.
        given = dict(given)
        for key in ("card_colours", "quality"):
            if isinstance(given.get(key), dict):
                given[key] = {**SETTINGS[key].default, **given[key]}
    merged, problems = checked({**settings, SETTING_NAME: given}, SETTING_NAME, SETTINGS)
    if merged["social_cards"] and not any('["card_colours"]' in line for line in problems):
        colours, colour_problems = resolve_card_colours(merged["card_colours"], settings)
        problems += [
            f'{SETTING_NAME}["card_colours"]: {problem} ({fix})' for problem, fix in colour_problems
        ]
        merged["resolved_card_colours"] = colours
    where = settings_file_of(SETTING_NAME, settings) if problems else None
    for problem in problems:
        logger.error("%s: %s", where, problem)
    if problems:
        return merged  # the build runner stops after every plugin has checked its settings

    merged["resolved_card_fonts"] = CardFonts(
        title=font_path(merged["card_title_font"]), text=font_path(merged["card_text_font"])
    )
    merged["resolved_formats"] = (
        available_formats() if merged["formats"] == "auto" else list(merged["formats"])
    )
    merged["resolved_cache_path"] = str(images_cache_folder(merged["cache_path"], settings))
    merged["output_folder"] = merged["output_folder"].strip("/")
    return merged


def tokens_file(settings):
    """The theme's colour tokens: css/tokens.css (this theme builds its one stylesheet from
    it), or static/css/tokens.css for a theme that ships its CSS as it is."""
    theme = Path(settings["THEME"])
    source = theme / "css" / "tokens.css"
    return source if source.is_file() else theme / "static" / "css" / "tokens.css"


def resolve_card_colours(card_colours, settings):
    """(CardColours or None, problems): each role's token looked up in the theme's tokens."""
    needs_tokens = any(value.startswith("--") for value in card_colours.values())
    tokens = read_colour_tokens(tokens_file(settings)) if needs_tokens else {}
    resolved, problems = {}, []
    for role, value in card_colours.items():
        colour = tokens.get(value) if value.startswith("--") else value
        if colour is None or not HEX_COLOUR.match(colour):
            where = tokens_file(settings)
            found = f'is "{colour}"' if colour else "is not defined"
            problems.append(
                (
                    f"{role}: {value} {found} in {where}",
                    'define it there as a hex colour, or give one here, e.g. "#0b5cad"',
                )
            )
        resolved[role] = colour
    if problems:
        return None, problems
    return CardColours(**resolved), []


def images_cache_folder(cache_path, settings):
    """The cache of cards and copies: outside the output, so staged builds keep it."""
    if cache_path is None:
        return Path(cache_root(settings)).resolve().parent / "images"
    path = Path(cache_path)
    if not path.is_absolute():
        # Relative to the project, the folder that holds the content folder.
        path = Path(settings["PATH"]).resolve().parent / path
    return path


def store_validated_settings(pelican):
    """initialized handler: replace IMAGES with its validated copy (the user's dict is untouched)."""
    pelican.settings[SETTING_NAME] = validated_settings(pelican.settings)
