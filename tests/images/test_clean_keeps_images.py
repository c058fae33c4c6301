"""`invoke clean` keeps the cache of cards and copies (never stale); --images removes it."""

import subprocess
import sys

from fixture_sites import PROJECT_CODE, copy_project


def invoke(project, *args):
    return subprocess.run(
        [sys.executable, "-m", "invoke", *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )


def test_clean_keeps_cached_images_unless_asked(tmp_path):
    project = copy_project(tmp_path, PROJECT_CODE)
    for made in ("output/index.html", "cache/dev/content.pickle", "cache/images/ab/card.png"):
        (project / made).parent.mkdir(parents=True, exist_ok=True)
        (project / made).write_text("x")
    invoke(project, "clean")
    assert not (project / "output").exists()
    assert not (project / "cache/dev").exists()
    assert (project / "cache/images/ab/card.png").exists()
    invoke(project, "clean", "--images")
    assert not (project / "cache/images").exists()
