"""Prices and dates as visitors read them, formatted by Babel for one locale.

The locale is always passed explicitly: without it Babel falls back to the
environment and a bare container prints `$ 1500.00`.
"""

import re

from babel.core import Locale
from babel.dates import format_date
from babel.numbers import format_currency, get_currency_precision

# Units that describe the whole job: "$1,500", not "$1,500 per project".
ONE_OFF_UNITS = frozenset({"project"})
# Between the two ends of a range, as in "$1,200 to $2,500" (an en dash).
EN_DASH = "\u2013"


def whole(amount):
    return amount == amount.to_integral_value()


def format_amount(amount, currency, locale):
    """One amount: "$1,500" for whole amounts, "$149.50" otherwise."""
    if not whole(amount):
        return format_currency(amount, currency, locale=locale)
    pattern = Locale.parse(locale).currency_formats["standard"].pattern
    # The locale's own pattern with the fraction digits dropped, so the symbol
    # position and grouping stay the locale's ("1.500 €" in de_DE).
    pattern = re.sub(r"\.0+", "", pattern)
    return format_currency(amount, currency, format=pattern, locale=locale, currency_digits=False)


def plain_decimal(amount, currency):
    """The amount as schema.org and scripts want it: "1500", "149.50"."""
    if whole(amount):
        return str(int(amount))
    digits = get_currency_precision(currency)
    return f"{amount:.{digits}f}"


def describe_price(price_type, amount_text, max_amount_text, unit, is_free):
    """The sentence a visitor reads: "From €500 per month", "$1,200\u2013$2,500"."""
    if is_free:
        return "Free"
    if price_type == "range":
        text = f"{amount_text}{EN_DASH}{max_amount_text}"
    elif price_type == "from":
        text = f"From {amount_text}"
    else:
        text = amount_text
    if unit not in ONE_OFF_UNITS:
        text = f"{text} per {unit}"
    return text


def format_day(day, locale):
    """A date in the locale's long form: "January 15, 2026"."""
    return format_date(day, format="long", locale=locale)


def fraction_digits(amount):
    """How many digits after the decimal point the author wrote."""
    exponent = amount.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0
