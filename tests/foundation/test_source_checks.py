"""What the strict reader refuses before Markdown runs: a field written twice, a file
too large, text nested too deeply. Each is one line naming the file, and the file
is not published."""

SERVICE = "Title: Audit\nPrice: 900\nAction_URL: mailto:me@example.com\n{extra}\n\nWhat you get.\n"


def test_a_field_written_twice_is_an_error_naming_it(site_factory):
    site = site_factory()
    site.write(
        "posts/lead.md",
        """
        Title: Lead
        Date: 2026-01-10
        Image: images/a.svg
        Image_Alt: A chart
        Summary: First
        Image_Alt: A bar chart
        Summary: Second

        Text.
        """,
    )
    site.write("images/a.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>")
    site.write(
        "services/audit.md", SERVICE.format(extra="Turnaround: 2 weeks\nTurnaround: 3 weeks")
    )
    result = site.build()
    assert sorted(result.problems) == [
        "content/posts/lead.md: Image_Alt: written 2 times, on lines 4, 6 (keep one Image_Alt: "
        "line; a long value may go on over lines indented by 4 spaces)",
        "content/posts/lead.md: Summary: written 2 times, on lines 5, 7 (keep one Summary: "
        "line; a long value may go on over lines indented by 4 spaces)",
        "content/services/audit.md: Turnaround: written 2 times, on lines 4, 5 (keep one "
        "Turnaround: line; a long value may go on over lines indented by 4 spaces)",
    ]


def test_fields_pelican_keeps_the_first_of_are_errors_too(site_factory):
    site = site_factory()
    site.write(
        "posts/twice.md",
        "Title: Twice\nSlug: one\nDate: 2026-01-10\nSlug: two\ntitle: Again\n\nText.\n",
    )
    assert sorted(site.build().problems) == [
        "content/posts/twice.md: Slug: written 2 times, on lines 2, 4 (keep one Slug: line; "
        "a long value may go on over lines indented by 4 spaces)",
        "content/posts/twice.md: Title: written 2 times, on lines 1, 5 (keep one Title: line; "
        "a long value may go on over lines indented by 4 spaces)",
    ]


def test_a_value_continued_on_indented_lines_is_one_value(site_factory):
    site = site_factory()
    site.write(
        "services/audit.md",
        SERVICE.format(
            extra="Action_Label: Book the\n    whole audit\nSummary: A review\n    and a plan."
        ),
    )
    result = site.build()
    assert result.ok, result.problems
    page = result.soup("services/audit/index.html")
    assert "Book the whole audit" in page.get_text(" ")
    description = page.find("meta", attrs={"name": "description"})["content"]
    # typogrify joins the last two words with a no-break space.
    assert description.replace("\xa0", " ") == "A review and a plan."


def nested_list(levels):
    return "".join("    " * level + "- item\n" for level in range(levels))


def test_a_deeply_nested_list_fails_fast_as_one_line(site_factory):
    site = site_factory()
    site.write("posts/deep.md", "Title: Deep\nDate: 2026-01-10\n\n" + nested_list(300))
    # 2,000 levels of four-space indentation are 8 MB: the size limit stops those first.
    site.write("posts/deeper.md", "Title: Deeper\nDate: 2026-01-10\n\n" + nested_list(2000))
    site.write("posts/fine.md", "Title: Fine\nDate: 2026-01-10\n\n" + nested_list(32))
    assert sorted(site.build().problems) == [
        "content/posts/deep.md: line 36 is nested 33 levels deep (lists, quotes or "
        "indentation), over the limit of 32 (flatten it)",
        "content/posts/deeper.md: the file is 8,010,032 bytes, over the limit of 1,000,000 "
        "(split it into shorter posts, or move large data into a static file)",
    ]


def test_nested_quotes_and_markers_on_one_line_count_too(site_factory):
    site = site_factory()
    quotes = "".join(">" * level + " x\n" for level in range(1, 200))
    site.write("posts/quotes.md", "Title: Quotes\nDate: 2026-01-10\n\n" + quotes)
    site.write("posts/markers.md", "Title: Markers\nDate: 2026-01-10\n\n" + "- " * 2000 + "x\n")
    site.write(
        "posts/stars.md",
        "Title: Stars\nDate: 2026-01-10\n\n" + "*" * 2000 + "x" + "*" * 2000 + "\n",
    )
    assert sorted(site.build().problems) == [
        "content/posts/markers.md: line 4 is nested 2,000 levels deep (lists, quotes or "
        "indentation), over the limit of 32 (flatten it)",
        "content/posts/quotes.md: line 36 is nested 33 levels deep (lists, quotes or "
        "indentation), over the limit of 32 (flatten it)",
        "content/posts/stars.md: the Markdown is nested too deeply to read "
        "(emphasis, links or brackets inside each other; simplify it)",
    ]


def test_deep_indentation_inside_fenced_code_is_fine(site_factory):
    code = "".join(" " * (2 * level) + f"level{level}:\n" for level in range(80))
    site = site_factory()
    site.write("posts/yaml.md", f"Title: YAML\nDate: 2026-01-10\n\n```yaml\n{code}```\n\nAfter.\n")
    result = site.build()
    assert result.ok, result.problems
    assert "level79:" in result.soup("blog/yaml/index.html").find("code").get_text()


def test_a_file_over_the_size_limit_is_one_line(site_factory):
    site = site_factory()
    site.write("posts/huge.md", "Title: Huge\nDate: 2026-01-10\n\n" + "word " * 200_001)
    assert site.build().problems == [
        "content/posts/huge.md: the file is 1,000,035 bytes, over the limit of 1,000,000 "
        "(split it into shorter posts, or move large data into a static file)"
    ]


def test_the_quick_look_for_deep_lines_misses_none():
    """first_line_deeper_than searches the whole text once before reading it line by
    line; on text made of what nesting is made of, it finds what the scan finds."""
    import random

    from strict_build.source_text import first_line_deeper_than, nesting_depth

    def line_by_line(text, limit):
        found = [
            (number, nesting_depth(line))
            for number, line in enumerate(text.split("\n"), start=1)
            if nesting_depth(line) > limit
        ]
        return found[0] if found else None

    parts = (" ", "  ", "    ", "\t", ">", "> ", "- ", "* ", "+ ", "1. ", "12) ", "٣. ")
    parts += ("-", "1.", "x", "word ", "\xa0", "\n", "\r\n")
    picker = random.Random("nesting-fuzz")  # noqa: S311 (seeded test data)
    texts = [
        "".join(picker.choice(parts) for _ in range(picker.randint(0, 60))) for _ in range(4_000)
    ]
    deep = 0
    for text in texts:
        for limit in (2, 4):
            expected = line_by_line(text, limit)
            assert first_line_deeper_than(text, limit) == expected, (text, limit)
            deep += expected is not None
    assert deep > 500  # the random texts are deep often enough to tell
