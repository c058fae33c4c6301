"""Digests of what a page is rendered from, the same in every build for the same inputs.

plugin_support.page_reuse carries a page over from the previous build when
everything it was made from has the same digest as then. A digest here is made
from values, never from memory addresses or Python's per-process str hashes, so
two builds of the same tree agree. What cannot be digested that way raises
Undigestable, and the page is rendered: being unable to tell is never "unchanged".

A content item (a post, a page, a static file) is digested two ways:
- wherever it is *referred to* (in a list, as a post's `next_post`), only by its
  name (class and source path): `reference`;
- by what it holds (every attribute, its HTML content and summary): `item_data`,
  counted only for the pages that read it (page_reuse records which they do).
So editing one post changes the pages that read that post, not every page that
lists the whole blog by name.
"""

import datetime
import decimal
import enum
import functools
import hashlib
import importlib.metadata
import marshal
import pathlib
import re
import struct
import sys
import types
from pathlib import Path

import jinja2
from pelican import contents
from pelican.urlwrappers import URLWrapper

from .pelican_internals import BUILD_REFERENCES

# An item's own references to the build (the context and the settings): digested once, as a whole.
NOT_ITEM_DATA = BUILD_REFERENCES
# Settings that change on every build without changing a page: the staging folder,
# the folder of the previous site. The clock is counted by its day (see _settings_value).
NOT_RENDER_INPUTS = frozenset({"OUTPUT_PATH", "PREVIOUS_OUTPUT_PATH", "SITE_SEARCH_INDEX_STARTED"})
CLOCK_KEY = "BUILD_TIME"
URL_WRAPPER_STATE = frozenset({"name", "slug", "_name", "_slug", "_slug_from_name", "settings"})
PLAIN = (type(None), bool, int, float, str, bytes)
EXACTLY_PLAIN = frozenset(PLAIN)
# What a page read of an attribute an item does not have (`{% if post.image %}`).
ABSENT = object()
# Values whose repr is their whole value (no memory address).
BY_REPR = (
    datetime.date,
    datetime.time,
    datetime.timedelta,
    datetime.tzinfo,
    decimal.Decimal,
    pathlib.PurePath,
    enum.Enum,
    range,
    slice,
    re.Pattern,
)
LIBRARIES = ("jinja2", "markupsafe")
MARSHAL_FORMAT = 2
# Containers marshal may take whole (see _marshalled).
MARSHALLED = frozenset({list, tuple, dict})


class Undigestable(Exception):
    """A value whose digest could not be made from its value alone."""


def _hash(*parts):
    data = [
        part if type(part) is bytes else str(part).encode("utf-8", "surrogatepass")
        for part in parts
    ]
    # The number of parts and each one's length first, so no two lists of parts run together.
    lengths = struct.pack(f"<{len(data) + 1}Q", len(data), *map(len, data))
    return hashlib.blake2b(lengths + b"".join(data), digest_size=16).digest()


def _marshalled(value):
    """The digest of a value made only of plain values, lists, tuples, dicts and sets, in
    one C call (most of what pages read: structured data, share links); None for any
    other value (a Markup, a post, a date inside it), which is digested part by part.

    marshal takes exact types only: it refuses a str or dict subclass, which a template
    may print otherwise. Its format 2 writes no back-references (which follow reference
    counts) and no mark of interned strings, and since Python 3.11 it writes a set's
    items in a fixed order, not in the order of the process's string hashes: equal
    values give equal bytes in every build (tests/performance/test_page_reuse.py digests
    a set under two hash seeds). A bytearray or memoryview would marshal as bytes; no
    page reads one.
    """
    try:
        data = marshal.dumps(value, MARSHAL_FORMAT)
    except ValueError:  # something else inside, or nested too deep
        return None
    # Its own `person`: no marshal digest equals a _hash of parts.
    return hashlib.blake2b(data, digest_size=16, person=b"marshal").digest()


def combine(*digests):
    """One digest of several, in order."""
    return _hash(*digests)


def _plain(value):
    """A plain value as bytes: not hashed on its own (most values are small), only
    as part of what holds it. A str subclass (Markup, HtmlText) keeps its class name:
    the class decides how a template prints it."""
    kind = type(value)
    if kind is str:
        return b"s" + value.encode("utf-8", "surrogatepass")
    if kind is bytes:
        return b"b" + value
    return f"{kind.__qualname__}:{value!r}".encode("utf-8", "surrogatepass")


