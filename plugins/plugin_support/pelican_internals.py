"""Every use of a private Pelican name, in one place.

Pelican's public plugin API (signals, generators' lists, content attributes)
does not reach everything a strict, live-priced build needs. Each function here
says why it reaches further, and HOOKS lists every private name used, so
tests/architecture/test_pelican_internals.py fails loudly, naming the hook, if
a Pelican upgrade removes or renames one. Checked against Pelican 4.12.0.
"""

import functools
import gzip
import logging
import os
import pickle
import tempfile
import weakref
from contextlib import contextmanager
from functools import partial

import blinker
from pelican import cache as pelican_cache
from pelican import contents as pelican_contents
from pelican import log as pelican_log
from pelican import readers as pelican_readers
from pelican import urlwrappers as pelican_urlwrappers
from pelican import writers as pelican_writers
from pelican.plugins import signals as pelican_signals
from pelican.utils import file_suffix

logger = logging.getLogger(__name__)

CHECKED_WITH = "4.12.0"

# (module, attribute path) of every private or undocumented Pelican name used here.
HOOKS = {
    "content source hook": (pelican_contents, "Content.get_content"),  # calls self._get_content
    "reader output": (pelican_contents, "Content.__init__"),  # stores self._content
    "memoized HTML": (pelican_contents, "Content.get_content.cache"),
    "memoized summary": (pelican_contents, "Content.get_summary.cache"),
    "skipped file stub": (pelican_contents, "SkipStub"),
    "log limit": (pelican_log, "LimitLogger.disable_filter"),
    "cache loader": (pelican_cache, "FileDataCacher.__init__"),
    "cache writer": (pelican_cache, "FileDataCacher.save_cache"),
    # make_content_cache_robust keys a cached file on its bytes as they were before reading.
    "cache stamp": (pelican_cache, "FileStampDataCacher._get_file_stamp"),
    "cache lookup": (pelican_cache, "FileStampDataCacher.get_cached_data"),
    "cache store": (pelican_cache, "FileStampDataCacher.cache_data"),
    # strict_build.parallel_reading stores what a worker read as Readers.read_file would.
    "reader output filter": (pelican_readers, "_filter_discardable_metadata"),
    "readers by extension": (pelican_readers, "Readers.read_file"),  # self.readers[fmt]
    "signals": (pelican_signals, "initialized.receivers"),
    "console": (pelican_log, "console.capture"),
    # strict_build.html_fields gives posts and pages a subclass of the same name:
    # Pelican picks ARTICLE_URL/PAGE_URL by the class's name here.
    "URL settings by class name": (pelican_contents, "Content._expand_settings"),
    # parallel_writing's writer keeps queued pages' placeholders in memory: it opens
    # files itself, with the overwrite rules and the two sets of paths they keep.
    "writer's file opening": (pelican_writers, "Writer._open_w"),
    # slugify_names_once memoizes the slug function tags, categories and authors use.
    "term slugs": (pelican_urlwrappers, "slugify"),
}

# Pelican's own log message templates, matched to replace them with better lines.
# Pelican 4.12: readers.py, generators.py, contents.py, utils.py.
MESSAGES = {
    "missing_property": "Skipping %s: could not find information about '%s'",
    "unknown_status": "Unknown status '%s' for file %s, skipping it. (Not in %s)",
    "could_not_process": "Could not process %s",
    "missing_link_target": "Unable to find '%s', skipping url replacement.",
    "missing_static_file": "Cannot get modification stamp for %s\n\t%s",
    "outside_output": "Skipping %s: file %r would be written outside output path",
    "empty_alt": "Empty alt attribute for image %s in %s",
    "duplicate_field": "Duplicate definition of `%s` for %s. Using first one.",
}


# --- content objects ----------------------------------------------------------------------


def reader_output(content):
    """The HTML the reader produced, before Pelican resolves links (`_content`)."""
    return content._content


def replace_reader_output(content, html):
    """Give `content` another reader output (the live preview's re-read of its file),
    and forget the HTML Pelican memoized from the old one."""
    content._content = html
    forget_memoized_html([content])


def build_context(content):
    """The build's shared context a content object was made with (`_context`)."""
    return content._context


# A content object's references to the whole build (its settings, the shared context):
# attributes that say nothing about the item itself (plugin_support.render_digests).
BUILD_REFERENCES = frozenset({"_context", "settings"})


