"""A settings mistake of any plugin, of any type, is one line naming the file and setting."""

import pytest
from fixture_sites import PROJECT_ROOT
from pricing.settings import SETTINGS as PRICING_SETTINGS

PRICING_KEYS = list(PRICING_SETTINGS)


def _site(site_factory):
    site = site_factory()
    site.write("posts/hello.md", "Title: Hello\nDate: 2026-01-05\n\nHello.\n")
    return site


@pytest.mark.parametrize(
    ("settings", "line"),
    [
        (
            {"PRICING": "USD"},
            'pelicanconf.py: PRICING: is a str, not a dict (write PRICING = {"currency": ...}; '
            "see the README for its keys)",
        ),
        (
            {"SITE_SEARCH": True},
            'pelicanconf.py: SITE_SEARCH: is a bool, not a dict (write SITE_SEARCH = {"enabled": '
            "...}; see the README for its keys)",
        ),
        (
            {"PRICING": {"price_valid_until": 20270101}},
            'pelicanconf.py: PRICING["price_valid_until"]: 20270101 is not a date '
            '(write "YYYY-MM-DD" in quotes, or None)',
        ),
        (
            {"PRICING": {"page_url": "services/{category}/{slug}/"}},
            'pelicanconf.py: PRICING["page_url"]: "services/{category}/{slug}/" uses {category}, '
            "which a service does not have (use only {slug})",
        ),
        (
            {"PRICING": {"json_save_as": "../content/pages/prices.json"}},
            'pelicanconf.py: PRICING["json_save_as"]: "../content/pages/prices.json" is outside '
            'the output folder (write a path inside it, e.g. "services/prices.json")',
        ),
        (
            {"PRICING": {"currncy": "EUR"}},
            'pelicanconf.py: PRICING["currncy"]: unknown setting (did you mean "currency"? '
            f"known keys: {', '.join(PRICING_KEYS)})",
        ),
    ],
    ids=["pricing-str", "search-bool", "date-number", "page-url-field", "json-outside", "typo"],
)
def test_a_settings_mistake_is_one_line_and_writes_nothing(site_factory, settings, line):
    site = _site(site_factory)
    result = site.build(settings=settings)
    assert result.problems == [line]
    assert not result.output.exists()
    assert not (site.content / "pages" / "prices.json").exists()


def test_a_mistake_in_publishconf_names_publishconf(site_factory):
    site = _site(site_factory)
    result = site.build("prod", settings={"PUBLICATION": "preview"})
    assert result.problems == [
        'publishconf.py: PUBLICATION: is a str, not a dict (write PUBLICATION = {"preview": ...}; '
        "see the README for its keys)"
    ]


def test_a_honeypot_named_like_a_real_field_is_refused(site_factory):
    site = _site(site_factory)
    config = {
        "public_site_url": "https://danareyes.example",
        "signup": {"provider": "buttondown", "username": "dana"},
        "honeypot_field": "email",
    }
    result = site.build(settings={"SHARE_FOLLOW_SIGNUP": config})
    assert result.problems == [
        'pelicanconf.py: SHARE_FOLLOW_SIGNUP["honeypot_field"]: "email" is a field the signup '
        'form already sends (choose a name no real field uses, e.g. "website")'
    ]


def test_every_settings_mistake_of_the_run_is_reported(site_factory):
    site = _site(site_factory)
    result = site.build(
        settings={"PRICING": "USD", "SITE_SEARCH": True, "PUBLICATION": {"preview": "yes"}}
    )
    assert len(result.problems) == 3
    assert all(line.startswith("pelicanconf.py: ") for line in result.problems)


def test_publishing_settings_of_the_wrong_type_are_one_line(tmp_path):
    from tooling.publishing import PublishError
    from tooling.publishing.pipeline import publishing_settings

    with pytest.raises(PublishError) as error:
        publishing_settings(
            {"PUBLISHING": "origin", "SETTINGS_FILE": str(PROJECT_ROOT / "publishconf.py")}
        )
    assert str(error.value) == (
        'publishconf.py: PUBLISHING: is a str, not a dict (write PUBLISHING = {"remote": ...}; '
        "see the README for its keys)"
    )


@pytest.mark.parametrize(
    ("settings", "line"),
    [
        (
            {"DEFAULT_PAGINATION": "10"},
            "pelicanconf.py: DEFAULT_PAGINATION: '10' is not a whole number above 0 or False "
            "(write e.g. 10)",
        ),
        (
            {"MENUITEMS": ["Blog", "/"]},
            "pelicanconf.py: MENUITEMS: must be a list of (label, path) pairs "
            '(write e.g. (("Blog", "/"), ("About", "/about/")))',
        ),
        (
            {"ARTICLE_URL": "blog/{title}/"},
            'pelicanconf.py: ARTICLE_URL: "blog/{title}/" uses {title} '
            "(use only {author}, {category}, {date}, {lang}, {slug})",
        ),
        (
            {"SITE_CONTENT_FIELDS": "Reading_Level"},
            "pelicanconf.py: SITE_CONTENT_FIELDS: 'Reading_Level' is not a list of field names "
            '(write e.g. ["Reading_Level"])',
        ),
    ],
    ids=["pagination-str", "menu-flat", "url-placeholder", "fields-str"],
)
def test_pelicans_own_settings_of_the_wrong_shape_are_one_line(site_factory, settings, line):
    site = _site(site_factory)
    result = site.build(settings=settings)
    assert result.problems == [line]
    assert not result.output.exists()
