"""Prices over time: earlier prices, today's, an announced change, and a sale.

Every price has the day it took effect: a `Price_History` entry's date,
`Price_Updated` for today's price, `Price_Next_From` for an announced one. The
`PriceTimeline` built from them tells the price on any day it can be worked out.
That gives the price a post saw when it was written, the changes the feed lists,
and the lowest price of the 30 days before a sale (the EU Price Indication
Directive, Art. 6a). Nothing here depends on the build date, so a rule that
holds today holds every day after: the daily build stays green.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from .field_values import FieldProblem, field_text, read_amount, read_day

# Art. 6a: a reduction states the lowest price applied in the 30 days before it.
SALE_LOOKBACK_DAYS = 30


@dataclass(frozen=True)
class PriceTimeline:
    """Each price from the day it took effect; `None` when that day was not written down."""

    segments: tuple  # ((day or None, amount), …), oldest first

    def price_on(self, day):
        """The price in effect on `day`, or None when the fields cannot tell."""
        price = None
        for start, amount in self.segments:
            if start is None:
                # It began some day after the previous price: until the next known
                # start, a day could belong to either.
                price = None
                continue
            if start > day:
                break
            price = amount
        return price

    def first_unknown_day(self, first, last):
        """The earliest day from `first` to `last` (inclusive) whose price is unknown, or None."""
        day = first
        while day <= last:
            if self.price_on(day) is None:
                return day
            day += timedelta(days=1)
        return None

    def changes(self):
        """Every dated change: [(day, old amount, new amount), …], oldest first."""
        found = []
        for (_start, old), (start, new) in zip(self.segments, self.segments[1:], strict=False):
            if start is not None and old != new:
                found.append((start, old, new))
        return found


@dataclass(frozen=True)
class ScheduledPrice:
    """Price_Next from Price_Next_From, with the author's note for buyers."""

    day: date
    amount: Decimal
    note: str | None


@dataclass(frozen=True)
class SaleWindow:
    """Sale_Price from Sale_From to Sale_Until (inclusive; None: until removed)."""

    amount: Decimal
    starts: date
    ends: date | None
    lowest_before: Decimal

    def is_running(self, today):
        return (
            today is not None and self.starts <= today and (self.ends is None or today <= self.ends)
        )

    def has_ended(self, today):
        return today is not None and self.ends is not None and today > self.ends


def build_timeline(history, updated, amount, scheduled):
    """The timeline of history entries, today's price from Price_Updated, then Price_Next."""
    segments = [*history, (updated, amount)]
    if scheduled is not None:
        segments.append((scheduled.day, scheduled.amount))
    return PriceTimeline(tuple(segments))


def read_scheduled_price(metadata, price, price_type, max_amount, updated, currency):
    """Price_Next, Price_Next_From and Price_Next_Note: (ScheduledPrice or None, [problems])."""
    amount, problems = read_amount(metadata, "price_next", "Price_Next", currency, "1800")
    day, day_problems = read_day(metadata, "price_next_from", "Price_Next_From")
    problems += day_problems
    note = field_text(metadata, "price_next_note") or None
    problems += scheduled_fields_missing(metadata, note)
    if problems or amount is None or day is None:
        return None, problems
    problems += scheduled_price_conflicts(metadata, amount, day, price, price_type, max_amount)
    problems += scheduled_day_conflicts(day, updated)
    if problems:
        return None, problems
    return ScheduledPrice(day=day, amount=amount, note=note), []


def is_written(metadata, key):
    return field_text(metadata, key) not in (None, "")


def scheduled_fields_missing(metadata, note):
    """Price_Next and Price_Next_From go together; a note needs both."""
    has_amount = is_written(metadata, "price_next")
    has_day = is_written(metadata, "price_next_from")
    problems = []
    if has_amount and not has_day:
        problems.append(
            FieldProblem(
                "Price_Next_From",
                "missing for Price_Next",
                'add the day the new price starts, e.g. "Price_Next_From: 2027-03-01"',
            )
        )
    if has_day and not has_amount:
        problems.append(
            FieldProblem(
                "Price_Next",
                "missing for Price_Next_From",
                'add the new price, e.g. "Price_Next: 1800", or remove Price_Next_From',
            )
        )
    if note and not has_amount:
        problems.append(
            FieldProblem(
                "Price_Next_Note",
                "only used with Price_Next",
                "add Price_Next and Price_Next_From, or remove the note",
            )
        )
    return problems


def scheduled_price_conflicts(metadata, amount, day, price, price_type, max_amount):
    """The new price must differ from today's, and stay below a range's top."""
    problems = []
    if price is not None and amount == price:
        problems.append(
            FieldProblem(
                "Price_Next",
                f"{field_text(metadata, 'price_next')} is the same as Price",
                "write the new price, or remove Price_Next and Price_Next_From",
            )
        )
    if price_type == "range" and max_amount is not None and amount >= max_amount:
        problems.append(
            FieldProblem(
                "Price_Next",
                f"{field_text(metadata, 'price_next')} is not below Price_Max "
                f"{field_text(metadata, 'price_max')}",
                "the new lowest price of a range stays below its top",
            )
        )
    return problems


