"""Posts that share a Series link to each other in order."""


def test_series_parts_link_in_order(site_factory):
    site = site_factory()
    for part, day in ((2, 8), (1, 1), (3, 15)):
        site.write(
            f"posts/chat-{part}.md",
            f"Title: Chat week {part}\nDate: 2026-05-{day:02d}\nSeries: Office Hours\nSeries_Part: {part}\n\nRecap.\n",
        )
    site.write("posts/other.md", "Title: Other\nDate: 2026-05-02\n\nNot in a series.\n")
    result = site.build()
    assert result.ok, result.problems
    nav = result.soup("blog/chat-week-2/index.html").select_one("nav.series-nav")
    assert "Part 2 of 3 in Office Hours" in " ".join(nav.get_text().split())
    items = [" ".join(li.get_text().split()) for li in nav.select("li")]
    assert items == ["Chat week 1", "Chat week 2", "Chat week 3"]
    assert (
        nav.select_one('[aria-current="page"]').get_text().replace("\u00a0", " ") == "Chat week 2"
    )
    assert result.soup("blog/other/index.html").select_one("nav.series-nav") is None


def test_series_part_must_be_a_number(site_factory):
    site = site_factory()
    site.write("posts/a.md", "Title: A\nDate: 2026-05-01\nSeries: S\nSeries_Part: two\n\nA\n")
    site.write("posts/b.md", "Title: B\nDate: 2026-05-02\nSeries: S\n\nB\n")
    result = site.build()
    assert result.problems == [
        'content/posts/a.md: Series_Part: "two" is not a whole number (write e.g. Series_Part: 2)'
    ]
