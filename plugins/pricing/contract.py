"""The content contract: a service page's pricing fields, read and checked.

`read_service(metadata, pricing, today)` turns the fields an author wrote into a
`ServiceTerms` value as of the build date `today`, or lists every mistake as a
`FieldProblem` (field, what is wrong, how to fix it). Nothing here logs or
touches Pelican, so each rule can be tested as input → expected.

Dates decide what a visitor sees on `today`: an announced price
(`Price_Next_From`) takes effect on its day and the old price joins the
history; a sale shows from `Sale_From` to `Sale_Until` and then goes away by
itself. Neither is ever an error once its day has passed, so the daily build
stays green.
"""

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .charges import read_charges, read_tax, total
from .currencies import is_active_currency
from .field_values import (
    FieldProblem,
    field_text,
    parse_amount,
    parse_day,
    read_day,
    read_whole_number,
    read_yes_no,
)
from .formatting import (
    ONE_OFF_UNITS,
    PRICE_KINDS,
    describe_price,
    format_amount,
    format_day,
    plain_decimal,
)
from .schedule import (
    PriceTimeline,
    SaleWindow,
    ScheduledPrice,
    build_timeline,
    check_sale,
    read_sale,
    read_scheduled_price,
)
from .settings import ACTION_KINDS, link_problem, unit_problem

__all__ = ["CONTENT_FIELDS", "FieldProblem", "ServiceTerms", "read_service"]

# Every field of a service page the pricing plugin reads, as Pelican stores them
# (lower case). Pelican's own fields (title, summary, slug, status, …) are not here.
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
)
# Fields that only make sense with a Group: line.
GROUP_ONLY_FIELDS = {"tier_order": "Tier_Order", "recommended": "Recommended"}

PRICE_TYPES = ("fixed", "from", "range")
HISTORY_ENTRY = re.compile(r"^(\S+)\s+(\S+)$")

EXAMPLE_HISTORY = "2024-01-01 1200; 2025-03-01 1350"


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
    def unit_note(self):
        """ "per project" beside a one-off price where it sits among hourly and monthly
        ones (index, home page); empty when the display already names the unit
        ("$150 per hour") or the price is free."""
        return "" if self.is_unit_price or self.is_free else f"per {self.unit}"

    @property
    def terms_text(self):
        """The price box's terms line: "Fixed price per project", "Starting price per hour"."""
        return f"{PRICE_KINDS[self.type]} per {self.unit}"

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
    """An earlier price: from `day` on, the service cost `amount_text`.

    `day` is None for a price that ended when an announced change took effect
    but whose first day was never written (no Price_Updated).
    """

    day: date | None
    amount: Decimal
    amount_text: str
    day_text: str | None


@dataclass(frozen=True)
class CallToAction:
    """The button next to the price: its kind (book, contact, buy), link and own label."""

    kind: str
    url: str
    label: str | None


@dataclass(frozen=True)
class PriceAnnouncement:
    """A price change announced ahead: `price` from `day` on, with the author's note."""

    day: date
    day_text: str
    price: ServicePrice
    all_in: ServicePrice | None
    note: str | None

    @property
    def headline(self):
        return self.all_in or self.price


@dataclass(frozen=True)
class Sale:
    """A sale running on the build date: its price, the regular one, and the 30-day low."""

    price: ServicePrice
    all_in: ServicePrice | None
    starts: date
    starts_text: str
    ends: date | None
    ends_text: str | None
    lowest_before: Decimal
    lowest_before_text: str

    @property
    def headline(self):
        return self.all_in or self.price


@dataclass
class ServiceTerms:
    """Everything the contract fields say about one service, as of the build date."""

    price: ServicePrice
    includes: list = field(default_factory=list)
    turnaround: str | None = None
    updated: date | None = None
    updated_text: str | None = None
    history: list = field(default_factory=list)
    order: int | None = None
    action: CallToAction | None = None
    valid_until: date | None = None
    tax: str | None = None
    fees: list = field(default_factory=list)
    extras: list = field(default_factory=list)
    all_in: ServicePrice | None = None
    payment_terms: str | None = None
    guarantee: str | None = None
    group: str | None = None
    tier_order: int | None = None
    recommended: bool = False
    next_change: PriceAnnouncement | None = None
    sale: Sale | None = None
    timeline: PriceTimeline | None = None
    # What took effect or ended by itself: not errors, but worth a note to the author.
    applied_change: ScheduledPrice | None = None
    ended_sale: SaleWindow | None = None

    @property
    def regular(self):
        """The regular price a buyer pays: all-in when there are fees."""
        return self.all_in or self.price

    @property
    def headline(self):
        """The most prominent figure: the sale's price while one runs, else the regular one."""
        return self.sale.headline if self.sale else self.regular

    @property
    def fees_total(self):
        return total(self.fees)


