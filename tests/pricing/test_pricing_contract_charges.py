"""Tax, fees, extras, payment terms, guarantee, and numbers too large to be prices:
what the author writes -> what visitors read, or the one-line problem."""

from decimal import Decimal

import pytest
from pricing.contract import read_service
from pricing.settings import SETTINGS

DEFAULTS = {key: setting.default for key, setting in SETTINGS.items()}
PRICING = {**DEFAULTS, "action_url": "mailto:dana@example.com"}


def terms_for(pricing=PRICING, **fields):
    terms, problems = read_service({"price": "1200", **fields}, pricing)
    assert problems == []
    return terms


def problems_for(**fields):
    terms, problems = read_service({"price": "1200", **fields}, PRICING)
    assert terms is None
    return [(p.field, p.problem, p.fix) for p in problems]


@pytest.mark.parametrize(
    ("setting", "field", "expected"),
    [
        (None, None, None),
        ("excluded", None, "excluded"),
        ("excluded", "Included", "included"),
        (None, "none", "none"),
        ("included", "excluded", "excluded"),
    ],
)
def test_tax_has_a_site_default(setting, field, expected):
    fields = {"tax": field} if field else {}
    assert terms_for({**PRICING, "tax": setting}, **fields).tax == expected


def test_tax_must_be_one_of_three_rules():
    assert problems_for(tax="sometimes") == [
        ("Tax", '"sometimes" is not a tax rule', "use included, excluded or none")
    ]


def test_fees_are_added_to_the_price_in_the_all_in_price():
    terms = terms_for(fees="Setup 150; Licence 90.50")
    assert [(fee.label, fee.amount, fee.amount_text) for fee in terms.fees] == [
        ("Setup", Decimal(150), "$150"),
        ("Licence", Decimal("90.50"), "$90.50"),
    ]
    assert terms.price.display == "$1,200"
    assert terms.all_in.display == "$1,440.50"
    assert terms.headline is terms.all_in


def test_fees_on_a_range_and_a_unit_price():
    terms = terms_for(price_type="range", price_max="2000", price_unit="month", fees="Setup 100")
    assert terms.all_in.display == "$1,300\u2013$2,100 per month"


def test_extras_are_shown_but_never_added():
    terms = terms_for(extras="Travel outside the city 200; Rush delivery 300")
    assert [(extra.label, extra.amount_text) for extra in terms.extras] == [
        ("Travel outside the city", "$200"),
        ("Rush delivery", "$300"),
    ]
    assert terms.all_in is None and terms.headline.display == "$1,200"


FEES_FIX = 'write "label amount" pairs separated by ";", e.g. Fees: Setup 150; Licence 90'


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("Setup", '"Setup" is not a label and an amount'),
        ("150", '"150" is not a label and an amount'),
        ("Setup $150", '"Setup $150": the amount has a currency sign'),
        ("Setup 1,500", '"Setup 1,500": the amount has a thousands separator'),
        ("Setup -5", '"Setup -5": the amount is negative'),
        (" ; ", "is empty"),
    ],
)
def test_fee_mistakes(value, problem):
    assert problems_for(fees=value) == [("Fees", problem, FEES_FIX)]


def test_extra_mistakes_name_the_extras_field():
    assert problems_for(extras="Travel far") == [
        (
            "Extras",
            '"Travel far": the amount is not a number',
            'write "label amount" pairs separated by ";", e.g. Extras: Travel outside the city 200',
        )
    ]


def test_payment_terms_and_guarantee_are_text():
    terms = terms_for(payment_terms="50% to book, 50% on delivery", guarantee="Money back")
    assert (terms.payment_terms, terms.guarantee) == ("50% to book, 50% on delivery", "Money back")
    assert (terms_for().payment_terms, terms_for().guarantee) == (None, None)


LONG = "9" * 41


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {"price": LONG},
            (
                "Price",
                f'"{"9" * 39}\u2026" is too large',
                "write at most 12 digits before the decimal point",
            ),
        ),
        (
            {"price": "1000000000000"},
            (
                "Price",
                '"1000000000000" is too large',
                "write at most 12 digits before the decimal point",
            ),
        ),
        (
            {"price_type": "range", "price_max": LONG},
            (
                "Price_Max",
                f'"{"9" * 39}\u2026" is too large',
                "write at most 12 digits before the decimal point",
            ),
        ),
        (
            {"order": "9" * 5000},
            (
                "Order",
                f'"{"9" * 39}\u2026" is too large',
                "use a number of at most 9 digits, e.g. Order: 1",
            ),
        ),
        (
            {"group": "Audit", "tier_order": "12345678901"},
            (
                "Tier_Order",
                '"12345678901" is too large',
                "use a number of at most 9 digits, e.g. Tier_Order: 1",
            ),
        ),
        (
            {"fees": f"Setup {LONG}"},
            ("Fees", f'"Setup {"9" * 33}\u2026": the amount is too large', FEES_FIX),
        ),
    ],
)
def test_numbers_too_large_to_be_prices_are_one_problem(fields, expected):
    assert problems_for(**fields) == [expected]


def test_a_history_amount_too_large_is_one_problem():
    terms, problems = read_service({"price": "1", "price_history": f"2024-01-01 {LONG}"}, PRICING)
    assert terms is None
    assert [(p.field, p.problem) for p in problems] == [
        ("Price_History", f'"2024-01-01 {LONG}": the price is too large')
    ]


def test_the_largest_allowed_price_formats():
    assert terms_for(price="999999999999.99").price.display == "$999,999,999,999.99"
