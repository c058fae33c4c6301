"""Cards and resized copies, kept outside the output and keyed by everything that shapes them.

A derived file is named by the hash of its inputs (text, colours, font files, source
image bytes, width, format, quality, the drawing code and the Pillow version). If
that file is in the cache it is reused as it is: a warm build encodes nothing. The
build's output gets a hard link to it (a copy where links are impossible), so the
staged build's fresh output folder costs no image work either.
"""

import hashlib
import json
import logging
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import PIL
from PIL import features

logger = logging.getLogger(__name__)

SOURCE_INDEX = "sources.json"


def file_digest(path):
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def code_fingerprint(*module_files):
    """What the encoders and our drawing code are: a change to either makes new files."""
    digest = hashlib.sha256()
    digest.update(PIL.__version__.encode())
    for library in ("webp", "avif", "freetype2", "zlib", "libjpeg"):
        digest.update(f"{library}={features.version(library)}".encode())
    for module_file in module_files:
        digest.update(Path(module_file).read_bytes())
    return digest.hexdigest()


def inputs_key(inputs):
    """The cache key of a derived file: a hash of its inputs, as canonical JSON."""
    canonical = json.dumps(inputs, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass
class CacheStats:
    """What one build did: files encoded, files reused from the cache."""

    made: int = 0
    reused: int = 0


@dataclass
class DerivedFileCache:
    """A folder of derived files named by their input keys, and an index of source images."""

    root: Path
    stats: CacheStats = field(default_factory=CacheStats)
    _sources: dict | None = None
    _sources_changed: bool = False

    def __post_init__(self):
        self.root = Path(self.root)

    def path_for(self, key, suffix):
        return self.root / key[:2] / f"{key}{suffix}"

    def ensure(self, key, suffix, write):
        """Path of the cached file for `key`; `write(stream)` makes it when it is missing."""
        path = self.path_for(key, suffix)
        if path.exists():
            self.stats.reused += 1
            return path
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
        try:
            with open(partial, "wb") as stream:
                write(stream)
            # Atomic: a build stopped half-way, or two builds at once, never leave half a file.
            partial.replace(path)
        finally:
            partial.unlink(missing_ok=True)
        self.stats.made += 1
        return path

    def source_record(self, source_path, measure):
        """{"sha256", …measure(path)} for a source image, measured again only when it changed.

        Keyed by path, size and modification time; a checkout that resets times
        costs one re-read of the file, never a wrong answer from a stale hash.
        """
        sources = self._load_sources()
        status = os.stat(source_path)
        stamp = [status.st_size, status.st_mtime_ns]
        record = sources.get(str(source_path))
        if record is None or record.get("stamp") != stamp:
            record = {"stamp": stamp, "sha256": file_digest(source_path), **measure(source_path)}
            sources[str(source_path)] = record
            self._sources_changed = True
        return record

    def _load_sources(self):
        if self._sources is None:
            try:
                self._sources = json.loads((self.root / SOURCE_INDEX).read_text("utf-8"))
            except (OSError, ValueError):
                self._sources = {}
        return self._sources

    def save_index(self):
        """Write the source index if this build measured anything new."""
        if not self._sources_changed:
            return
        self.root.mkdir(parents=True, exist_ok=True)
        index = self.root / SOURCE_INDEX
        partial = index.with_name(f".{SOURCE_INDEX}.{os.getpid()}.partial")
        partial.write_text(json.dumps(self._sources, sort_keys=True, indent=1), "utf-8")
        partial.replace(index)
        self._sources_changed = False


def place_in_output(cached_file, output_root, relative_path):
    """Put a cached file at `relative_path` in the output: a hard link, else a copy."""
    target = Path(output_root) / relative_path
    if target.exists():
        return  # the same name is the same inputs, so the same bytes
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(cached_file, target)
    except OSError:  # another file system, or one without hard links
        shutil.copyfile(cached_file, target)
