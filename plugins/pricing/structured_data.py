"""schema.org JSON-LD for a service page, as plain dicts a template serialises.

Offer rules (schema.org): a fixed price is `price`; a starting price or a range
is a PriceSpecification with `minPrice`/`maxPrice` and no `price`; a price per
hour, month, … is a UnitPriceSpecification with `unitText`.
"""


def price_specification(price):
    """The Offer's priceSpecification, or None when a plain `price` says it all."""
    if price.type == "fixed" and (price.is_free or not price.is_unit_price):
        return None  # a free service costs 0 whatever its unit
    specification = {
        "@type": "UnitPriceSpecification" if price.is_unit_price else "PriceSpecification",
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


def offer(service, siteurl):
    price = service.terms.price
    data = {"@type": "Offer", "priceCurrency": price.currency}
    if price.type == "fixed":
        data["price"] = price.plain_amount
    specification = price_specification(price)
    if specification:
        data["priceSpecification"] = specification
    data["url"] = service.absolute_url(siteurl)
    if service.terms.valid_until:
        data["priceValidUntil"] = service.terms.valid_until.isoformat()
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
