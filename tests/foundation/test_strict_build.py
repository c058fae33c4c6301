"""Every content mistake is one line naming the file, the field and the fix; the build fails."""

from pathlib import Path

GOOD_POST = """
    Title: A good post
    Date: 2026-01-10
    Category: Notes

    Fine.
"""


def test_a_good_site_builds_with_no_problems(site_factory):
    site = site_factory()
    site.write("posts/good.md", GOOD_POST)
    result = site.build()
    assert result.problems == []
    assert result.path("blog/a-good-post/index.html").is_file()


def test_invalid_date_names_file_and_field(site_factory):
    site = site_factory()
    site.write("posts/bad-date.md", "Title: Bad date\nDate: 2026-13-45\n\nText.\n")
    result = site.build()
    assert result.problems == [
        'content/posts/bad-date.md: Date: "2026-13-45" is not a valid date '
        "(write it as YYYY-MM-DD or YYYY-MM-DD HH:MM, e.g. 2026-11-23)"
    ]


def test_missing_title_names_file_and_field(site_factory):
    site = site_factory()
    site.write("posts/untitled.md", "Date: 2026-01-10\n\nText.\n")
    result = site.build()
    assert result.problems == [
        'content/posts/untitled.md: Title: missing (add a line "Title: …" at the top of the file)'
    ]


def test_missing_date_on_a_post(site_factory):
    site = site_factory()
    site.write("posts/undated.md", "Title: Undated\n\nText.\n")
    result = site.build()
    assert result.problems == [
        'content/posts/undated.md: Date: missing (add a line "Date: YYYY-MM-DD" at the top of the file)'
    ]


def test_invalid_utf8_is_reported(site_factory):
    site = site_factory()
    site.write("posts/latin1.md", "Title: Café\nDate: 2026-01-10\n\nCrème.\n".encode("latin-1"))
    result = site.build()
    assert result.problems == [
        "content/posts/latin1.md: the file is not valid UTF-8 "
        "(byte 0xe9 at position 10; save it as UTF-8)"
    ]


def test_unknown_status(site_factory):
    site = site_factory()
    site.write("posts/odd.md", "Title: Odd\nDate: 2026-01-10\nStatus: finished\n\nText.\n")
    result = site.build()
    assert len(result.problems) == 1
    assert result.problems[0].startswith('content/posts/odd.md: Status: "finished" is not a known')


def test_duplicate_slugs_name_both_files(site_factory):
    site = site_factory()
    site.write("posts/one.md", "Title: One\nSlug: same\nDate: 2026-01-10\n\nA.\n")
    site.write("posts/two.md", "Title: Two\nSlug: same\nDate: 2026-01-11\n\nB.\n")
    result = site.build()
    assert result.problems == [
        'content/posts/one.md: Slug: "same" is also used by content/posts/two.md '
        "(give one of them a different Slug: line)",
        'content/posts/two.md: Slug: "same" is also used by content/posts/one.md '
        "(give one of them a different Slug: line)",
    ]


def test_static_file_overwriting_a_generated_page(site_factory):
    site = site_factory()
    site.write("posts/hello.md", "Title: Hello\nDate: 2026-01-10\n\nA.\n")
    site.write("blog/hello/index.html", "<p>stray copy</p>")
    result = site.build(settings={"STATIC_PATHS": ["images", "blog"]})
    assert result.problems == [
        "content/blog/hello/index.html: output: writes blog/hello/index.html, which "
        "content/posts/hello.md also writes (change Slug or Save_as, or move the static file)"
    ]


def test_image_without_alt_text(site_factory):
    site = site_factory()
    site.write("posts/pic.md", "Title: Pic\nDate: 2026-01-10\n\n![](chart.png)\n")
    result = site.build()
    assert result.problems == [
        'content/posts/pic.md: image: "chart.png" has no alt text '
        "(describe it: ![what the image shows](chart.png))",
        # The same run also finds that the image is not there.
        "content/posts/pic.md: link: chart.png points to /blog/pic/chart.png, which is no file "
        "(for a file in the content folder write {static}/chart.png)",
    ]


def test_lead_image_without_alt_text(site_factory):
    site = site_factory()
    site.write("posts/lead.md", "Title: Lead\nDate: 2026-01-10\nImage: images/a.jpg\n\nA.\n")
    site.write("images/a.jpg", b"\xff\xd8\xff")
    result = site.build()
    assert result.problems == [
        'content/posts/lead.md: Image_Alt: missing for lead image "images/a.jpg" '
        '(add a line "Image_Alt: what the image shows")'
    ]


