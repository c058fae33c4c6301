"""Prices over time, field by field: announced changes, sales and the 30-day rule, and the
price a post saw when it was written. Input -> what visitors read on a given build date,
or the problem the build reports."""

from datetime import date
from decimal import Decimal

import pytest
from pricing.citations import service_citation
from pricing.contract import CONTENT_FIELDS, read_service
from pricing.schedule import PriceTimeline
from pricing.settings import SETTINGS

DEFAULTS = {key: setting.default for key, setting in SETTINGS.items()}
PRICING = {**DEFAULTS, "action_url": "mailto:dana@example.com"}

AUDIT = {
    "price": "1500",
    "price_updated": "2026-01-15",
    "price_history": "2024-01-01 1200; 2025-03-01 1350",
}
ANNOUNCED = {**AUDIT, "price_next": "1800", "price_next_from": "2027-03-01"}


def terms_on(today, **fields):
    terms, problems = read_service(fields, PRICING, today)
    assert problems == []
    return terms


def problems_for(today=None, **fields):
    terms, problems = read_service(fields, PRICING, today)
    assert terms is None
    return [(p.field, p.problem) for p in problems]


def test_every_field_the_plugin_reads_is_declared_once():
    assert len(CONTENT_FIELDS) == len(set(CONTENT_FIELDS))
    assert all(name == name.lower() for name in CONTENT_FIELDS)
    assert {
        "price",
        "price_history",
        "group",
        "tier_order",
        "recommended",
        "price_next",
        "price_next_from",
        "price_next_note",
        "sale_price",
        "sale_from",
        "sale_until",
        "tax",
        "fees",
        "extras",
        "payment_terms",
        "guarantee",
    } <= set(CONTENT_FIELDS)


# --- Price_Next, Price_Next_From, Price_Next_Note ---


def test_an_announced_price_shows_beside_todays_until_its_day():
    terms = terms_on(date(2027, 2, 28), **ANNOUNCED, price_next_note="Booked before keep it.")
    assert terms.price.display == "$1,500"
    change = terms.next_change
    assert (change.price.display, change.day_text, change.note) == (
        "$1,800",
        "March 1, 2027",
        "Booked before keep it.",
    )
    assert terms.applied_change is None


@pytest.mark.parametrize("today", [date(2027, 3, 1), date(2030, 1, 1)])
def test_from_its_day_the_announced_price_is_the_price_and_the_old_one_history(today):
    terms = terms_on(today, **ANNOUNCED)
    assert terms.price.display == "$1,800"
    assert (terms.updated, terms.updated_text) == (date(2027, 3, 1), "March 1, 2027")
    assert [(p.day, p.amount_text) for p in terms.history] == [
        (date(2024, 1, 1), "$1,200"),
        (date(2025, 3, 1), "$1,350"),
        (date(2026, 1, 15), "$1,500"),
    ]
    assert terms.next_change is None
    assert terms.applied_change.amount == Decimal(1800)  # for the info line in invoke check


def test_an_old_price_whose_first_day_was_not_written_joins_the_history_undated():
    terms = terms_on(
        date(2027, 3, 1), price="1500", price_next="1800", price_next_from="2027-03-01"
    )
    assert [(p.day, p.day_text, p.amount_text) for p in terms.history] == [(None, None, "$1,500")]


