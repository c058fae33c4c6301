"""Each provider's form posts its documented fields; a post's category becomes the segment."""

import pytest
from sfs_site import SETTINGS, form_fields, write_site
from share_follow_signup.settings import validate
from share_follow_signup.signup import build_signup_form

MAILCHIMP_ACTION = "https://us21.list-manage.com/subscribe/post?u=1a2b3c&id=4d5e6f"


def form_for(signup, category=None, **settings):
    config, problems = validate(
        {"signup": signup, **settings}, {"SITEURL": "https://danareyes.example"}
    )
    assert problems == []
    return build_signup_form(config, category)


@pytest.mark.parametrize(
    ("signup", "category_tags", "expected"),
    [
        (
            {"provider": "buttondown", "username": "danareyes"},
            {},
            (
                "https://buttondown.com/api/emails/embed-subscribe/danareyes",
                "email",
                "website",
                [("tag", "Customer service")],
            ),
        ),
        (
            {"provider": "mailchimp", "action": MAILCHIMP_ACTION},
            {"Customer service": 2940394},
            (MAILCHIMP_ACTION, "EMAIL", "b_1a2b3c_4d5e6f", [("tags", "2940394")]),
        ),
        (
            {"provider": "kit", "form_id": "1234567"},
            {"Customer service": "555"},
            (
                "https://app.kit.com/forms/1234567/subscriptions",
                "email_address",
                "website",
                [("tags[]", "555")],
            ),
        ),
        (
            {"provider": "mailerlite", "account_id": "123456", "form_id": "98765"},
            {"Customer service": "777"},
            (
                "https://assets.mailerlite.com/jsonp/123456/forms/98765/subscribe",
                "fields[email]",
                "website",
                [("ml-submit", "1"), ("anticsrf", "true"), ("groups[]", "777")],
            ),
        ),
        (
            {
                "provider": "generic",
                "action": "https://lists.example/join",
                "fields": {"email": "address", "tag": "interest", "honeypot": "nickname"},
                "hidden": {"source": "blog"},
            },
            {},
            (
                "https://lists.example/join",
                "address",
                "nickname",
                [("source", "blog"), ("interest", "Customer service")],
            ),
        ),
    ],
    ids=["buttondown", "mailchimp", "kit", "mailerlite", "generic"],
)
def test_provider_fields(signup, category_tags, expected):
    form = form_for(signup, "Customer service", category_tags=category_tags)
    assert (form.action, form.email_field, form.honeypot_field, form.hidden_fields) == expected


@pytest.mark.parametrize("provider", ["mailchimp", "kit", "mailerlite"])
def test_id_based_providers_send_no_segment_for_an_unmapped_category(provider):
    signup = {
        "mailchimp": {"provider": "mailchimp", "action": MAILCHIMP_ACTION},
        "kit": {"provider": "kit", "form_id": "1"},
        "mailerlite": {"provider": "mailerlite", "account_id": "1", "form_id": "2"},
    }[provider]
    form = form_for(signup, "Marketing", category_tags={"Customer service": "9"})
    assert [name for name, _ in form.hidden_fields if name in ("tags", "tags[]", "groups[]")] == []


def test_a_mapped_category_overrides_the_name_for_name_based_providers():
    form = form_for(
        {"provider": "buttondown", "username": "dana"},
        "Customer service",
        category_tags={"Customer service": "support"},
    )
    assert form.hidden_fields == [("tag", "support")]


def test_mailchimp_form_in_a_built_article(site_factory):
    site = write_site(site_factory())
    settings = {
        **SETTINGS,
        "signup": {"provider": "mailchimp", "action": MAILCHIMP_ACTION},
        "category_tags": {"Marketing": "111"},
    }
    result = site.build(settings={"SHARE_FOLLOW_SIGNUP": settings})
    assert result.problems == []
    form = result.soup("blog/what-a-retainer-buys-you/index.html").select_one("form.sfs-form")
    assert form["action"] == MAILCHIMP_ACTION
    assert form_fields(form) == {"EMAIL": "", "tags": "111", "b_1a2b3c_4d5e6f": ""}
    trap = form.find("input", attrs={"name": "b_1a2b3c_4d5e6f"})
    assert trap["tabindex"] == "-1"
    assert trap.find_parent(attrs={"aria-hidden": "true"})


def test_without_a_provider_there_is_no_form_but_share_and_follow_stay(site_factory):
    site = write_site(site_factory())
    result = site.build(settings={"SHARE_FOLLOW_SIGNUP": {**SETTINGS, "signup": None}})
    assert result.problems == []
    soup = result.soup("blog/what-a-retainer-buys-you/index.html")
    assert soup.select("form.sfs-form") == []
    assert soup.select(".share-follow-signup nav.sfs-share a")
    # The subscribe page still lists the latest posts and the services.
    subscribe = result.soup("subscribe/index.html")
    assert subscribe.select("form.sfs-form") == []
    assert len(subscribe.select(".share-follow-signup .sfs-latest a")) == 2