def test_every_problem_in_the_run_is_reported(site_factory):
    site = site_factory()
    site.write("posts/a.md", "Title: A\nDate: 2026-02-30\n\nA.\n")
    site.write("posts/b.md", "Date: 2026-01-10\n\nB.\n")
    site.write("posts/c.md", "Title: C\nDate: 2026-01-10\n\n![](c.png)\n")
    site.write("posts/good.md", GOOD_POST)
    result = site.build()
    files = sorted({line.split(":")[0] for line in result.problems})
    assert files == ["content/posts/a.md", "content/posts/b.md", "content/posts/c.md"]


def test_failed_build_leaves_previous_output_untouched(site_factory):
    site = site_factory()
    site.write("posts/good.md", GOOD_POST)
    first = site.build()
    assert first.ok
    before = {name: first.path(name).read_bytes() for name in first.files()}

    site.write("posts/bad.md", "Title: Bad\nDate: 2026-13-45\n\nX.\n")
    site.write("posts/good.md", GOOD_POST.replace("Fine.", "Changed."))
    second = site.build()
    assert not second.ok
    after = {name: second.path(name).read_bytes() for name in second.files()}
    assert after == before
    leftovers = [p.name for p in Path(second.output).parent.iterdir() if "staging" in p.name]
    assert leftovers == []


def test_broken_settings_file_is_one_line(tmp_path):
    from tooling.runner import build_site

    settings = tmp_path / "pelicanconf.py"
    settings.write_text("SITENAME = 'x'\nPLUGINS = [\n")
    report = build_site(settings)
    assert not report.ok
    assert len(report.problems) == 1
    assert report.problems[0].startswith("pelicanconf.py: cannot be loaded: SyntaxError")


def test_another_sites_settings_never_leak_into_the_next_build(site_factory, tmp_path):
    from tooling.runner import build_site

    other = tmp_path / "other" / "pelicanconf.py"
    other.parent.mkdir()
    other.write_text("SITENAME = 'Other site'\n")
    build_site(other, {"PATH": str(tmp_path), "OUTPUT_PATH": str(tmp_path / "other-out")})
    site = site_factory()
    site.write("posts/good.md", GOOD_POST)
    result = site.build("prod")
    assert result.ok, result.problems
    assert "Dana Reyes" in result.soup("index.html").title.get_text()


def test_a_failing_plugin_is_one_line_not_a_traceback(site_factory, tmp_path):
    plugin_folder = tmp_path / "extra_plugins"
    plugin_folder.mkdir()
    (plugin_folder / "exploding_plugin.py").write_text(
        "from pelican import signals\n\n"
        "def explode(generator):\n"
        "    raise ValueError('the widget list is empty')\n\n"
        "def register():\n"
        "    signals.article_generator_finalized.connect(explode)\n"
    )
    from fixture_sites import PROJECT_ROOT

    site = site_factory()
    site.write("posts/good.md", GOOD_POST)
    result = site.build(
        settings={
            "PLUGIN_PATHS": [str(PROJECT_ROOT / "plugins"), str(plugin_folder)],
            "PLUGINS": ["strict_build", "publication_status", "series", "exploding_plugin"],
        }
    )
    assert result.problems == ["build stopped: ValueError: the widget list is empty"]
    assert not result.output.exists()


def test_the_same_warning_fails_every_build_in_one_process(site_factory):
    site = site_factory()
    site.write("posts/links.md", "Title: Links\nDate: 2026-01-10\n\n[gone]({filename}missing.md)\n")
    first, second = site.build(), site.build()
    expected = [
        "content/posts/links.md: link: missing.md points to no file "
        "(check the path after {filename}, relative to the content folder)"
    ]
    assert first.problems == expected
    assert second.problems == expected


def test_every_broken_link_is_reported_not_just_the_first_five(site_factory):
    site = site_factory()
    links = " ".join(f"[l{n}]({{filename}}missing-{n}.md)" for n in range(8))
    site.write("posts/links.md", f"Title: Links\nDate: 2026-01-10\n\n{links}\n")
    result = site.build()
    assert len(result.problems) == 8


def test_settings_mistakes_of_every_plugin_are_reported_together(site_factory):
    site = site_factory()
    site.write("posts/good.md", GOOD_POST)
    result = site.build(
        settings={
            "PUBLICATION": {"preview": "yes"},
            "SITE_SEARCH": {"enabled": True, "engine": "x"},
            "PRICING": {"currency": "XYZ"},
            "SHARE_FOLLOW_SIGNUP": {"share_networks": ["myspace"]},
        }
    )
    prefixes = [line.split(":")[1].strip().split("[")[0] for line in result.problems]
    assert sorted(set(prefixes)) == ["PRICING", "PUBLICATION", "SHARE_FOLLOW_SIGNUP", "SITE_SEARCH"]
    assert all(line.startswith("pelicanconf.py: ") for line in result.problems)
    assert not [line for line in result.problems if line.startswith("build stopped")]
    assert not result.output.exists()


