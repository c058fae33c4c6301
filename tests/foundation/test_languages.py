"""Translations follow the clean URL scheme under their language (/fr/blog/<slug>/,
/fr/<slug>/), and every page declares its own language in <html lang>."""

from fixture_sites import LOCAL_PRODUCTION


def write_bilingual_site(site):
    site.write("posts/prices.md", "Title: Our prices\nDate: 2026-01-10\n\nAll public.\n")
    site.write(
        "posts/prices-fr.md",
        "Title: Nos prix\nDate: 2026-01-10\nSlug: our-prices\nLang: fr\n\nTous publics.\n",
    )
    site.write("posts/bonjour.md", "Title: Bonjour\nDate: 2026-01-11\nLang: fr\n\nSalut.\n")
    site.write("pages/about.md", "Title: About\n\nMe.\n")
    site.write("pages/about-fr.md", "Title: À propos\nSlug: about\nLang: fr\n\nMoi.\n")
    site.write(
        "posts/brouillon.md",
        "Title: Brouillon\nDate: 2026-01-12\nLang: fr\nStatus: draft\n\nPas encore.\n",
    )


def html_lang(built, path):
    return built.soup(path).html["lang"]


def test_translations_have_clean_urls_and_their_own_language(site_factory):
    site = site_factory()
    write_bilingual_site(site)
    built = site.build("prod", settings=LOCAL_PRODUCTION)
    assert built.ok, built.problems
    assert html_lang(built, "blog/our-prices/index.html") == "en"
    assert html_lang(built, "fr/blog/our-prices/index.html") == "fr"
    assert html_lang(built, "fr/blog/bonjour/index.html") == "fr"
    assert html_lang(built, "about/index.html") == "en"
    assert html_lang(built, "fr/about/index.html") == "fr"
    assert html_lang(built, "index.html") == "en"
    assert not [name for name in built.files() if name.endswith(".html") and "-fr" in name]
    assert not [name for name in built.files() if "brouillon" in name]


def test_a_draft_translation_is_previewed_under_its_language(site_factory):
    site = site_factory()
    write_bilingual_site(site)
    built = site.build()
    assert built.ok, built.problems
    assert html_lang(built, "fr/drafts/brouillon/index.html") == "fr"
