"""prices.json: the site's prices as data for partners and scripts, a published contract.

The shape is described by prices.schema.json (beside this file, published at
PRICING["schema_save_as"]). Its `version` follows semantic versioning:
a new optional field is a minor version, a removed or changed one a major one.
Everything is as of the build date, like the pages.
"""

import json
import os
from functools import cache

SCHEMA_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "prices.schema.json")


@cache
def schema_template():
    """The schema as kept beside this file (read once per process; it is code, not content)."""
    with open(SCHEMA_FILE, encoding="utf-8") as file:
        return json.load(file)


def price_list_version():
    """The format's version: the schema's `version`, the one place it is written."""
    return schema_template()["version"]


def json_number(amount):
    """A Decimal as a JSON number: 1500, 149.5."""
    if amount is None:
        return None
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def charge_records(charges):
    return [{"label": charge.label, "amount": json_number(charge.amount)} for charge in charges]


def price_record(service, siteurl):
    """One service as partners and scripts read it."""
    terms = service.terms
    price = terms.price
    regular = terms.regular
    return {
        "slug": service.slug,
        "name": service.name,
        "url": service.absolute_url(siteurl),
        "summary": service.summary_text or None,
        "price": json_number(price.amount),
        "max_price": json_number(price.max_amount),
        "currency": price.currency,
        "unit": price.unit,
        "type": price.type,
        "display": price.display,
        "updated": terms.updated.isoformat() if terms.updated else None,
        "tax": terms.tax,
        "fees": charge_records(terms.fees),
        "all_in_price": json_number(regular.amount),
        "all_in_max_price": json_number(regular.max_amount),
        "all_in_display": regular.display,
        "extras": charge_records(terms.extras),
        "payment_terms": terms.payment_terms,
        "guarantee": terms.guarantee,
        "history": history_records(terms.history),
        "next_change": next_change_record(terms.next_change),
        "sale": sale_record(terms.sale),
        "group": group_link_record(service.group, siteurl),
        "tier_order": terms.tier_order,
        "recommended": terms.recommended,
    }


def history_records(history):
    return [
        {"from": point.day.isoformat() if point.day else None, "price": json_number(point.amount)}
        for point in history
    ]


def group_link_record(group, siteurl):
    """The group a service is a tier of, as a service record names it."""
    if group is None:
        return None
    return {"name": group.name, "slug": group.slug, "url": group.absolute_url(siteurl)}


def next_change_record(change):
    if change is None:
        return None
    return {
        "price": json_number(change.price.amount),
        "all_in_price": json_number(change.headline.amount),
        "from": change.day.isoformat(),
        "note": change.note,
        "display": f"{change.headline.display} from {change.day_text}",
    }


def sale_record(sale):
    if sale is None:
        return None
    return {
        "price": json_number(sale.price.amount),
        "all_in_price": json_number(sale.headline.amount),
        "from": sale.starts.isoformat(),
        "until": sale.ends.isoformat() if sale.ends else None,
        "lowest_price_30_days": json_number(sale.lowest_before),
        "display": sale.headline.display,
    }


def group_record(group, siteurl):
    span = group.span
    recommended = group.recommended
    return {
        "slug": group.slug,
        "name": group.name,
        "url": group.absolute_url(siteurl),
        "summary": group.summary_text or None,
        "currency": span.currency,
        "unit": span.unit,
        "low_price": json_number(span.low),
        "high_price": json_number(span.high),
        "display": span.display,
        "tiers": [tier.slug for tier in group.tiers],
        "recommended": recommended.slug if recommended else None,
    }


def price_list(services, groups, siteurl, schema_url):
    """The whole prices.json document: services in index order, then the groups."""
    return {
        "$schema": schema_url,
        "version": price_list_version(),
        "services": [price_record(service, siteurl) for service in services],
        "groups": [group_record(group, siteurl) for group in groups],
    }


def price_list_schema(schema_url):
    """The JSON Schema of prices.json, with its published address as `$id`."""
    return {**schema_template(), "$id": schema_url}
