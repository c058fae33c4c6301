"""The content contract, field by field: what an author writes -> what visitors read,
or the one-line problem the build reports."""

from datetime import date
from decimal import Decimal

import pytest
from pricing.contract import FieldProblem, read_service
from pricing.currencies import is_active_currency
from pricing.faq import find_faq
from pricing.formatting import format_amount
from pricing.references import references_in
from pricing.settings import SETTINGS, validated_settings

DEFAULTS = {key: setting.default for key, setting in SETTINGS.items()}

PRICING = {**DEFAULTS, "action_url": "mailto:dana@example.com"}


def terms_for(**fields):
    terms, problems = read_service({"price": "1500", **fields}, PRICING)
    assert problems == []
    return terms


def problems_for(**fields):
    terms, problems = read_service(fields, PRICING)
    assert terms is None
    return [(p.field, p.problem) for p in problems]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"price": "1500"}, "$1,500"),
        ({"price": "1500.00"}, "$1,500"),
        ({"price": "149.5"}, "$149.50"),
        ({"price": "0"}, "Free"),
        (
            {"price": "500", "currency": "EUR", "price_type": "from", "price_unit": "month"},
            "From €500 per month",
        ),
        ({"price": "150", "price_unit": "hour"}, "$150 per hour"),
        ({"price": "1200", "price_type": "range", "price_max": "2500"}, "$1,200\u2013$2,500"),
        ({"price": "90", "price_unit": "session", "currency": "GBP"}, "£90 per session"),
        ({"price": "20000", "currency": "JPY"}, "¥20,000"),
        ({"price": "0", "price_unit": "hour"}, "Free"),
        ({"price": "0", "price_type": "range", "price_max": "100"}, "Up to $100"),
        ({"price": "1200.5", "currency": "CHF"}, "CHF\u00a01,200.50"),
    ],
)
def test_price_display(fields, expected):
    terms, problems = read_service(fields, PRICING)
    assert problems == []
    assert terms.price.display == expected


def test_locale_is_always_explicit():
    assert format_amount(Decimal("1500"), "EUR", "de_DE") == "1.500\u00a0€"
    assert format_amount(Decimal("1500.5"), "EUR", "de_DE") == "1.500,50\u00a0€"
    assert format_amount(Decimal("1500"), "USD", "en_US") == "$1,500"


@pytest.mark.parametrize(
    ("price", "problem"),
    [
        ("$1500", '"$1500" has a currency sign'),
        ("1500€", '"1500€" has a currency sign'),
        ("1,500", '"1,500" has a thousands separator'),
        ("1 500", '"1 500" has a thousands separator'),
        ("12,5O", '"12,5O" is not a number'),
        ("fifteen hundred", '"fifteen hundred" is not a number'),
        ("-50", '"-50" is negative'),
        ("149.505", '"149.505" has more decimal places than USD uses'),
    ],
)
def test_price_mistakes(price, problem):
    assert problems_for(price=price) == [("Price", problem)]


def test_price_is_required():
    assert problems_for() == [("Price", "missing")]


def test_currency_defaults_to_the_setting_and_must_be_iso_4217():
    assert terms_for().price.currency == "USD"
    assert terms_for(currency="EUR").price.currency == "EUR"
    assert problems_for(price="1", currency="XYZ") == [
        ("Currency", '"XYZ" is not an ISO 4217 currency code')
    ]
    assert problems_for(price="1", currency="DEM") == [
        ("Currency", '"DEM" is not an ISO 4217 currency code')
    ]


@pytest.mark.parametrize(
    ("code", "active"),
    [("USD", True), ("XCG", True), ("XYZ", False), ("HRK", False), ("XXX", False), ("usd", False)],
)
def test_active_currencies(code, active):
    assert is_active_currency(code) is active


