"""No symbolic link in any folder Pelican copies into the output.

Pelican copies what a link points at, so a link in theme/static/ would publish a
file from anywhere on the machine. content/ (STATIC_PATHS and `extra/` live there)
is checked by checks.report_symlinks; a STATIC_PATHS entry outside content/ is
already refused, because its files would be written outside the output folder.
"""

import logging
import os

logger = logging.getLogger(__name__)


def theme_static_folders(settings):
    """The folders of the theme that Pelican copies into the output's theme folder."""
    folders = [os.path.join(settings["THEME"], path) for path in settings["THEME_STATIC_PATHS"]]
    return [folder for folder in folders if os.path.lexists(folder)]


def _symlinks_in(folder):
    if os.path.islink(folder):
        yield folder
        return
    for parent, subfolders, files in os.walk(folder):
        for name in sorted(subfolders + files):
            path = os.path.join(parent, name)
            if os.path.islink(path):
                yield path


def report_symlinks_in_theme_static(settings):
    """One line for each symbolic link in a folder of the theme that is copied."""
    for folder in theme_static_folders(settings):
        for link in _symlinks_in(folder):
            logger.error(
                "%s: is a symbolic link in the theme's static files (copy the real file into "
                "the theme instead; a link can publish files from outside the project)",
                link,
            )