def reference(item):
    """How an item is named wherever it is referred to: its class and source path."""
    source = getattr(item, "relative_source_path", None) or getattr(item, "source_path", None)
    return (type(item).__qualname__, str(source))


class RenderDigests:
    """One build's digests, each value digested at most once (remembered by identity;
    the values are kept referenced so no identity is reused within the build)."""

    def __init__(self, settings, context):
        self.settings = settings
        self.context = context
        self._digests = {}
        # The values being digested, outermost first, by identity: their depth.
        self._path = {}
        self._reach = 0
        self._kept = []
        self._item_data = {}
        self._attributes = {}
        # Every item met while digesting, by reference; None where two items share one.
        self.items = {}

    def of(self, value):
        """The digest of a value; raises Undigestable."""
        kind = type(value)
        if kind is str:  # the commonest value by far: _plain's encoding, without the call
            return b"s" + value.encode("utf-8", "surrogatepass")
        if kind in EXACTLY_PLAIN or isinstance(value, PLAIN):
            return _plain(value)
        known = self._digests.get(id(value))
        if known is not None:
            return known
        depth = self._path.get(id(value))
        if depth is not None:  # a cycle (a service and its group): how far back it points
            self._reach = min(self._reach, depth)
            return _hash("back", len(self._path) - depth)
        depth = self._path[id(value)] = len(self._path)
        # The lowest depth a cycle inside this value points back to; below it: none does.
        outer_reach, self._reach = self._reach, depth + 1
        try:
            digest = self._compound(value)
        finally:
            del self._path[id(value)]
            reach, self._reach = self._reach, min(outer_reach, self._reach)
        # A digest that points back to the value or above depends on where the walk
        # entered its cycle (a service digested alone, or reached through its group from
        # another service): not kept, so every walk through the cycle is the same walk.
        if reach > depth:
            self._digests[id(value)] = digest
            self._kept.append(value)
        return digest

    def _compound(self, value):
        of = self.of
        kind = type(value)
        if kind in MARSHALLED:
            marshalled = _marshalled(value)
            if marshalled is not None:
                return marshalled
        # Lists and tuples first: most compound values are one (and no item or mapping is).
        if isinstance(value, list | tuple):
            return _hash(kind.__qualname__, *[of(part) for part in value])
        if value is self.settings or value is self.context:
            return _hash("the build's settings and context")
        if isinstance(value, dict):  # in order: a template may loop over it
            return _hash(kind.__qualname__, *[of(key) + of(part) for key, part in value.items()])
        if isinstance(value, contents.Content):
            return self._refer(value)
        if isinstance(value, set | frozenset):
            return _hash(type(value).__qualname__, *sorted(self.of(part) for part in value))
        if isinstance(value, BY_REPR):
            shown = repr(value)
            if " at 0x" in shown:
                raise Undigestable(f"{type(value).__qualname__} prints its memory address")
            return _hash(type(value).__qualname__, shown)
        return self._code_or_object(value)

    def _code_or_object(self, value):
        if hasattr(type(value), "render_inputs"):  # build machinery that says what pages see of it
            return _hash("declared", type(value).__qualname__, self.of(value.render_inputs()))
        if isinstance(value, functools.partial):
            return _hash(
                "partial", self.of(value.func), self.of(value.args), self.of(value.keywords)
            )
        if isinstance(value, types.MethodType):
            return _hash("method", self.of(value.__func__), self.of(value.__self__))
        if isinstance(value, types.FunctionType):
            cells = tuple(cell.cell_contents for cell in value.__closure__ or ())
            return _hash("function", value.__module__, value.__qualname__, self.of(cells))
        if isinstance(value, type | types.BuiltinFunctionType | types.ModuleType):
            name = getattr(value, "__qualname__", value.__name__)
            return _hash("code", getattr(value, "__module__", ""), name)
        if isinstance(value, jinja2.Environment):
            return self._environment(value)
        return self._object(value)

    def _object(self, value):
        attributes = _attributes(value)
        if attributes is None:
            raise Undigestable(f"{type(value).__module__}.{type(value).__qualname__}")
        kind = type(value)
        attributes = [pair for pair in attributes if pair[0] not in NOT_ITEM_DATA]
        marshalled = _marshalled(attributes)
        if marshalled is not None:
            return _hash("object", kind.__module__, kind.__qualname__, marshalled)
        of = self.of
        parts = [of(name) + of(part) for name, part in attributes]
        return _hash("object", kind.__module__, kind.__qualname__, *parts)

    def _environment(self, environment):
        # The templates themselves are digested as files (template_files_digest).
        return _hash(
            "jinja environment",
            self.of(environment.globals),
            self.of(environment.filters),
            self.of(environment.tests),
            *sorted(environment.extensions),
            self.of(environment.autoescape),
        )

    def _refer(self, item):
        name = reference(item)
        self._know(name, item)
        return _hash("item", *name)

    def _know(self, name, item):
        known = self.items.setdefault(name, item)
        if known is not item:
            self.items[name] = None  # two items, one name: neither can be told apart

    def know_items(self, items):
        """Name every item of the build, so a read of one resolves even when no value
        digested so far referred to it."""
        for item in items:
            self._know(reference(item), item)

    def item_data(self, item):
        """Everything an item holds, and the HTML it shows; raises Undigestable."""
        known = self._item_data.get(id(item))
        if known is not None:
            return known
        parts = [self.of(name) + self.of(part) for name, part in _attributes(item) or ()]
        if isinstance(item, contents.Article | contents.Page):
            # Content with its {filename} links made into the targets' current URLs.
            parts += [self.of(str(item.content)), self.of(str(item.summary))]
        digest = _hash("item data", reference(item), *parts)
        self._item_data[id(item)] = digest
        return digest

    def attribute(self, item, name):
        """What a page got when it read `item.name`; raises Undigestable.

        A method stands for everything the item holds: what a call returns is not
        known from the attribute (Pelican remembers a post's HTML per call, so a
        second call reads nothing)."""
        # By item, then name: one small dict per item, not a (item, name) key per read
        # (55,000 reads at 1,000 posts, about 2 MB of keys in each process that renders).
        of_item = self._attributes.get(id(item))
        if of_item is None:
            of_item = self._attributes[id(item)] = {}
        known = of_item.get(name)
        if known is None:
            try:
                value = getattr(item, name)
            except AttributeError:
                value = ABSENT
            if value is ABSENT:
                known = _hash("no such attribute", name)
            elif callable(value) and not isinstance(value, type):
                known = _hash("whole item", self.item_data(item))
            else:
                known = _hash("attribute", name, self.of(value))
            # Interned: a name read from the record is a new string on every page.
            of_item[sys.intern(name)] = known
        return known

    def build_mapping(self, mapping):
        """The settings, or a shared template context (the settings and the content lists)."""
        known = self._digests.get(("mapping", id(mapping)))
        if known is None:
            pairs = (
                self.of(key) + self.of(_settings_value(key, value))
                for key, value in mapping.items()
                if key not in NOT_RENDER_INPUTS
            )
            known = self._digests[("mapping", id(mapping))] = _hash("mapping", *pairs)
        return known