def read_service(metadata, pricing, today=None):
    """Check a service page's fields; return (ServiceTerms or None, [FieldProblem, …]).

    `today` is the build's date (plugin_support.build_clock.build_day); with None, dates
    are not compared to it: no announced price takes effect and no sale runs.
    """
    written, problems = read_fields(metadata, pricing, today)
    if problems:
        return None, problems
    price = written.price
    timeline = build_timeline(price.history, price.updated, price.amount, written.scheduled)
    # The 30-day rule needs the whole timeline, so it is checked once every field is valid.
    sale_window, problems = check_sale_window(written, timeline, pricing["locale"])
    if problems:
        return None, problems
    return terms_as_of(written, timeline, sale_window, pricing, today), []


class ProblemList(list):
    """The FieldProblems found so far, in the order the fields are read."""

    def take(self, value_and_problems):
        """Keep a reader's problems and hand back its value."""
        value, found = value_and_problems
        self.extend(found)
        return value


@dataclass(frozen=True)
class WrittenPrice:
    """The price fields as written, before the build date is applied."""

    currency: str
    amount: Decimal
    type: str
    max_amount: Decimal | None
    unit: str
    updated: date | None
    history: list  # [(date, Decimal), …], oldest first
    valid_until: date | None


@dataclass(frozen=True)
class WrittenFields:
    """Every pricing field of a service page as written: valid only with no problems."""

    price: WrittenPrice
    order: int | None
    includes: list
    action: CallToAction | None
    scheduled: ScheduledPrice | None
    sale_fields: tuple | None  # (amount, from, until) as written; checked once dated
    tax: str | None
    fees: list
    extras: list
    group: str | None
    tier_order: int | None
    recommended: bool
    turnaround: str | None
    payment_terms: str | None
    guarantee: str | None


def read_fields(metadata, pricing, today):
    """(WrittenFields, [FieldProblem, …]): each field read in turn, every mistake kept."""
    problems = ProblemList()
    take = problems.take
    price = read_price_fields(metadata, pricing, today, problems)
    currency, locale = price.currency, pricing["locale"]
    written = WrittenFields(
        price=price,
        order=take(read_whole_number(metadata, "order", "Order")),
        includes=take(read_includes(metadata)),
        action=take(read_action(metadata, pricing)),
        scheduled=take(
            read_scheduled_price(
                metadata, price.amount, price.type, price.max_amount, price.updated, currency
            )
        ),
        sale_fields=take(read_sale(metadata, price.type, currency)),
        tax=take(read_tax(metadata, pricing)),
        fees=take(read_charges(metadata, "fees", "Fees", currency, locale)),
        extras=take(read_charges(metadata, "extras", "Extras", currency, locale)),
        group=field_text(metadata, "group") or None,
        tier_order=take(read_whole_number(metadata, "tier_order", "Tier_Order")),
        recommended=take(read_yes_no(metadata, "recommended", "Recommended")),
        turnaround=field_text(metadata, "turnaround") or None,
        payment_terms=field_text(metadata, "payment_terms") or None,
        guarantee=field_text(metadata, "guarantee") or None,
    )
    problems.extend(group_field_problems(metadata, written.group))
    return written, problems


def read_price_fields(metadata, pricing, today, problems):
    """The price, its kind and unit, and its dates; mistakes go to `problems`."""
    take = problems.take
    currency = take(read_currency(metadata, pricing))
    amount = take(read_price(metadata, currency))
    price_type = take(read_price_type(metadata, amount))
    max_amount = take(read_price_max(metadata, price_type, amount, currency))
    unit = take(read_unit(metadata, pricing))
    updated = take(read_day(metadata, "price_updated", "Price_Updated"))
    history = take(read_history(field_text(metadata, "price_history"), currency))
    problems.extend(history_order_problems(history, updated))
    valid_until = take(read_day(metadata, "price_valid_until", "Price_Valid_Until"))
    problems.extend(date_problems(updated, valid_until, today))
    return WrittenPrice(
        currency, amount, price_type, max_amount, unit, updated, history, valid_until
    )


def history_order_problems(history, updated):
    """The last Price_History entry must come before Price_Updated."""
    if not (updated and history and history[-1][0] >= updated):
        return []
    return [
        FieldProblem(
            "Price_History",
            f"{history[-1][0].isoformat()} is not before Price_Updated {updated.isoformat()}",
            "earlier prices come before the current one; fix the dates",
        )
    ]


