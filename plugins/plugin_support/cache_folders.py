"""Where a build keeps what it may reuse next time.

CACHE_PATH as the site set it is the cache root. The content cache lives in a
subfolder named after a fingerprint of the build's inputs (strict_build), and
other caches (images) sit beside it under the same root, keyed by their own inputs.
"""

ROOT_KEY = "CACHE_ROOT"


def remember_cache_root(settings):
    """Record CACHE_PATH as set, before the content cache moves into its keyed subfolder."""
    settings.setdefault(ROOT_KEY, settings["CACHE_PATH"])
    return settings[ROOT_KEY]


def cache_root(settings):
    return settings.get(ROOT_KEY) or settings["CACHE_PATH"]