def scheduled_day_conflicts(day, updated):
    """The new price starts after today's price took effect."""
    if updated is None or day > updated:
        return []
    return [
        FieldProblem(
            "Price_Next_From",
            f"{day.isoformat()} is not after Price_Updated {updated.isoformat()}",
            "the new price starts after today's price took effect; fix the dates",
        )
    ]


def read_sale(metadata, price_type, currency):
    """Sale_Price, Sale_From, Sale_Until as written: ((amount, from, until) or None, [problems])."""
    amount, problems = read_amount(metadata, "sale_price", "Sale_Price", currency, "1200")
    starts, more = read_day(metadata, "sale_from", "Sale_From")
    problems += more
    ends, more = read_day(metadata, "sale_until", "Sale_Until")
    problems += more
    problems += sale_fields_missing(metadata, price_type)
    if starts and ends and ends < starts:
        problems.append(
            FieldProblem(
                "Sale_Until",
                f"{ends.isoformat()} is before Sale_From {starts.isoformat()}",
                "a sale ends on or after the day it starts; fix the dates",
            )
        )
    if problems or amount is None:
        return None, problems
    return (amount, starts, ends), []


def sale_fields_missing(metadata, price_type):
    """A sale has a price and a first day, and one regular price to compare with."""
    has_amount = is_written(metadata, "sale_price")
    has_dates = any(field_text(metadata, key) for key in ("sale_from", "sale_until"))
    problems = []
    if has_amount and not field_text(metadata, "sale_from"):
        problems.append(
            FieldProblem(
                "Sale_From",
                "missing for Sale_Price",
                'add the first day of the sale, e.g. "Sale_From: 2026-11-23"',
            )
        )
    if has_dates and not has_amount:
        problems.append(
            FieldProblem(
                "Sale_Price",
                "missing for Sale_From and Sale_Until",
                'add the sale price, e.g. "Sale_Price: 1200", or remove the Sale_ lines',
            )
        )
    if has_amount and price_type == "range":
        problems.append(
            FieldProblem(
                "Sale_Price",
                "a sale needs one regular price to compare with, not a range",
                "use Price_Type: fixed or from, or remove the Sale_ lines",
            )
        )
    return problems


def check_sale(sale_fields, timeline, scheduled, describe):
    """The 30-day rule: (SaleWindow or None, [problems]).

    `describe(amount)` formats an amount for the message ("$1,350").
    """
    amount, starts, ends = sale_fields
    first = starts - timedelta(days=SALE_LOOKBACK_DAYS)
    unknown = timeline.first_unknown_day(first, starts - timedelta(days=1))
    if unknown is not None:
        return None, [unknown_price_before_sale(unknown)]
    lowest = min(
        timeline.price_on(first + timedelta(days=offset)) for offset in range(SALE_LOOKBACK_DAYS)
    )
    if amount >= lowest:
        return None, [sale_not_below_lowest(amount, lowest, starts, describe)]
    if starts_during_sale(scheduled, starts, ends) and scheduled.amount <= amount:
        return None, [sale_not_below_next_price(amount, scheduled, describe)]
    return SaleWindow(amount=amount, starts=starts, ends=ends, lowest_before=lowest), []


def starts_during_sale(scheduled, starts, ends):
    """True when an announced price takes effect while the sale runs."""
    return (
        scheduled is not None
        and starts <= scheduled.day
        and (ends is None or scheduled.day <= ends)
    )


def unknown_price_before_sale(unknown):
    return FieldProblem(
        "Sale_From",
        f"the price on {unknown.isoformat()}, within the {SALE_LOOKBACK_DAYS} days "
        "before the sale, is not known",
        "write the day today's price took effect in Price_Updated and earlier prices "
        "in Price_History, so the lowest price of those days can be stated",
    )


def sale_not_below_lowest(amount, lowest, starts, describe):
    return FieldProblem(
        "Sale_Price",
        f"{describe(amount)} is not below {describe(lowest)}, the lowest price in the "
        f"{SALE_LOOKBACK_DAYS} days before Sale_From {starts.isoformat()}",
        f"a sale price must be lower than every price of those {SALE_LOOKBACK_DAYS} days",
    )


def sale_not_below_next_price(amount, scheduled, describe):
    return FieldProblem(
        "Sale_Price",
        f"{describe(amount)} is not below Price_Next {describe(scheduled.amount)}, "
        f"which starts during the sale on {scheduled.day.isoformat()}",
        "end the sale before the new price starts, or lower Sale_Price",
    )
