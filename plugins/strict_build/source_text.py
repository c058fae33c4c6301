"""What the strict reader learns from a Markdown file's raw text before Markdown runs.

Python-Markdown's time and memory grow much faster than the input for deeply
nested lists and quotes (a 2,000-level list took 85 s and 3.5 GB), so the size
and the nesting depth are checked first, on the text, in linear time.

The header is scanned here too, because Markdown's meta extension keeps no
difference between a field written twice (`Turnaround: 2 weeks` then
`Turnaround: 3 weeks`) and one value continued on an indented line: both
arrive as a list. The same regular expressions are used, so both scans agree.
"""

import functools
import re
from dataclasses import dataclass, field

from markdown.extensions.meta import BEGIN_RE, END_RE, META_MORE_RE, META_RE

# A post or page is prose; a megabyte is several books' chapters. Markdown takes
# about 2 s for a plain megabyte on the development machine.
MAX_SOURCE_BYTES = 1_000_000

# Lists, quotes and indentation deeper than any real text; a 32-level list
# renders in milliseconds. Code in fences is not counted.
MAX_NESTING_DEPTH = 32

LIST_MARKER = re.compile(r"(?:[-*+]|\d{1,9}[.)])(?=\s)")
SPACES = re.compile(r" *")
FENCE = re.compile(r"^(`{3,}|~{3,})")


@dataclass
class SourceHeader:
    """The header's fields as written: each name (lower case) to the spellings and
    line numbers of its lines, and the names whose value goes on over indented lines."""

    lines_by_field: dict = field(default_factory=dict)
    continued: set = field(default_factory=set)

    def repeated_fields(self):
        """(name as first written, line numbers) for every field written more than once."""
        return [
            (written[0][0], [number for _name, number in written])
            for written in self.lines_by_field.values()
            if len(written) > 1
        ]


def read_header(text):
    """Scan the metadata header exactly as Markdown's meta extension does."""
    header = SourceHeader()
    lines = text.split("\n")
    first = 1 if lines and BEGIN_RE.match(lines[0]) else 0
    key = None
    for number, line in enumerate(lines[first:], start=first + 1):
        if line.strip() == "" or END_RE.match(line):
            break
        field_line = META_RE.match(line)
        if field_line:
            name = field_line.group("key").strip()
            key = name.lower()
            header.lines_by_field.setdefault(key, []).append((name, number))
        elif key and META_MORE_RE.match(line):
            header.continued.add(key)
        else:
            break
    return header


def nesting_depth(line):
    """How many levels deep a line sits: each 4 columns of indentation, each `>`
    and each list marker at its start opens one level for Markdown."""
    line = line.expandtabs(4)
    depth = position = 0
    while position < len(line):
        after_spaces = SPACES.match(line, position).end()
        depth += (after_spaces - position) // 4
        position = after_spaces
        if line.startswith(">", position):
            depth += 1
            position += 1
            continue
        marker = LIST_MARKER.match(line, position)
        if marker is None:
            break
        depth += 1
        position = marker.end()
    return depth


def first_line_deeper_than(text, limit):
    """(line number, depth) of the first line outside fenced code nested deeper than
    `limit`, or None. Stops there, so a huge nested list costs no more than its start."""
    if not _deep_prefix(limit).search(text):
        return None  # no line starts with enough of what nesting is made of
    fence = None
    for number, line in enumerate(text.split("\n"), start=1):
        opening = FENCE.match(line)
        if fence is not None:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            continue
        if opening:
            fence = opening.group(1)
            continue
        depth = nesting_depth(line)
        if depth > limit:
            return number, depth
    return None


@functools.lru_cache(maxsize=4)
def _deep_prefix(limit):
    # Every level of nesting takes at least one character at the start of its line: a
    # ">", a list marker (with any digit, as LIST_MARKER reads them), four spaces or a
    # tab, all from this set. A line whose run of them is not longer than `limit`
    # cannot be nested deeper; most files have no such line, and one search tells.
    return re.compile(r"^[ \t>*+\-\d.)]{" + str(limit + 1) + "}", re.MULTILINE)
