"""Which currency codes a price may use: ISO 4217 codes in use today.

Babel formats any three letters (`XYZ 1,500.00`) without complaint, so the list
comes from CLDR's territory data that ships with Babel: every currency some
territory uses with no end date. That keeps the list current with Babel
upgrades instead of a hand-kept copy of ISO 4217.
"""

from babel.core import get_global

# In CLDR's territory data but not for pricing: "no currency", the testing
# code, and the offshore yuan, which is a market label rather than ISO 4217.
NOT_FOR_PRICES = frozenset({"XXX", "XTS", "CNH"})


def _currencies_in_use():
    in_use = set()
    for entries in get_global("territory_currencies").values():
        for code, _start, end, _tender in entries:
            if end is None:
                in_use.add(code)
    return frozenset(in_use - NOT_FOR_PRICES)


ACTIVE_CURRENCIES = _currencies_in_use()


def is_active_currency(code):
    """True for an ISO 4217 code in use today, e.g. "USD"; False for "XYZ" or "DEM"."""
    return code in ACTIVE_CURRENCIES
