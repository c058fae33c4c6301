"""Read, convert and typogrify the files the content cache lacks on every core.

Pelican reads one file at a time, and on a cold build reading (Markdown, then
typogrify in the reader) is most of the time. Before a generator reads, the files
its content cache lacks are read in forked workers (plugin_support.forked_workers),
and what each reader returned is stored in the cache exactly as Readers.read_file
would store it. Pelican then reads as usual and finds every file in the cache, so
the items, their order and the output are those of a serial build.

Meanwhile the build process, which would only wait, compiles the theme's templates
(plugin_templates.compile_every_template).

A file whose reading logged anything (a problem, a notice) is not stored: Pelican
reads it again in this process, where the line reaches the build's report, and
where a file with a problem is never cached (tooling.runner).
"""

import logging
import os

from plugin_support.forked_workers import can_fork, kept_records, map_in_chunks, worker_count
from plugin_support.pelican_internals import is_cached, read_for_cache
from plugin_support.plugin_templates import compile_every_template

# Reading a file takes milliseconds: a fork pays off only for many files.
SMALLEST_PARALLEL_READ = 32
# A post takes a few milliseconds to read: workers take two at a time, so they finish
# within milliseconds of each other however the machine shares its cores.
READ_CHUNK_SIZE = 2
# Which settings list the folders each generator reads (as its generate_context does).
FOLDER_SETTINGS = {
    "ArticlesGenerator": ("ARTICLE_PATHS", "ARTICLE_EXCLUDES"),
    "PagesGenerator": ("PAGE_PATHS", "PAGE_EXCLUDES"),
}


# What the last read-ahead in this process did (the tests and the bench report it).
LAST_READ_AHEAD = {"files": 0, "processes": 0}


def read_ahead_in_parallel(generator):
    """article_generator_init / page_generator_init: fill the cache on every core."""
    folders = FOLDER_SETTINGS.get(type(generator).__name__)
    workers = worker_count()
    if folders is None or workers <= 1 or not generator.settings.get("CACHE_CONTENT"):
        return
    paths_setting, excludes_setting = folders
    settings = generator.settings
    missing = [
        path
        for path in (
            os.path.abspath(os.path.join(generator.path, relative))
            for relative in generator.get_files(
                settings[paths_setting], exclude=settings[excludes_setting]
            )
        )
        if not is_cached(generator.readers, path)
    ]
    if len(missing) < SMALLEST_PARALLEL_READ or not can_fork():
        return
    LAST_READ_AHEAD.update(files=len(missing), processes=workers)
    try:
        read = map_in_chunks(
            _file_reader(generator.readers),
            missing,
            workers,
            READ_CHUNK_SIZE,
            work_here=False,
            meanwhile=lambda: compile_every_template(generator.env),
        )
    except Exception:  # a worker stopped: Pelican reads every file itself
        return
    for path, data in zip(missing, read, strict=True):
        if data is not None:
            generator.readers.cache_data(path, data)


def _file_reader(readers):
    def read_file(path):
        """What the cache keeps for `path`, or None: Pelican then reads it again in the
        build process, where what it logs reaches the build's report."""
        with kept_records() as records:
            try:
                data = read_for_cache(readers, path)
            except Exception:  # Pelican reads it again and reports why
                return None
        if any(_worth_reporting(record) for record in records):
            return None
        return data

    return read_file


def _worth_reporting(record):
    return record.levelno >= logging.WARNING or getattr(record, "notice", False)
