"""Run one Pelican build in-process and decide from its problems whether it counts.

The site is always written to a fresh staging folder. Only a build with no
problem replaces the destination, so a mistake never leaves a half-built or
stale site where the preview server or the publisher would pick it up.
"""

import atexit
import copy
import gc
import logging
import shutil
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from pelican import Pelican
from pelican.settings import read_settings
from pelican.writers import FileOverwriteFailedError
from plugin_support import background_steps
from plugin_support.forked_workers import stop_started_workers
from plugin_support.page_reuse import PREVIOUS_OUTPUT_KEY
from plugin_support.parallel_writing import finish_writing
from plugin_support.pelican_internals import (
    console_output_captured,
    disconnect_all_plugins,
    drop_from_content_cache,
    every_warning_logged,
    forget_all_memoized_html,
)
from plugin_support.settings import SETTINGS_FILE_KEY

from .problems import ProblemCollector


@dataclass
class BuildReport:
    """What one build produced: the problems, notices and summary, and where the site now is."""

    problems: list = field(default_factory=list)
    notices: list = field(default_factory=list)
    summary: str = ""
    output_path: Path | None = None
    settings: dict | None = None

    @property
    def ok(self):
        return not self.problems


def load_settings(settings_file, overrides=None):
    """Read a settings file the way `pelican -s` does, with overrides on top."""
    # Pelican keeps each settings file as a module named after the file. A stale one
    # (another site's pelicanconf, or this one before an edit) would otherwise be what
    # publishconf's `from pelicanconf import *` gets.
    for module_name in ("pelicanconf", Path(settings_file).stem):
        sys.modules.pop(module_name, None)
    # The plugins name the file a mistaken setting is in (plugin_support.settings).
    # A copy all the way down: Pelican adds to dicts it is given (MARKDOWN's
    # extension_configs), and a caller's second build with the same overrides would
    # get another cache fingerprint, and so a cold build.
    overrides = {
        SETTINGS_FILE_KEY: str(Path(settings_file).resolve()),
        **copy.deepcopy(overrides or {}),
    }
    return read_settings(str(settings_file), override=overrides)


# Pelican's writer says "Writing <path>" at INFO for every page, which the collector
# drops (it keeps only notices): a record made, and the stack walked, 2,000 times at
# 1,000 posts.
PER_PAGE_LOGGERS = ("pelican.writers",)


@contextmanager
def collecting_every_record(collector):
    """Route every warning and error of the build (and its notices) to `collector`."""
    root_logger = logging.getLogger()
    previous_level = root_logger.level
    root_logger.addHandler(collector)
    # INFO reaches the collector, which keeps only notices (extra={"notice": True}).
    root_logger.setLevel(min(previous_level or logging.WARNING, logging.INFO))
    per_page = [logging.getLogger(name) for name in PER_PAGE_LOGGERS]
    per_page_levels = [logger.level for logger in per_page]
    for logger in per_page:
        logger.setLevel(logging.WARNING)
    try:
        with every_warning_logged():
            yield
    finally:
        root_logger.removeHandler(collector)
        root_logger.setLevel(previous_level)
        for logger, level in zip(per_page, per_page_levels, strict=True):
            logger.setLevel(level)


def build_site(settings_file, overrides=None, keep_output=True, progress=None):
    """Build into a staging folder; on success it replaces OUTPUT_PATH.

    With keep_output False (a check), the staged site is thrown away either way.
    `progress` (tooling.progress.BuildProgress) is connected to this build's signals.
    Returns a BuildReport; never raises for a content or settings mistake.
    """
    collector = ProblemCollector()
    build = _StagedBuild()
    console = []
    with collecting_every_record(collector):
        disconnect_all_plugins()
        build.settings = _settings_or_problem(settings_file, overrides, collector)
        if build.settings is not None:
            build.stage(collector)
            try:
                with console_output_captured(console):
                    _run_pelican(build.settings, collector, progress)
            except BaseException:  # Ctrl-C mid-build: leave no staging folder behind
                shutil.rmtree(build.staging, ignore_errors=True)
                raise
    report = BuildReport(
        problems=list(collector.lines),
        notices=list(collector.notices),
        summary="".join(console).strip(),
        settings=build.settings,
    )
    if build.staging is not None:
        build.finish(report, collector, keep_output)
    return report


