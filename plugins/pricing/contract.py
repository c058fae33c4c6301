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
from .settings import ACTION_KINDS, URL_SCHEMES

PRICE_TYPES = ("fixed", "from", "range")
PLAIN_NUMBER = re.compile(r"^\d+(\.\d+)?$")
# 1,500 / 1.500 / 1'500 / 1 500 (also with a no-break or thin space or a typographic apostrophe).
GROUPED_NUMBER = re.compile("^\\d{1,3}([,'\u2019 \u00a0\u202f_.]\\d{3})+([.,]\\d+)?$")
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
        if self.type == "from":
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


def read_service(metadata, pricing):
    """Check a service page's fields; return (ServiceTerms or None, [FieldProblem, …])."""
    problems = []
    locale = pricing["locale"]

    currency = field_text(metadata, "currency") or pricing["currency"]
    if not is_active_currency(currency):
        problems.append(
            FieldProblem(
                "Currency",
                f'"{currency}" is not an ISO 4217 currency code',
                "use a code in use today, e.g. USD, EUR or GBP",
            )
        )
        currency = None

    amount = None
    price_text = field_text(metadata, "price")
    if not price_text:
        problems.append(
            FieldProblem(
                "Price", "missing", 'add a line "Price: 1500", or "Price: 0" for a free service'
            )
        )
    else:
        amount, problem = parse_amount(price_text, "Price", currency, "1500")
        problems += [problem] if problem else []

    price_type = (field_text(metadata, "price_type") or "fixed").lower()
    if price_type not in PRICE_TYPES:
        problems.append(
            FieldProblem(
                "Price_Type",
                f'"{field_text(metadata, "price_type")}" is not a price type',
                "use fixed, from or range",
            )
        )
        price_type = None

    max_amount = None
    max_text = field_text(metadata, "price_max")
    if price_type == "range" and not max_text:
        problems.append(
            FieldProblem(
                "Price_Max",
                "missing for Price_Type: range",
                'add e.g. "Price_Max: 2500" above Price',
            )
        )
    elif max_text and price_type in ("fixed", "from"):
        problems.append(
            FieldProblem(
                "Price_Max",
                f"only used with Price_Type: range, not {price_type}",
                'remove it, or add "Price_Type: range"',
            )
        )
    elif max_text:
        max_amount, problem = parse_amount(max_text, "Price_Max", currency, "2500")
        problems += [problem] if problem else []
        if max_amount is not None and amount is not None and max_amount <= amount:
            problems.append(
                FieldProblem(
                    "Price_Max",
                    f"{max_text} is not above Price {price_text}",
                    "make Price_Max larger than Price, or use Price_Type: fixed",
                )
            )
            max_amount = None

    unit = field_text(metadata, "price_unit") or pricing["default_unit"]
    if not UNIT_WORDS.match(unit):
        problems.append(
            FieldProblem(
                "Price_Unit",
                f'"{unit}" is not a unit',
                "name what one price buys in words, e.g. project, hour, session, month",
            )
        )

    updated = None
    updated_text = field_text(metadata, "price_updated")
    if updated_text:
        updated, problem = parse_day(updated_text, "Price_Updated")
        problems += [problem] if problem else []

    history, history_problems = read_history(field_text(metadata, "price_history"), currency)
    problems += history_problems
    if updated and history and history[-1][0] >= updated:
        problems.append(
            FieldProblem(
                "Price_History",
                f"{history[-1][0].isoformat()} is not before Price_Updated {updated.isoformat()}",
                "earlier prices come before the current one; fix the dates",
            )
        )

    valid_until = pricing["price_valid_until"]
    valid_text = field_text(metadata, "price_valid_until")
    if valid_text:
        valid_until, problem = parse_day(valid_text, "Price_Valid_Until")
        problems += [problem] if problem else []

    order = None
    order_text = field_text(metadata, "order")
    if order_text:
        if re.fullmatch(r"-?\d+", order_text):
            order = int(order_text)
        else:
            problems.append(
                FieldProblem(
                    "Order", f'"{order_text}" is not a whole number', "write e.g. Order: 1"
                )
            )

    includes_text = field_text(metadata, "includes")
    includes = [item.strip() for item in (includes_text or "").split(";") if item.strip()]
    if includes_text is not None and not includes:
        problems.append(
            FieldProblem(
                "Includes", "is empty", "list what the price buys, separated by semicolons"
            )
        )

    action, action_problems = read_action(metadata, pricing)
    problems += action_problems

    if problems:
        return None, problems

    amount_text = format_amount(amount, currency, locale)
    max_amount_text = None if max_amount is None else format_amount(max_amount, currency, locale)
    price = ServicePrice(
        amount=amount,
        currency=currency,
        unit=unit,
        type=price_type,
        max_amount=max_amount,
        amount_text=amount_text,
        max_amount_text=max_amount_text,
        display=describe_price(
            price_type, amount_text, max_amount_text, unit, price_type == "fixed" and amount == 0
        ),
    )
    return (
        ServiceTerms(
            price=price,
            includes=includes,
            turnaround=field_text(metadata, "turnaround") or None,
            updated=updated,
            updated_text=format_day(updated, locale) if updated else None,
            history=[
                PricePoint(
                    day, value, format_amount(value, currency, locale), format_day(day, locale)
                )
                for day, value in history
            ],
            order=order,
            action=action,
            valid_until=valid_until,
        ),
        [],
    )


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
    elif not URL_SCHEMES.match(url):
        problems.append(
            FieldProblem(
                "Action_URL",
                f'"{url}" is not a link',
                "use https://…, mailto:…, tel:… or a site path like /contact/",
            )
        )
    if problems:
        return None, problems
    return CallToAction(kind=kind, url=url, label=field_text(metadata, "action_label") or None), []