def test_price_unit():
    assert terms_for().price.unit == "project"
    assert terms_for(price_unit="day").price.display == "$1,500 per day"
    assert problems_for(price="1", price_unit="/hr") == [("Price_Unit", '"/hr" is not a unit')]
    # "$150 per per hour" otherwise.
    assert problems_for(price="1", price_unit="per hour") == [
        ("Price_Unit", '"per hour" starts with "per"')
    ]
    assert terms_for(price_unit="person").price.display == "$1,500 per person"


def test_price_type():
    assert terms_for().price.type == "fixed"
    assert terms_for(price_type="From").price.type == "from"
    assert problems_for(price="1", price_type="monthly") == [
        ("Price_Type", '"monthly" is not a price type')
    ]


def test_price_max():
    terms = terms_for(price_type="range", price_max="2500")
    assert (terms.price.max_amount, terms.price.plain_max_amount) == (Decimal(2500), "2500")
    assert problems_for(price="1500", price_type="range") == [
        ("Price_Max", "missing for Price_Type: range")
    ]
    assert problems_for(price="1500", price_type="range", price_max="1500") == [
        ("Price_Max", "1500 is not above Price 1500")
    ]
    assert problems_for(price="1500", price_type="range", price_max="900") == [
        ("Price_Max", "900 is not above Price 1500")
    ]
    assert problems_for(price="1500", price_max="2500") == [
        ("Price_Max", "only used with Price_Type: range, not fixed")
    ]


def test_price_updated():
    terms = terms_for(price_updated="2026-01-15")
    assert (terms.updated, terms.updated_text) == (date(2026, 1, 15), "January 15, 2026")
    assert problems_for(price="1", price_updated="2026-02-30") == [
        ("Price_Updated", '"2026-02-30" is not a date')
    ]
    assert problems_for(price="1", price_updated="15/01/2026") == [
        ("Price_Updated", '"15/01/2026" is not a date')
    ]


def test_price_history():
    terms = terms_for(price_history="2025-03-01 1350; 2024-01-01 1200")
    assert [(p.day, p.amount_text, p.day_text) for p in terms.history] == [
        (date(2024, 1, 1), "$1,200", "January 1, 2024"),
        (date(2025, 3, 1), "$1,350", "March 1, 2025"),
    ]
    assert problems_for(price="1", price_history="2024-01-01") == [
        ("Price_History", '"2024-01-01" is not a date and a price')
    ]
    assert problems_for(price="1", price_history="2024-13-01 1200; 2025-01-01 $9") == [
        ("Price_History", '"2024-13-01 1200" has no valid date'),
        ("Price_History", '"2025-01-01 $9": the price has a currency sign'),
    ]


def test_price_history_comes_before_the_current_price():
    assert terms_for(price_updated="2025-03-02", price_history="2025-03-01 1350").history
    assert problems_for(
        price="1", price_updated="2025-03-01", price_history="2024-01-01 1; 2025-03-01 2"
    ) == [("Price_History", "2025-03-01 is not before Price_Updated 2025-03-01")]


def test_includes_turnaround_order():
    terms = terms_for(
        includes="Review; Benchmark ;  ; 90-day plan", turnaround="2 weeks", order="3"
    )
    assert terms.includes == ["Review", "Benchmark", "90-day plan"]
    assert (terms.turnaround, terms.order) == ("2 weeks", 3)
    assert terms_for().includes == []
    assert problems_for(price="1", order="first") == [("Order", '"first" is not a whole number')]
    assert problems_for(price="1", includes=" ; ") == [("Includes", "is empty")]


def test_call_to_action():
    action = terms_for().action
    assert (action.kind, action.url, action.label) == ("contact", "mailto:dana@example.com", None)
    action = terms_for(action="Buy", action_url="/book/", action_label="Buy the book").action
    assert (action.kind, action.url, action.label) == ("buy", "/book/", "Buy the book")
    assert problems_for(price="1", action="call") == [("Action", '"call" is not a call to action')]
    assert problems_for(price="1", action_url="javascript:alert(1)") == [
        ("Action_URL", '"javascript:alert(1)" is not a link')
    ]
    _terms, problems = read_service({"price": "1"}, {**PRICING, "action_url": None})
    assert problems == [
        FieldProblem(
            "Action_URL",
            "missing",
            'add e.g. "Action_URL: https://cal.example/dana", or set PRICING["action_url"]',
        )
    ]


