"""Drafts, skipped, hidden and scheduled content: marked in the preview, absent in production."""

import pytest

NOW = "2026-06-15T12:00:00+00:00"


def _site_with_every_status(site_factory):
    site = site_factory()
    site.write(
        "posts/live.md",
        "Title: Live post\nDate: 2026-06-01\nCategory: News\nTags: alpha\n\nLive.\n",
    )
    site.write(
        "posts/draft.md",
        "Title: Secret draft zebra\nDate: 2026-06-02\nCategory: Drafty\nTags: drafttag\n"
        "Status: draft\n\nDraft body.\n",
    )
    site.write(
        "posts/future.md",
        "Title: Future launch quokka\nDate: 2026-07-01\nCategory: Futures\nTags: futuretag\n"
        "Author: Future Author\n\nNot yet.\n",
    )
    site.write(
        "posts/skipped.md", "Title: Skipped narwhal\nDate: 2026-06-03\nStatus: skip\n\nNo.\n"
    )
    site.write("pages/hidden.md", "Title: Hidden page\nSlug: thanks\nStatus: hidden\n\nThanks!\n")
    site.write("pages/draft-page.md", "Title: Draft page okapi\nSlug: wip\nStatus: draft\n\nWIP\n")
    return site


def _all_text(result):
    return "\n".join(
        result.path(name).read_text(encoding="utf-8", errors="replace") for name in result.files()
    )


@pytest.fixture
def production(site_factory):
    site = _site_with_every_status(site_factory)
    return site.build("prod", settings={"PUBLICATION": {"preview": False, "build_time": NOW}})


def test_production_has_no_draft_future_or_skipped_item_anywhere(production):
    assert production.ok, production.problems
    everything = _all_text(production)
    for marker in (
        "zebra",
        "quokka",
        "narwhal",
        "okapi",
        "drafttag",
        "futuretag",
        "Drafty",
        "Futures",
    ):
        assert marker not in everything, marker
    files = production.files()
    assert not [name for name in files if name.startswith("drafts/")]
    assert not [name for name in files if "future" in name or "draft" in name]
    assert "author/future-author/index.html" not in files
    assert "feeds/all.atom.xml" in files and "sitemap.xml" in files


def test_production_publishes_hidden_pages_without_listing_them(production):
    assert production.path("thanks/index.html").is_file()
    home = production.soup("index.html")
    assert not home.select('a[href$="/thanks/"]')
    assert "/thanks/" not in production.text("feeds/all.atom.xml")


def test_future_post_appears_once_its_date_has_passed(site_factory):
    site = _site_with_every_status(site_factory)
    later = site.build(
        "prod",
        settings={"PUBLICATION": {"preview": False, "build_time": "2026-07-02T00:00:00+00:00"}},
    )
    assert later.ok, later.problems
    assert later.path("blog/future-launch-quokka/index.html").is_file()
    # typogrify joins the last two words with a no-break space (widont).
    assert "Future launch\u00a0quokka" in later.text("feeds/all.atom.xml")
    assert "Future launch\u00a0quokka" in later.soup("index.html").get_text()


@pytest.mark.parametrize(
    ("build_time", "published"),
    [
        # The daily CI run, 05:17 UTC, is just after midnight in New York (the site's zone).
        ("2026-07-01T05:17:00+00:00", True),
        ("2026-07-01T03:59:00+00:00", False),  # 23:59 on June 30 in New York
    ],
)
def test_a_post_goes_live_on_its_day_in_the_sites_time_zone(site_factory, build_time, published):
    site = site_factory()
    site.write("posts/due.md", "Title: Due today\nDate: 2026-07-01 09:00\n\nToday.\n")
    result = site.build(
        "prod", settings={"PUBLICATION": {"preview": False, "build_time": build_time}}
    )
    assert result.ok, result.problems
    assert result.path("blog/due-today/index.html").is_file() is published


def test_build_time_comes_from_the_environment(site_factory, monkeypatch):
    site = _site_with_every_status(site_factory)
    monkeypatch.setenv("SITE_BUILD_TIME", "2026-07-02T00:00:00+00:00")
    result = site.build("prod", settings={"PUBLICATION": {"preview": False, "build_time": NOW}})
    assert result.path("blog/future-launch-quokka/index.html").is_file()


def test_preview_shows_drafts_and_scheduled_posts_marked(site_factory):
    site = _site_with_every_status(site_factory)
    result = site.build("dev", settings={"PUBLICATION": {"preview": True, "build_time": NOW}})
    assert result.ok, result.problems
    draft = result.soup("drafts/secret-draft-zebra/index.html")
    assert "Draft" in draft.select_one(".status-badge--draft").get_text()
    assert draft.select_one('meta[name="publication-status"]')["content"] == "draft"
    scheduled = result.soup("blog/future-launch-quokka/index.html")
    assert "goes live on" in scheduled.select_one(".status-badge--scheduled").get_text()
    home = result.soup("index.html")
    assert home.select_one(".preview-drafts a[href='/drafts/secret-draft-zebra/']")
    assert home.select_one(".is-scheduled a[href='/blog/future-launch-quokka/']")
    assert not result.path("blog/skipped-narwhal/index.html").exists()


def test_invalid_build_time_is_one_settings_line(site_factory):
    site = _site_with_every_status(site_factory)
    result = site.build("prod", settings={"PUBLICATION": {"preview": False, "build_time": "soon"}})
    # publishconf.py sets PUBLICATION for production, so that is where the line points.
    assert result.problems[0] == (
        'publishconf.py: PUBLICATION["build_time"]: "soon" is not a date and time '
        "(write ISO 8601, e.g. 2026-11-23T06:00:00+00:00)"
    )


def test_unknown_publication_setting(site_factory):
    site = _site_with_every_status(site_factory)
    result = site.build("dev", settings={"PUBLICATION": {"preveiw": True}})
    assert result.problems[0] == (
        'pelicanconf.py: PUBLICATION["preveiw"]: unknown setting '
        '(did you mean "preview"? known keys: preview, build_time)'
    )


def test_drafts_and_scheduled_posts_are_listed_after_the_latest_posts(site_factory):
    site = _site_with_every_status(site_factory)
    result = site.build("dev", settings={"PUBLICATION": {"preview": True, "build_time": NOW}})
    home = result.soup("index.html")
    titles = [a["href"] for a in home.select("main .post-summary h2 a, main .post-summary h3 a")]
    # What is live comes first; the scheduled post and the draft follow, never first.
    assert titles == [
        "/blog/live-post/",
        "/blog/future-launch-quokka/",
        "/drafts/secret-draft-zebra/",
    ]
    preview = home.select_one(".preview-drafts")
    assert [a["href"] for a in preview.select("h3 a")] == titles[1:]
    assert result.soup("category/news/index.html").select_one(".preview-drafts") is None


def test_draft_pages_are_listed_in_the_preview(site_factory):
    site = _site_with_every_status(site_factory)
    result = site.build("dev", settings={"PUBLICATION": {"preview": True, "build_time": NOW}})
    links = [a["href"] for a in result.soup("index.html").select(".preview-drafts ul a")]
    assert links == ["/drafts/pages/wip/"]
