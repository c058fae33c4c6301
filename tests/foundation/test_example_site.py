"""The example site builds cleanly with both profiles and shows off the theme."""


def test_example_site_builds_with_no_errors_or_warnings(example_site):
    result, _site = example_site
    assert result.problems == []
    assert result.path("index.html").is_file()


def test_example_site_preview_builds_with_no_errors_or_warnings(example_site):
    _result, site = example_site
    preview = site.build("dev")
    assert preview.problems == []


def test_every_page_has_landmarks_and_a_viewport(example_site):
    result, _site = example_site
    for name in result.files():
        if not name.endswith(".html"):
            continue
        soup = result.soup(name)
        assert soup.html.get("lang") == "en", name
        assert soup.select_one('meta[name="viewport"]'), name
        assert (
            soup.select_one("main#main-content")
            and soup.select_one("header")
            and soup.select_one("footer")
        ), name
        assert len(soup.select("h1")) == 1, name