def test_without_a_build_date_nothing_takes_effect():
    terms, problems = read_service(ANNOUNCED, PRICING)
    assert problems == [] and terms.price.display == "$1,500"
    assert terms.next_change.price.display == "$1,800"


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {"price": "1500", "price_next": "1800"},
            [("Price_Next_From", "missing for Price_Next")],
        ),
        (
            {"price": "1500", "price_next_from": "2027-03-01"},
            [("Price_Next", "missing for Price_Next_From")],
        ),
        (
            {"price": "1500", "price_next_note": "Soon."},
            [("Price_Next_Note", "only used with Price_Next")],
        ),
        (
            {"price": "1500", "price_next": "1500", "price_next_from": "2027-03-01"},
            [("Price_Next", "1500 is the same as Price")],
        ),
        (
            {"price": "1500", "price_next": "1,800", "price_next_from": "2027-03-01"},
            [("Price_Next", '"1,800" has a thousands separator')],
        ),
        (
            {"price": "1500", "price_next": "1800", "price_next_from": "March 2027"},
            [("Price_Next_From", '"March 2027" is not a date')],
        ),
        (
            {
                "price": "1500",
                "price_updated": "2026-01-15",
                "price_next": "1800",
                "price_next_from": "2026-01-15",
            },
            [("Price_Next_From", "2026-01-15 is not after Price_Updated 2026-01-15")],
        ),
        (
            {
                "price": "1000",
                "price_type": "range",
                "price_max": "2000",
                "price_next": "2000",
                "price_next_from": "2027-03-01",
            },
            [("Price_Next", "2000 is not below Price_Max 2000")],
        ),
    ],
)
def test_announced_price_mistakes(fields, expected):
    assert problems_for(date(2026, 6, 1), **fields) == expected


def test_a_change_that_took_effect_long_ago_is_not_an_error():
    assert terms_on(date(2040, 1, 1), **ANNOUNCED).price.amount == Decimal(1800)


# --- Sale_Price, Sale_From, Sale_Until and the 30-day rule ---

SALE = {**AUDIT, "sale_price": "1200", "sale_from": "2026-11-16", "sale_until": "2027-01-31"}


@pytest.mark.parametrize(
    ("today", "running"),
    [
        (date(2026, 11, 15), False),
        (date(2026, 11, 16), True),
        (date(2027, 1, 31), True),
        (date(2027, 2, 1), False),
    ],
)
def test_a_sale_runs_from_its_first_to_its_last_day(today, running):
    terms = terms_on(today, **SALE)
    assert terms.price.display == "$1,500"  # the regular price, always
    if running:
        sale = terms.sale
        assert (sale.price.display, sale.starts_text, sale.ends_text) == (
            "$1,200",
            "November 16, 2026",
            "January 31, 2027",
        )
        assert (sale.lowest_before, sale.lowest_before_text) == (Decimal(1500), "$1,500")
        assert terms.headline.display == "$1,200"
    else:
        assert terms.sale is None
        assert terms.headline.display == "$1,500"
    assert (terms.ended_sale is not None) == (today > date(2027, 1, 31))


def test_the_lowest_price_of_the_30_days_comes_from_the_history():
    # $1,350 until January 14th, $1,500 from the 15th: a sale from February 1st looks
    # back to January 2nd, so the lowest price of those days is $1,350.
    terms = terms_on(date(2026, 2, 1), **{**SALE, "sale_from": "2026-02-01", "sale_price": "1300"})
    assert terms.sale.lowest_before_text == "$1,350"
    # From February 14th the window starts on January 15th: only $1,500.
    terms = terms_on(date(2026, 2, 14), **{**SALE, "sale_from": "2026-02-14", "sale_price": "1400"})
    assert terms.sale.lowest_before_text == "$1,500"


def test_a_sale_without_an_end_runs_until_removed():
    terms = terms_on(date(2030, 1, 1), **{**SALE, "sale_until": ""})
    assert terms.sale.ends is None and terms.sale.price.display == "$1,200"


