"""Fixture sites: small content folders built for real with the project's settings.

Kept out of conftest.py so any test module can import it by name
(`from fixture_sites import FixtureSite`) without depending on which conftest
pytest happened to import first.
"""

from dataclasses import dataclass
from pathlib import Path
from textwrap import dedent

from bs4 import BeautifulSoup

from tooling.runner import build_site

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# Pages the project's settings link from every page: the menu (MENUITEMS) and the
# signup form's subscribe and privacy pages. The build checks every link, so each
# fixture site has them, as a real site must (a test may write its own first).
LINKED_PAGES = {
    "about": "About",
    "book": "Book",
    "speaking": "Speaking",
    "subscribe": "Subscribe",
    "privacy": "Privacy",
}
SETTINGS_FILES = {
    "dev": PROJECT_ROOT / "pelicanconf.py",
    "prod": PROJECT_ROOT / "publishconf.py",
}


@dataclass
class BuiltSite:
    """The result of one fixture build: its problems and the files it wrote."""

    problems: list
    output: Path
    # From a build in a fresh process: {"read": {...}, "render": {...}} (see build()).
    parallel: dict | None = None

    @property
    def ok(self):
        return not self.problems

    def path(self, relative):
        return self.output / relative

    def text(self, relative):
        return self.path(relative).read_text(encoding="utf-8")

    def soup(self, relative):
        return BeautifulSoup(self.text(relative), "lxml")

    def files(self):
        return sorted(
            p.relative_to(self.output).as_posix() for p in self.output.rglob("*") if p.is_file()
        )


FRESH_PROCESS_BUILD = """
import json, sys
sys.path[:0] = [sys.argv[1], sys.argv[1] + "/plugins"]
from tooling.runner import build_site
from plugin_support import parallel_writing
from strict_build import parallel_reading
request = json.load(sys.stdin)
report = build_site(request["settings_file"], request["overrides"])
with open(request["result_file"], "w", encoding="utf-8") as result_file:
    json.dump(
        {
            "problems": report.problems,
            "parallel": {
                "read": parallel_reading.LAST_READ_AHEAD,
                "render": parallel_writing.LAST_RENDER,
            },
        },
        result_file,
    )
"""


def build_in_fresh_process(settings_file, overrides, prelude=""):
    import json
    import subprocess
    import sys

    result_file = Path(overrides["OUTPUT_PATH"]).parent / ".fresh-process-build.json"
    request = {
        "settings_file": str(settings_file),
        "overrides": overrides,
        "result_file": str(result_file),
    }
    completed = subprocess.run(
        [sys.executable, "-c", prelude + FRESH_PROCESS_BUILD, str(PROJECT_ROOT)],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    result = json.loads(result_file.read_text(encoding="utf-8"))
    result_file.unlink()
    return BuiltSite(
        problems=result["problems"],
        output=Path(overrides["OUTPUT_PATH"]),
        parallel=result["parallel"],
    )


# Social cards and AVIF/WebP copies cost a noticeable fraction of a second per page on a
# cold cache; fixture sites leave them off unless a test turns them on (tests/images).
IMAGES_OFF = {"social_cards": False, "derivatives": False}


class FixtureSite:
    """A throwaway site folder: write content files into it, then build it."""

    def __init__(self, root, theme_options=None):
        self.root = Path(root)
        # The example site's theme options link its own pages (a case-studies category,
        # a strategy-session service): only sites built from its content keep them
        # ("project"); others get the defaults, or options of their own.
        self.theme_options = {} if theme_options is None else theme_options
        self.content = self.root / "content"
        self.content.mkdir(parents=True, exist_ok=True)
        for slug, title in LINKED_PAGES.items():
            if not (self.content / "pages" / f"{slug}.md").exists():
                self.write(f"pages/{slug}.md", f"Title: {title}\nSlug: {slug}\n\nShort and true.\n")

    def write(self, relative, text, encoding="utf-8"):
        path = self.content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(dedent(text).lstrip("\n"), encoding=encoding)
        return path

    def build(self, profile="dev", settings=None, output=None, fresh_process=False, prelude=""):
        """Build with the project's settings file for `profile`, plus `settings`.

        fresh_process: in a new Python process, as `invoke build` runs. Forked build
        workers are only used in a process with no other threads, and a test process
        may have some (the browser's, a test server's); the result then also carries
        how the build read and rendered (`parallel`). `prelude`: Python that process
        runs first (a test watching what the build does).
        """
        overrides = {
            "PATH": str(self.content),
            "OUTPUT_PATH": str(output or self.root / f"output-{profile}"),
            "CACHE_PATH": str(self.root / f"cache-{profile}"),
            "IMAGES": IMAGES_OFF,
            **({} if self.theme_options == "project" else {"THEME_OPTIONS": self.theme_options}),
            **(settings or {}),
        }
        if fresh_process:
            return build_in_fresh_process(SETTINGS_FILES[profile], overrides, prelude)
        report = build_site(SETTINGS_FILES[profile], overrides)
        return BuiltSite(problems=report.problems, output=Path(overrides["OUTPUT_PATH"]))


def project_settings(profile="dev"):
    """The names a project settings file defines, read from its path (never from sys.modules)."""
    import runpy

    return runpy.run_path(str(SETTINGS_FILES[profile]))


def differences(left, right):
    """Every file that differs, or exists on one side only, between two folders."""
    import filecmp

    found = []

    def walk(comparison, prefix=""):
        found.extend(prefix + name for name in comparison.left_only + comparison.right_only)
        found.extend(prefix + name for name in comparison.diff_files)
        _, mismatch, errors = filecmp.cmpfiles(
            comparison.left, comparison.right, comparison.common_files, shallow=False
        )
        found.extend(prefix + name for name in mismatch + errors)
        for name, sub in comparison.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(left, right))
    return sorted(set(found))


# Production settings served from a local test server: root-relative links, and a
# feed domain so Pelican has no reason to warn about feed URLs.
LOCAL_PRODUCTION = {"SITEURL": "", "FEED_DOMAIN": "http://127.0.0.1"}

PROJECT_CODE = ("theme", "plugins", "tooling", "pelicanconf.py", "publishconf.py", "tasks.py")


def copy_project(destination, names=PROJECT_CODE):
    """Copy the project's own files into `destination`, as a fresh clone would have them."""
    import shutil

    destination = Path(destination)
    for name in names:
        source = PROJECT_ROOT / name
        if source.is_dir():
            shutil.copytree(
                source, destination / name, ignore=shutil.ignore_patterns("__pycache__")
            )
        else:
            shutil.copy2(source, destination / name)
    return destination


def invoke(project, *args, env=None):
    """Run `invoke ARGS` in a project copy, as an author would; the completed process."""
    import subprocess
    import sys

    return subprocess.run(
        [sys.executable, "-m", "invoke", *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=240,
        env=env,
    )
