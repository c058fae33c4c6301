"""The layout shows the design: plugins are only plugins, Pelican's internals sit behind one door."""

import ast
import functools
import importlib
import re
import subprocess
import sys

import pytest
from fixture_sites import PROJECT_ROOT, copy_project

PLUGINS_FOLDER = PROJECT_ROOT / "plugins"
SHARED_LIBRARY = "plugin_support"
DOOR = PLUGINS_FOLDER / SHARED_LIBRARY / "pelican_internals.py"


def plugin_packages():
    return sorted(
        path.name
        for path in PLUGINS_FOLDER.iterdir()
        if (path / "__init__.py").is_file() and path.name != SHARED_LIBRARY
    )


def python_files(*folders):
    for folder in folders:
        yield from sorted((PROJECT_ROOT / folder).rglob("*.py"))


def imported_top_level_names(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module.split(".")[0]


@functools.cache
def project_plugins_setting():
    from fixture_sites import project_settings

    return list(project_settings()["PLUGINS"])


@pytest.mark.parametrize("plugin", plugin_packages())
def test_every_plugin_package_registers_and_is_listed(plugin):
    module = importlib.import_module(plugin)
    assert callable(getattr(module, "register", None)), f"plugins/{plugin} has no register()"
    assert plugin in project_plugins_setting(), f"plugins/{plugin} is not in PLUGINS"


def test_the_shared_library_is_not_a_plugin():
    module = importlib.import_module(SHARED_LIBRARY)
    assert not hasattr(module, "register")
    assert SHARED_LIBRARY not in project_plugins_setting()


@pytest.mark.parametrize("plugin", plugin_packages())
def test_no_plugin_imports_another(plugin):
    others = set(plugin_packages()) - {plugin}
    for path in (PLUGINS_FOLDER / plugin).rglob("*.py"):
        imported = set(imported_top_level_names(path))
        assert not imported & others, (
            f"{path.relative_to(PROJECT_ROOT)} imports {imported & others}"
        )
        assert "tooling" not in imported, f"{path.relative_to(PROJECT_ROOT)} imports the tooling"


def test_no_settings_file_name_is_hard_coded():
    for path in python_files("plugins", "tooling"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"[\"']pelicanconf\.py:", text), path


# Private Pelican names; each may appear only in plugin_support/pelican_internals.py.
PRIVATE_NAMES = re.compile(
    r"\._content\b|\._context\b|_get_content|SkipStub|LimitLogger|\.receivers\b"
    r"|FileDataCacher|\.get_template\s*=|console\.capture"
)


def test_private_pelican_names_appear_in_one_module():
    for path in python_files("plugins", "tooling"):
        if path == DOOR:
            continue
        code = "\n".join(
            line
            for line in path.read_text(encoding="utf-8").splitlines()
            if not line.lstrip().startswith("#")
        )
        docstrings_removed = re.sub(r'"""[\s\S]*?"""', "", code)
        found = PRIVATE_NAMES.findall(docstrings_removed)
        assert not found, f"{path.relative_to(PROJECT_ROOT)} uses {found}; go through {DOOR.name}"


def _resolve(module, dotted):
    value = module
    for part in dotted.split("."):
        value = getattr(value, part)
    return value


def test_every_pelican_hook_we_rely_on_still_exists():
    from plugin_support.pelican_internals import HOOKS

    missing = []
    for name, (module, dotted) in HOOKS.items():
        try:
            _resolve(module, dotted)
        except AttributeError:
            missing.append(f"{name} ({module.__name__}.{dotted})")
    assert not missing, f"Pelican no longer has: {', '.join(missing)}; update pelican_internals.py"


def test_pelicans_messages_we_reword_are_still_in_its_source():
    import pelican
    from plugin_support.pelican_internals import MESSAGES

    sources = "".join(
        path.read_text(encoding="utf-8")
        for path in __import__("pathlib").Path(pelican.__file__).parent.glob("*.py")
    )
    for name, message in MESSAGES.items():
        assert repr(message)[1:-1] in sources or message in sources, (
            f"Pelican no longer logs {name}: {message!r}"
        )


def test_plain_pelican_loads_every_plugin(tmp_path):
    """Without our runner: `pelican -s pelicanconf.py` builds the example site."""
    project = copy_project(tmp_path / "project", ("theme", "plugins", "pelicanconf.py", "content"))
    completed = subprocess.run(
        [sys.executable, "-m", "pelican", "-s", "pelicanconf.py", "-o", "out", "content"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    assert "Cannot load plugin" not in completed.stdout + completed.stderr
    assert (project / "out" / "services" / "prices.json").is_file()


# Functions do one thing: a longer one is split into named steps.
LONGEST_FUNCTION = 45


def function_lengths(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield node.name, node.end_lineno - node.lineno + 1


def test_no_function_is_longer_than_the_house_allows():
    too_long = []
    for path in python_files("plugins", "tooling"):
        relative = path.relative_to(PROJECT_ROOT).as_posix()
        for name, length in function_lengths(path):
            if length > LONGEST_FUNCTION:
                too_long.append(f"{relative} {name} ({length} lines)")
    assert not too_long, (
        f"split into named steps (at most {LONGEST_FUNCTION} lines): {', '.join(too_long)}"
    )
