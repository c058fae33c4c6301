"""invoke publish, start to end: build with publishconf, check, then publish.

Settings (one dict in publishconf.py, every key optional; CLI options win):

    PUBLISHING = {
        "remote": "origin",    # git remote (a name, URL or path) that holds the live branch
        "branch": "gh-pages",  # the branch GitHub Pages serves
        "cname": None,         # custom domain written to CNAME; must be SITEURL's host
    }
"""

import re
import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from plugin_support.settings import Setting, checked, settings_file_of

from tooling.runner import build_site, load_settings

from . import ghpages
from .errors import PublishError
from .output_checks import check_output

HOSTNAME = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


@dataclass(frozen=True)
class PublishResult:
    """What one successful publish did."""

    commit: str
    parent: str | None
    changed: bool
    source_commit: str
    remote: str
    branch: str
    build_time: datetime


def _remote_or_branch(value):
    if not isinstance(value, str) or not value.strip():
        return f"{value!r} is not a non-empty string", 'write e.g. "origin" or "gh-pages"'
    return None


def _cname(value):
    if value is None:
        return None
    if not isinstance(value, str) or not HOSTNAME.match(value):
        return f'"{value}" is not a domain', "e.g. www.example.com, or None"
    return None


DECLARATIONS = {
    "remote": Setting(
        "origin", "git remote (a name, URL or path) that holds the live branch", _remote_or_branch
    ),
    "branch": Setting("gh-pages", "the branch GitHub Pages serves", _remote_or_branch),
    "cname": Setting(None, "custom domain written to CNAME; must be SITEURL's host", _cname),
}


def _cname_is_site_host(merged, settings):
    cname = merged["cname"]
    site_host = urlsplit(settings.get("SITEURL") or "").hostname
    if cname and cname != site_host:
        return [
            (
                "cname",
                f'"{cname}" is not SITEURL\'s host "{site_host}"',
                f"set SITEURL to https://{cname} or drop the custom domain",
            )
        ]
    return []


def publishing_settings(settings, **options):
    """PUBLISHING checked over its defaults, then the non-empty CLI options; validated once."""
    given = settings.get("PUBLISHING")
    if isinstance(given, dict):
        given = {**given, **{k: v for k, v in options.items() if v is not None}}
    merged, problems = checked(
        {**settings, "PUBLISHING": given}, "PUBLISHING", DECLARATIONS, _cname_is_site_host
    )
    if problems:
        lines = [f"{_source_of(problem, settings, options)}: {problem}" for problem in problems]
        raise PublishError(lines[0], details=lines)
    merged["cname"] = merged["cname"] or None
    return merged


def _source_of(problem, settings, options):
    """Where a PUBLISHING value came from: a command-line option, or a settings file."""
    key = re.match(r'PUBLISHING\["(\w+)"\]', problem)
    if key and options.get(key.group(1)) is not None:
        return f"invoke publish --{key.group(1)}"
    return settings_file_of("PUBLISHING", settings)


def publish_site(
    repo,
    settings_file,
    overrides=None,
    *,
    remote=None,
    branch=None,
    cname=None,
    build_time=None,
    dry_run=False,
):
    """Build `repo`'s site with `settings_file` into a fresh folder, check it, publish it.

    `build_time` (an aware datetime) is the clock that decides which scheduled
    posts are due; by default SITE_BUILD_TIME, PUBLICATION["build_time"] or now.
    With `dry_run`, stop after the checks (git is not touched; returns None).
    Raises PublishError (nothing published, gh-pages untouched) on any failure.
    """
    overrides = dict(overrides or {})
    settings = _load(settings_file, overrides)
    target = publishing_settings(settings, remote=remote, branch=branch, cname=cname)
    # Before the build: a repository git cannot publish from fails without building.
    source = None if dry_run else _source_of_build(repo, settings_file, settings)
    workdir = Path(tempfile.mkdtemp(prefix="publish-"))
    try:
        report = _build_and_check(settings_file, settings, overrides, build_time, workdir)
        if dry_run:
            return None
        published = _publish_output(repo, settings_file, report, target, source)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return PublishResult(
        commit=published.sha,
        parent=published.parent,
        changed=published.changed,
        source_commit=source.sha,
        remote=target["remote"],
        branch=target["branch"],
        build_time=report.settings["BUILD_TIME"],
    )


@dataclass(frozen=True)
class SourceCommit:
    """The commit the site is built from, and the paths that differ from it."""

    sha: str
    subject: str
    uncommitted: list


