"""Collect every warning and error of a build as one readable line each.

Pelican logs a file it cannot read and carries on, so a build "succeeds" with a
post missing. The collector sits on the root logger for the length of one build,
turns each record into `file: field: what is wrong (how to fix it)`, and lets
the runner decide the exit code from what it caught.
"""

import logging
import os
import re

# Records from Pelican whose wording we replace with a line that names the field
# and the fix. Keys are the unformatted message templates Pelican uses.
MISSING_PROPERTY = "Skipping %s: could not find information about '%s'"
UNKNOWN_STATUS = "Unknown status '%s' for file %s, skipping it. (Not in %s)"
COULD_NOT_PROCESS = "Could not process %s"
MISSING_LINK_TARGET = "Unable to find '%s', skipping url replacement."
MISSING_STATIC_FILE = "Cannot get modification stamp for %s\n\t%s"
OUTSIDE_OUTPUT = "Skipping %s: file %r would be written outside output path"

# Reported by strict_build's own checks, with the file names Pelican leaves out.
DUPLICATE_ITEMS = re.compile(r"^There are %s (items|original \(not translated\) items)")
EMPTY_ALT = "Empty alt attribute for image %s in %s"

FIELD_FIXES = {
    "title": 'add a line "Title: …" at the top of the file',
    "date": 'add a line "Date: YYYY-MM-DD" at the top of the file',
}


class ProblemCollector(logging.Handler):
    """Logging handler that keeps one line per distinct problem, in order."""

    def __init__(self, content_path=None):
        super().__init__(level=logging.WARNING)
        self.lines = []
        self._paths_with_problems = set()
        self.content_path = self.display_root = None
        if content_path is not None:
            self.set_content_path(content_path)

    def set_content_path(self, content_path):
        """Paths are shown relative to the folder holding the content folder,
        so a file reads as content/posts/x.md in the project and in tests."""
        self.content_path = os.path.abspath(content_path)
        self.display_root = os.path.dirname(self.content_path)

    def emit(self, record):
        line = self._line_for(record)
        if line is None:
            return
        if self.display_root:
            line = line.replace(self.display_root + os.sep, "")
        if line not in self.lines:
            self.lines.append(line)

    def display_path(self, path):
        absolute = path if os.path.isabs(path) else os.path.join(self.content_path, path)
        return os.path.relpath(absolute, self.display_root)

    def _line_for(self, record):
        template = record.msg if isinstance(record.msg, str) else str(record.msg)
        args = record.args if isinstance(record.args, tuple) else (record.args,)
        source_path = getattr(record, "source_path", None)

        if template == MISSING_PROPERTY:
            path, field = self.display_path(str(args[0])), str(args[1])
            self._paths_with_problems.add(path)
            fix = FIELD_FIXES.get(field, f'add a line "{field.capitalize()}: …"')
            return f"{path}: {field.capitalize()}: missing ({fix})"
        if template == UNKNOWN_STATUS:
            status, path, allowed = args
            path = self.display_path(str(path))
            self._paths_with_problems.add(path)
            choices = ", ".join(sorted(allowed))
            return f'{path}: Status: "{status}" is not a known status (use one of: {choices})'
        if template == COULD_NOT_PROCESS:
            path = self.display_path(str(args[0]))
            if path in self._paths_with_problems:
                return None  # the reader already said exactly what is wrong
            return f"{path}: the file could not be read (run with --debug to see why)"
        if template == MISSING_LINK_TARGET and source_path:
            path = self.display_path(source_path)
            return (
                f"{path}: link: {args[0]} points to no file "
                "(check the path after {filename}, relative to the content folder)"
            )
        if template == MISSING_STATIC_FILE:
            path = self.display_path(str(args[0]))
            return f"{path}: no such file (a {{static}} link points to it: fix the link or add the file)"
        if template == OUTSIDE_OUTPUT:
            path = self.display_path(str(args[0]))
            self._paths_with_problems.add(path)
            return (
                f'{path}: Slug/Save_as: "{args[1]}" would be written outside the output folder '
                "(use a Slug of letters, digits and hyphens, without ../)"
            )
        if DUPLICATE_ITEMS.match(template) or template == EMPTY_ALT:
            return None  # strict_build.checks reports these with every file named

        message = record.getMessage().strip().splitlines()
        first_line = message[0] if message else template
        if source_path:
            first_line = f"{self.display_path(source_path)}: {first_line}"
        if getattr(record, "content_problem_path", None):
            self._paths_with_problems.add(self.display_path(record.content_problem_path))
        return first_line
