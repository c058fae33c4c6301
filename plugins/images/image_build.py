"""Everything the plugin keeps for one build: settings, the cache, where the output is.

Kept in the build's context (shared by its generators and content objects, and
gone with them), never in a module global, so one build cannot leak into the next.
"""

from dataclasses import astuple, dataclass, field
from functools import partial
from pathlib import Path
from typing import NamedTuple
from urllib.parse import quote

from . import card_drawing, image_files
from .derived_cache import (
    DerivedFileCache,
    code_fingerprint,
    file_digest,
    inputs_key,
    place_in_output,
)
from .image_files import MEDIA_TYPES, DerivedFile, ImageSource, ResponsiveImage
from .settings import SETTING_NAME
from .snippets import snippet_environment

CONTEXT_KEY = "IMAGES_BUILD"


class PlannedCopy(NamedTuple):
    """One resized copy a photo needs: its format, quality, width, cache key and URL."""

    format: str
    quality: int
    width: int
    key: str
    url: str

    @property
    def suffix(self):
        return f".{self.format}"


@dataclass
class ImageBuild:
    config: dict
    content_root: Path
    output_root: Path
    cache: DerivedFileCache
    environment: object
    copy_code: str = field(default="")
    card_code: str = field(default="")
    pictures: dict = field(default_factory=dict)
    font_digests: dict = field(default_factory=dict)

    @property
    def output_folder(self):
        return self.config["output_folder"]

    def render_inputs(self):
        """What pages could be rendered from (plugin_support.page_reuse): not the staging
        folder or the cache, which change from build to build and never show."""
        return (self.config, self.content_root, self.copy_code, self.card_code, self.font_digests)

    def publish(self, cached_file, relative_path):
        """Give this build's output the cached file at `relative_path`."""
        place_in_output(cached_file, self.output_root, relative_path)

    def picture_for(self, source_path):
        """The ResponsiveImage of a file under content/, or None if it is not an image.

        Each source is measured once per build (and read again only when it changed);
        its copies are encoded only when the cache does not have them.
        """
        source_path = Path(source_path)
        if source_path not in self.pictures:
            self.pictures[source_path] = self._picture(source_path)
        return self.pictures[source_path]

    def _picture(self, source_path):
        if not source_path.is_file():
            return None  # Pelican reports a missing {static} file; nothing to measure
        record = self.cache.source_record(source_path, image_files.measure_image)
        if record["kind"] == "other":
            return None
        if record["kind"] == "svg" or record["animated"] or not self.config["derivatives"]:
            return ResponsiveImage(record["width"], record["height"])
        sources = self._copies(source_path, record)
        return ResponsiveImage(record["width"], record["height"], sources, self.config["sizes"])

    def _copies(self, source_path, record):
        relative = self._relative_stem(source_path)
        planned = []
        for image_format in self.config["resolved_formats"]:
            quality = self.config["quality"][image_format]
            for width in image_files.copy_widths(record["width"], self.config["widths"]):
                key = inputs_key(
                    {
                        "copy_of": record["sha256"],
                        "width": width,
                        "format": image_format,
                        "quality": quality,
                        "code": self.copy_code,
                    }
                )
                url = f"{self.output_folder}/{relative}-{width}w.{key[:10]}.{image_format}"
                planned.append(PlannedCopy(image_format, quality, width, key, url))

        all_cached = all(self.cache.path_for(copy.key, copy.suffix).exists() for copy in planned)
        # Decoded once for all its copies, and only when some copy is not cached.
        upright = None if all_cached else image_files.open_upright(source_path)
        files_by_format = {}
        for copy in planned:
            cached = self.cache.ensure(
                copy.key,
                copy.suffix,
                partial(image_files.encode_copy, upright, copy.width, copy.format, copy.quality),
            )
            self.publish(cached, copy.url)
            files_by_format.setdefault(copy.format, []).append(
                DerivedFile(quote(copy.url), copy.width)
            )
        return tuple(
            ImageSource(MEDIA_TYPES[image_format], tuple(files))
            for image_format, files in files_by_format.items()
        )

    def _relative_stem(self, source_path):
        try:
            relative = source_path.resolve().relative_to(self.content_root)
        except ValueError:
            relative = Path(source_path.name)
        return relative.with_suffix("").as_posix()

    def card_file(self, url_stem, card_text):
        """Cached card for `card_text` at `<output_folder>/cards/<url_stem>.<key>.png`."""
        fonts = self.config["resolved_card_fonts"]
        colours = self.config["resolved_card_colours"]
        size = tuple(self.config["card_size"])
        key = inputs_key(
            {
                "card": [card_text.title, card_text.site_name, card_text.price, card_text.label],
                "colours": astuple(colours),
                "fonts": [self.font_digest(fonts.title), self.font_digest(fonts.text)],
                "size": size,
                "code": self.card_code,
            }
        )

        def write(stream):
            image = card_drawing.draw_card(card_text, colours, fonts, size)
            card_drawing.encode_card(image, colours, stream)

        cached = self.cache.ensure(key, ".png", write)
        url = f"{self.output_folder}/cards/{url_stem}.{key[:10]}.png"
        self.publish(cached, url)
        return quote(url), size

    def font_digest(self, path):
        if path not in self.font_digests:
            self.font_digests[path] = file_digest(path)
        return self.font_digests[path]


def image_build(context, settings):
    """This build's ImageBuild, made on first use."""
    state = context.get(CONTEXT_KEY)
    if state is None:
        config = settings[SETTING_NAME]
        state = ImageBuild(
            config=config,
            content_root=Path(settings["PATH"]).resolve(),
            output_root=Path(settings["OUTPUT_PATH"]),
            cache=DerivedFileCache(Path(config["resolved_cache_path"])),
            environment=snippet_environment(settings),
            copy_code=code_fingerprint(image_files.__file__),
            card_code=code_fingerprint(card_drawing.__file__),
        )
        context[CONTEXT_KEY] = state
    return state
