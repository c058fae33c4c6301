"""Symlinks and paths in everything copied into the site: a symbolic link in any
copied folder is refused, and a lead image written with a leading slash renders as
a link into this site, never to another host."""

from fixture_sites import LOCAL_PRODUCTION, PROJECT_ROOT, copy_project

GOOD_POST = "Title: Good\nDate: 2026-01-10\n\nFine.\n"


def test_a_symlink_in_the_themes_static_folder_is_refused(site_factory, tmp_path):
    secret = tmp_path / "outside" / "notes.txt"
    secret.parent.mkdir()
    secret.write_text("not for the web")
    theme = copy_project(tmp_path / "project", names=("theme",)) / "theme"
    (theme / "static" / "notes.txt").symlink_to(secret)
    (theme / "static" / "shared").symlink_to(secret.parent, target_is_directory=True)
    site = site_factory()
    site.write("posts/good.md", GOOD_POST)
    result = site.build(settings={"THEME": str(theme)})
    link_lines = [
        f"{theme}/static/{name}: is a symbolic link in the theme's static files (copy the real "
        "file into the theme instead; a link can publish files from outside the project)"
        for name in ("notes.txt", "shared")
    ]
    assert result.problems == link_lines
    assert not result.output.exists()


def test_a_symlinked_folder_in_content_is_refused(site_factory, tmp_path):
    outside = tmp_path / "private"
    outside.mkdir()
    (outside / "keys.txt").write_text("secret")
    site = site_factory()
    site.write("posts/good.md", GOOD_POST)
    (site.content / "extra").symlink_to(outside, target_is_directory=True)
    assert site.build().problems == [
        "content/extra: is a symbolic link (copy the real file into the content folder instead; "
        "a link can publish files from outside the project)"
    ]


def test_the_project_theme_has_no_symlink_and_builds(site_factory):
    site = site_factory()
    site.write("posts/good.md", GOOD_POST)
    result = site.build(settings={"THEME": str(PROJECT_ROOT / "theme")})
    assert result.ok, result.problems
    assert result.path("theme/css/site.css").is_file()


LEAD_IMAGE_POST = """
    Title: Chart
    Date: 2026-01-10
    Image: /images/chart.svg
    Image_Alt: A bar chart

    Text.
"""


def test_a_lead_image_with_a_leading_slash_points_into_this_site(site_factory):
    site = site_factory()
    site.write("posts/chart.md", LEAD_IMAGE_POST)
    site.write("images/chart.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>")

    preview = site.build()
    assert preview.ok, preview.problems
    image = preview.soup("blog/chart/index.html").select_one("figure.lead-image img")
    assert image["src"] == "/images/chart.svg"
    assert preview.path("images/chart.svg").is_file()

    production = site.build("prod", settings={**LOCAL_PRODUCTION, "SITEURL": "https://x.example"})
    assert production.ok, production.problems
    page = production.soup("blog/chart/index.html")
    # Links inside the site are root-relative (the theme); metadata is absolute.
    assert page.select_one("figure.lead-image img")["src"] == "/images/chart.svg"
    og_image = page.find("meta", attrs={"property": "og:image"})["content"]
    assert og_image == "https://x.example/images/chart.svg"


def test_a_lead_image_on_another_host_is_refused(site_factory):
    site = site_factory()
    site.write(
        "posts/chart.md", LEAD_IMAGE_POST.replace("/images/chart.svg", "//cdn.example/x.svg")
    )
    assert site.build().problems == [
        'content/posts/chart.md: Image: "//cdn.example/x.svg" is not a file under the content '
        "folder (put it in content/cdn.example/x.svg or fix the path)"
    ]
