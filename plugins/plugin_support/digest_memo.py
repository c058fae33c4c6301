"""Remember, from one build to the next, a pure function's result for a given text.

Some per-post work depends only on the post's HTML (the theme's word count and
table of contents): redone for every post on every build, it grows with the blog
even when one post changed. The memo keys each result on a digest of the text. It
lives in the content cache's folder, which is keyed on the settings and the plugin
code (strict_build.content_cache), so a change to either starts it afresh; it keeps
only this build's entries, and is written atomically, so a killed build leaves the
previous file or none. An unreadable file is an empty memo.
"""

import hashlib
import logging
from pathlib import Path

from .forked_workers import can_fork, fork_map, log_again, worker_count
from .pelican_internals import read_cache_file, write_cache_file

logger = logging.getLogger(__name__)
# Below this many texts to compute, a fork costs more than it saves (a post's body
# takes about 0.3 ms to parse).
SMALLEST_PARALLEL_COMPUTE = 200


def read_versioned(path, version):
    """The dict a build saved at `path` as (version, entries), or {} when there is none,
    it is another version's (older code) or it cannot be read (cut short by a killed build)."""
    try:
        saved_version, entries = read_cache_file(path)
    except FileNotFoundError:
        return {}
    except Exception as error:
        logger.info("%s could not be read (%s); starting it afresh", path, error)
        return {}
    return entries if saved_version == version and isinstance(entries, dict) else {}


def cache_file(settings, name):
    """Where a build keeps `name` between builds (the content cache's folder), or None
    when CACHE_CONTENT is off: then nothing is kept."""
    if not settings.get("CACHE_CONTENT") or not settings.get("CACHE_PATH"):
        return None
    return Path(settings["CACHE_PATH"]) / name


def digest_of(text):
    """The key of a text (str or bytes) in a DigestMemo."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    return hashlib.blake2b(data, digest_size=16).digest()


class DigestMemo:
    """`version` names what else shapes a result (e.g. a parser library's version):
    a memo written with another version is empty."""

    def __init__(self, settings, name, version=""):
        self.path = cache_file(settings, name)
        self.version = version
        self.entries = self._load()
        self.used = {}

    def _load(self):
        return {} if self.path is None else read_versioned(self.path, self.version)

    def result(self, text, compute):
        """compute(text), or what it returned for the same text (str or bytes) before."""
        return self.result_by_digest(digest_of(text), text, compute)

    def result_by_digest(self, key, text, compute):
        """result(), for a text whose digest_of() is already known."""
        if key not in self.used:
            self.used[key] = self.entries[key] if key in self.entries else compute(text)
        return self.used[key]

    def results(self, sources, text_of, compute):
        """[result(text_of(source), compute) for source in sources], the texts not
        remembered computed on every core (a cold build's 1,000 post bodies: on one core
        the other is idle then). `compute` must be pure, as for result(); what a worker
        logs is logged here. No text is held longer than it takes to digest or compute
        it (10,000 post bodies are about 100 MB)."""
        keys, missing = [], {}
        for source in sources:
            key = digest_of(text_of(source))
            keys.append(key)
            if key not in self.used and key not in self.entries:
                missing.setdefault(key, source)
        workers = worker_count()
        if len(missing) >= SMALLEST_PARALLEL_COMPUTE and workers > 1 and can_fork():
            computed = _computed_on_every_core(missing, text_of, compute, workers)
            self.used.update(computed)
        for key, source in missing.items():
            if key not in self.used:
                self.used[key] = compute(text_of(source))
        return [self.remembered(key) for key in keys]

    def remembered(self, key):
        """The result kept for a text with this digest (kept for the next build too),
        or None when there is none."""
        if key not in self.used and key in self.entries:
            self.used[key] = self.entries[key]
        return self.used.get(key)

    def save(self):
        if self.path is None or self.used == self.entries:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_cache_file(self.path, (self.version, self.used))


def _computed_on_every_core(sources_by_key, text_of, compute, workers):
    """{key: compute(text_of(source))}: a contiguous share in each forked worker, the
    first here."""
    pairs = list(sources_by_key.items())
    size = -(-len(pairs) // workers)
    shares = [pairs[start : start + size] for start in range(0, len(pairs), size)]

    def work(share):
        return {key: compute(text_of(source)) for key, source in share}

    here = {}
    outcomes = fork_map(work, shares[1:], work_here=lambda: here.update(work(shares[0])))
    for outcome in outcomes:
        log_again(outcome.records)
        if outcome.error is not None:
            raise outcome.error
        here.update(outcome.result)
    return here
