"""One field's value, read from what the author wrote: numbers, dates, whole numbers, yes/no.

Each reader returns (value, problem) or (value, [problems]); a problem is a
`FieldProblem` worded for the author. Nothing here logs or touches Pelican.
"""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from babel.numbers import get_currency_precision

from .formatting import fraction_digits

# Digits are 0-9 only: Python's \d (and Decimal) also take full-width or Arabic-Indic digits.
PLAIN_NUMBER = re.compile(r"^[0-9]+(\.[0-9]+)?$")
# 1,500 / 1.500 / 1'500 / 1 500 (also with a no-break or thin space or a typographic apostrophe).
GROUPED_NUMBER = re.compile("^[0-9]{1,3}([,'\u2019 \u00a0\u202f_.][0-9]{3})+([.,][0-9]+)?$")
WHOLE_NUMBER = re.compile(r"^-?[0-9]+$")
# Babel formats with Python's default decimal context (28 digits): a price with more
# whole digits than this stops the build with InvalidOperation instead of a message.
MAX_WHOLE_DIGITS = 12
# Order and Tier_Order only sort; Python refuses to read integers of over 4,300 digits.
MAX_ORDER_DIGITS = 9
YES_WORDS = ("yes", "true")
NO_WORDS = ("no", "false")
# A value echoed in a message is cut, so a pasted paragraph still gives one short line.
ECHO_LENGTH = 40


@dataclass(frozen=True)
class FieldProblem:
    """One mistake in one field, worded for the author."""

    field: str
    problem: str
    fix: str


def field_text(metadata, key):
    """A metadata value as one stripped string, or None when the field is absent."""
    value = metadata.get(key)
    if value is None:
        return None
    if isinstance(value, list | tuple):
        value = "; ".join(str(part) for part in value)
    return str(value).strip()


def quoted(text):
    """The author's value in quotes, cut to a readable length."""
    if len(text) > ECHO_LENGTH:
        text = text[: ECHO_LENGTH - 1] + "\u2026"
    return f'"{text}"'


def parse_amount(text, field_name, currency, example):
    """Read "1500" or "149.50"; return (Decimal, None) or (None, FieldProblem)."""
    for check in AMOUNT_TEXT_CHECKS:
        problem = check(text, field_name, example)
        if problem:
            return None, problem
    amount = Decimal(text)
    problem = precision_problem(amount, text, field_name, currency)
    if problem:
        return None, problem
    return amount, None


def has_currency_sign(text, field_name, example):
    if any(unicodedata.category(character) == "Sc" for character in text):
        return FieldProblem(
            field_name,
            f"{quoted(text)} has a currency sign",
            f"write the number only, e.g. {field_name}: {example}, and the code in Currency:",
        )
    return None


def has_other_digits(text, field_name, example):
    if not any(character.isdigit() and not character.isascii() for character in text):
        return None
    ascii_text = "".join(
        str(unicodedata.digit(character)) if character.isdigit() else character
        for character in text
    )
    return FieldProblem(
        field_name,
        f"{quoted(text)} has digits other than 0-9",
        f"type it with the keys 0-9: {field_name}: {ascii_text}",
    )


def is_negative(text, field_name, example):
    if text.startswith("-") and PLAIN_NUMBER.match(text[1:]):
        return FieldProblem(field_name, f"{quoted(text)} is negative", "a price is 0 or more")
    return None


def has_thousands_separator(text, field_name, example):
    if GROUPED_NUMBER.match(text) and not PLAIN_NUMBER.match(text):
        return FieldProblem(
            field_name,
            f"{quoted(text)} has a thousands separator",
            f"write it without one, e.g. {field_name}: {example}",
        )
    return None


def is_not_a_number(text, field_name, example):
    if not PLAIN_NUMBER.match(text):
        return FieldProblem(
            field_name, f"{quoted(text)} is not a number", f"write e.g. {field_name}: {example}"
        )
    return None


def is_too_large(text, field_name, example):
    if len(text.split(".")[0].lstrip("0")) > MAX_WHOLE_DIGITS:
        return FieldProblem(
            field_name,
            f"{quoted(text)} is too large",
            f"write at most {MAX_WHOLE_DIGITS} digits before the decimal point",
        )
    return None


# In this order: the first that finds a mistake names it, so a message names the likeliest
# cause ("has a currency sign", not "is not a number"), and Decimal() only sees plain digits.
AMOUNT_TEXT_CHECKS = (
    has_currency_sign,
    has_other_digits,
    is_negative,
    has_thousands_separator,
    is_not_a_number,
    is_too_large,
)


def precision_problem(amount, text, field_name, currency):
    """More decimal places than the currency has (cents of a yen)."""
    digits = get_currency_precision(currency) if currency else None
    if digits is None or fraction_digits(amount) <= digits:
        return None
    return FieldProblem(
        field_name,
        f"{quoted(text)} has more decimal places than {currency} uses",
        f"use at most {digits} decimal places, "
        f"e.g. {field_name}: {amount.quantize(Decimal(1).scaleb(-digits))}",
    )


def read_amount(metadata, key, field_name, currency, example):
    """An optional amount field: (Decimal or None, [problems])."""
    text = field_text(metadata, key)
    if not text:
        return None, []
    amount, problem = parse_amount(text, field_name, currency, example)
    return amount, [problem] if problem else []


def parse_day(text, field_name):
    try:
        return date.fromisoformat(text), None
    except ValueError:
        return None, FieldProblem(
            field_name, f"{quoted(text)} is not a date", "write it as YYYY-MM-DD, e.g. 2026-01-15"
        )


def read_day(metadata, key, field_name):
    text = field_text(metadata, key)
    if not text:
        return None, []
    day, problem = parse_day(text, field_name)
    return day, [problem] if problem else []


def read_whole_number(metadata, key, field_name):
    """Order, Tier_Order: a whole number of at most MAX_ORDER_DIGITS digits, or absent."""
    text = field_text(metadata, key)
    if not text:
        return None, []
    fix = f"write e.g. {field_name}: 1"
    if not WHOLE_NUMBER.match(text):
        return None, [FieldProblem(field_name, f"{quoted(text)} is not a whole number", fix)]
    if len(text.lstrip("-").lstrip("0")) > MAX_ORDER_DIGITS:
        return None, [
            FieldProblem(
                field_name,
                f"{quoted(text)} is too large",
                f"use a number of at most {MAX_ORDER_DIGITS} digits, e.g. {field_name}: 1",
            )
        ]
    return int(text), []


def read_yes_no(metadata, key, field_name):
    """Recommended: yes or no (true/false); absent is no."""
    text = field_text(metadata, key)
    if not text:
        return False, []
    if text.lower() in YES_WORDS:
        return True, []
    if text.lower() in NO_WORDS:
        return False, []
    return False, [
        FieldProblem(field_name, f"{quoted(text)} is not yes or no", f"write {field_name}: yes")
    ]
