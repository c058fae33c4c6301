"""Search: Pagefind indexes published post and page text, never drafts or chrome."""

import json
import os
import shutil

import pytest

POSTS = {
    "posts/live.md": "Title: Onboarding checklist\nDate: 2026-03-01\n\nThe word marmalade appears here.\n",
    "posts/other.md": "Title: Unrelated\nDate: 2026-03-02\n\nNothing to see.\n",
    "posts/draft.md": "Title: Secret plan\nDate: 2026-03-03\nStatus: draft\n\nThe word marmalade is secret here.\n",
    "pages/thanks.md": "Title: Thanks\nSlug: thanks\nStatus: hidden\n\nEnjoy the marmalade.\n",
}


@pytest.fixture(scope="module")
def searchable_sites(tmp_path_factory):
    from fixture_sites import LOCAL_PRODUCTION, FixtureSite

    built = {}
    for profile in ("dev", "prod"):
        site = FixtureSite(tmp_path_factory.mktemp(f"search-{profile}"))
        for path, text in POSTS.items():
            site.write(path, text)
        result = site.build(profile, settings=LOCAL_PRODUCTION)
        assert result.ok, result.problems
        built[profile] = result
    return built


def test_index_is_written_with_the_site(searchable_sites):
    result = searchable_sites["prod"]
    entry = json.loads(result.text("pagefind/pagefind-entry.json"))
    assert entry["languages"]["en"]["page_count"] >= 2
    assert result.path("search/index.html").is_file()


def test_search_is_disabled_by_setting(site_factory):
    site = site_factory()
    site.write("posts/live.md", POSTS["posts/live.md"])
    result = site.build("prod", settings={"SITE_SEARCH": {"enabled": False}})
    assert result.ok
    assert not result.path("pagefind").exists()


def test_unknown_search_setting_is_one_line(site_factory):
    site = site_factory()
    site.write("posts/live.md", POSTS["posts/live.md"])
    result = site.build("prod", settings={"SITE_SEARCH": {"enabled": True, "engine": "x"}})
    assert (
        result.problems[0]
        == 'pelicanconf.py: SITE_SEARCH["engine"]: unknown setting (known keys: enabled, index, pages_per_index)'
    )


QUINCE_POSTS = 7


@pytest.fixture(scope="module")
def blog_indexed_in_parts(tmp_path_factory):
    """Seven posts that mention quince, and the same site indexed whole and in parts of 3."""
    from fixture_sites import LOCAL_PRODUCTION, FixtureSite

    site = FixtureSite(tmp_path_factory.mktemp("search-parts"))
    write_quince_posts(site)
    built = {}
    for name, pages_per_index in (("whole", 2000), ("parts", 3)):
        search = {"enabled": True, "index": True, "pages_per_index": pages_per_index}
        result = site.build(
            "prod",
            settings={**LOCAL_PRODUCTION, "SITE_SEARCH": search},
            output=site.root / f"output-{name}",
        )
        assert result.ok, result.problems
        built[name] = result
    return built


def indexed_page_count(result, bundle):
    entry = json.loads(result.text(f"{bundle}/pagefind-entry.json"))
    return entry["languages"]["en"]["page_count"]


def test_a_big_blog_is_indexed_in_parts_holding_every_page_once(blog_indexed_in_parts):
    whole, parts = blog_indexed_in_parts["whole"], blog_indexed_in_parts["parts"]
    other_bundles = json.loads(parts.text("pagefind/parts.json"))
    bundles = ["pagefind", *(path.strip("./") for path in other_bundles)]
    counts = [indexed_page_count(parts, bundle) for bundle in bundles]

    assert json.loads(whole.text("pagefind/parts.json")) == []
    # A page's part is a hash of its path: parts of about 3 pages, none empty.
    assert len(bundles) >= 3 and all(0 < count <= 7 for count in counts), counts
    assert sum(counts) == indexed_page_count(whole, "pagefind")


def _search(page, base, query):
    page.goto(f"{base}/search/?q={query}")
    # Pagefind UI first says "Searching…", then how many results it found, then fills in
    # each result as its fragment loads: wait for the count, then for that many links.
    page.wait_for_function(
        """() => {
            const message = document.querySelector(".pagefind-ui__message");
            if (!message) return false;
            const text = message.textContent;
            if (/^No results/i.test(text)) return true;
            const found = text.match(/^(\\d+) results?/);
            return found && document.querySelectorAll(".pagefind-ui__result-link").length
                == Number(found[1]);
        }""",
        timeout=15_000,
    )
    return [a.get_attribute("href") for a in page.query_selector_all(".pagefind-ui__result-link")]


