"""schema.org JSON-LD as plain dicts; a page's documents form one @graph, which the
templates print with |tojson (escaped).

Posts get BlogPosting (author, dates, image, isPartOf) and a BreadcrumbList; pages and
services a BreadcrumbList; the home page WebSite (with a SearchAction on /search/) and
the author as Person or Organization.
"""

from .article_parts import plain_text


def absolute_url(site_url, path):
    """`path` ("blog/x/", "/services/" or an absolute URL) on the site's address."""
    if path.startswith(("http://", "https://")):
        return path
    return f"{site_url}/{path.lstrip('/')}"


def author_reference(site):
    """The author as a post names them; the full entity is on the home and about pages."""
    return {
        "@type": site.author_type,
        "@id": f"{site.author_url}#author",
        "name": site.author_name,
        "url": site.author_url,
    }


def author_entity(site):
    """The author as schema.org Person or Organization, with photo and profiles."""
    entity = author_reference(site)
    if site.author_image:
        entity["image"] = site.author_image
    if site.same_as:
        entity["sameAs"] = list(site.same_as)
    return entity


def breadcrumb_list(trail):
    """BreadcrumbList from [(name, absolute URL), ...], home first."""
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(trail, start=1)
        ],
    }


def blog_posting(article, site, image_url, updated):
    posting = {
        "@type": "BlogPosting",
        "headline": plain_text(article.title),
        "url": absolute_url(site.url, article.url),
        "datePublished": article.date.isoformat(),
        "dateModified": (updated or article.date).isoformat(),
        "author": author_reference(site),
        "isPartOf": {"@type": "Blog", "name": site.name, "url": absolute_url(site.url, "")},
    }
    if image_url:
        posting["image"] = image_url
    return posting


def website(site, search_url):
    document = {
        "@type": "WebSite",
        "name": site.name,
        "url": absolute_url(site.url, ""),
        "publisher": {"@id": f"{site.author_url}#author"},
    }
    if search_url:
        document["potentialAction"] = {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": f"{search_url}?q={{search_term}}"},
            "query-input": "required name=search_term",
        }
    return document


def graph(documents):
    """One JSON-LD document holding all of a page's: a single @context, a single <script>."""
    return {"@context": "https://schema.org", "@graph": list(documents)}
