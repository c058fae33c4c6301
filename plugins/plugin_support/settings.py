"""One way for every plugin to declare, document and check its settings dict.

A plugin declares each key once:

    DECLARATIONS = {
        "enabled": Setting(True, "build the search index", is_bool),
    }

and validates the user's dict once per build, at `initialized`:

    pelican.settings["SITE_SEARCH"] = validated(pelican.settings, "SITE_SEARCH", DECLARATIONS)

Every mistake is one logged line naming the settings file the value came from,
the key, what is wrong and how to fix it: an unknown key (with the closest known
one), a value of the wrong type, a value a check refuses. The returned dict is a
new one (the user's is never changed) in which every refused value is replaced by
its default, so a build that goes on anyway (plain `pelican`) does not crash.
The README's settings tables are generated from the same declarations
(`settings_table`) and a test keeps them equal.
"""

import ast
import copy
import difflib
import logging
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

logger = logging.getLogger(__name__)

# The runner names the settings file it loaded here; plain `pelican` does not.
SETTINGS_FILE_KEY = "SETTINGS_FILE"
UNKNOWN_FILE = "the settings file"


@dataclass(frozen=True)
class Setting:
    """One key of a plugin's settings dict.

    `check(value)` returns None when the value is fine, a (problem, fix) pair, or
    a list of pairs; a pair may be a triple whose first item names a part inside
    the value (e.g. '["signup"]["action"]').
    """

    default: Any
    description: str
    check: Callable[[Any], Any] | None = None


# --- checks that many plugins use -------------------------------------------------------


def is_bool(value):
    if not isinstance(value, bool):
        return f"{value!r} is not True or False", "write True or False"
    return None


def is_text(value):
    if not (isinstance(value, str) and value.strip()):
        return f"{value!r} is not a non-empty string", 'write text in quotes, e.g. "services"'
    return None


def is_optional_text(value):
    if value is not None and not isinstance(value, str):
        return f"{value!r} is not a string or None", "write text in quotes, or None"
    return None


def is_whole_number(minimum=0):
    def check(value):
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            return f"{value!r} is not a whole number >= {minimum}", f"write e.g. {max(minimum, 5)}"
        return None

    return check


def is_one_of(*choices):
    def check(value):
        if value not in choices:
            shown = ", ".join(repr(choice) for choice in choices)
            return f"{value!r} is not allowed", f"use one of: {shown}"
        return None

    return check


def is_output_path(value):
    """A file path inside the output folder: relative, without '..' or a drive."""
    problem = is_text(value)
    if problem:
        return problem
    normalised = os.path.normpath(value.replace("\\", "/"))
    if os.path.isabs(value) or value.startswith(("/", "\\")) or normalised.startswith(".."):
        return (
            f'"{value}" is outside the output folder',
            'write a path inside it, e.g. "services/prices.json"',
        )
    return None


# --- validation -------------------------------------------------------------------------


def validated(pelican_settings, name, declarations, check_together=None):
    """Return the checked copy of `pelican_settings[name]`; log one line per mistake.

    Each line starts with the settings file that sets `name` (see settings_file_of).
    """
    merged, problems = checked(pelican_settings, name, declarations, check_together)
    where = settings_file_of(name, pelican_settings) if problems else None
    for problem in problems:
        logger.error("%s: %s", where, problem)
    return merged


