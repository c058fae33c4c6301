"""A Markdown reader that names the field at fault and escapes plain-text metadata.

Two jobs that both have to happen while a file is read:

* Pelican reports "Could not process posts/x.md" and drops the reason unless
  DEBUG is on. Here the failing field (a bad date, bytes that are not UTF-8) is
  logged as one line with a fix before Pelican gives up on the file.
* A file too large or nested too deeply for Markdown to read in reasonable time,
  or with a field written twice, is refused before Markdown runs (source_text).
* Title and summary are plain text written by the author, but Pelican then runs
  typogrify over them as if they were HTML, and themes print them unescaped. We
  escape them first, so typogrify only ever sees text, and `<img onerror=…>` in
  a title stays visible text.
"""

import html
import logging
import os
import re

from pelican.readers import MarkdownReader
from pelican.utils import pelican_open
from plugin_support.content_fields import unknown_field_problems

from .markdown_reuse import ReusedMarkdown
from .markdown_shortcuts import install_markdown_shortcuts
from .source_text import (
    MAX_NESTING_DEPTH,
    MAX_SOURCE_BYTES,
    first_line_deeper_than,
    read_header,
)

logger = logging.getLogger(__name__)

# Fields the author writes as plain text that Pelican and themes treat as HTML.
PLAIN_TEXT_HTML_FIELDS = ("title", "summary")

# YYYY-MM-DD, optionally with a time (HH:MM or HH:MM:SS) and an offset or Z.
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:?\d{2})?)?$")

FIELD_FORMATS = {
    "date": "write it as YYYY-MM-DD or YYYY-MM-DD HH:MM, e.g. 2026-11-23",
    "modified": "write it as YYYY-MM-DD or YYYY-MM-DD HH:MM, e.g. 2026-11-23",
}


class UnreadableSource(ValueError):
    """Raised after the reason was logged, so Pelican skips the file and caches nothing."""


class StrictMarkdownReader(MarkdownReader):
    """MarkdownReader that reports bad fields precisely and escapes plain-text fields."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)  # completes the MARKDOWN settings' extensions
        self._markdown = ReusedMarkdown(self.settings["MARKDOWN"])

    def read(self, source_path):
        self._source_path = source_path
        try:
            header = self._check_source(source_path)
            install_markdown_shortcuts()
            content, metadata = self._convert(source_path)
        except UnicodeDecodeError as error:
            self._report(
                "the file is not valid UTF-8 (byte 0x%02x at position %d; save it as UTF-8)",
                error.object[error.start],
                error.start,
            )
            raise
        except RecursionError:
            # Emphasis or links nested hundreds deep: no line-based limit sees them.
            self._report(
                "the Markdown is nested too deeply to read "
                "(emphasis, links or brackets inside each other; simplify it)"
            )
            raise UnreadableSource("nested too deeply") from None
        for field, fix in unknown_field_problems(metadata, self.settings):
            self._report("%s: unknown field (%s)", field, fix)
        formatted_fields = self.settings["FORMATTED_FIELDS"]
        for name in header.continued - set(formatted_fields):
            # A value continued on indented lines is one value, not a list of lines.
            if isinstance(metadata.get(name), list) and all(
                isinstance(part, str) for part in metadata[name]
            ):
                metadata[name] = " ".join(metadata[name])
        for field in PLAIN_TEXT_HTML_FIELDS:
            # A field listed in FORMATTED_FIELDS is Markdown the author meant as HTML.
            if field not in formatted_fields and isinstance(metadata.get(field), str):
                metadata[field] = html.escape(metadata[field], quote=True)
        return content, metadata

    def _convert(self, source_path):
        """What MarkdownReader.read returns, converted by the reader's kept Markdown
        instance where that is safe (markdown_reuse)."""
        self._md = self._markdown.for_next_file()
        try:
            with pelican_open(source_path) as text:
                content = self._md.convert(text)
            metadata = self._parse_metadata(self._md.Meta) if hasattr(self._md, "Meta") else {}
        except BaseException:
            self._markdown.discard()
            raise
        return content, metadata

    def _check_source(self, source_path):
        """Refuse what Markdown would read slowly or wrongly; return the scanned header."""
        size = os.path.getsize(source_path)
        if size > MAX_SOURCE_BYTES:
            self._report(
                "the file is %s bytes, over the limit of %s "
                "(split it into shorter posts, or move large data into a static file)",
                f"{size:,}",
                f"{MAX_SOURCE_BYTES:,}",
            )
            raise UnreadableSource("too large")
        with pelican_open(source_path) as text:
            too_deep = first_line_deeper_than(text, MAX_NESTING_DEPTH)
            header = read_header(text)
        if too_deep:
            line_number, depth = too_deep
            self._report(
                "line %d is nested %s levels deep (lists, quotes or indentation), "
                "over the limit of %d (flatten it)",
                line_number,
                f"{depth:,}",
                MAX_NESTING_DEPTH,
            )
        for name, line_numbers in header.repeated_fields():
            self._report(
                "%s: written %d times, on lines %s (keep one %s: line; "
                "a long value may go on over lines indented by 4 spaces)",
                name,
                len(line_numbers),
                ", ".join(str(number) for number in line_numbers),
                name,
            )
        if too_deep or header.repeated_fields():
            raise UnreadableSource("refused before Markdown ran")
        return header

    def _report(self, message, *args):
        logger.error(
            "%s: " + message,
            self._source_path,
            *args,
            extra={"content_problem_path": self._source_path},
        )

    def process_metadata(self, name, value):
        if name in FIELD_FORMATS and not ISO_DATE.match(str(value).strip()):
            # Pelican would guess "01/02/2026" (January or February?); we ask for one form.
            self._report_bad_field(name, value, FIELD_FORMATS[name])
            raise ValueError(f"{name} is not in ISO form")
        try:
            return super().process_metadata(name, value)
        except Exception as error:
            self._report_bad_field(
                name, value, FIELD_FORMATS.get(name, str(error) or "correct the value")
            )
            raise

    def _report_bad_field(self, name, value, fix):
        logger.error(
            '%s: %s: "%s" is not a valid %s (%s)',
            self._source_path,
            name.capitalize(),
            value,
            name,
            fix,
            extra={"content_problem_path": self._source_path},
        )