def _source_of_build(repo, settings_file, settings):
    """Check git can commit here, and name the source commit (PublishError if not)."""
    ghpages.committer_identity(repo)
    return SourceCommit(*ghpages.source_commit(repo, _build_inputs(repo, settings_file, settings)))


def _publish_output(repo, settings_file, report, target, source):
    """Commit the built site to the live branch and push it; what ghpages did."""
    # The clock the build really used (SITE_BUILD_TIME wins over the setting).
    used_clock = report.settings["BUILD_TIME"]
    return ghpages.publish_directory(
        repo,
        report.output_path,
        remote=target["remote"],
        branch=target["branch"],
        cname=target["cname"],
        message=_commit_message(
            source.sha, source.subject, source.uncommitted, settings_file, used_clock
        ),
        source_markers=_source_markers(repo, settings_file),
    )


def _load(settings_file, overrides):
    try:
        return load_settings(settings_file, overrides)
    except Exception as error:  # a broken settings file is one line, like any mistake
        raise PublishError(f"{Path(settings_file).name} cannot be loaded: {error}") from None


def _build_and_check(settings_file, settings, overrides, build_time, workdir):
    """The production build in `workdir`, and every publish check over it; the build's report.

    Raises PublishError, with every problem as a detail line, if either finds any.
    """
    publication = dict(settings.get("PUBLICATION") or {})
    if build_time is not None or publication.get("build_time") is None:
        # Pin "now" once, so the build and the checks agree on what is due.
        clock = build_time or datetime.now(ZoneInfo(settings.get("TIMEZONE") or "UTC"))
        publication["build_time"] = clock.isoformat()
    report = build_site(
        settings_file,
        {**overrides, "OUTPUT_PATH": str(workdir / "site"), "PUBLICATION": publication},
    )
    if not report.ok:
        raise PublishError(
            f"the build found {_count(report.problems, 'problem')}; nothing was published",
            details=report.problems,
        )
    try:
        problems = check_output(report.output_path, report.settings)
    except Exception as error:  # a check that cannot run must still be one line
        raise PublishError(f"the publish checks stopped: {type(error).__name__}: {error}") from None
    if problems:
        raise PublishError(
            f"the built site failed {_count(problems, 'check')}; nothing was published",
            details=problems,
        )
    return report


def _count(lines, noun):
    return f"{len(lines)} {noun}{'s' if len(lines) != 1 else ''}"


def _build_inputs(repo, settings_file, settings):
    """What the build reads: an untracked file in one of these changes the site."""
    repo = Path(repo)
    settings_file = Path(settings_file)
    return [
        repo / "content",
        repo / "theme",
        repo / "plugins",
        repo / "tooling",
        repo / "pelicanconf.py",
        repo / "publishconf.py",
        settings_file,
        settings_file.parent / "pelicanconf.py",  # publishconf imports it
        Path(settings["PATH"]),
        Path(settings["THEME"]),
        *map(Path, settings.get("PLUGIN_PATHS") or ()),
    ]


def _source_markers(repo, settings_file):
    """Paths only the project's source has, as git names them from the top of the
    work tree (the project may sit in a subfolder of its repository)."""
    top = Path(ghpages.git(repo, "rev-parse", "--show-toplevel")).resolve()
    settings_file = Path(settings_file).resolve()
    markers = list(ghpages.SOURCE_MARKERS)
    for path in (settings_file, settings_file.parent / "pelicanconf.py"):
        if path.is_relative_to(top):
            markers.append(path.relative_to(top).as_posix())
    return tuple(dict.fromkeys(markers))


# Uncommitted paths named in the commit message; the rest are counted.
LISTED_UNCOMMITTED = 10


def _commit_message(sha, subject, uncommitted, settings_file, clock):
    state = " plus uncommitted changes" if uncommitted else ""
    listed = [f"  {path}" for path in uncommitted[:LISTED_UNCOMMITTED]]
    if len(uncommitted) > LISTED_UNCOMMITTED:
        listed.append(f"  and {len(uncommitted) - LISTED_UNCOMMITTED} more")
    changes = "".join(f"{line}\n" for line in ["Uncommitted changes:", *listed]) if listed else ""
    return (
        f"Publish site from {sha[:12]}{state}: {subject}\n\n"
        f"Source commit: {sha}{state}\n"
        f"{changes}"
        f"Built with {Path(settings_file).name} at {clock.isoformat()}\n"
    )