@pytest.mark.browser
@pytest.mark.parametrize("profile", ["prod", "dev"])
def test_search_finds_published_posts_but_never_drafts_or_hidden_pages(
    searchable_sites, serve, page, profile
):
    base = serve(searchable_sites[profile].output)
    page.set_viewport_size({"width": 1280, "height": 800})
    links = _search(page, base, "marmalade")
    assert links == ["/blog/onboarding-checklist/"]


@pytest.mark.browser
def test_the_search_page_searches_every_part_as_one(blog_indexed_in_parts, serve, page):
    base = serve(blog_indexed_in_parts["parts"].output)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{base}/search/?q=quince")
    # Found in every part; Pagefind's UI shows five, then the rest on "Load more results".
    message = page.wait_for_selector(".pagefind-ui__message:has-text('results for')")
    assert message.text_content().startswith(f"{QUINCE_POSTS} results")
    page.click(".pagefind-ui__button")
    page.wait_for_function(
        f"document.querySelectorAll('.pagefind-ui__result-link').length == {QUINCE_POSTS}"
    )
    links = [a.get_attribute("href") for a in page.query_selector_all(".pagefind-ui__result-link")]
    assert sorted(links) == [f"/blog/quince-note-{number}/" for number in range(QUINCE_POSTS)]


@pytest.mark.browser
def test_header_form_leads_to_results(searchable_sites, serve, page):
    base = serve(searchable_sites["prod"].output)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{base}/")
    page.fill("#site-search-query", "marmalade")
    page.press("#site-search-query", "Enter")
    page.wait_for_selector(".pagefind-ui__result-link", timeout=10_000)
    assert page.get_attribute(".pagefind-ui__result-link", "href") == "/blog/onboarding-checklist/"


@pytest.mark.browser
def test_on_a_phone_the_header_button_opens_the_search_page(searchable_sites, serve, page):
    base = serve(searchable_sites["prod"].output)
    page.goto(f"{base}/")
    assert not page.is_visible("#site-search-query")
    page.click(".search-form__button")
    page.wait_for_selector(".pagefind-ui__search-input", timeout=10_000)
    assert page.url.startswith(f"{base}/search/")
    assert page.get_attribute(".pagefind-ui__search-input", "aria-label") == "Search this site"


def test_live_preview_skips_the_index_and_its_search_page_says_so(site_factory):
    site = site_factory()
    site.write("posts/live.md", POSTS["posts/live.md"])
    result = site.build("dev", settings={"SITE_SEARCH": {"enabled": True, "index": False}})

    # The link check passes: the page links nothing inside the index that is not there.
    assert result.ok, result.problems
    assert not result.path("pagefind").exists()
    page = result.soup("search/index.html")
    assert "skips the search index" in page.select_one("main [role=status]").get_text()
    assert not [
        tag
        for tag in page.select("[href], [src], [data-bundle-path]")
        if "/pagefind/" in (tag.get("href") or tag.get("src") or tag.get("data-bundle-path"))
    ]


def test_build_without_the_index_as_livereload_runs_it_then_with_it(tmp_path):
    from fixture_sites import PROJECT_ROOT, copy_project, invoke

    project = copy_project(tmp_path / "project")
    shutil.copytree(PROJECT_ROOT / "content", project / "content")
    built = invoke(project, "build", "--quiet", "--no-search-index")
    assert built.returncode == 0, built.stdout + built.stderr
    assert not (project / "output" / "pagefind").exists()
    assert "skips the search index" in (project / "output/search/index.html").read_text()
    built = invoke(project, "build", "--quiet")
    assert built.returncode == 0, built.stdout + built.stderr
    assert (project / "output" / "pagefind" / "pagefind-entry.json").is_file()


def bundle_inodes(output):
    """{bundle: {file: inode}} of every search bundle in a written site."""
    return {
        bundle.name: {
            path.relative_to(bundle).as_posix(): path.stat().st_ino
            for path in bundle.rglob("*")
            if path.is_file()
        }
        for bundle in sorted(output.glob("pagefind*"))
    }


