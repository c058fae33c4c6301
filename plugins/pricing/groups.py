"""Tiers of one offer: services that share a `Group:` line, checked together.

`plan_groups(tiers, service_slugs, slugify)` takes every service page that
names a group and returns the groups (tiers in order) and every mistake, each
as (source file, FieldProblem) so it is reported once, on one file. Pure:
nothing here logs or touches Pelican.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from .field_values import FieldProblem
from .formatting import ONE_OFF_UNITS, format_amount, plain_decimal


@dataclass(frozen=True)
class TierEntry:
    """One service page with a Group: line. `terms` is None when its fields have mistakes."""

    source_path: str
    slug: str
    name: str
    group_name: str
    listed: bool
    terms: object = None


@dataclass
class GroupPlan:
    """One group: its name, slug and published tiers in order."""

    name: str
    slug: str
    tiers: list = field(default_factory=list)

    @property
    def recommended(self):
        return next((tier for tier in self.tiers if tier.terms.recommended), None)


@dataclass(frozen=True)
class PriceSpan:
    """A group's prices, lowest to highest: "From $900 to $2,400", and "from $900" in a sentence."""

    low: Decimal
    high: Decimal
    currency: str
    unit: str
    display: str
    short: str

    @property
    def in_sentence(self):
        return (
            self.short[:1].lower() + self.short[1:]
            if self.short.startswith("From ")
            else self.short
        )

    @property
    def plain_low(self):
        return plain_decimal(self.low, self.currency)

    @property
    def plain_high(self):
        return plain_decimal(self.high, self.currency)


def price_span(prices, locale):
    """The span of the tiers' headline prices (same currency and unit, checked before)."""
    low = min(price.amount for price in prices)
    high = max(price.max_amount or price.amount for price in prices)
    currency, unit = prices[0].currency, prices[0].unit
    low_text = format_amount(low, currency, locale)
    # One price with nothing above it ("fixed" everywhere) needs no "From".
    open_ended = any(price.type != "fixed" for price in prices)
    if low == high and not open_ended:
        display = short = low_text
    elif low == high:
        display = short = f"From {low_text}"
    else:
        short = f"From {low_text}"
        display = f"{short} to {format_amount(high, currency, locale)}"
    if unit not in ONE_OFF_UNITS:
        display, short = f"{display} per {unit}", f"{short} per {unit}"
    return PriceSpan(low=low, high=high, currency=currency, unit=unit, display=display, short=short)


def tier_sort_key(tier):
    """Tier_Order first (tiers without one last), then the price, then the name."""
    order = tier.terms.tier_order
    return (order is None, order or 0, tier.terms.regular.amount, tier.name.lower())


def plan_groups(tiers, service_slugs, slugify):
    """Return ([GroupPlan, …] in first-seen order, [(source_path, FieldProblem), …])."""
    by_slug, problems = tiers_by_group_slug(tiers, slugify)
    plans = []
    for slug, members in by_slug.items():
        plan, group_problems = plan_group(slug, members)
        problems += group_problems
        if plan:
            plans.append(plan)
    problems += slug_clashes(service_slugs, by_slug)
    # A group whose address a service already has would overwrite that service's page.
    taken = {slug for _source_path, slug in service_slugs}
    plans = [plan for plan in plans if plan.slug not in taken]
    return plans, problems


def tiers_by_group_slug(tiers, slugify):
    """{group slug: [TierEntry, …]}, and a problem for each group name that makes no slug."""
    problems = []
    by_slug = defaultdict(list)
    unaddressable = set()
    for tier in tiers:
        slug = slugify(tier.group_name)
        if slug:
            by_slug[slug].append(tier)
        elif tier.group_name not in unaddressable:
            unaddressable.add(tier.group_name)  # one line per group, on its first tier
            problems.append(
                (
                    tier.source_path,
                    FieldProblem(
                        "Group",
                        f'"{tier.group_name}" gives the group page no address',
                        "name the group with letters or digits",
                    ),
                )
            )
    return by_slug, problems


