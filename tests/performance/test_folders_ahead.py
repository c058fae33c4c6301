"""The output's folders are made in the background once every written file is known
(plugin_support.folders_ahead): exactly the folders of the files the build writes,
and the site is byte for byte the one the writer alone makes."""

import os
from pathlib import Path

from fixture_sites import FixtureSite, differences
from plugin_support import background_steps, folders_ahead
from strict_build import checks

POST = """
Title: Post {number}
Slug: post-{number}
Date: 2026-01-{day:02d} 09:00
Category: Notes
Tags: tag-{number}

Body of post {number}.
"""


def folders_in(root):
    return {
        Path(folder).relative_to(root).as_posix()
        for folder, _subfolders, _files in os.walk(root)
        if Path(folder) != root
    }


def empty_folders(root):
    return sorted(
        Path(folder).relative_to(root).as_posix()
        for folder, subfolders, files in os.walk(root)
        if not subfolders and not files
    )


def test_the_folder_of_every_file_is_made_and_nothing_else(tmp_path):
    files = [
        "index.html",
        "blog/a-post/index.html",
        "blog/a-post/image.png",
        "tag/pricing/page/2/index.html",
        "-starts-with-a-dash/index.html",
        "a space/ünïcode/index.html",
        "new\nline/index.html",
    ]

    folders_ahead.make_folders_ahead(tmp_path, files)
    background_steps.wait_for_all()

    assert folders_in(tmp_path) == {
        "blog",
        "blog/a-post",
        "tag",
        "tag/pricing",
        "tag/pricing/page",
        "tag/pricing/page/2",
        "-starts-with-a-dash",
        "a space",
        "a space/ünïcode",
        "new\nline",
    }


def test_a_build_makes_the_folders_of_its_planned_files_and_writes_what_the_writer_alone_does(
    tmp_path, monkeypatch
):
    site = FixtureSite(tmp_path / "site")
    for number in range(8):
        site.write(f"posts/post-{number}.md", POST.format(number=number, day=number + 1))
    asked = []

    def recording(output_path, files):
        asked.append((Path(output_path), list(files)))
        folders_ahead.make_folders_ahead(output_path, files)

    monkeypatch.setattr(checks, "make_folders_ahead", recording)
    ahead = site.build(output=tmp_path / "ahead")
    monkeypatch.setattr(folders_ahead, "MAKE_FOLDERS", ("no-such-program-for-folders",))
    writer_alone = site.build(output=tmp_path / "writer-alone")

    assert ahead.ok and writer_alone.ok, ahead.problems + writer_alone.problems
    assert differences(ahead.output, writer_alone.output) == []
    assert empty_folders(ahead.output) == []
    # Asked once, for the staging folder, with every page the build wrote among the files.
    [(staging, files)] = asked[:1]
    assert staging.name.startswith(".ahead.staging-")
    pages = {path.relative_to(ahead.output).as_posix() for path in ahead.output.rglob("*.html")}
    assert pages <= set(files)
    assert {"blog/post-0", "tag/tag-7"} <= {str(Path(file).parent) for file in files}
