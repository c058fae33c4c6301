"""No two things write one output file, compared after normalising the path, and
nothing is written outside the output folder: each mistake is one line and a failed build."""

from fixture_sites import LOCAL_PRODUCTION

POST = "Title: {title}\nDate: 2026-01-10\n{extra}\nText.\n"
SERVICE = "Title: {title}\nPrice: 900\nSummary: What you get.\n{extra}\nWhat you get.\n"


def post(title, extra=""):
    return POST.format(title=title, extra=extra)


def test_a_service_slug_that_climbs_into_the_blog_replaces_no_post(site_factory):
    site = site_factory()
    site.write("posts/audit-costs.md", post("What an audit costs"))
    site.write(
        "services/audit.md",
        SERVICE.format(title="Audit", extra="Slug: ../blog/what-an-audit-costs"),
    )
    result = site.build()
    assert result.problems == [
        "content/services/audit.md: output: writes blog/what-an-audit-costs/index.html "
        '(as "services/../blog/what-an-audit-costs/index.html"), which '
        "content/posts/audit-costs.md also writes (change Slug or Save_as)"
    ]
    assert not result.output.exists()


def test_save_as_with_dot_segments_cannot_replace_the_home_page(site_factory):
    site = site_factory()
    site.write("posts/home.md", post("Home", "Save_as: ./index.html"))
    site.write("posts/other.md", post("Other", "Save_as: blog//other/./index.html"))
    site.write("posts/twin.md", post("Twin", "Save_as: blog/other/index.html"))
    result = site.build()
    assert result.problems == [
        'content/posts/other.md: output: writes blog/other/index.html (as "blog//other/./index.html"), '
        "which content/posts/twin.md also writes (change Slug or Save_as)",
        'content/posts/home.md: output: writes index.html (as "./index.html"), which the index '
        "page also writes (change Slug or Save_as)",
    ]


def test_a_post_cannot_take_the_pricing_index_or_prices_json(site_factory):
    site = site_factory()
    site.write("services/audit.md", SERVICE.format(title="Audit", extra=""))
    site.write("posts/list.md", post("List", "Save_as: services/index.html"))
    site.write("posts/json.md", post("Json", "Save_as: services/./prices.json"))
    result = site.build()
    assert result.problems == [
        "content/posts/list.md: output: writes services/index.html, which the pricing plugin also "
        'writes (change Slug or Save_as, or PRICING["index_save_as"])',
        'content/posts/json.md: output: writes services/prices.json (as "services/./prices.json"), '
        'which the pricing plugin also writes (change Slug or Save_as, or PRICING["json_save_as"])',
    ]


def test_pages_of_a_paginated_listing_and_tag_pages_are_writers_too(site_factory):
    site = site_factory()
    for number in range(11):  # DEFAULT_PAGINATION is 10: the home page has a page 2
        site.write(f"posts/p{number}.md", post(f"Post {number}", "Tags: pricing"))
    site.write("pages/second.md", "Title: Second\nSave_as: page/2/index.html\n\nx\n")
    site.write("pages/tag.md", "Title: Tag\nSlug: tag/pricing\n\nx\n")
    result = site.build()
    assert result.problems == [
        "content/pages/second.md: output: writes page/2/index.html, which page 2 of the index "
        "page also writes (change Slug or Save_as)",
        "content/pages/tag.md: output: writes tag/pricing/index.html, which the tag page of "
        '"pricing" also writes (change Slug or Save_as)',
    ]


def test_a_file_where_another_writer_needs_a_folder(site_factory):
    site = site_factory()
    site.write("posts/folder.md", post("Folder"))
    site.write("pages/file.md", "Title: File\nSave_as: blog/folder\n\nx\n")
    result = site.build()
    assert result.problems == [
        "content/pages/file.md: output: writes a file blog/folder, but content/posts/folder.md "
        "needs a folder there for blog/folder/index.html (change Slug or Save_as)"
    ]


def test_feeds_of_production_are_compared_normalised(site_factory):
    site = site_factory()
    site.write("posts/good.md", post("Good", "Category: Pricing"))
    site.write("pages/feed.md", "Title: Feed\nSave_as: feeds/../feeds/pricing.atom.xml\n\nx\n")
    result = site.build("prod", settings=LOCAL_PRODUCTION)
    assert result.problems == [
        "content/pages/feed.md: output: writes feeds/pricing.atom.xml "
        '(as "feeds/../feeds/pricing.atom.xml"), which the CATEGORY_FEED_ATOM feed of "Pricing" '
        "also writes (change Slug or Save_as)"
    ]


def test_plugin_files_stay_inside_the_output_folder(site_factory):
    site = site_factory()
    site.write("posts/good.md", post("Good"))
    pages = site.content / "pages"
    result = site.build(
        settings={
            "PRICING": {"json_save_as": "../content/pages/prices.json"},
            "ARCHIVES_SAVE_AS": "../archives.html",
        }
    )
    assert result.problems == [
        'pelicanconf.py: ARCHIVES_SAVE_AS: "../archives.html" would be written outside the output '
        "folder (write a path inside it, without a leading / or ../)",
        'pelicanconf.py: PRICING["json_save_as"]: "../content/pages/prices.json" is outside the '
        'output folder (write a path inside it, e.g. "services/prices.json")',
    ]
    assert not (pages / "prices.json").exists()
    assert not result.output.exists()


def test_pagination_that_leaves_the_output_folder_is_a_settings_line(site_factory):
    site = site_factory()
    site.write("posts/good.md", post("Good"))
    patterns = ((1, "{url}", "{save_as}"), (2, "../{base_name}/{number}/", "../p/{number}.html"))
    result = site.build(settings={"PAGINATION_PATTERNS": patterns})
    assert result.problems == [
        'pelicanconf.py: PAGINATION_PATTERNS: "../p/{number}.html" would be written outside the '
        "output folder (write a path inside it, without a leading / or ../)"
    ]


def test_a_url_written_from_the_site_root_is_one_line_not_a_link_to_another_host(site_factory):
    site = site_factory()
    site.write("services/audit.md", SERVICE.format(title="Audit", extra="Url: /audit/"))
    site.write("posts/fine.md", post("Fine", "Url: blog/fine/"))
    result = site.build()
    assert result.problems == [
        'content/services/audit.md: Url: "/audit/" starts with "/" '
        '(write it relative to the site: "audit/")'
    ]
    assert not result.output.exists()