def plan_group(slug, members):
    """One group's plan (None when there is no page to show), and its problems."""
    listed = [tier for tier in members if tier.listed]
    if not listed:
        return None, []  # drafts or hidden tiers only: there is no group page to show
    name = listed[0].group_name
    if len(listed) == 1:
        return None, [
            (
                listed[0].source_path,
                FieldProblem(
                    "Group",
                    f'"{name}" has only one published tier',
                    f'give another service "Group: {name}", or remove this line',
                ),
            )
        ]
    valid = sorted((tier for tier in listed if tier.terms is not None), key=tier_sort_key)
    if len(valid) < len(listed):
        return None, []  # a tier's own mistakes are already reported; comparing would guess
    problems = tier_problems(name, valid)
    if problems:
        return None, problems
    return GroupPlan(name=name, slug=slug, tiers=valid), []


def slug_clashes(service_slugs, by_slug):
    """A service whose slug is a group's: both would be written at one address."""
    return [
        (
            source_path,
            FieldProblem(
                "Slug",
                f'"{slug}" is also the address of the group "{by_slug[slug][0].group_name}"',
                "give this service another Slug, or rename the group in its tiers' Group:",
            ),
        )
        for source_path, slug in service_slugs
        if slug in by_slug
    ]


def tier_problems(name, tiers):
    """Recommended twice, Tier_Order twice, and currencies or units that differ: one line each."""
    return [
        *recommended_twice(name, tiers),
        *tier_order_twice(name, tiers),
        *prices_not_comparable(name, tiers),
    ]


def recommended_twice(name, tiers):
    """More than one tier marked Recommended: one line, on the last file."""
    recommended = [tier for tier in tiers if tier.terms.recommended]
    if len(recommended) < 2:
        return []
    names = " and ".join(f'"{tier.name}"' for tier in recommended)
    last = max(recommended, key=lambda tier: tier.source_path)
    both_or_all = "all" if len(recommended) > 2 else "both"
    return [
        (
            last.source_path,
            FieldProblem(
                "Recommended",
                f'{names} are {both_or_all} recommended in the group "{name}"',
                'mark at most one tier "Recommended: yes"',
            ),
        )
    ]


def tier_order_twice(name, tiers):
    """A Tier_Order another tier already has: one line on each later file."""
    problems = []
    seen_orders = {}
    for tier in sorted(tiers, key=lambda tier: tier.source_path):
        order = tier.terms.tier_order
        if order is None:
            continue
        if order not in seen_orders:
            seen_orders[order] = tier
            continue
        problems.append(
            (
                tier.source_path,
                FieldProblem(
                    "Tier_Order",
                    f'{order} is also the Tier_Order of "{seen_orders[order].name}" '
                    f'in the group "{name}"',
                    "give each tier its own number",
                ),
            )
        )
    return problems


def prices_not_comparable(name, tiers):
    """Each tier's currency and unit must be the first tier's: the span compares amounts."""
    problems = []
    first = tiers[0]
    first_price = first.terms.price
    for tier in tiers[1:]:
        price = tier.terms.price
        if price.currency != first_price.currency:
            problems.append(
                (
                    tier.source_path,
                    FieldProblem(
                        "Currency",
                        f'{price.currency} differs from {first_price.currency} of "{first.name}", '
                        f'another tier of "{name}"',
                        "the tiers of one group share one currency",
                    ),
                )
            )
        if price.unit != first_price.unit:
            problems.append(
                (
                    tier.source_path,
                    FieldProblem(
                        "Price_Unit",
                        f'"{price.unit}" differs from "{first_price.unit}" of "{first.name}", '
                        f'another tier of "{name}"',
                        "the tiers of one group are priced per the same unit",
                    ),
                )
            )
    return problems


@dataclass(frozen=True)
class ComparisonRow:
    """One line of the comparison: an item some tier includes, and which tiers do."""

    item: str
    included: tuple  # one True/False per tier, in tier order


def comparison_rows(tier_includes):
    """The union of the tiers' Includes, in the order first written, marked per tier.

    Items match regardless of case and spacing ("90-day plan" = "90-Day  plan").
    """

    def key(item):
        return " ".join(item.casefold().split())

    items = {}
    for includes in tier_includes:
        for item in includes:
            items.setdefault(key(item), item)
    keys_per_tier = [{key(item) for item in includes} for includes in tier_includes]
    return [
        ComparisonRow(item=item, included=tuple(item_key in keys for keys in keys_per_tier))
        for item_key, item in items.items()
    ]