def end_process_quickly():
    """Let the process that ran a build skip Python's last garbage collection when it ends.

    A build of 1,000 posts leaves millions of objects, and the collection Python runs
    as it exits walks them all (0.1-0.2 s of a 4 s warm build) to find garbage the exit
    frees anyway. Freezing them at exit skips that walk; it runs at exit, so whatever
    the process does after the build (another task on the command line) collects as
    usual. Nothing a build leaves needs collecting to finish its work: its files are
    written and closed, its workers and Pagefind waited for.
    """
    atexit.unregister(gc.freeze)  # once, however many builds the process ran
    atexit.register(gc.freeze)


def _settings_or_problem(settings_file, overrides, collector):
    try:
        return load_settings(settings_file, overrides)
    except Exception as error:  # a broken settings file is one line, like any mistake
        where = Path(settings_file).name
        collector.lines.append(f"{where}: cannot be loaded: {type(error).__name__}: {error}")
        return None


class _StagedBuild:
    """Where one build writes (a fresh staging folder) and where its site goes on success."""

    settings = staging = final_output = None

    def stage(self, collector):
        collector.set_content_path(self.settings["PATH"])
        self.final_output = Path(self.settings["OUTPUT_PATH"]).resolve()
        self.final_output.parent.mkdir(parents=True, exist_ok=True)
        self.staging = Path(
            tempfile.mkdtemp(
                prefix=f".{self.final_output.name}.staging-", dir=self.final_output.parent
            )
        )
        # Pelican writes into the staging folder; read_settings already made paths absolute.
        self.settings["OUTPUT_PATH"] = str(self.staging)
        # Pages whose inputs did not change are copied from there (plugin_support.page_reuse).
        self.settings[PREVIOUS_OUTPUT_KEY] = str(self.final_output)

    def finish(self, report, collector, keep_output):
        if not report.ok:
            # A file that produced a problem must fail the next build too, not come from the cache.
            drop_from_content_cache(self.settings["CACHE_PATH"], collector.problem_files())
        try:
            if report.ok and keep_output:
                _replace_directory(self.final_output, self.staging)
                report.output_path = self.final_output
        finally:
            shutil.rmtree(self.staging, ignore_errors=True)


def _run_pelican(settings, collector, progress=None):
    try:
        # Progress (issue 10): connected after the signal reset; disconnected with the plugins.
        if progress is not None:
            progress.connect()
        pelican = Pelican(settings)  # plugins check their settings here, each logging its own lines
        if collector.lines:
            return  # settings mistakes: all are reported; a build would only add noise
        pelican.run()
        finish_writing()  # in case no finalized receiver needed the pages
    except FileOverwriteFailedError as error:
        if not collector.lines:  # otherwise strict_build.checks already named both sources
            collector.lines.append(f"build stopped: {error}")
    except Exception as error:  # any failure must become a line, not a traceback
        collector.lines.append(f"build stopped: {type(error).__name__}: {error}".splitlines()[0])
    finally:
        # Pagefind, started when the pages were written: its failure is one of this
        # build's lines, and it must be done before the staging folder moves or goes.
        background_steps.wait_for_all()
        stop_started_workers()  # a worker a stopped build never collected
        disconnect_all_plugins()
        # Pelican's memo of rendered HTML would keep this build's pages alive in
        # livereload and the tests, and grow with every build.
        forget_all_memoized_html()


def _replace_directory(target, staging):
    """Swap the staged site in; the old one is deleted in the background.

    Deleting a thousand pages takes longer than building some of them, and nothing
    waits for it: the old site is first renamed out of the way (an atomic step), and
    a leftover from an interrupted deletion is removed by the next build.
    """
    for leftover in target.parent.glob(f".{target.name}.previous-*"):
        shutil.rmtree(leftover, ignore_errors=True)
    previous = None
    if target.exists():
        previous = Path(tempfile.mkdtemp(prefix=f".{target.name}.previous-", dir=target.parent))
        target.rename(previous / target.name)
    staging.rename(target)
    if previous is not None:
        # Detached, so a task that exits now does not cut the deletion short.
        subprocess.Popen(
            ["rm", "-rf", "--", str(previous)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