@contextmanager
def content_attribute_reads_through(getattribute):
    """While active, every attribute read on a post, page or static file goes through
    `getattribute(item, name)` (plugin_support.page_reuse records a page's reads)."""
    if pelican_contents.Content.__dict__.get("__getattribute__") is getattribute:
        yield  # already active (an enclosing use): that one takes it away
        return
    pelican_contents.Content.__getattribute__ = getattribute
    try:
        yield
    finally:
        del pelican_contents.Content.__getattribute__


# The content attribute holding the steps added by add_html_step, in order.
HTML_STEPS = "html_steps"


def add_html_step(content, step):
    """Make Pelican pass the reader's HTML through `step(content, html)` when it renders.

    Pelican calls a content object's `_get_content` if it has one, then resolves
    its own {filename} links: this is how cited prices stay live even for a post
    that came out of the content cache. Steps run in the order they were added
    (plugins in PLUGINS order), each on the previous one's result.
    """
    steps = getattr(content, HTML_STEPS, None)
    if steps is None:
        steps = []
        setattr(content, HTML_STEPS, steps)
        content._get_content = partial(_html_after_steps, content)
    steps.append(step)


def _html_after_steps(content):
    html = content._content
    for step in getattr(content, HTML_STEPS):
        html = step(content, html)
    return html


def forget_memoized_html(contents):
    """Drop Pelican's memoized HTML and summary of each of `contents`, so they are recomputed.

    Pelican memoizes get_content/get_summary class-wide, keyed by (object, siteurl):
    one pass over each memo for all of them (a pass per item grows with the square of
    the blog).
    """
    forgotten = {id(content) for content in contents}
    if not forgotten:
        return
    for memoized in (pelican_contents.Content.get_content, pelican_contents.Content.get_summary):
        cache = getattr(memoized, "cache", {})
        for key in [key for key in cache if key and id(key[0]) in forgotten]:
            del cache[key]


def forget_all_memoized_html():
    """Empty Pelican's class-wide memo of rendered HTML, which otherwise keeps every
    content object of every build alive for as long as the process runs."""
    for memoized in (pelican_contents.Content.get_content, pelican_contents.Content.get_summary):
        getattr(memoized, "cache", {}).clear()


def read_for_cache(readers, path):
    """What Readers.read_file caches for `path` (its reader's output), or None when no
    enabled reader takes the file's extension; nothing is cached here."""
    reader = readers.readers.get(file_suffix(path))
    if reader is None:
        return None
    content, metadata = reader.read(path)
    return content, pelican_readers._filter_discardable_metadata(metadata)


def is_cached(readers, path):
    """Whether the content cache holds `path`'s reader output for its current bytes."""
    return readers.get_cached_data(path, None) is not None


def is_skipped_stub(item):
    return isinstance(item, pelican_contents.SkipStub)


def read_with_metadata(readers, base_path, path, content_class):
    """(item, metadata) for one file; metadata is caught even for a skipped file,
    which Pelican returns as a SkipStub without it (through read_file's context signal)."""
    read_metadata = {}
    metadata_signal = blinker.NamedSignal("plugin_support_read_metadata")
    metadata_signal.connect(lambda sender, metadata: read_metadata.update(metadata), weak=False)
    item = readers.read_file(
        base_path=base_path,
        path=path,
        content_class=content_class,
        context={},
        context_signal=metadata_signal,
        context_sender=None,
    )
    return item, read_metadata


# --- templates ----------------------------------------------------------------------------


def wrap_generator_templates(generator, wrap):
    """Make `generator` hand out `wrap(template)` for every template it renders.

    Generators look templates up through `get_template`; replacing it on the one
    generator object (not the class) lasts for this build only.
    """
    original = generator.get_template
    generator.get_template = lambda name: wrap(original(name))


# --- logging and signals ------------------------------------------------------------------


@contextmanager
def every_warning_logged():
    """Lift Pelican's once-per-process log limit for the length of a build.

    Pelican's loggers drop a warning already logged once in this process and fold
    similar ones after five; a second build in the same process (livereload,
    tests) would then pass with the same broken link.
    """
    limited = [
        named_logger
        for named_logger in logging.Logger.manager.loggerDict.values()
        if isinstance(named_logger, pelican_log.LimitLogger)
    ]
    for named_logger in limited:
        named_logger.disable_filter()
    try:
        yield
    finally:
        for named_logger in limited:
            named_logger.enable_filter()


