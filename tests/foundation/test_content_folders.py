"""Nothing in content/ is silently skipped: a file no setting reads or copies is one
line naming it and the fix, and the build fails."""

GOOD_POST = "Title: Good\nDate: 2026-01-10\n\nFine.\n"


def test_files_in_folders_no_setting_reads_are_errors(site_factory):
    site = site_factory()
    site.write("posts/good.md", GOOD_POST)
    site.write("blog/hello.md", "Title: Hello\nDate: 2026-01-11\n\nLost.\n")
    site.write("notes/idea.rst", "Idea\n####\n\n:date: 2026-01-12\n\nLost too.\n")
    site.write("old/page.html", "<html><head><title>Old</title></head><body>x</body></html>")
    site.write("downloads/price-list.pdf", b"%PDF-1.4\n")
    site.write("posts/chart.png", b"\x89PNG\r\n\x1a\n")
    result = site.build()
    assert result.problems == [
        "content/blog/hello.md: is not in posts/, pages/ or services/, so it would not be "
        "published (move it there, or add its folder to ARTICLE_PATHS or PAGE_PATHS in "
        "pelicanconf.py)",
        "content/downloads/price-list.pdf: is not in images/ or extra/, which are copied as "
        "they are, so it would not be published (move it there, link it with {static}, or "
        "move it out of content/)",
        "content/notes/idea.rst: is not in posts/, pages/ or services/, so it would not be "
        "published (move it there, or add its folder to ARTICLE_PATHS or PAGE_PATHS in "
        "pelicanconf.py)",
        "content/old/page.html: is not in posts/, pages/ or services/, so it would not be "
        "published (move it there, or add its folder to ARTICLE_PATHS or PAGE_PATHS in "
        "pelicanconf.py)",
        "content/posts/chart.png: is not in images/ or extra/, which are copied as they are, "
        "so it would not be published (move it there, link it with {static}, or move it out "
        "of content/)",
    ]
    assert not result.output.exists()


def test_everything_read_copied_linked_or_skipped_on_purpose_passes(site_factory):
    site = site_factory()
    site.write("posts/good.md", GOOD_POST + "\n![A chart]({static}chart.png)\n")
    site.write("posts/chart.png", b"\x89PNG\r\n\x1a\n")
    site.write("posts/later.md", "Title: Later\nDate: 2026-01-11\nStatus: skip\n\nNot yet.\n")
    site.write("pages/about.md", "Title: About\n\nMe.\n")
    site.write("images/a.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>")
    site.write("extra/robots.txt", "User-agent: *\n")
    site.write(".DS_Store", b"\x00\x00\x00\x01Bud1")
    result = site.build()
    assert result.ok, result.problems
    assert result.path("posts/chart.png").is_file()


def test_a_folder_added_to_the_settings_is_read(site_factory):
    site = site_factory()
    site.write("blog/hello.md", "Title: Hello\nDate: 2026-01-11\n\nFound.\n")
    result = site.build(settings={"ARTICLE_PATHS": ["posts", "blog"]})
    assert result.ok, result.problems
    assert result.path("blog/hello/index.html").is_file()
