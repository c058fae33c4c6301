"""Collect every warning and error of a build as one readable line each.

Pelican logs a file it cannot read and carries on, so a build "succeeds" with a
post missing. The collector sits on the root logger for the length of one build,
turns each record into `file: field: what is wrong (how to fix it)`, and lets
the runner decide the exit code from what it caught. Records a plugin marks as
notices (extra={"notice": True}) are kept apart: they are said, but never fail.
"""

import logging
import os
import re
import sys

from plugin_support.pelican_internals import MESSAGES

# Reported by strict_build's own checks, with the file names Pelican leaves out.
DUPLICATE_ITEMS = re.compile(r"^There are %s (items|original \(not translated\) items)")

FIELD_FIXES = {
    "title": 'add a line "Title: …" at the top of the file',
    "date": 'add a line "Date: YYYY-MM-DD" at the top of the file',
}


class ProblemCollector(logging.Handler):
    """Logging handler that keeps one line per distinct problem, in order."""

    def __init__(self):
        super().__init__(level=logging.INFO)
        self.lines = []
        self.notices = []
        self._paths_with_problems = set()
        self.content_path = self.display_root = None
        # Pelican's message template -> the method that words it for the author.
        self.translations = {
            MESSAGES["missing_property"]: self._missing_property,
            MESSAGES["unknown_status"]: self._unknown_status,
            MESSAGES["could_not_process"]: self._could_not_process,
            MESSAGES["missing_link_target"]: self._missing_link_target,
            MESSAGES["missing_static_file"]: self._missing_static_file,
            MESSAGES["outside_output"]: self._outside_output,
            MESSAGES["empty_alt"]: self._reported_elsewhere,
            MESSAGES["duplicate_field"]: self._duplicate_field,
        }

    def set_content_path(self, content_path):
        """Paths are shown relative to the folder holding the content folder,
        so a file reads as content/posts/x.md in the project and in tests."""
        self.content_path = os.path.abspath(content_path)
        self.display_root = os.path.dirname(self.content_path)

    def emit(self, record):
        if record.levelno < logging.WARNING:
            if getattr(record, "notice", False):
                self.notices.append(self._shorten(record.getMessage()))
            return
        line = self._line_for(record)
        if line is None:
            return
        line = self._shorten(line)
        if line not in self.lines:
            self.lines.append(line)

    def _shorten(self, line):
        if self.display_root:
            line = line.replace(self.display_root + os.sep, "")
        return line

    def display_path(self, path):
        absolute = path if os.path.isabs(path) else os.path.join(self.content_path, path)
        return os.path.relpath(absolute, self.display_root)

    def problem_files(self):
        """Absolute paths of the content files named at the start of a problem line."""
        if not self.display_root:
            return set()
        files = set()
        for line in self.lines:
            candidate = os.path.join(self.display_root, line.split(": ", 1)[0])
            if os.path.isfile(candidate):
                files.add(os.path.abspath(candidate))
        return files

    def _line_for(self, record):
        template = record.msg if isinstance(record.msg, str) else str(record.msg)
        args = record.args if isinstance(record.args, tuple) else (record.args,)
        translate = self.translations.get(template)
        if translate is not None:
            return translate(record, *args)
        if DUPLICATE_ITEMS.match(template):
            return None  # strict_build.checks reports these with every file named
        message = record.getMessage().strip().splitlines()
        first_line = message[0] if message else template
        source_path = getattr(record, "source_path", None)
        if source_path:
            first_line = f"{self.display_path(source_path)}: {first_line}"
        if getattr(record, "content_problem_path", None):
            self._paths_with_problems.add(self.display_path(record.content_problem_path))
        return first_line

    # --- one method per Pelican message we reword ---------------------------------------

    def _missing_property(self, record, path, field):
        path = self.display_path(str(path))
        self._paths_with_problems.add(path)
        fix = FIELD_FIXES.get(field, f'add a line "{field.capitalize()}: …"')
        return f"{path}: {field.capitalize()}: missing ({fix})"

    def _unknown_status(self, record, status, path, allowed):
        path = self.display_path(str(path))
        self._paths_with_problems.add(path)
        choices = ", ".join(sorted(allowed))
        return f'{path}: Status: "{status}" is not a known status (use one of: {choices})'

    def _could_not_process(self, record, path):
        path = self.display_path(str(path))
        if path in self._paths_with_problems:
            return None  # the reader already said exactly what is wrong
        # Pelican logs this from inside its `except`, so the reason is still at hand.
        error = sys.exc_info()[1]
        reason = f"{type(error).__name__}: {error}".splitlines()[0] if error else "unknown error"
        return f"{path}: the file could not be read ({reason}; fix the field or text it names)"

    def _missing_link_target(self, record, target):
        source_path = getattr(record, "source_path", None)
        if not source_path:
            return None  # the attributed copy of this record (strict_build.checks) names the file
        return (
            f"{self.display_path(source_path)}: link: {target} points to no file "
            "(check the path after {filename}, relative to the content folder)"
        )

    def _missing_static_file(self, record, path, _error):
        path = self.display_path(str(path))
        return (
            f"{path}: no such file (a {{static}} link points to it: fix the link or add the file)"
        )

    def _outside_output(self, record, path, save_as):
        path = self.display_path(str(path))
        self._paths_with_problems.add(path)
        return (
            f'{path}: Slug/Save_as: "{save_as}" would be written outside the output folder '
            "(use a Slug of letters, digits and hyphens, without ../)"
        )

    def _duplicate_field(self, record, field, path):
        path = self.display_path(str(path))
        self._paths_with_problems.add(path)
        name = str(field).capitalize()
        return f'{path}: {name}: written twice (keep one "{name}:" line)'

    def _reported_elsewhere(self, record, *args):
        return None  # strict_build.checks reports these with every file named
