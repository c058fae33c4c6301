"""The same site in the same order, in every process.

Pelican collects the files it reads into a set, whose order changes from one process
to the next (Python salts string hashes per process), and it reads them in that
order: the same mistakes in two files were reported in either order. Each
generator's files now come in path order, so every build reads, and reports, in the
same order.

The set also orders Pelican's list of static files (`staticfiles`) and its
`static_content` and `generated_content` maps. Nothing shown depends on that order
today, but a template that loops over them would differ from build to build, and so
would the digests that decide which pages a warm build renders
(plugin_support.page_reuse). Sorting them by source path, before anything is
written, makes the order part of the content.
"""

import functools

ORDERED_LISTS = ("staticfiles",)
ORDERED_MAPS = ("static_content", "generated_content")


class FilesInPathOrder(set):
    """The set of files Pelican's get_files returns, gone through in path order."""

    def __iter__(self):
        return iter(sorted(set.__iter__(self)))


def read_in_path_order(generator):
    """generator_init handler: the generator's get_files gives its files in path order
    (still a set: Pelican's static generator adds another set to it)."""
    get_files = generator.get_files

    @functools.wraps(get_files)
    def files_in_path_order(*args, **kwargs):
        return FilesInPathOrder(get_files(*args, **kwargs))

    generator.get_files = files_in_path_order


def sort_by_source_path(generators):
    """all_generators_finalized handler: order the lists Pelican filled from a set."""
    if not generators:
        return
    context = generators[0].context
    for key in ORDERED_LISTS:
        files = context.get(key)
        if isinstance(files, list):
            files.sort(key=lambda item: str(getattr(item, "source_path", "")))
    for key in ORDERED_MAPS:
        found = context.get(key)
        if isinstance(found, dict):
            ordered = sorted(found.items(), key=lambda pair: str(pair[0]))
            found.clear()
            found.update(ordered)
