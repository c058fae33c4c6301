"""The pricing index at /services/ and the same list as /services/prices.json."""

import json
import logging
import os

from .catalogue import CONTEXT_KEY, listed_services

logger = logging.getLogger(__name__)


def price_record(service, siteurl):
    """One service as partners and scripts read it."""
    price = service.terms.price
    return {
        "name": service.name,
        "url": service.absolute_url(siteurl),
        "price": json_number(price.amount),
        "max_price": None if price.max_amount is None else json_number(price.max_amount),
        "currency": price.currency,
        "unit": price.unit,
        "type": price.type,
        "display": price.display,
        "updated": service.terms.updated.isoformat() if service.terms.updated else None,
    }


def json_number(amount):
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def write_index(generator, writer):
    """page_writer_finalized handler: write the index page and prices.json."""
    settings = generator.settings
    pricing = settings["PRICING"]
    services = listed_services(generator.context.get(CONTEXT_KEY) or {})
    template = generator.env.select_template(["services.html", "pricing/services.html"])
    writer.write_file(
        pricing["index_save_as"],
        template,
        generator.context,
        services=services,
        relative_urls=settings["RELATIVE_URLS"],
        url=pricing["index_url"],
        page_name="services",
    )
    records = [price_record(service, settings.get("SITEURL", "")) for service in services]
    path = os.path.join(settings["OUTPUT_PATH"], pricing["json_save_as"])
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as file:
        json.dump({"services": records}, file, ensure_ascii=False, indent=2)
        file.write("\n")
