"""Email signup: where the form posts and which fields each provider documents.

Each provider is one entry in SIGNUP_PROVIDERS. A form is a plain HTML POST, so it
works without JavaScript and loads nothing from the provider until the reader submits.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import parse_qs, quote, urlsplit


@dataclass(frozen=True)
class SignupProvider:
    """What a provider's hosted form endpoint expects."""

    id: str
    name: str
    # Keys of SHARE_FOLLOW_SIGNUP["signup"] this provider needs, with an example each.
    required: dict
    email_field: str
    # Field that carries the tag (or group) for segmentation; None if not supported.
    tag_field: str | None
    # True when the provider wants its own tag/group ids: then only categories listed
    # in "category_tags" are sent. False: the category name itself is the tag.
    tags_are_ids: bool
    build_action: Callable[[dict], str]
    hidden_fields: tuple = ()
    # The provider's own honeypot field, if it documents one (else "honeypot_field").
    build_honeypot_field: Callable[[dict], str] | None = None


def mailchimp_list_ids(action):
    """(u, id) from a Mailchimp form action, or None if either is missing."""
    params = parse_qs(urlsplit(action).query)
    if params.get("u") and params.get("id"):
        return params["u"][0], params["id"][0]
    return None


def mailchimp_honeypot(signup):
    u, list_id = mailchimp_list_ids(signup["action"])
    return f"b_{u}_{list_id}"


SIGNUP_PROVIDERS = {
    provider.id: provider
    for provider in (
        # https://buttondown.com/api/emails/embed-subscribe/<username>; fields email, tag.
        SignupProvider(
            id="buttondown",
            name="Buttondown",
            required={"username": "danareyes"},
            email_field="email",
            tag_field="tag",
            tags_are_ids=False,
            build_action=lambda signup: (
                "https://buttondown.com/api/emails/embed-subscribe/"
                + quote(signup["username"], safe="")
            ),
        ),
        # The embed code's action, https://<dc>.list-manage.com/subscribe/post?u=…&id=…;
        # EMAIL, the bot trap b_<u>_<id>, and "tags" holding Mailchimp tag ids.
        SignupProvider(
            id="mailchimp",
            name="Mailchimp",
            required={"action": "https://us21.list-manage.com/subscribe/post?u=…&id=…"},
            email_field="EMAIL",
            tag_field="tags",
            tags_are_ids=True,
            build_action=lambda signup: signup["action"],
            build_honeypot_field=mailchimp_honeypot,
        ),
        # Kit (ConvertKit) hosted forms: https://app.kit.com/forms/<form id>/subscriptions,
        # email_address, and tag ids as tags[].
        SignupProvider(
            id="kit",
            name="Kit",
            required={"form_id": "1234567"},
            email_field="email_address",
            tag_field="tags[]",
            tags_are_ids=True,
            build_action=lambda signup: (
                f"https://app.kit.com/forms/{quote(str(signup['form_id']), safe='')}/subscriptions"
            ),
        ),
        # MailerLite embedded forms:
        # https://assets.mailerlite.com/jsonp/<account id>/forms/<form id>/subscribe,
        # fields[email], group ids as groups[], plus the two flags its embed code posts.
        SignupProvider(
            id="mailerlite",
            name="MailerLite",
            required={"account_id": "123456", "form_id": "98765432101234567"},
            email_field="fields[email]",
            tag_field="groups[]",
            tags_are_ids=True,
            build_action=lambda signup: (
                "https://assets.mailerlite.com/jsonp/"
                f"{quote(str(signup['account_id']), safe='')}/forms/"
                f"{quote(str(signup['form_id']), safe='')}/subscribe"
            ),
            hidden_fields=(("ml-submit", "1"), ("anticsrf", "true")),
        ),
        # Anything else that accepts a form POST: you name the fields.
        SignupProvider(
            id="generic",
            name="your list",
            required={"action": "https://example.com/subscribe", "fields": {"email": "email"}},
            email_field="",  # from signup["fields"]
            tag_field=None,  # from signup["fields"]
            tags_are_ids=False,
            build_action=lambda signup: signup["action"],
        ),
    )
}

# Keys "signup" may hold besides "provider" and each provider's required keys.
OPTIONAL_SIGNUP_KEYS = {
    "action": "the form's action URL, instead of the provider's hosted one",
    "hidden": "extra fixed fields to post, as {name: value}",
}
GENERIC_FIELD_KEYS = {"email", "tag", "honeypot"}


def signup_field_names(signup):
    """Names of the real fields a form for `signup` (validated) sends: a bot trap must differ."""
    provider = SIGNUP_PROVIDERS[signup["provider"]]
    if provider.id == "generic":
        fields = signup.get("fields") or {}
        names = {fields.get("email"), fields.get("tag")}
    else:
        names = {provider.email_field, provider.tag_field}
    names.update(name for name, _ in provider.hidden_fields)
    names.update(signup.get("hidden") or {})
    return {name for name in names if name}


@dataclass(frozen=True)
class SignupForm:
    """Everything a template needs to render one signup form."""

    provider_name: str
    action: str
    email_field: str
    honeypot_field: str
    hidden_fields: list = field(default_factory=list)
    # The segment this form signs up to (a post's category), for the template's wording.
    topic: str | None = None
    # Where the call to action and the consent line link to (set by the plugin).
    subscribe_url: str = ""
    privacy_url: str = ""


def category_tag(provider, category_tags, category_name):
    """The tag or group value to send for a post's category, or None."""
    if category_name is None:
        return None
    if category_name in category_tags:
        return str(category_tags[category_name])
    return None if provider.tags_are_ids else category_name


def build_signup_form(config, category_name=None):
    """The signup form for a page; `category_name` segments the list where supported.

    `config` is the validated SHARE_FOLLOW_SIGNUP dict.
    """
    signup = config["signup"]
    provider = SIGNUP_PROVIDERS[signup["provider"]]
    if provider.id == "generic":
        email_field = signup["fields"]["email"]
        tag_field = signup["fields"].get("tag")
        honeypot_field = signup["fields"].get("honeypot", config["honeypot_field"])
    else:
        email_field = provider.email_field
        tag_field = provider.tag_field
        honeypot_field = (
            provider.build_honeypot_field(signup)
            if provider.build_honeypot_field
            else config["honeypot_field"]
        )
    hidden_fields = list(provider.hidden_fields) + [
        (name, str(value)) for name, value in signup.get("hidden", {}).items()
    ]
    tag = category_tag(provider, config["category_tags"], category_name)
    if tag_field and tag is not None:
        hidden_fields.append((tag_field, tag))
    return SignupForm(
        provider_name=provider.name,
        action=signup.get("action") or provider.build_action(signup),
        email_field=email_field,
        honeypot_field=honeypot_field,
        hidden_fields=hidden_fields,
        topic=category_name,
    )