def _attributes(value):
    """An object's attributes as (name, value) pairs, or None for an object without them."""
    if isinstance(value, URLWrapper):
        # A tag, category or author: its slug is worked out when first read, and
        # as_dict() copies both into __dict__. What it is: its name and slug.
        extra = [
            (name, part) for name, part in vars(value).items() if name not in URL_WRAPPER_STATE
        ]
        return [("name", value.name), ("slug", value.slug), *extra]
    found = []
    if hasattr(value, "__dict__"):
        found += [(name, part) for name, part in vars(value).items() if name not in NOT_ITEM_DATA]
    for cls in type(value).__mro__:
        for name in getattr(cls, "__slots__", ()):
            if name not in ("__dict__", "__weakref__") and hasattr(value, name):
                found.append((name, getattr(value, name)))
    if not found and not hasattr(value, "__dict__"):
        return None
    return found


def _settings_value(key, value):
    # The clock moves on every build; what a page shows of it is the day. The items it
    # publishes or prices are digested by what they hold.
    if key == CLOCK_KEY and isinstance(value, datetime.datetime):
        return value.date()
    return value


def template_files_digest(settings):
    """Every file a template or plugin could read: the theme and the plugin folders."""
    folders = [settings.get("THEME"), *(settings.get("PLUGIN_PATHS") or ())]
    parts = []
    for folder in folders:
        if folder and Path(folder).is_dir():
            for path in sorted(Path(folder).rglob("*")):
                if path.is_file() and "__pycache__" not in path.parts:
                    parts += [str(path), path.read_bytes()]
    versions = [importlib.metadata.version(library) for library in LIBRARIES]
    return _hash("templates", *parts, *versions)
