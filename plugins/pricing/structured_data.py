"""schema.org JSON-LD for service and group pages, as plain dicts a template serialises.

Offer rules (schema.org): a fixed price is `price`; a starting price or a range
is a PriceSpecification with `minPrice`/`maxPrice` and no `price`; a price per
hour, month, … is a UnitPriceSpecification with `unitText`. Everything is as
of the build date: the price a buyer pays today.

- Tax stated (`Tax:` or PRICING["tax"]): `valueAddedTaxIncluded` on the price
  specification (true for included, false for excluded; absent for none).
- Fees: a CompoundPriceSpecification of the all-in price, whose
  `priceComponent`s are the base price and each fee; the Offer's `price` is the
  all-in price.
- A running sale: the Offer is the sale's (`validFrom`, `priceValidUntil`), with
  the regular price as a second specification of `priceType` StrikethroughPrice.
- An announced change: the current Offer is valid until the day before it.
- Payment terms: the Service's `termsOfService`; a guarantee: the Offer's `warranty`.
- A group: one Service whose `offers` is an AggregateOffer (`lowPrice`,
  `highPrice`) holding an Offer per tier.
"""

from datetime import timedelta

VAT_INCLUDED = {"included": True, "excluded": False}
STRIKETHROUGH = "https://schema.org/StrikethroughPrice"


def amount_specification(price, type_name=None):
    """A specification stating `price` (a ServicePrice): price, or minPrice/maxPrice."""
    specification = {
        "@type": type_name
        or ("UnitPriceSpecification" if price.is_unit_price else "PriceSpecification"),
        "priceCurrency": price.currency,
    }
    if price.type == "fixed":
        specification["price"] = price.plain_amount
    else:
        specification["minPrice"] = price.plain_amount
        if price.type == "range":
            specification["maxPrice"] = price.plain_max_amount
    if price.is_unit_price:
        specification["unitText"] = price.unit
    return specification


def simple_specification(price):
    """The Offer's priceSpecification, or None when a plain `price` says it all."""
    if price.type == "fixed" and (price.is_free or not price.is_unit_price):
        return None  # a free service costs 0 whatever its unit
    return amount_specification(price)


def charged_specification(base, all_in, fees, vat_included):
    """What the buyer pays for `base`: with fees as components, and the tax rule."""
    if fees:
        specification = amount_specification(all_in, "CompoundPriceSpecification")
        base_component = {**amount_specification(base, "UnitPriceSpecification"), "name": "Price"}
        specification["priceComponent"] = [base_component] + [
            {
                "@type": "UnitPriceSpecification",
                "name": fee.label,
                "price": fee.plain_amount,
                "priceCurrency": fee.currency,
            }
            for fee in fees
        ]
    elif vat_included is None or base.is_free:
        return simple_specification(base)  # nothing to pay, no tax to state
    else:
        specification = amount_specification(base)
    if vat_included is not None:
        specification["valueAddedTaxIncluded"] = vat_included
    return specification


def price_specification(terms):
    """The Offer's priceSpecification today: one dict, a [sale, strikethrough] list, or None."""
    vat_included = VAT_INCLUDED.get(terms.tax)
    regular = charged_specification(terms.price, terms.all_in, terms.fees, vat_included)
    if terms.sale is None:
        return regular
    sale = terms.sale
    current = charged_specification(sale.price, sale.all_in, terms.fees, vat_included)
    struck = regular or amount_specification(terms.price)
    return [
        current or amount_specification(sale.price),
        {**struck, "priceType": STRIKETHROUGH},
    ]


def valid_until(terms):
    """The last day today's Offer holds: the sale's end, the day before an announced
    change, or the configured Price_Valid_Until, whichever comes first."""
    if terms.sale is not None:
        return terms.sale.ends
    candidates = [day for day in (terms.valid_until,) if day is not None]
    if terms.next_change is not None:
        candidates.append(terms.next_change.day - timedelta(days=1))
    return min(candidates) if candidates else None


def offer(service, siteurl):
    terms = service.terms
    headline = terms.headline
    data = {"@type": "Offer", "priceCurrency": headline.currency}
    if headline.type == "fixed":
        data["price"] = headline.plain_amount
    specification = price_specification(terms)
    if specification:
        data["priceSpecification"] = specification
    data["url"] = service.absolute_url(siteurl)
    if terms.sale is not None:
        data["validFrom"] = terms.sale.starts.isoformat()
    last_day = valid_until(terms)
    if last_day is not None:
        data["priceValidUntil"] = last_day.isoformat()
    if terms.guarantee:
        data["warranty"] = {"@type": "WarrantyPromise", "description": terms.guarantee}
    return data


def provider(settings):
    pricing = settings["PRICING"]
    name = pricing["provider_name"] or settings.get("AUTHOR") or settings.get("SITENAME")
    data = {"@type": pricing["provider_type"], "name": name}
    if settings.get("SITEURL"):
        data["url"] = settings["SITEURL"] + "/"
    return data


def service_jsonld(service, settings):
    """The page's `Service` with its `Offer`."""
    siteurl = settings.get("SITEURL", "")
    data = {
        "@context": "https://schema.org",
        "@type": "Service",
        "name": service.name,
        "url": service.absolute_url(siteurl),
        "provider": provider(settings),
        "offers": offer(service, siteurl),
    }
    if service.summary_text:
        data["description"] = service.summary_text
    if service.terms.payment_terms:
        data["termsOfService"] = service.terms.payment_terms
    return data


def faq_jsonld(service):
    """The page's `FAQPage`, or None when it answers no questions."""
    if not service.faq:
        return None
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": entry.question_text,
                "acceptedAnswer": {"@type": "Answer", "text": entry.answer_text},
            }
            for entry in service.faq
        ],
    }


def page_jsonld(service, settings):
    """Every JSON-LD document the service page embeds, in order."""
    documents = [service_jsonld(service, settings)]
    faq = faq_jsonld(service)
    if faq:
        documents.append(faq)
    return documents


def group_jsonld(group, settings):
    """The group page's one `Service`: an AggregateOffer with an Offer per tier."""
    siteurl = settings.get("SITEURL", "")
    span = group.span
    data = {
        "@context": "https://schema.org",
        "@type": "Service",
        "name": group.title,
        "url": group.absolute_url(siteurl),
        "provider": provider(settings),
        "offers": {
            "@type": "AggregateOffer",
            "priceCurrency": span.currency,
            "lowPrice": span.plain_low,
            "highPrice": span.plain_high,
            "offerCount": len(group.tiers),
            "offers": [{**offer(tier, siteurl), "name": tier.name} for tier in group.tiers],
        },
    }
    if group.summary_text:
        data["description"] = group.summary_text
    return [data]
