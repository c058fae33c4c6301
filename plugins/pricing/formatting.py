"""Prices and dates as visitors read them, formatted by Babel for one locale.

The locale is always passed explicitly: without it Babel falls back to the
environment and a bare container prints `$ 1500.00`.
"""

import re
import unicodedata

from babel.core import Locale
from babel.dates import format_date
from babel.numbers import format_currency, get_currency_precision, get_currency_symbol

# Units that describe the whole job: "$1,500", not "$1,500 per project".
ONE_OFF_UNITS = frozenset({"project"})
# The kind of price, as the price box's terms line names it.
PRICE_KINDS = {"fixed": "Fixed price", "from": "Starting price", "range": "Price range"}
# Between the two ends of a range, as in "$1,200 to $2,500" (an en dash).
EN_DASH = "\u2013"
NO_BREAK_SPACE = "\u00a0"


def whole(amount):
    return amount == amount.to_integral_value()


def format_amount(amount, currency, locale):
    """One amount: "$1,500" for whole amounts, "$149.50" otherwise."""
    if whole(amount):
        pattern = Locale.parse(locale).currency_formats["standard"].pattern
        # The locale's own pattern with the fraction digits dropped, so the symbol
        # position and grouping stay the locale's ("1.500 €" in de_DE).
        pattern = re.sub(r"\.0+", "", pattern)
        text = format_currency(
            amount, currency, format=pattern, locale=locale, currency_digits=False
        )
    else:
        text = format_currency(amount, currency, locale=locale)
    return space_currency_symbol(text, get_currency_symbol(currency, locale=locale))


def _is_letter_like(character):
    """CLDR's currencyMatch: neither a symbol ($, €) nor a space."""
    return unicodedata.category(character)[0] not in "SZ"


def space_currency_symbol(text, symbol):
    """CLDR's currency spacing, which Babel (2.18) does not apply.

    A symbol that is a code or a word meets the digits with a no-break space:
    "CHF 1,200", "1.200 CHF"; a sign stays tight: "$1,200", "1.200 €" (already spaced).
    """
    rest = text[len(symbol) :]
    if text.startswith(symbol) and rest[:1].isdigit() and _is_letter_like(symbol[-1]):
        return symbol + NO_BREAK_SPACE + rest
    rest = text[: -len(symbol)]
    if text.endswith(symbol) and rest[-1:].isdigit() and _is_letter_like(symbol[0]):
        return rest + NO_BREAK_SPACE + symbol
    return text


def plain_decimal(amount, currency):
    """The amount as schema.org and scripts want it: "1500", "149.50"."""
    if whole(amount):
        return str(int(amount))
    digits = get_currency_precision(currency)
    return f"{amount:.{digits}f}"


def describe_price(price_type, amount, amount_text, max_amount_text, unit):
    """The sentence a visitor reads: "From €500 per month", "$1,200\u2013$2,500".

    A fixed price of 0 is "Free", whatever the unit; a range from 0 reads
    "Up to $100" ("$0\u2013$100" reads like a typo). A starting price of 0 never
    gets here: the contract refuses it (it says nothing).
    """
    if price_type == "fixed" and amount == 0:
        return "Free"
    if price_type == "range":
        if amount == 0:
            text = f"Up to {max_amount_text}"
        else:
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
