"""The example site shows every pricing feature: the three kinds of service, the index,
prices.json, and a post citing live prices."""

import json

from pricing_helpers import text_of

SERVICES = {
    "social-media-audit": ("$1,500", "USD", "fixed", "project"),
    "customer-service-retainer": ("From €500 per month", "EUR", "from", "month"),
    "strategy-session": ("$150 per hour", "USD", "fixed", "hour"),
}


def test_example_services_state_their_price_first(example_site):
    result, _site = example_site
    assert result.problems == []
    for slug, (display, currency, price_type, unit) in SERVICES.items():
        soup = result.soup(f"services/{slug}/index.html")
        box = soup.select_one("main article .price-box")
        assert box.select_one(".price-box__amount").get_text() == display
        assert box.find_next_sibling(class_="page-body") is not None
        assert box.select(".price-box__includes li")
        assert box.select_one(".price-box__turnaround")
        assert box.select_one(".price-box__updated time")["datetime"]
        assert soup.select("details.service-faq__item")
        documents = [
            json.loads(s.string) for s in soup.select('script[type="application/ld+json"]')
        ]
        service = next(d for d in documents if d.get("@type") == "Service")
        assert service["offers"]["priceCurrency"] == currency
        assert service["url"] == f"https://danareyes.example/services/{slug}/"
        assert any(d.get("@type") == "FAQPage" for d in documents)
        record = next(
            r
            for r in json.loads(result.text("services/prices.json"))["services"]
            if r["url"] == service["url"]
        )
        assert (record["display"], record["type"], record["unit"]) == (display, price_type, unit)


def test_example_index_and_post(example_site):
    result, _site = example_site
    names = [
        a.get_text() for a in result.soup("services/index.html").select(".service-list__name a")
    ]
    assert names == ["Social Media Strategy Audit", "Customer Service Retainer", "Strategy Session"]
    post = result.soup("blog/what-an-audit-costs/index.html")
    text = text_of(post.select_one(".post-body"))
    assert "The audit costs $1,500," in text
    assert "customer service retainer costs from €500 per month." in text
