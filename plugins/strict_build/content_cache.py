"""Key Pelican's content cache on everything that shapes a cached item.

Pelican keys each cached file on the file's own bytes only. But what the reader
stored also depends on the settings (MARKDOWN extensions, FORMATTED_FIELDS, URL
patterns kept inside Category and Tag objects, ...), on the reader and plugin
code, and on the versions of Pelican, Markdown and typogrify. So the cache lives
in a folder named after a fingerprint of all of that: change any of it and the
build starts from an empty cache, and an old cache restored by CI can never be
used by mistake. Folders of other fingerprints are removed.
"""

import hashlib
import importlib.metadata
import os
import re
import shutil
import sys
from pathlib import Path

from plugin_support.cache_folders import ROOT_KEY, remember_cache_root
from plugin_support.pelican_internals import make_content_cache_robust

# Settings that differ between builds of one site without changing what the reader
# stores: where the output goes, the site's address (preview vs publish), the clock.
NOT_IN_FINGERPRINT = frozenset(
    {
        "SITEURL",
        "FEED_DOMAIN",
        "OUTPUT_PATH",
        "PREVIOUS_OUTPUT_PATH",
        "CACHE_PATH",
        "CACHE_ROOT",
        "SETTINGS_FILE",
        "BUILD_TIME",
        # Built from PLUGINS, SITE_CONTENT_FIELDS and plugin code, which are all keyed.
        "CONTENT_FIELDS_KNOWN",
        "CONTENT_FOLDERS_READ_BY_PLUGINS",
        "PUBLICATION",
        # Runs Pagefind over the written site; readers never see it (livereload turns
        # the index off, and must not lose the cache for it).
        "SITE_SEARCH",
        "SITE_SEARCH_INDEX_STARTED",
        "PAGES_WRITTEN_STEPS",
        "PUBLISHING",
        "DELETE_OUTPUT_DIRECTORY",
        "LOAD_CONTENT_CACHE",
        "WRITE_SELECTED",
    }
)
LIBRARIES = ("pelican", "markdown", "typogrify", "smartypants", "pygments")
FINGERPRINT_FOLDER = re.compile(r"^[0-9a-f]{16}$")
MEMORY_ADDRESS = re.compile(r" at 0x[0-9a-f]+")


def stable_repr(value):
    """A repr that is the same in every process for equal settings."""
    if isinstance(value, dict):
        items = sorted((str(key), stable_repr(item)) for key, item in value.items())
        return "{" + ", ".join(f"{key}: {item}" for key, item in items) + "}"
    if isinstance(value, list | tuple | set | frozenset):
        items = [stable_repr(item) for item in value]
        if isinstance(value, set | frozenset):
            items.sort()
        return f"{type(value).__name__}[" + ", ".join(items) + "]"
    if callable(value) and hasattr(value, "__qualname__"):
        return f"{getattr(value, '__module__', '')}.{value.__qualname__}"
    return MEMORY_ADDRESS.sub("", repr(value))


def code_files(settings):
    """The project's plugin and reader code: every .py file under PLUGIN_PATHS."""
    for folder in settings.get("PLUGIN_PATHS") or ():
        yield from sorted(Path(folder).rglob("*.py"))


def fingerprint(settings):
    digest = hashlib.sha256()
    for key in sorted(settings):
        if key not in NOT_IN_FINGERPRINT:
            digest.update(f"{key}={stable_repr(settings[key])}\n".encode())
    for path in code_files(settings):
        digest.update(str(path).encode())
        digest.update(path.read_bytes())
    for library in LIBRARIES:
        try:
            version = importlib.metadata.version(library)
        except importlib.metadata.PackageNotFoundError:
            version = "absent"
        digest.update(f"{library}=={version}\n".encode())
    digest.update(sys.version.encode())
    return digest.hexdigest()[:16]


def key_content_cache(pelican):
    """initialized handler: point CACHE_PATH at this fingerprint's folder."""
    settings = pelican.settings
    make_content_cache_robust()
    if ROOT_KEY in settings:
        return  # already keyed (Pelican may send initialized to us twice in one process)
    base = remember_cache_root(settings)
    key = fingerprint(settings)
    settings["CACHE_PATH"] = os.path.join(base, key)
    if os.path.isdir(base):
        for name in os.listdir(base):
            stale = os.path.join(base, name)
            if name != key and FINGERPRINT_FOLDER.match(name) and os.path.isdir(stale):
                shutil.rmtree(stale, ignore_errors=True)  # another fingerprint's content cache
            elif name.endswith("-Readers") and os.path.isfile(stale):
                os.unlink(stale)  # an unkeyed cache from before this project keyed its cache
