"""Every file in content/ is read by some setting, or the build says so.

Pelican reads posts only from ARTICLE_PATHS, pages only from PAGE_PATHS and
copies only STATIC_PATHS (and files linked with {static}); anything else in
content/ is skipped without a word. A post saved in `content/blog/` instead of
`content/posts/` would then never be published, and the build would pass.
"""

import fnmatch
import logging
import os

from plugin_support.site_content import read_by_plugins

logger = logging.getLogger(__name__)


def files_the_build_reads(articles, pages, statics, settings):
    """Content-relative paths of every file a generator reads or copies, asked of
    the generators themselves, so excludes and IGNORE_FILES count as Pelican counts them."""
    read = set()
    if articles is not None:
        read |= articles.get_files(settings["ARTICLE_PATHS"], exclude=settings["ARTICLE_EXCLUDES"])
    if pages is not None:
        read |= pages.get_files(settings["PAGE_PATHS"], exclude=settings["PAGE_EXCLUDES"])
    if statics is not None:
        read |= statics.get_files(
            settings["STATIC_PATHS"], exclude=settings["STATIC_EXCLUDES"], extensions=False
        )
        # Files linked with {static} from outside STATIC_PATHS are copied too.
        read |= {
            os.path.relpath(static.source_path, settings["PATH"]) for static in statics.staticfiles
        }
    return {os.path.normpath(path) for path in read}


def _folder_list(folders):
    names = [f"{folder.strip('/')}/" if folder else "content/ itself" for folder in folders]
    return ", ".join(names[:-1]) + f" or {names[-1]}" if len(names) > 1 else "".join(names)


def _ignored(name, settings):
    """Hidden files (.DS_Store, editor swap files) and IGNORE_FILES are not content."""
    return name.startswith(".") or any(
        fnmatch.fnmatch(name, pattern) for pattern in settings["IGNORE_FILES"]
    )


def report_files_no_setting_reads(articles, pages, statics, settings):
    """One line for each file in content/ that nothing reads or copies."""
    content_path = settings["PATH"]
    read = files_the_build_reads(articles, pages, statics, settings)
    readable_extensions = set(articles.readers.extensions) if articles is not None else set()
    source_folders = _folder_list([*settings["ARTICLE_PATHS"], *settings["PAGE_PATHS"]])
    static_folders = _folder_list(settings["STATIC_PATHS"])
    for folder, subfolders, files in os.walk(content_path):
        subfolders[:] = sorted(name for name in subfolders if not _ignored(name, settings))
        for name in sorted(files):
            relative = os.path.normpath(os.path.relpath(os.path.join(folder, name), content_path))
            if _ignored(name, settings) or relative in read:
                continue
            if read_by_plugins(relative.replace(os.sep, "/"), settings):
                continue
            extension = os.path.splitext(name)[1][1:]
            if extension in readable_extensions:
                logger.error(
                    "%s: is not in %s, so it would not be published (move it there, "
                    "or add its folder to ARTICLE_PATHS or PAGE_PATHS in pelicanconf.py)",
                    os.path.join(folder, name),
                    source_folders,
                )
            elif not static_folders:
                logger.error(
                    "%s: is not published: STATIC_PATHS is empty, so no file is copied as it "
                    "is (link it with {static}, list its folder in STATIC_PATHS, or move it "
                    "out of content/)",
                    os.path.join(folder, name),
                )
            else:
                logger.error(
                    "%s: is not in %s, which are copied as they are, so it would not "
                    "be published (move it there, link it with {static}, or move it out of "
                    "content/)",
                    os.path.join(folder, name),
                    static_folders,
                )
