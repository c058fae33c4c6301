"""A misspelled field is an error naming it and the closest known field, never silently ignored."""

import pytest

SERVICE = """\
Title: Audit
Slug: audit
Price: 900
Price_Updated: 2026-01-02
Action_URL: mailto:dana@example.com
{extra}
Summary: One audit.

What you get.
"""

POST = "Title: A post\nDate: 2026-01-05\n{extra}\n\nText.\n"


@pytest.mark.parametrize(
    ("path", "template", "field", "line"),
    [
        (
            "posts/a.md",
            POST,
            "Catgory: Pricing",
            "content/posts/a.md: Catgory: unknown field (did you mean Category? A field of your "
            "own must be listed in SITE_CONTENT_FIELDS in pelicanconf.py)",
        ),
        (
            "posts/a.md",
            POST,
            "Sumary: Short.",
            "content/posts/a.md: Sumary: unknown field (did you mean Summary? A field of your "
            "own must be listed in SITE_CONTENT_FIELDS in pelicanconf.py)",
        ),
        (
            "posts/a.md",
            POST,
            "Tag: pricing",
            "content/posts/a.md: Tag: unknown field (did you mean Tags? A field of your own must "
            "be listed in SITE_CONTENT_FIELDS in pelicanconf.py)",
        ),
        (
            "services/audit.md",
            SERVICE,
            "Turnround: 2 weeks",
            "content/services/audit.md: Turnround: unknown field (did you mean Turnaround? A "
            "field of your own must be listed in SITE_CONTENT_FIELDS in pelicanconf.py)",
        ),
        (
            "services/audit.md",
            SERVICE,
            "Include: One thing",
            "content/services/audit.md: Include: unknown field (did you mean Includes? A field "
            "of your own must be listed in SITE_CONTENT_FIELDS in pelicanconf.py)",
        ),
        (
            "services/audit.md",
            SERVICE,
            "Action_Link: https://example.com",
            "content/services/audit.md: Action_Link: unknown field (did you mean Action_URL? A "
            "field of your own must be listed in SITE_CONTENT_FIELDS in pelicanconf.py)",
        ),
    ],
    ids=["category", "summary", "tags", "turnaround", "includes", "action-url"],
)
def test_a_misspelled_field_is_one_line(site_factory, path, template, field, line):
    site = site_factory()
    site.write(path, template.format(extra=field))
    first, second = site.build(), site.build()
    assert first.problems == [line]
    assert second.problems == [line]  # not cached as if it were fine


def test_a_sites_own_fields_are_declared_in_one_setting(site_factory):
    site = site_factory()
    site.write("posts/a.md", POST.format(extra="Reading_Level: easy"))
    assert not site.build().ok
    assert site.build(settings={"SITE_CONTENT_FIELDS": ["Reading_Level"]}).ok