def register_plugins_again(settings):
    """Connect every plugin of `settings` to Pelican's signals again, as a build does
    when it starts (a build's end disconnects them: disconnect_all_plugins)."""
    from pelican.plugins._utils import load_plugins

    for plugin in load_plugins(settings):
        plugin.register()


def disconnect_all_plugins():
    """Forget every receiver connected to Pelican's signals by an earlier build.

    Pelican calls each plugin's register() on every build; without this, a plugin
    from one site would keep acting on the next site built in the same process.
    """
    for value in vars(pelican_signals).values():
        receivers = getattr(value, "receivers", None)
        if not isinstance(receivers, dict):
            continue
        for receiver in list(receivers.values()):
            if isinstance(receiver, weakref.ref):
                receiver = receiver()
            if receiver is not None:
                value.disconnect(receiver)


# --- the content cache --------------------------------------------------------------------


def _load_cache_or_start_empty(self, settings, cache_name, caching_policy, load_policy):
    # Pelican 4.12 lets EOFError (a cache truncated by a killed build) and other
    # unpickling errors stop the build; an unreadable cache is only a slower build.
    self.settings = settings
    self._cache_path = os.path.join(settings["CACHE_PATH"], cache_name)
    self._cache_data_policy = caching_policy
    self._cache_open = gzip.open if settings.get("GZIP_CACHE") else open
    self._cache = {}
    self._stamps_before_reading = {}
    if not load_policy or not os.path.exists(self._cache_path):
        return
    try:
        self._cache = read_cache_file(self._cache_path)
    except Exception as error:
        logger.info(
            "content cache: %s could not be read (%s); rebuilding it",
            os.path.basename(self._cache_path),
            type(error).__name__,
            extra={"notice": True},
        )
        self._cache = {}


def _save_cache_atomically(self):
    # Written to a temporary file and renamed, so a killed build never leaves half a cache.
    if not self._cache_data_policy:
        return
    folder = self.settings["CACHE_PATH"]
    os.makedirs(folder, exist_ok=True)
    try:
        write_cache_file(
            self._cache_path, self._cache, compress=bool(self.settings.get("GZIP_CACHE"))
        )
    except (OSError, pickle.PicklingError, TypeError) as error:
        logger.warning("Could not save cache %s\n ... %s", self._cache_path, error)


def _cached_data_if_unchanged(self, filename, default=None):
    # Pelican's lookup, which also notes the file's stamp: a lookup that misses is
    # followed by a read, and what is read is stored under this stamp (below).
    stamp, data = pelican_cache.FileDataCacher.get_cached_data(self, filename, (None, default))
    current = self._get_file_stamp(filename)
    self._stamps_before_reading[filename] = current
    return data if stamp == current else default


# Pelican's own stamp (CHECK_MODIFIED_METHOD applied to the file), wrapped below.
_pelican_file_stamp = pelican_cache.FileStampDataCacher._get_file_stamp
# {(method, path): (version, stamp)}: the stamp of each version of a file this process
# has stamped (see _file_stamp_once_per_version).
_stamps_by_version = {}


def _file_stamp_once_per_version(self, filename):
    # A build asks three times for each source's stamp (the read-ahead's check, the
    # generator's cache and the reader's cache), and with CHECK_MODIFIED_METHOD = "md5"
    # each time meant reading and hashing the whole file. A file's inode, size and
    # modification and change times name one version of it: a write sets its change
    # time, which no tool can set back. (Two writes within one tick of the clock could
    # share one: this process would then keep the first one's stamp, which is stored
    # with what was read of it, and the next build, a new process, stamps it anew.)
    try:
        found = os.stat(filename)
    except OSError:
        return _pelican_file_stamp(self, filename)  # Pelican's warning and its "" stamp
    version = (found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns)
    key = (self.settings.get("CHECK_MODIFIED_METHOD"), filename)
    known = _stamps_by_version.get(key)
    if known is not None and known[0] == version:
        return known[1]
    stamp = _pelican_file_stamp(self, filename)
    _stamps_by_version[key] = (version, stamp)
    return stamp