def test_lead_image_must_be_a_file_in_content(site_factory):
    site = site_factory()
    site.write(
        "posts/lead.md",
        "Title: Lead\nDate: 2026-01-10\nImage: images/gone.jpg\nImage_Alt: A chart\n\nA.\n",
    )
    site.write(
        "posts/static.md",
        "Title: Static\nDate: 2026-01-11\nImage: {static}/images/a.jpg\nImage_Alt: A chart\n\nA.\n",
    )
    assert sorted(site.build().problems) == [
        'content/posts/lead.md: Image: "images/gone.jpg" is not a file under the content folder '
        "(put it in content/images/gone.jpg or fix the path)",
        'content/posts/static.md: Image: "{static}/images/a.jpg" must be a plain path '
        "(write it as images/name.jpg, without {static})",
    ]


def test_static_link_to_a_missing_file(site_factory):
    site = site_factory()
    site.write(
        "posts/pic.md", "Title: Pic\nDate: 2026-01-10\n\n![A chart]({static}/images/nope.png)\n"
    )
    result = site.build()
    assert (
        "content/images/nope.png: no such file (a {static} link points to it: fix the link or add the file)"
        in result.problems
    )


def test_symlinked_content_is_refused(site_factory, tmp_path):
    secret = tmp_path / "outside.txt"
    secret.write_text("not for the web")
    site = site_factory()
    site.write("posts/good.md", GOOD_POST)
    (site.content / "images").mkdir()
    (site.content / "images" / "pw.txt").symlink_to(secret)
    result = site.build(settings={"STATIC_PATHS": ["images"]})
    assert result.problems == [
        "content/images/pw.txt: is a symbolic link (copy the real file into the content folder "
        "instead; a link can publish files from outside the project)"
    ]
    assert not result.output.exists()


def test_slug_that_climbs_out_of_the_output_folder(site_factory):
    site = site_factory()
    site.write("posts/trav.md", "Title: Trav\nDate: 2026-01-10\nSave_as: ../../evil.html\n\nA.\n")
    result = site.build()
    assert result.problems == [
        'content/posts/trav.md: Slug/Save_as: "../../evil.html" would be written outside the output '
        "folder (use a Slug of letters, digits and hyphens, without ../)"
    ]


def test_pages_may_not_replace_feeds_sitemap_or_the_search_index(site_factory):
    site = site_factory()
    site.write("posts/good.md", GOOD_POST)
    site.write("pages/feed.md", "Title: Feed\nSave_as: feeds/all.atom.xml\n\nx\n")
    site.write("pages/map.md", "Title: Map\nSave_as: sitemap.xml\n\nx\n")
    site.write("pages/ui.md", "Title: UI\nSave_as: pagefind/pagefind-ui.js\n\nx\n")
    site.write("pages/css.md", "Title: CSS\nSave_as: theme/css/site.css\n\nx\n")
    problems = sorted(site.build("prod").problems)
    assert problems == [
        "content/pages/css.md: output: writes theme/css/site.css, inside theme/, which belongs to "
        "the theme's files (change Slug or Save_as)",
        "content/pages/feed.md: output: writes feeds/all.atom.xml, which the FEED_ALL_ATOM feed also "
        "writes (change Slug or Save_as)",
        "content/pages/map.md: output: writes sitemap.xml, which the sitemap also writes "
        "(change Slug or Save_as)",
        "content/pages/ui.md: output: writes pagefind/pagefind-ui.js, inside pagefind/, which "
        "belongs to the search index (change Slug or Save_as)",
    ]


def test_ambiguous_date_forms_are_refused(site_factory):
    site = site_factory()
    site.write("posts/us.md", "Title: US\nDate: 01/02/2026\n\nA.\n")
    site.write("posts/iso.md", "Title: ISO\nDate: 2026-01-02T09:30+01:00\n\nB.\n")
    assert site.build().problems == [
        'content/posts/us.md: Date: "01/02/2026" is not a valid date '
        "(write it as YYYY-MM-DD or YYYY-MM-DD HH:MM, e.g. 2026-11-23)"
    ]


def test_an_interrupted_build_leaves_no_staging_folder(site_factory, tmp_path):
    import pytest

    plugin_folder = tmp_path / "interrupting"
    plugin_folder.mkdir()
    (plugin_folder / "ctrl_c.py").write_text(
        "from pelican import signals\n\n"
        "def interrupt(generator):\n"
        "    raise KeyboardInterrupt\n\n"
        "def register():\n"
        "    signals.article_generator_finalized.connect(interrupt)\n"
    )
    from fixture_sites import PROJECT_ROOT

    site = site_factory()
    site.write("posts/good.md", GOOD_POST)
    with pytest.raises(KeyboardInterrupt):
        site.build(
            settings={
                "PLUGIN_PATHS": [str(PROJECT_ROOT / "plugins"), str(plugin_folder)],
                "PLUGINS": ["strict_build", "ctrl_c"],
            }
        )
    assert [p.name for p in site.root.iterdir() if "staging" in p.name] == []