def test_a_sale_on_a_starting_price_reads_from():
    terms = terms_on(
        date(2026, 12, 1),
        price="500",
        price_type="from",
        price_unit="month",
        price_updated="2026-01-01",
        sale_price="400",
        sale_from="2026-12-01",
    )
    assert terms.sale.price.display == "From $400 per month"


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {**SALE, "sale_price": "1500"},
            [
                (
                    "Sale_Price",
                    "$1,500 is not below $1,500, the lowest price in the 30 days before "
                    "Sale_From 2026-11-16",
                )
            ],
        ),
        (
            {**SALE, "sale_from": "2026-02-01", "sale_price": "1350"},
            [
                (
                    "Sale_Price",
                    "$1,350 is not below $1,350, the lowest price in the 30 days before "
                    "Sale_From 2026-02-01",
                )
            ],
        ),
        (
            {**SALE, "price_updated": ""},
            [
                (
                    "Sale_From",
                    "the price on 2026-10-17, within the 30 days before the sale, is not known",
                )
            ],
        ),
        (
            {**SALE, "sale_from": "2024-01-15"},
            [
                (
                    "Sale_From",
                    "the price on 2023-12-16, within the 30 days before the sale, is not known",
                )
            ],
        ),
        (
            {**SALE, "sale_until": "2026-11-15"},
            [("Sale_Until", "2026-11-15 is before Sale_From 2026-11-16")],
        ),
        (
            {**AUDIT, "sale_price": "1200"},
            [("Sale_From", "missing for Sale_Price")],
        ),
        (
            {**AUDIT, "sale_from": "2026-11-16", "sale_until": "2027-01-31"},
            [("Sale_Price", "missing for Sale_From and Sale_Until")],
        ),
        (
            {**SALE, "price_type": "range", "price_max": "2000"},
            [("Sale_Price", "a sale needs one regular price to compare with, not a range")],
        ),
        (
            {**SALE, "sale_price": "1.234"},
            [("Sale_Price", '"1.234" has more decimal places than USD uses')],
        ),
        (
            {**SALE, "price_next": "1100", "price_next_from": "2027-01-01"},
            [
                (
                    "Sale_Price",
                    "$1,200 is not below Price_Next $1,100, which starts during the sale "
                    "on 2027-01-01",
                )
            ],
        ),
    ],
)
def test_sale_mistakes(fields, expected):
    assert problems_for(date(2026, 12, 1), **fields) == expected


def test_an_ended_sale_is_not_an_error_years_later():
    assert terms_on(date(2035, 1, 1), **SALE).sale is None


# --- The timeline behind citations, sales and the feed ---


def test_the_timeline_knows_each_day_it_can():
    timeline = PriceTimeline(
        (
            (date(2024, 1, 1), Decimal(1200)),
            (None, Decimal(1350)),
            (date(2026, 1, 1), Decimal(1500)),
        )
    )
    assert timeline.price_on(date(2023, 12, 31)) is None  # before anything written
    assert timeline.price_on(date(2024, 6, 1)) is None  # $1,200 or $1,350: unknown
    assert timeline.price_on(date(2026, 1, 1)) == Decimal(1500)
    assert timeline.first_unknown_day(date(2025, 12, 30), date(2026, 1, 2)) == date(2025, 12, 30)
    assert timeline.first_unknown_day(date(2026, 1, 1), date(2026, 1, 31)) is None
    assert timeline.changes() == [(date(2026, 1, 1), Decimal(1350), Decimal(1500))]


# --- What {price}slug says in a post ---


@pytest.mark.parametrize(
    ("written_on", "today", "was"),
    [
        (date(2025, 6, 1), date(2026, 6, 1), "$1,350"),  # written when it cost $1,350
        (date(2026, 1, 15), date(2026, 6, 1), None),  # the same price as today
        (date(2023, 6, 1), date(2026, 6, 1), None),  # before any price written down
        (date(2026, 6, 1), date(2027, 3, 1), "$1,500"),  # the announced price took effect
        (date(2027, 3, 1), date(2027, 3, 1), None),  # written the day it changed
        (date(2027, 4, 1), date(2027, 3, 1), None),  # a post scheduled for later
        (None, date(2026, 6, 1), None),  # a page without a date
    ],
)
def test_a_citation_notes_the_price_the_post_was_written_with(written_on, today, was):
    terms = terms_on(today, **ANNOUNCED)
    citation = service_citation(terms, "en_US", written_on, today)
    assert citation.price_text == terms.price.display
    assert citation.was_text == was


def test_a_citation_of_a_starting_price_with_fees_reads_as_the_price_box():
    terms = terms_on(
        date(2026, 6, 1),
        price="500",
        price_type="from",
        price_unit="month",
        price_updated="2026-03-01",
        price_history="2024-09-01 450",
        fees="Setup 50",
    )
    citation = service_citation(terms, "en_US", date(2026, 2, 10), date(2026, 6, 1))
    assert (citation.price_text, citation.was_text) == (
        "from $550 per month",
        "from $500 per month",
    )