def test_price_valid_until():
    assert terms_for().valid_until is None
    assert terms_for(price_valid_until="2026-12-31").valid_until == date(2026, 12, 31)
    terms, _ = read_service({"price": "1"}, {**PRICING, "price_valid_until": date(2027, 1, 1)})
    assert terms.valid_until == date(2027, 1, 1)


def test_every_mistake_is_reported_at_once():
    assert [
        field
        for field, _ in problems_for(
            price="$5", currency="XYZ", price_type="weekly", price_updated="soon", order="x"
        )
    ] == ["Currency", "Price", "Price_Type", "Price_Updated", "Order"]


def test_plain_decimal_for_structured_data():
    assert terms_for(price="1500.00").price.plain_amount == "1500"
    assert terms_for(price="149.5").price.plain_amount == "149.50"


def test_faq_section_is_read_from_html():
    html = (
        '<p>Intro.</p>\n<h2 id="questions">Questions</h2>\n<p>Ask me.</p>\n'
        '<h3 id="a">How long?</h3>\n<p>Two weeks.</p>\n'
        "<h3>Refunds?</h3>\n<p>Yes, <em>always</em>.</p>\n<h2>Next</h2><p>After.</p>"
    )
    section = find_faq(html, "Questions")
    assert section.heading_id == "questions"
    assert section.intro == "<p>Ask me.</p>"
    assert [(e.question_text, str(e.answer)) for e in section.entries] == [
        ("How long?", "<p>Two weeks.</p>"),
        ("Refunds?", "<p>Yes, <em>always</em>.</p>"),
    ]
    assert html[section.end :] == "<h2>Next</h2><p>After.</p>"
    assert find_faq("<h2>Other</h2><h3>Q</h3><p>A</p>", "Questions") is None
    typogrified = find_faq("<h2>Common&nbsp;questions</h2><h3>Q</h3><p>A</p>", "Common questions")
    assert [entry.question_text for entry in typogrified.entries] == ["Q"]


def test_references_inside_code_are_left_as_written():
    html = '<p>Costs {price}audit, see <a href="{service}audit">it</a>.</p>\n'
    html += "<p>Write <code>{price}slug</code>:</p><pre><code>{service}x</code></pre>"
    assert references_in(html) == [("price", "audit"), ("service", "audit")]


def test_html_that_cites_nothing_comes_back_as_it_was_written():
    """Most posts cite no price: they are not cut at their code blocks, and what comes
    back is the same text, as a plain string, whatever string type went in."""
    from markupsafe import Markup
    from pricing.references import resolve_references

    for html in ["<p>No citation here.</p>", Markup("<pre>{price}audit</pre><p>x</p>"), ""]:
        resolved = resolve_references(html, citable={})
        assert resolved == str(html) and type(resolved) is str
        assert references_in(html) == []


def test_settings_are_merged_over_defaults_without_touching_the_users_dict():
    users_pricing = {"currency": "EUR", "price_valid_until": "2026-12-31"}
    merged = validated_settings({"PRICING": users_pricing, "PAGE_PATHS": ["pages", "services"]})
    assert users_pricing == {"currency": "EUR", "price_valid_until": "2026-12-31"}
    assert merged == {
        **DEFAULTS,
        "currency": "EUR",
        "price_valid_until": date(2026, 12, 31),
    }
    merged = validated_settings(
        {"PRICING": {"price_valid_until": date(2027, 1, 1)}, "PAGE_PATHS": ["services"]}
    )
    assert merged["price_valid_until"] == date(2027, 1, 1)
