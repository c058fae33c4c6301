"""Lines for the author that never fail a build; `invoke check` prints them.

They are logged at INFO, below the WARNING level at which the strict build
counts a problem, on two loggers of their own:

- `pricing.notes`: an announced price has taken effect, or a sale has ended.
  Nothing is wrong (the site already shows the right price); the file can be
  tidied: fold Price_Next into Price, remove the Sale_ lines.
- `pricing.citations`: a post cites a price that changed since it was written
  (`invoke check --prices` lists them).
"""

import logging
import os
from contextlib import contextmanager

NOTES = logging.getLogger("pricing.notes")
CITATIONS = logging.getLogger("pricing.citations")


def note_applied_change(source_path, terms, change):
    """An announced price took effect: say how to fold it into the file."""
    previous = terms.history[-1] if terms.history else None
    history_hint = (
        f', add "{previous.day.isoformat()} {previous.amount}" to Price_History'
        if previous is not None and previous.day is not None
        else ""
    )
    NOTES.info(
        "%s: Price_Next: %s took effect on %s (write Price: %s and Price_Updated: %s%s, "
        "then remove the Price_Next lines)",
        source_path,
        change.amount,
        change.day.isoformat(),
        change.amount,
        change.day.isoformat(),
        history_hint,
    )


def note_ended_sale(source_path, sale):
    NOTES.info(
        "%s: Sale_Until: the sale ended on %s (the page shows the regular price again; "
        "remove the Sale_ lines)",
        source_path,
        sale.ends.isoformat(),
    )


def note_changed_citation(source_path, kind, slug, citation):
    CITATIONS.info(
        "%s: {%s}%s: %s when written on %s, %s now",
        source_path,
        kind,
        slug,
        citation.was_text,
        citation.written_on.isoformat(),
        citation.price_text,
    )


class _LineCollector(logging.Handler):
    def __init__(self, display_root):
        super().__init__(level=logging.INFO)
        self.display_root = display_root
        self.lines = []

    def emit(self, record):
        line = record.getMessage()
        if self.display_root:
            line = line.replace(self.display_root + os.sep, "")
        if line not in self.lines:
            self.lines.append(line)


@contextmanager
def collecting_notes(content_path):
    """Collect both kinds of line during a build: yields {"notes": [...], "citations": [...]}.

    Paths are shown relative to the folder holding `content_path`, as problems are.
    """
    display_root = os.path.dirname(os.path.abspath(content_path))
    collectors = {"notes": _LineCollector(display_root), "citations": _LineCollector(display_root)}
    loggers = {"notes": NOTES, "citations": CITATIONS}
    levels = {}
    for name, named_logger in loggers.items():
        levels[name] = named_logger.level
        named_logger.setLevel(logging.INFO)
        named_logger.addHandler(collectors[name])
    try:
        yield {name: collector.lines for name, collector in collectors.items()}
    finally:
        for name, named_logger in loggers.items():
            named_logger.removeHandler(collectors[name])
            named_logger.setLevel(levels[name])
