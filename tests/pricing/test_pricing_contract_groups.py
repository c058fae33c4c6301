"""Tiers of one offer, checked together: the group fields, the group rules (each mistake one
problem on one file), the price span and the comparison rows. Input -> expected."""

from datetime import date

import pytest
from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify
from pricing.contract import read_service
from pricing.groups import TierEntry, comparison_rows, plan_groups, price_span
from pricing.settings import SETTINGS

DEFAULTS = {key: setting.default for key, setting in SETTINGS.items()}
PRICING = {**DEFAULTS, "action_url": "mailto:dana@example.com"}
TODAY = date(2026, 6, 1)


def terms(**fields):
    value, problems = read_service({"price": "900", **fields}, PRICING, TODAY)
    assert problems == []
    return value


def tier(slug, group="Social media audit", listed=True, **fields):
    return TierEntry(
        source_path=f"content/services/{slug}.md",
        slug=slug,
        name=slug.title(),
        group_name=group,
        listed=listed,
        terms=terms(group=group, **fields) if fields is not None else None,
    )


def plan(tiers, service_slugs=()):
    slugs = list(service_slugs) or [(t.source_path, t.slug) for t in tiers]
    plans, problems = plan_groups(
        tiers, slugs, lambda name: slugify(name, DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])
    )
    return plans, [(path, p.field, p.problem, p.fix) for path, p in problems]


def test_group_fields():
    value = terms(group="Social media audit", tier_order="2", recommended="Yes")
    assert (value.group, value.tier_order, value.recommended) == ("Social media audit", 2, True)
    assert terms(group="Audit").recommended is False
    assert terms(group="Audit", recommended="no").recommended is False


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"tier_order": "1"}, [("Tier_Order", "only used with Group")]),
        ({"recommended": "yes"}, [("Recommended", "only used with Group")]),
        (
            {"group": "Audit", "tier_order": "first"},
            [("Tier_Order", '"first" is not a whole number')],
        ),
        ({"group": "Audit", "recommended": "maybe"}, [("Recommended", '"maybe" is not yes or no')]),
    ],
)
def test_group_field_mistakes(fields, expected):
    value, problems = read_service({"price": "900", **fields}, PRICING, TODAY)
    assert value is None
    assert [(p.field, p.problem) for p in problems] == expected


def test_tiers_are_ordered_by_tier_order_then_price():
    tiers = [
        tier("premium", price="2400", tier_order="3"),
        tier("starter", price="900", tier_order="1"),
        tier("standard", price="1500", tier_order="2", recommended="yes"),
        tier("extra", price="100"),  # no Tier_Order: after the numbered ones
    ]
    [group], problems = plan(tiers)
    assert problems == []
    assert (group.name, group.slug) == ("Social media audit", "social-media-audit")
    assert [t.slug for t in group.tiers] == ["starter", "standard", "premium", "extra"]
    assert group.recommended.slug == "standard"


def test_drafts_and_hidden_tiers_are_not_in_the_group():
    tiers = [tier("a", price="1"), tier("b", price="2"), tier("c", price="3", listed=False)]
    [group], problems = plan(tiers)
    assert problems == [] and [t.slug for t in group.tiers] == ["a", "b"]


@pytest.mark.parametrize(
    ("tiers", "expected"),
    [
        (
            [
                tier("standard", price="1500", recommended="yes"),
                tier("premium", price="2400", recommended="yes"),
            ],
            (
                "content/services/standard.md",
                "Recommended",
                '"Standard" and "Premium" are both recommended in the group "Social media audit"',
                'mark at most one tier "Recommended: yes"',
            ),
        ),
        (
            [tier("starter", price="900"), tier("premium", price="2400", currency="EUR")],
            (
                "content/services/premium.md",
                "Currency",
                'EUR differs from USD of "Starter", another tier of "Social media audit"',
                "the tiers of one group share one currency",
            ),
        ),
        (
            [tier("starter", price="900"), tier("premium", price="2400", price_unit="month")],
            (
                "content/services/premium.md",
                "Price_Unit",
                '"month" differs from "project" of "Starter", another tier of "Social media audit"',
                "the tiers of one group are priced per the same unit",
            ),
        ),
        (
            [tier("starter", price="900"), tier("premium", price="2400", listed=False)],
            (
                "content/services/starter.md",
                "Group",
                '"Social media audit" has only one published tier',
                'give another service "Group: Social media audit", or remove this line',
            ),
        ),
        (
            [
                tier("starter", price="900", tier_order="1"),
                tier("standard", price="1500", tier_order="1"),
            ],
            (
                "content/services/starter.md",
                "Tier_Order",
                '1 is also the Tier_Order of "Standard" in the group "Social media audit"',
                "give each tier its own number",
            ),
        ),
    ],
)
def test_each_group_mistake_is_one_problem(tiers, expected):
    plans, problems = plan(tiers)
    assert plans == []
    assert problems == [expected]


def test_a_group_slug_that_is_a_service_slug():
    tiers = [tier("starter", price="900"), tier("premium", price="2400")]
    slugs = [(t.source_path, t.slug) for t in tiers] + [
        ("content/services/social-media-audit.md", "social-media-audit")
    ]
    plans, problems = plan(tiers, slugs)
    assert plans == []  # its page would overwrite the service's
    assert problems == [
        (
            "content/services/social-media-audit.md",
            "Slug",
            '"social-media-audit" is also the address of the group "Social media audit"',
            "give this service another Slug, or rename the group in its tiers' Group:",
        )
    ]


def test_a_group_name_without_letters_or_digits():
    plans, problems = plan([tier("a", group="!!!", price="1"), tier("b", group="!!!", price="2")])
    assert plans == [] and [p[:3] for p in problems] == [
        ("content/services/a.md", "Group", '"!!!" gives the group page no address'),
    ]


@pytest.mark.parametrize(
    ("fields", "display", "short"),
    [
        ([{"price": "900"}, {"price": "2400"}], "From $900 to $2,400", "From $900"),
        ([{"price": "900"}, {"price": "900"}], "$900", "$900"),
        ([{"price": "900", "price_type": "from"}, {"price": "900"}], "From $900", "From $900"),
        (
            [{"price": "900", "price_type": "range", "price_max": "3000"}, {"price": "2400"}],
            "From $900 to $3,000",
            "From $900",
        ),
        (
            [{"price": "500", "price_unit": "month"}, {"price": "800", "price_unit": "month"}],
            "From $500 to $800 per month",
            "From $500 per month",
        ),
        (
            [{"price": "900", "fees": "Setup 100"}, {"price": "2400"}],
            "From $1,000 to $2,400",
            "From $1,000",
        ),
    ],
)
def test_price_span(fields, display, short):
    span = price_span([terms(**f).headline for f in fields], "en_US")
    assert (span.display, span.short) == (display, short)
    assert span.in_sentence == short[:1].lower() + short[1:] if short.startswith("From") else short


def test_comparison_rows_are_the_union_of_includes_in_order():
    rows = comparison_rows([["Review", "Report"], ["Review", "report ", "90-day plan"], ["Calls"]])
    assert [(row.item, row.included) for row in rows] == [
        ("Review", (True, True, False)),
        ("Report", (True, True, False)),
        ("90-day plan", (False, True, False)),
        ("Calls", (False, False, True)),
    ]
