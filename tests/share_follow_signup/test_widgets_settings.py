"""SHARE_FOLLOW_SIGNUP is checked once at start-up: each mistake is one line, the build stops."""

import pytest
from sfs_site import SETTINGS, write_site
from share_follow_signup.settings import validate


def build_with(site_factory, **changes):
    site = write_site(site_factory())
    return site.build(settings={"SHARE_FOLLOW_SIGNUP": {**SETTINGS, **changes}})


@pytest.mark.parametrize(
    ("changes", "line"),
    [
        (
            {"share_networks": ["x", "myspace"]},
            "SHARE_FOLLOW_SIGNUP[\"share_networks\"]: unknown network 'myspace' (choose from "
            "x, facebook, linkedin, reddit, email, bluesky, threads, mastodon, hackernews, "
            "whatsapp)",
        ),
        (
            {"signup": {"provider": "mailerlite", "account_id": "123456"}},
            'SHARE_FOLLOW_SIGNUP["signup"]["form_id"]: missing (MailerLite needs it, '
            "e.g. '98765432101234567')",
        ),
        (
            {"signup": {"provider": "buttondown"}},
            'SHARE_FOLLOW_SIGNUP["signup"]["username"]: missing (Buttondown needs it, '
            "e.g. 'danareyes')",
        ),
        (
            {"follow": {"mastodon": "mastodon.social/@danareyes"}},
            'SHARE_FOLLOW_SIGNUP["follow"]["mastodon"]: \'mastodon.social/@danareyes\' is not '
            'an absolute http(s) URL (write a URL, e.g. "https://mastodon.social/@you")',
        ),
        (
            {
                "signup": {
                    "provider": "mailchimp",
                    "action": "https://us21.list-manage.com/subscribe/post?u=abc",
                }
            },
            'SHARE_FOLLOW_SIGNUP["signup"]["action"]: '
            "'https://us21.list-manage.com/subscribe/post?u=abc' has no u=… and id=… "
            "(copy the whole form action from Mailchimp's embed code)",
        ),
        (
            {"signup": {"provider": "substack", "username": "dana"}},
            'SHARE_FOLLOW_SIGNUP["signup"]["provider"]: \'substack\' is not a supported '
            "provider (choose from buttondown, mailchimp, kit, mailerlite, generic)",
        ),
        (
            {"share_netwroks": ["x"]},
            'SHARE_FOLLOW_SIGNUP["share_netwroks"]: unknown setting (did you mean '
            '"share_networks"? known keys: share_networks, public_site_url, follow, signup, '
            "category_tags, subscribe_page_url, privacy_page_url, honeypot_field, "
            "latest_posts, inject)",
        ),
        (
            {"public_site_url": None},
            'SHARE_FOLLOW_SIGNUP["public_site_url"]: share links need an absolute address, '
            "but SITEURL is '' (set public_site_url, e.g. \"https://danareyes.example\")",
        ),
    ],
    ids=[
        "unknown-network",
        "provider-missing-id",
        "buttondown-missing-username",
        "malformed-follow-url",
        "mailchimp-action-without-ids",
        "unknown-provider",
        "unknown-key",
        "no-absolute-address",
    ],
)
def test_a_settings_mistake_is_one_line_and_stops_the_build(site_factory, changes, line):
    result = build_with(site_factory, **changes)
    assert result.problems == [f"pelicanconf.py: {line}"]
    assert not result.output.exists()


def test_every_mistake_is_reported_in_one_run(site_factory):
    result = build_with(
        site_factory,
        share_networks=["x", "x", "orkut"],
        follow={"github": "https://"},
        inject="sometimes",
    )
    assert len(result.problems) == 4


def test_the_users_dict_is_not_changed(site_factory):
    user_settings = {"signup": {"provider": "kit", "form_id": "1234567"}, **SETTINGS}
    user_settings["signup"] = {"provider": "kit", "form_id": "1234567"}
    before = repr(user_settings)
    site = write_site(site_factory())
    assert site.build(settings={"SHARE_FOLLOW_SIGNUP": user_settings}).ok
    assert repr(user_settings) == before


@pytest.mark.parametrize(
    "user_settings",
    [
        "not a dict",
        {"share_networks": "x"},
        {"share_networks": [["x"]]},
        {"signup": {"provider": ["buttondown"]}},
        {"signup": "buttondown"},
        {"follow": ["https://mastodon.social/@danareyes"]},
        {"follow": {"feed": "feeds/all.atom.xml"}},
        {"category_tags": ["Marketing"]},
        {"inject": ["auto"]},
        {"latest_posts": True},
        {"subscribe_page_url": "/subscribe/"},
        {"share_networks": {"sidebar": ["x"]}},
        {"share_networks": {"service": ["linkedin", "myspace"]}},
        {"share_networks": {"article": "x"}},
        {"signup": {"provider": "generic", "action": "https://x.example", "fields": {}}},
    ],
)
def test_wrong_types_are_problems_not_crashes(user_settings):
    _config, problems = validate(user_settings, {"SITEURL": "https://danareyes.example"})
    assert len(problems) == 1
    assert problems[0].startswith("SHARE_FOLLOW_SIGNUP")


def test_share_networks_per_page_type():
    config, problems = validate(
        {"share_networks": {"service": ["email", "linkedin"]}},
        {"SITEURL": "https://danareyes.example"},
    )
    assert problems == []
    # The type not given keeps its default; a plain list applies to both types.
    assert config["share_networks"] == {
        "article": ["linkedin", "x", "facebook", "email"],
        "service": ["email", "linkedin"],
    }
    config, _ = validate({"share_networks": ["x"]}, {"SITEURL": "https://danareyes.example"})
    assert config["share_networks"] == {"article": ["x"], "service": ["x"]}
    _, problems = validate(
        {"share_networks": {"page": ["x"]}}, {"SITEURL": "https://danareyes.example"}
    )
    assert problems == [
        "SHARE_FOLLOW_SIGNUP[\"share_networks\"]: unknown page type 'page' (choose from article, service)"
    ]
