"""The content contract: a service page's pricing fields, read and checked.

`read_service(metadata, pricing)` turns the fields an author wrote into a
`ServiceTerms` value, or lists every mistake as a `FieldProblem` (field, what
is wrong, how to fix it). Nothing here logs or touches Pelican, so each rule
can be tested as input → expected.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from babel.numbers import get_currency_precision

from .currencies import is_active_currency
from .formatting import (
    ONE_OFF_UNITS,
    describe_price,
    format_amount,
    format_day,
    fraction_digits,
    plain_decimal,
)
from .settings import ACTION_KINDS, link_problem

# Every content field a service page may hold (lowercase, as Pelican stores them).
CONTENT_FIELDS = (
    "price",
    "currency",
    "price_unit",
    "price_type",
    "price_max",
    "price_updated",
    "price_history",
    "price_valid_until",
    "includes",
    "turnaround",
    "order",
    "action",
    "action_url",
    "action_label",
)

PRICE_TYPES = ("fixed", "from", "range")
# Digits are 0-9 only: Python's \d (and Decimal) also take full-width or Arabic-Indic digits.
PLAIN_NUMBER = re.compile(r"^[0-9]+(\.[0-9]+)?$")
# 1,500 / 1.500 / 1'500 / 1 500 (also with a no-break or thin space or a typographic apostrophe).
GROUPED_NUMBER = re.compile("^[0-9]{1,3}([,'\u2019 \u00a0\u202f_.][0-9]{3})+([.,][0-9]+)?$")
UNIT_WORDS = re.compile(r"^[^\W\d_][\w -]*$")
HISTORY_ENTRY = re.compile(r"^(\S+)\s+(\S+)$")

EXAMPLE_HISTORY = "2024-01-01 1200; 2025-03-01 1350"


@dataclass(frozen=True)
class FieldProblem:
    """One mistake in one field, worded for the author."""

    field: str
    problem: str
    fix: str


@dataclass(frozen=True)
class ServicePrice:
    """What a service costs, with the texts a visitor reads."""

    amount: Decimal
    currency: str
    unit: str
    type: str
    max_amount: Decimal | None
    amount_text: str
    max_amount_text: str | None
    display: str

    @property
    def is_free(self):
        return self.type == "fixed" and self.amount == 0

    @property
    def is_unit_price(self):
        """True for "per hour", "per month": anything but a one-off project price."""
        return self.unit not in ONE_OFF_UNITS

    @property
    def in_sentence(self):
        """The display text as it reads mid-sentence: "costs from €500 per month"."""
        if self.display.startswith(("From ", "Up to ")):
            return self.display[:1].lower() + self.display[1:]
        return self.display

    @property
    def plain_amount(self):
        return plain_decimal(self.amount, self.currency)

    @property
    def plain_max_amount(self):
        return None if self.max_amount is None else plain_decimal(self.max_amount, self.currency)


@dataclass(frozen=True)
class PricePoint:
    """An earlier price: from `day` on, the service cost `amount_text`."""

    day: date
    amount: Decimal
    amount_text: str
    day_text: str


@dataclass(frozen=True)
class CallToAction:
    """The button next to the price: its kind (book, contact, buy), link and own label."""

    kind: str
    url: str
    label: str | None


@dataclass
class ServiceTerms:
    """Everything the contract fields say about one service."""

    price: ServicePrice
    includes: list = field(default_factory=list)
    turnaround: str | None = None
    updated: date | None = None
    updated_text: str | None = None
    history: list = field(default_factory=list)
    order: int | None = None
    action: CallToAction | None = None
    valid_until: date | None = None


def field_text(metadata, key):
    """A metadata value as one stripped string, or None when the field is absent."""
    value = metadata.get(key)
    if value is None:
        return None
    if isinstance(value, list | tuple):
        value = "; ".join(str(part) for part in value)
    return str(value).strip()


def parse_amount(text, field_name, currency, example):
    """Read "1500" or "149.50"; return (Decimal, None) or (None, FieldProblem)."""
    fix_number = f"write e.g. {field_name}: {example}"
    if any(unicodedata.category(character) == "Sc" for character in text):
        return None, FieldProblem(
            field_name,
            f'"{text}" has a currency sign',
            f"write the number only, e.g. {field_name}: {example}, and the code in Currency:",
        )
    if any(character.isdigit() and not character.isascii() for character in text):
        ascii_text = "".join(
            str(unicodedata.digit(character)) if character.isdigit() else character
            for character in text
        )
        return None, FieldProblem(
            field_name,
            f'"{text}" has digits other than 0-9',
            f"type it with the keys 0-9: {field_name}: {ascii_text}",
        )
    if text.startswith("-") and PLAIN_NUMBER.match(text[1:]):
        return None, FieldProblem(field_name, f'"{text}" is negative', "a price is 0 or more")
    if GROUPED_NUMBER.match(text) and not PLAIN_NUMBER.match(text):
        return None, FieldProblem(
            field_name,
            f'"{text}" has a thousands separator',
            f"write it without one, e.g. {field_name}: {example}",
        )
    if not PLAIN_NUMBER.match(text):
        return None, FieldProblem(field_name, f'"{text}" is not a number', fix_number)
    amount = Decimal(text)
    if currency and fraction_digits(amount) > get_currency_precision(currency):
        digits = get_currency_precision(currency)
        return None, FieldProblem(
            field_name,
            f'"{text}" has more decimal places than {currency} uses',
            f"use at most {digits} decimal places, "
            f"e.g. {field_name}: {amount.quantize(Decimal(1).scaleb(-digits))}",
        )
    return amount, None


def parse_day(text, field_name):
    try:
        return date.fromisoformat(text), None
    except ValueError:
        return None, FieldProblem(
            field_name, f'"{text}" is not a date', "write it as YYYY-MM-DD, e.g. 2026-01-15"
        )


def read_service(metadata, pricing, today=None):
    """Check a service page's fields; return (ServiceTerms or None, [FieldProblem, …]).

    `today` is the build's date (clock.build_day); with None, dates are not compared to it.
    """
    problems = []

    def take(value_and_problems):
        value, found = value_and_problems
        problems.extend(found)
        return value

    currency = take(read_currency(metadata, pricing))
    amount = take(read_price(metadata, currency))
    price_type = take(read_price_type(metadata, amount))
    max_amount = take(read_price_max(metadata, price_type, amount, currency))
    unit = take(read_unit(metadata, pricing))
    updated = take(read_day(metadata, "price_updated", "Price_Updated"))
    history = take(read_history(field_text(metadata, "price_history"), currency))
    if updated and history and history[-1][0] >= updated:
        problems.append(
            FieldProblem(
                "Price_History",
                f"{history[-1][0].isoformat()} is not before Price_Updated {updated.isoformat()}",
                "earlier prices come before the current one; fix the dates",
            )
        )
    valid_until = take(read_day(metadata, "price_valid_until", "Price_Valid_Until"))
    problems.extend(date_problems(updated, valid_until, today))
    order = take(read_order(metadata))
    includes = take(read_includes(metadata))
    action = take(read_action(metadata, pricing))
    if problems:
        return None, problems

    locale = pricing["locale"]
    price = make_price(amount, max_amount, currency, unit, price_type, locale)
    terms = ServiceTerms(
        price=price,
        includes=includes,
        turnaround=field_text(metadata, "turnaround") or None,
        updated=updated,
        updated_text=format_day(updated, locale) if updated else None,
        history=[
            PricePoint(day, value, format_amount(value, currency, locale), format_day(day, locale))
            for day, value in history
        ],
        order=order,
        action=action,
        valid_until=valid_until or pricing["price_valid_until"],
    )
    return terms, []


def make_price(amount, max_amount, currency, unit, price_type, locale):
    amount_text = format_amount(amount, currency, locale)
    max_amount_text = None if max_amount is None else format_amount(max_amount, currency, locale)
    return ServicePrice(
        amount=amount,
        currency=currency,
        unit=unit,
        type=price_type,
        max_amount=max_amount,
        amount_text=amount_text,
        max_amount_text=max_amount_text,
        display=describe_price(price_type, amount, amount_text, max_amount_text, unit),
    )


def read_currency(metadata, pricing):
    currency = field_text(metadata, "currency") or pricing["currency"]
    if is_active_currency(currency):
        return currency, []
    problem = FieldProblem(
        "Currency",
        f'"{currency}" is not an ISO 4217 currency code',
        "use a code in use today, e.g. USD, EUR or GBP",
    )
    return None, [problem]


def read_price(metadata, currency):
    text = field_text(metadata, "price")
    if not text:
        fix = 'add a line "Price: 1500", or "Price: 0" for a free service'
        return None, [FieldProblem("Price", "missing", fix)]
    amount, problem = parse_amount(text, "Price", currency, "1500")
    return amount, [problem] if problem else []


def read_price_type(metadata, amount):
    text = field_text(metadata, "price_type")
    if text is not None and text.lower() not in PRICE_TYPES:
        problem = FieldProblem(
            "Price_Type", f'"{text}" is not a price type', "use fixed, from or range"
        )
        return None, [problem]
    price_type = (text or "fixed").lower()
    if price_type == "from" and amount == 0:
        problem = FieldProblem(
            "Price_Type",
            f'"{text}" with Price: 0 says nothing, every price starts at 0',
            "use Price_Type: fixed for a free service, or write the lowest price you charge "
            "in Price",
        )
        return None, [problem]
    return price_type, []


def read_price_max(metadata, price_type, amount, currency):
    text = field_text(metadata, "price_max")
    if price_type == "range" and not text:
        fix = 'add e.g. "Price_Max: 2500", a number above Price'
        return None, [FieldProblem("Price_Max", "missing for Price_Type: range", fix)]
    if not text:
        return None, []
    if price_type in ("fixed", "from"):
        problem = FieldProblem(
            "Price_Max",
            f"only used with Price_Type: range, not {price_type}",
            'remove it, or add "Price_Type: range"',
        )
        return None, [problem]
    max_amount, problem = parse_amount(text, "Price_Max", currency, "2500")
    if problem:
        return None, [problem]
    if amount is not None and max_amount <= amount:
        problem = FieldProblem(
            "Price_Max",
            f"{text} is not above Price {field_text(metadata, 'price')}",
            "make Price_Max larger than Price, or use Price_Type: fixed",
        )
        return None, [problem]
    return max_amount, []


def read_unit(metadata, pricing):
    unit = field_text(metadata, "price_unit") or pricing["default_unit"]
    if UNIT_WORDS.match(unit):
        return unit, []
    problem = FieldProblem(
        "Price_Unit",
        f'"{unit}" is not a unit',
        "name what one price buys in words, e.g. project, hour, session, month",
    )
    return None, [problem]


def read_day(metadata, key, field_name):
    text = field_text(metadata, key)
    if not text:
        return None, []
    day, problem = parse_day(text, field_name)
    return day, [problem] if problem else []


def date_problems(updated, valid_until, today):
    """Price_Updated after the build date, Price_Valid_Until before it."""
    if today is None:
        return []
    problems = []
    if updated and updated > today:
        problems.append(
            FieldProblem(
                "Price_Updated",
                f"{updated.isoformat()} is after the build date {today.isoformat()}",
                "write the day the price changed, today or earlier",
            )
        )
    if valid_until and valid_until < today:
        problems.append(
            FieldProblem(
                "Price_Valid_Until",
                f"{valid_until.isoformat()} is before the build date {today.isoformat()}",
                "the price has expired: write a later date, or remove the field",
            )
        )
    return problems


def read_order(metadata):
    text = field_text(metadata, "order")
    if not text:
        return None, []
    if re.fullmatch(r"-?[0-9]+", text):
        return int(text), []
    return None, [FieldProblem("Order", f'"{text}" is not a whole number', "write e.g. Order: 1")]


def read_includes(metadata):
    text = field_text(metadata, "includes")
    includes = [item.strip() for item in (text or "").split(";") if item.strip()]
    if text is not None and not includes:
        fix = "list what the price buys, separated by semicolons"
        return [], [FieldProblem("Includes", "is empty", fix)]
    return includes, []


def read_history(text, currency):
    """Read "2024-01-01 1200; 2025-03-01 1350" into [(date, Decimal), …], oldest first."""
    if text is None:
        return [], []
    entries, problems = [], []
    fix = f'write entries as "YYYY-MM-DD amount" separated by ";", e.g. {EXAMPLE_HISTORY}'
    parts = [part.strip() for part in text.split(";") if part.strip()]
    if not parts:
        problems.append(FieldProblem("Price_History", "is empty", fix))
    for part in parts:
        match = HISTORY_ENTRY.match(part)
        if not match:
            problems.append(
                FieldProblem("Price_History", f'"{part}" is not a date and a price', fix)
            )
            continue
        day, problem = parse_day(match.group(1), "Price_History")
        if problem:
            problems.append(FieldProblem("Price_History", f'"{part}" has no valid date', fix))
            continue
        amount, problem = parse_amount(match.group(2), "Price_History", currency, "1200")
        if problem:
            problems.append(
                FieldProblem(
                    "Price_History",
                    f'"{part}": the price {problem.problem.split(" ", 1)[1]}',
                    fix,
                )
            )
            continue
        entries.append((day, amount))
    return sorted(entries), problems


def read_action(metadata, pricing):
    """The call to action: Action (book|contact|buy), Action_URL, Action_Label."""
    problems = []
    kind = (field_text(metadata, "action") or pricing["default_action"]).lower()
    if kind not in ACTION_KINDS:
        problems.append(
            FieldProblem(
                "Action",
                f'"{field_text(metadata, "action")}" is not a call to action',
                f"use one of: {', '.join(ACTION_KINDS)}",
            )
        )
    url = field_text(metadata, "action_url") or pricing["action_url"]
    if not url:
        problems.append(
            FieldProblem(
                "Action_URL",
                "missing",
                'add e.g. "Action_URL: https://cal.example/dana", or set PRICING["action_url"]',
            )
        )
    elif link_problem(url):
        problems.append(FieldProblem("Action_URL", *link_problem(url)))
    if problems:
        return None, problems
    return CallToAction(kind=kind, url=url, label=field_text(metadata, "action_label") or None), []