def _cache_data_under_stamp_before_reading(self, filename, data):
    # Pelican stamps a file after reading it: a save made while it was being read
    # (an author saving during the live preview's build) got the new bytes' stamp on
    # the old bytes' output, and every later build showed the old text. The stamp
    # taken before reading can only be older than what was read: the next build
    # then reads the file again, which is always right.
    stamp = self._stamps_before_reading.pop(filename, None)
    if stamp is None:
        stamp = self._get_file_stamp(filename)
    pelican_cache.FileDataCacher.cache_data(self, filename, (stamp, data))


GZIP_MAGIC = b"\x1f\x8b"


def read_cache_file(path):
    """The object pickled in a cache file, gzip-compressed (GZIP_CACHE) or not."""
    with open(path, "rb") as file:
        compressed = file.read(2) == GZIP_MAGIC
    with (gzip.open if compressed else open)(path, "rb") as file:
        return pickle.load(file)  # noqa: S301 - our own cache, written by a build of this site


def write_cache_file(path, data, compress=False):
    """Pickle `data` to a temporary file beside `path`, then rename it into place."""
    handle, temporary = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".cache-")
    try:
        with os.fdopen(handle, "wb") as raw:
            if compress:
                with gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as file:
                    pickle.dump(data, file)
            else:
                pickle.dump(data, raw)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


def make_content_cache_robust():
    """Install the tolerant loader, the atomic writer, the stamp taken before reading and
    the stamp worked out once per version of a file on Pelican's cache classes.

    Idempotent.
    """
    pelican_cache.FileDataCacher.__init__ = _load_cache_or_start_empty
    pelican_cache.FileDataCacher.save_cache = _save_cache_atomically
    pelican_cache.FileStampDataCacher.get_cached_data = _cached_data_if_unchanged
    pelican_cache.FileStampDataCacher.cache_data = _cache_data_under_stamp_before_reading
    pelican_cache.FileStampDataCacher._get_file_stamp = _file_stamp_once_per_version


# --- slugs of tags, categories and authors --------------------------------------------------

# Pelican's slug function, as its tags, categories and authors call it.
_pelican_slugify = pelican_urlwrappers.slugify


def slugify_names_once():
    """Tags, categories and authors work out each name's slug once per process.

    Every post makes its own Tag and Category objects, and each slugifies its name (a
    Unicode normalisation, an ASCII transliteration and the SLUG_REGEX_SUBSTITUTIONS,
    each a regular expression): at 1,000 posts, 6,000 slugs of a few hundred names,
    about 0.05 s on the build's one-core stretch. Idempotent."""
    pelican_urlwrappers.slugify = _slugify_name


def _slugify_name(value, regex_subs=(), preserve_case=False, use_unicode=False):
    try:
        substitutions = tuple((source, replacement) for source, replacement in regex_subs)
        return _name_slug(str(value), substitutions, preserve_case, use_unicode)
    except (TypeError, ValueError):  # substitutions that are not pairs of strings
        return _pelican_slugify(value, regex_subs, preserve_case, use_unicode)


@functools.lru_cache(maxsize=4096)
def _name_slug(value, substitutions, preserve_case, use_unicode):
    return _pelican_slugify(
        value, regex_subs=substitutions, preserve_case=preserve_case, use_unicode=use_unicode
    )


def drop_from_content_cache(cache_folder, source_paths):
    """Remove the cached reader output of `source_paths` from every cache file in `cache_folder`.

    A file that produced a problem must be read (and fail) again next build.
    """
    if not source_paths or not os.path.isdir(cache_folder):
        return
    wanted = {os.path.abspath(path) for path in source_paths}
    for name in os.listdir(cache_folder):
        path = os.path.join(cache_folder, name)
        # Pelican's cache files have bare names (ArticlesGenerator-Readers); files with a
        # suffix (link_check.json) belong to other caches that key their own entries.
        if name.startswith(".") or "." in name or not os.path.isfile(path):
            continue
        try:
            cached = read_cache_file(path)
        except Exception:
            os.unlink(path)  # unreadable: the next build starts it afresh
            continue
        if not isinstance(cached, dict) or not wanted & set(cached):
            continue
        for key in wanted & set(cached):
            del cached[key]
        with open(path, "rb") as file:
            compressed = file.read(2) == GZIP_MAGIC
        write_cache_file(path, cached, compress=compressed)


@contextmanager
def console_output_captured(captured):
    """Keep what Pelican prints on its console ("Done: Processed ...") out of the
    terminal during a build, appending it to `captured`, so the runner can print
    the problems first and the summary last."""
    with pelican_log.console.capture() as capture:
        yield
    captured.append(capture.get())