def write_quince_posts(site, body="Quince jam, batch {number}."):
    for number in range(QUINCE_POSTS):
        site.write(
            f"posts/quince-{number}.md",
            f"Title: Quince note {number}\nDate: 2026-03-0{number + 1}\n\n"
            + body.format(number=number)
            + "\n",
        )


SEARCH_IN_PARTS_OF_3 = {"enabled": True, "index": True, "pages_per_index": 3}


def build_in_parts(site, output=None):
    from fixture_sites import LOCAL_PRODUCTION

    settings = {**LOCAL_PRODUCTION, "SITE_SEARCH": SEARCH_IN_PARTS_OF_3}
    result = site.build("prod", settings=settings, output=output)
    assert result.ok, result.problems
    return result


def differences_from_a_cold_build(site, warm):
    from fixture_sites import differences

    shutil.rmtree(site.root / "cache-prod")
    cold = build_in_parts(site, output=site.root / "output-cold")
    return differences(warm.output, cold.output)


def test_a_warm_build_indexes_only_the_part_of_the_edited_post_and_equals_a_cold_one(
    site_factory,
):
    site = site_factory()
    write_quince_posts(site)
    before = bundle_inodes(build_in_parts(site).output)
    assert len(before) >= 3

    site.write(
        "posts/quince-4.md", "Title: Quince note 4\nDate: 2026-03-05\n\nQuince jelly, edited.\n"
    )
    warm = build_in_parts(site)
    after = bundle_inodes(warm.output)
    # parts.json is written anew by every build; every other file of a bundle that was
    # not indexed again is the previous site's file, linked.
    indexed_again = [
        bundle
        for bundle, files in after.items()
        if any(
            inode != before[bundle].get(name)
            for name, inode in files.items()
            if name != "parts.json"
        )
    ]
    assert set(after) == set(before)
    assert len(indexed_again) == 1, indexed_again

    # Built again unchanged: every bundle, the re-indexed one too, is linked as it was
    # (each bundle's record holds the stamp of the files it links).
    again = build_in_parts(site)

    def without_parts_file(bundles):
        return {
            bundle: {name: inode for name, inode in files.items() if name != "parts.json"}
            for bundle, files in bundles.items()
        }

    assert without_parts_file(bundle_inodes(again.output)) == without_parts_file(after)
    assert differences_from_a_cold_build(site, again) == []


def test_a_bundle_changed_since_it_was_recorded_is_indexed_again(site_factory):
    site = site_factory()
    write_quince_posts(site)
    first = build_in_parts(site)
    # As a failed build leaves it: the record names bundles the published site does not
    # have. Here a bundle of the published site is rewritten by hand instead.
    tampered = first.output / "pagefind-2" / "pagefind-entry.json"
    tampered.write_text("{}", encoding="utf-8")

    warm = build_in_parts(site)
    entry = json.loads((warm.output / "pagefind-2" / "pagefind-entry.json").read_text())
    assert entry["languages"]["en"]["page_count"] > 0
    assert differences_from_a_cold_build(site, warm) == []


def test_parts_stay_put_as_the_blog_grows_and_stop_multiplying_at_sixteen():
    from site_search.index_parts import MAX_PARTS, split_into_parts

    def paths(count):
        return {f"blog/post-{number}/index.html": b"" for number in range(count)}

    def part_of_each_page(parts):
        return {path: bundle for bundle, paths_in_part in parts.items() for path in paths_in_part}

    before = part_of_each_page(split_into_parts(paths(1100), 250))
    after = part_of_each_page(split_into_parts(paths(1101), 250))
    assert len(set(before.values())) == 5
    # A new post joins a part; every other page stays where it was (so its part's
    # bundle can be carried over). Only a post that makes one part more (every 250
    # posts, up to 16 parts) moves pages, and that build indexes every part.
    assert {path: after[path] for path in before} == before

    big = split_into_parts(paths(10_000), 250)
    assert len(big) == MAX_PARTS == 16
    assert sum(len(part) for part in big.values()) == 10_000
    assert max(len(part) for part in big.values()) < 1.2 * 10_000 / MAX_PARTS