def checked(pelican_settings, name, declarations, check_together=None):
    """(checked copy over the declared defaults, problem lines) for setting `name`.

    `check_together(merged, pelican_settings)` may return (key, problem, fix)
    triples for rules that involve several keys or other Pelican settings. A
    problem line reads `NAME["key"]: what is wrong (how to fix it)`.
    """
    defaults = {key: copy.deepcopy(setting.default) for key, setting in declarations.items()}
    given = pelican_settings.get(name)
    if given is None:
        given = {}
    if not isinstance(given, dict):
        example = next(iter(declarations), "key")
        return defaults, [
            f"{name}: is a {type(given).__name__}, not a dict "
            f'(write {name} = {{"{example}": ...}}; see the README for its keys)'
        ]

    merged = dict(defaults)
    problems = []
    for key, value in given.items():
        if key not in declarations:
            problems.append(f'{name}["{key}"]: unknown setting ({_closest(key, declarations)})')
            continue
        found = _problems_of(declarations[key], value)
        problems += [f'{name}["{key}"]{part}: {problem} ({fix})' for part, problem, fix in found]
        if not found:
            merged[key] = copy.deepcopy(value)
    if check_together is not None:
        for key, problem, fix in check_together(merged, pelican_settings) or ():
            problems.append(f'{name}["{key}"]: {problem} ({fix})')
            merged[key] = copy.deepcopy(declarations[key].default)
    return merged, problems


def _problems_of(setting, value):
    if setting.check is None:
        return []
    try:
        found = setting.check(value)
    except Exception as error:  # a check that trips over a strange value is still one line
        return [
            ("", f"{value!r} is not a valid value ({type(error).__name__})", setting.description)
        ]
    if not found:
        return []
    if isinstance(found, tuple):
        found = [found]
    return [problem if len(problem) == 3 else ("", *problem) for problem in found]


def _closest(key, declarations):
    known = list(declarations)
    matches = difflib.get_close_matches(str(key), known, n=1, cutoff=0.6)
    if matches:
        return f'did you mean "{matches[0]}"? known keys: {", ".join(known)}'
    return f"known keys: {', '.join(known)}"


def report_setting_problem(pelican_settings, setting_name, problem, fix):
    """One line about a setting found wrong outside `validated` (e.g. a date now past)."""
    top_level = re.match(r"\w+", setting_name).group(0)
    where = settings_file_of(top_level, pelican_settings)
    logger.error("%s: %s: %s (%s)", where, setting_name, problem, fix)


# --- which file a setting comes from ------------------------------------------------------


def settings_file_of(name, pelican_settings):
    """The file name (e.g. publishconf.py) whose code assigns setting `name`.

    publishconf.py star-imports pelicanconf.py, so a setting may live in either;
    an error in PUBLICATION must send the author to the file that sets it.
    """
    settings_file = pelican_settings.get(SETTINGS_FILE_KEY)
    if not settings_file:
        return UNKNOWN_FILE
    found = _file_assigning(name, os.path.abspath(settings_file), seen=set())
    return os.path.basename(found or settings_file)


def _file_assigning(name, path, seen):
    if path in seen or not os.path.isfile(path):
        return None
    seen.add(path)
    try:
        with open(path, encoding="utf-8") as file:
            tree = ast.parse(file.read())
    except (OSError, SyntaxError, UnicodeDecodeError):
        return None
    star_imports = []
    for statement in tree.body:
        if _assigns(statement, name):
            return path
        if isinstance(statement, ast.ImportFrom) and any(a.name == "*" for a in statement.names):
            star_imports.append(statement.module or "")
    # Assigned nowhere here: it came in through `from pelicanconf import *`.
    for module in star_imports:
        found = _file_assigning(name, os.path.join(os.path.dirname(path), f"{module}.py"), seen)
        if found:
            return found
    return None


def _assigns(statement, name):
    targets = []
    if isinstance(statement, ast.Assign):
        targets = statement.targets
    elif isinstance(statement, ast.AugAssign | ast.AnnAssign):
        targets = [statement.target]
    for target in targets:
        while isinstance(target, ast.Subscript | ast.Attribute):
            target = target.value  # PRICING["currency"] = ... sets PRICING too
        if isinstance(target, ast.Name) and target.id == name:
            return True
    return False


# --- documentation ------------------------------------------------------------------------


def settings_table(declarations):
    """The README's table of a settings dict: key, default and what it does."""
    rows = ["| key | default | what it does |", "| --- | --- | --- |"]
    for key, setting in declarations.items():
        default = repr(setting.default).replace("|", "\\|")
        rows.append(f"| `{key}` | `{default}` | {setting.description} |")
    return "\n".join(rows)
