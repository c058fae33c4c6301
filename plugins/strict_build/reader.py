"""A Markdown reader that names the field at fault and escapes plain-text metadata.

Two jobs that both have to happen while a file is read:

* Pelican reports "Could not process posts/x.md" and drops the reason unless
  DEBUG is on. Here the failing field (a bad date, bytes that are not UTF-8) is
  logged as one line with a fix before Pelican gives up on the file.
* Title and summary are plain text written by the author, but Pelican then runs
  typogrify over them as if they were HTML, and themes print them unescaped. We
  escape them first, so typogrify only ever sees text, and `<img onerror=…>` in
  a title stays visible text.
"""

import html
import logging
import re

from pelican.readers import MarkdownReader
from plugin_support.content_fields import unknown_field_problems

logger = logging.getLogger(__name__)

# Fields the author writes as plain text that Pelican and themes treat as HTML.
PLAIN_TEXT_HTML_FIELDS = ("title", "summary")

# YYYY-MM-DD, optionally with a time (HH:MM or HH:MM:SS) and an offset or Z.
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:?\d{2})?)?$")

FIELD_FORMATS = {
    "date": "write it as YYYY-MM-DD or YYYY-MM-DD HH:MM, e.g. 2026-11-23",
    "modified": "write it as YYYY-MM-DD or YYYY-MM-DD HH:MM, e.g. 2026-11-23",
}


class StrictMarkdownReader(MarkdownReader):
    """MarkdownReader that reports bad fields precisely and escapes plain-text fields."""

    def read(self, source_path):
        self._source_path = source_path
        try:
            content, metadata = super().read(source_path)
        except UnicodeDecodeError as error:
            logger.error(
                "%s: the file is not valid UTF-8 (byte 0x%02x at position %d; save it as UTF-8)",
                source_path,
                error.object[error.start],
                error.start,
                extra={"content_problem_path": source_path},
            )
            raise
        for field, fix in unknown_field_problems(metadata, self.settings):
            logger.error(
                "%s: %s: unknown field (%s)",
                source_path,
                field,
                fix,
                extra={"content_problem_path": source_path},
            )
        formatted_fields = self.settings["FORMATTED_FIELDS"]
        for field in PLAIN_TEXT_HTML_FIELDS:
            # A field listed in FORMATTED_FIELDS is Markdown the author meant as HTML.
            if field not in formatted_fields and isinstance(metadata.get(field), str):
                metadata[field] = html.escape(metadata[field], quote=True)
        return content, metadata

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
