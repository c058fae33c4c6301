"""The README's settings tables, generated from the plugins' own declarations.

Every plugin that has a settings dict names it in DOCUMENTED_SETTINGS
({"PRICING": declarations}) in its package; so does tooling.publishing. The
README holds each table between two markers:

    <!-- settings-table: PRICING -->
    | key | default | what it does |
    ...
    <!-- /settings-table -->

`invoke docs` rewrites them, and tests/architecture/test_settings_docs.py fails
when the README and the declarations disagree, so they cannot drift.
"""

import importlib
import re
from pathlib import Path

from plugin_support.settings import settings_table

PROJECT_ROOT = Path(__file__).resolve().parent.parent
README = PROJECT_ROOT / "README.md"
BLOCK = re.compile(
    r"(<!-- settings-table: (?P<name>[A-Z_]+) -->\n)(?P<table>.*?)(<!-- /settings-table -->)",
    re.S,
)


def documented_settings():
    """{setting name: declarations} of every plugin in plugins/ and of the tooling."""
    modules = [
        path.name
        for path in sorted((PROJECT_ROOT / "plugins").iterdir())
        if (path / "__init__.py").is_file()
    ]
    modules.append("tooling.publishing")
    found = {}
    for name in modules:
        found.update(getattr(importlib.import_module(name), "DOCUMENTED_SETTINGS", {}))
    return found


def readme_with_tables(text, declarations_by_name):
    """`text` with every marked table replaced by the one generated from its declarations."""

    def table(match):
        declarations = declarations_by_name.get(match.group("name"))
        if declarations is None:
            return match.group(0)  # reported by the test: a table for no known setting
        return f"{match.group(1)}{settings_table(declarations)}\n{match.group(4)}"

    return BLOCK.sub(table, text)


def tables_in(text):
    return {match.group("name"): match.group("table") for match in BLOCK.finditer(text)}


def update_readme():
    """Rewrite the README's settings tables; True if anything changed."""
    text = README.read_text(encoding="utf-8")
    updated = readme_with_tables(text, documented_settings())
    if updated != text:
        README.write_text(updated, encoding="utf-8")
    return updated != text
