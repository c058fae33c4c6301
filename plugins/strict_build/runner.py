"""Run one Pelican build in-process and decide from its problems whether it counts.

The site is always written to a fresh staging folder. Only a build with no
problem replaces the destination, so a mistake never leaves a half-built or
stale site where the preview server or the publisher would pick it up.
"""

import logging
import shutil
import sys
import tempfile
import weakref
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from pelican import Pelican
from pelican.log import LimitLogger
from pelican.plugins import signals
from pelican.settings import read_settings
from pelican.writers import FileOverwriteFailedError

from .problems import ProblemCollector


@dataclass
class BuildReport:
    """What one build produced: the problems found and where the site now is."""

    problems: list = field(default_factory=list)
    output_path: Path | None = None
    settings: dict | None = None

    @property
    def ok(self):
        return not self.problems


def disconnect_all_plugins():
    """Forget every receiver connected by an earlier build in this process.

    Pelican calls each plugin's register() on every build; without this, a plugin
    from one site would keep acting on the next site built in the same process.
    """
    for value in vars(signals).values():
        receivers = getattr(value, "receivers", None)
        if not isinstance(receivers, dict):
            continue
        for receiver in list(receivers.values()):
            if isinstance(receiver, weakref.ref):
                receiver = receiver()
            if receiver is not None:
                value.disconnect(receiver)


def load_settings(settings_file, overrides=None):
    """Read a settings file the way `pelican -s` does, with overrides on top."""
    # Pelican keeps each settings file as a module named after the file. A stale one
    # (another site's pelicanconf, or this one before an edit) would otherwise be what
    # publishconf's `from pelicanconf import *` gets.
    for module_name in ("pelicanconf", Path(settings_file).stem):
        sys.modules.pop(module_name, None)
    return read_settings(str(settings_file), override=dict(overrides or {}))


@contextmanager
def collecting_every_record(collector):
    """Route every warning and error of the build to `collector`.

    Pelican's loggers drop a warning already logged once in this process and fold
    similar ones after five. A second build in the same process (livereload, tests)
    would then pass with the same broken link, so the limit is lifted for the build.
    """
    limited = [
        named_logger
        for named_logger in logging.Logger.manager.loggerDict.values()
        if isinstance(named_logger, LimitLogger)
    ]
    for named_logger in limited:
        named_logger.disable_filter()
    root_logger = logging.getLogger()
    previous_level = root_logger.level
    root_logger.addHandler(collector)
    root_logger.setLevel(min(previous_level or logging.WARNING, logging.WARNING))
    try:
        yield
    finally:
        root_logger.removeHandler(collector)
        root_logger.setLevel(previous_level)
        for named_logger in limited:
            named_logger.enable_filter()


def build_site(settings_file, overrides=None, keep_output=True, progress=None):
    """Build into a staging folder; on success it replaces OUTPUT_PATH.

    With keep_output False (a check), the staged site is thrown away either way.
    `progress` (tooling.progress.BuildProgress) is connected to this build's signals.
    Returns a BuildReport; never raises for a content or settings mistake.
    """
    overrides = dict(overrides or {})
    collector = ProblemCollector()
    staging = final_output = settings = None
    with collecting_every_record(collector):
        disconnect_all_plugins()
        try:
            settings = load_settings(settings_file, overrides)
        except Exception as error:  # a broken settings file is one line, like any mistake
            where = Path(settings_file).name
            collector.lines.append(f"{where}: cannot be loaded: {type(error).__name__}: {error}")
        else:
            collector.set_content_path(settings["PATH"])
            final_output = Path(settings["OUTPUT_PATH"]).resolve()
            final_output.parent.mkdir(parents=True, exist_ok=True)
            staging = Path(
                tempfile.mkdtemp(prefix=f".{final_output.name}.staging-", dir=final_output.parent)
            )
            # Pelican writes into the staging folder; read_settings already made paths absolute.
            settings["OUTPUT_PATH"] = str(staging)
            try:
                _run_pelican(settings, collector, progress)
            except BaseException:  # Ctrl-C mid-build: leave no staging folder behind
                shutil.rmtree(staging, ignore_errors=True)
                raise

    report = BuildReport(problems=list(collector.lines), settings=settings)
    if staging is None:
        return report
    try:
        if report.ok and keep_output:
            _replace_directory(final_output, staging)
            report.output_path = final_output
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return report


def _run_pelican(settings, collector, progress=None):
    try:
        # Progress (issue 10): connected after the signal reset; disconnected with the plugins.
        if progress is not None:
            progress.connect()
        pelican = Pelican(settings)  # plugins check their settings here, each logging its own lines
        if collector.lines:
            return  # settings mistakes: all are reported; a build would only add noise
        pelican.run()
    except FileOverwriteFailedError as error:
        if not collector.lines:  # otherwise strict_build.checks already named both sources
            collector.lines.append(f"build stopped: {error}")
    except Exception as error:  # any failure must become a line, not a traceback
        collector.lines.append(f"build stopped: {type(error).__name__}: {error}".splitlines()[0])
    finally:
        disconnect_all_plugins()


def _replace_directory(target, staging):
    previous = target.with_name(f".{target.name}.previous")
    shutil.rmtree(previous, ignore_errors=True)
    if target.exists():
        target.rename(previous)
    staging.rename(target)
    shutil.rmtree(previous, ignore_errors=True)