def check_sale_window(written, timeline, locale):
    """The sale as written, checked against the prices before it: (SaleWindow or None, […])."""
    if written.sale_fields is None:
        return None, []
    currency = written.price.currency
    return check_sale(
        written.sale_fields,
        timeline,
        written.scheduled,
        lambda value: format_amount(value, currency, locale),
    )


@dataclass(frozen=True)
class PriceMaker:
    """Makes the ServicePrices of one service: its currency, unit, kind and fees."""

    currency: str
    unit: str
    type: str
    locale: str
    fees: list

    def price(self, amount, max_amount=None, price_type=None):
        return make_price(
            amount, max_amount, self.currency, self.unit, price_type or self.type, self.locale
        )

    def all_in(self, price):
        """The price with its fees added, or None when there are no fees."""
        if not self.fees:
            return None
        top = None if price.max_amount is None else price.max_amount + total(self.fees)
        return self.price(price.amount + total(self.fees), top, price.type)


def due_change(scheduled, today):
    """The announced price if it has taken effect by `today`, else None."""
    if scheduled and today is not None and today >= scheduled.day:
        return scheduled
    return None


def terms_as_of(written, timeline, sale_window, pricing, today):
    """ServiceTerms as a visitor sees them on `today`."""
    locale, written_price = pricing["locale"], written.price
    prices = PriceMaker(
        written_price.currency, written_price.unit, written_price.type, locale, written.fees
    )
    history, amount, updated = written_price.history, written_price.amount, written_price.updated
    # As of the build date: an announced price that is due is today's price.
    applied = due_change(written.scheduled, today)
    if applied:
        history = [*history, (updated, amount)]
        amount, updated = applied.amount, applied.day
    price = prices.price(amount, written_price.max_amount)
    return ServiceTerms(
        price=price,
        includes=written.includes,
        turnaround=written.turnaround,
        updated=updated,
        updated_text=format_day(updated, locale) if updated else None,
        history=price_points(history, written_price.currency, locale),
        order=written.order,
        action=written.action,
        valid_until=written_price.valid_until or pricing["price_valid_until"],
        tax=written.tax,
        fees=written.fees,
        extras=written.extras,
        all_in=prices.all_in(price),
        payment_terms=written.payment_terms,
        guarantee=written.guarantee,
        group=written.group,
        tier_order=written.tier_order,
        recommended=written.recommended,
        next_change=None if applied else announcement_of(written, prices),
        sale=running_sale(sale_window, today, prices),
        timeline=timeline,
        applied_change=applied,
        ended_sale=sale_window if sale_window and sale_window.has_ended(today) else None,
    )


def price_points(history, currency, locale):
    """The earlier prices as the page shows them."""
    return [
        PricePoint(
            day,
            value,
            format_amount(value, currency, locale),
            format_day(day, locale) if day else None,
        )
        for day, value in history
    ]


def announcement_of(written, prices):
    """The announced price not yet in effect, or None."""
    scheduled = written.scheduled
    if not scheduled:
        return None
    new_price = prices.price(scheduled.amount, written.price.max_amount)
    return PriceAnnouncement(
        day=scheduled.day,
        day_text=format_day(scheduled.day, prices.locale),
        price=new_price,
        all_in=prices.all_in(new_price),
        note=scheduled.note,
    )


def running_sale(sale_window, today, prices):
    """The sale running on `today`, or None."""
    if not (sale_window and sale_window.is_running(today)):
        return None
    # A sale is one price: "From" stays for a from-price, a range cannot have a sale.
    sale_price = prices.price(
        sale_window.amount, None, "from" if prices.type == "from" else "fixed"
    )
    locale = prices.locale
    return Sale(
        price=sale_price,
        all_in=prices.all_in(sale_price),
        starts=sale_window.starts,
        starts_text=format_day(sale_window.starts, locale),
        ends=sale_window.ends,
        ends_text=format_day(sale_window.ends, locale) if sale_window.ends else None,
        lowest_before=sale_window.lowest_before,
        lowest_before_text=format_amount(sale_window.lowest_before, prices.currency, locale),
    )


def group_field_problems(metadata, group):
    """Tier_Order and Recommended only mean something for a tier of a Group."""
    if group:
        return []
    return [
        FieldProblem(
            name, "only used with Group", f'add "Group: …" naming the offer, or remove {name}'
        )
        for key, name in GROUP_ONLY_FIELDS.items()
        if field_text(metadata, key)
    ]


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
    problem = unit_problem(unit)
    if problem:
        return None, [FieldProblem("Price_Unit", *problem)]
    return unit, []


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