def test_a_theme_that_marks_no_page_gets_every_page_indexed(tmp_path):
    """Pagefind's own rule: with no data-pagefind-body anywhere, every page's body counts."""
    from site_search.index_parts import index_in_parts

    site = tmp_path / "site"
    for number in range(5):
        page = site / f"page-{number}" / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(
            f"<html lang='en'><body><h1>Page {number}</h1><p>Medlar {number}</p></body></html>"
        )
    finished = index_in_parts(site, pages_per_index=2)
    assert finished.returncode == 0, finished.stderr
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text())
    assert entry["languages"]["en"]["page_count"] == 5


def test_a_page_with_its_recorded_stamp_is_not_read_again(tmp_path):
    """After one edit, the index step reads only the pages written anew: a page the
    build carried over is the previous site's file, whose stamp the record holds."""
    from site_search.index_parts import searchable_pages

    site = tmp_path / "site"
    for name in ("kept", "edited"):
        page = site / name / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(f"<main data-pagefind-body><p>{name} medlar</p></main>")
    (site / "menu.html").write_text("<nav>no mark</nav>")
    first, record = searchable_pages(site)
    assert set(first) == {"edited/index.html", "kept/index.html"}
    assert record["menu.html"][-1] is None

    kept, edited = site / "kept" / "index.html", site / "edited" / "index.html"
    # Same size and change time, same file: its stamp says unchanged, so it is not read
    # (the build's own pages never change in place like this).
    stamp = kept.stat()
    kept.write_text("<main data-pagefind-body><p>KEPT medlar</p></main>")
    os.utime(kept, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    edited.write_text("<main><p>no longer searchable</p></main>")
    second, _ = searchable_pages(site, record)
    assert second == {"kept/index.html": first["kept/index.html"]}


def published_site_with_a_new_post(site_factory):
    """(site, settings, the published site, its home page's bytes), with a post added since."""
    from fixture_sites import LOCAL_PRODUCTION

    settings = {**LOCAL_PRODUCTION, "SITE_SEARCH": SEARCH_IN_PARTS_OF_3}
    site = site_factory()
    write_quince_posts(site)
    published = build_in_parts(site)
    before = (published.output / "index.html").read_bytes()
    site.write("posts/quince-new.md", "Title: Quince again\nDate: 2026-05-01\n\nQuince jam.\n")
    return site, settings, published, before


def assert_one_search_index_line(failed, expected):
    """The build failed, with one line about the search index that says `expected`."""
    assert not failed.ok
    [line] = [problem for problem in failed.problems if "search index" in problem]
    assert expected in line
    assert "Traceback" not in "\n".join(failed.problems)


@pytest.mark.timeout(120)
def test_a_search_step_that_fails_before_pagefind_starts_ends_the_build_with_one_line(
    site_factory, monkeypatch
):
    """The build waits for the step to start Pagefind before its link check; a step that
    fails first must still let it go on (and fail with one line), not wait forever."""
    from site_search import index_parts

    site, settings, published, before = published_site_with_a_new_post(site_factory)

    def unreadable_site(site, known=None):
        raise OSError(f"cannot list {site}")

    monkeypatch.setattr(index_parts, "searchable_pages", unreadable_site)
    failed = site.build("prod", settings=settings)

    assert_one_search_index_line(failed, "could not be written: OSError: cannot list")
    assert (published.output / "index.html").read_bytes() == before


def test_a_search_index_that_fails_is_one_line_and_the_published_site_stays(
    site_factory, monkeypatch
):
    """Pagefind failing, or the index step itself, is one line of the report; the build
    fails and the site published before is left as it was."""
    site, settings, published, before = published_site_with_a_new_post(site_factory)

    monkeypatch.setenv("PAGEFIND_BINARY_PATH", shutil.which("false"))
    failed = site.build("prod", settings=settings)
    assert_one_search_index_line(failed, "pagefind exited with 1")
    assert (published.output / "index.html").read_bytes() == before
    monkeypatch.delenv("PAGEFIND_BINARY_PATH")

    # The step's own failure: where its record goes, a folder stands.
    [record] = site.root.glob("cache-prod/*/search_index_parts.json")
    record.unlink()
    record.mkdir()
    failed = site.build("prod", settings=settings)
    assert_one_search_index_line(failed, "could not be written: IsADirectoryError")
    assert (published.output / "index.html").read_bytes() == before
