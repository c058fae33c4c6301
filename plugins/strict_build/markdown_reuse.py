"""One Markdown converter per reader, reset between files, where that gives the same HTML.

Pelican's MarkdownReader builds a new `Markdown` for every file it reads: loading
each extension, filling the processor registries, compiling their patterns. That is
about 0.3 ms a file, 0.3 s of CPU for a thousand posts, spent before any text is
converted. Python-Markdown's own way to convert many documents is one instance,
reset between them: `Markdown.reset()` empties the HTML stash and the link
references, and calls `reset()` on every extension that registered itself.

That is only as good as each extension's reset, so a reader keeps its converter only
when every extension configured is one of Python-Markdown's own listed in
REUSABLE_EXTENSIONS (each checked by tests/foundation/test_markdown_reuse.py: a
series of documents converted by one instance gives what fresh instances give), and
no footnotes number their ids per document (UNIQUE_IDS counts resets). Anything else
(a third-party extension, an Extension object) gets a fresh instance per file, as in
Pelican, and so does the file after any conversion that raised.
"""

from markdown import Markdown

# Python-Markdown's extensions whose state lives only in what Markdown.reset() clears
# (or is rebuilt by each conversion), by their short names.
REUSABLE_EXTENSIONS = frozenset(
    {
        "abbr",
        "admonition",
        "attr_list",
        "codehilite",
        "def_list",
        "extra",
        "fenced_code",
        "footnotes",
        "md_in_html",
        "meta",
        "nl2br",
        "sane_lists",
        "tables",
        "toc",
    }
)
OWN_EXTENSIONS_PACKAGE = "markdown.extensions."
# The footnotes setting that puts the number of resets into every footnote's id.
PER_DOCUMENT_IDS = "UNIQUE_IDS"


def is_reusable(markdown_settings):
    """True when one instance made with these MARKDOWN settings may convert every file."""
    names = [_short_name(extension) for extension in markdown_settings.get("extensions", ())]
    return all(name in REUSABLE_EXTENSIONS for name in names) and not _asks_for(
        PER_DOCUMENT_IDS, markdown_settings.get("extension_configs", {})
    )


def _short_name(extension):
    """ "toc" for "toc", "markdown.extensions.toc" or "markdown.extensions.toc:TocExtension";
    None for anything else (another package's extension, an Extension object)."""
    if not isinstance(extension, str):
        return None
    name = extension.split(":", 1)[0]
    if name.startswith(OWN_EXTENSIONS_PACKAGE):
        name = name[len(OWN_EXTENSIONS_PACKAGE) :]
    return None if "." in name else name


def _asks_for(option, configs):
    """Whether `option` is set true anywhere in extension configs ("extra" nests its parts')."""
    if not isinstance(configs, dict):
        return False
    return any(
        (key == option and bool(value)) or _asks_for(option, value)
        for key, value in configs.items()
    )


class ReusedMarkdown:
    """The Markdown instance a reader converts its next file with."""

    def __init__(self, markdown_settings):
        self.settings = markdown_settings
        self.reusable = is_reusable(markdown_settings)
        self._instance = None
        self._preprocessors = None

    def for_next_file(self):
        """The kept instance reset and whole again, or a fresh one."""
        if self._instance is not None:
            self._instance.preprocessors = self._preprocessors[:]
            return self._instance.reset()
        instance = Markdown(**self.settings)
        if self.reusable:
            self._instance = instance
            # A copy of the registry: Pelican deregisters "meta" from the instance
            # before it converts formatted fields (so "Key: value" in a field stays text).
            self._preprocessors = instance.preprocessors[:]
        return instance

    def discard(self):
        """Forget the instance: a conversion that raised may have left state in it."""
        self._instance = None
