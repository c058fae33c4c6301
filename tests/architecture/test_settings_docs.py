"""The README's settings tables are the plugins' own declarations, so docs and code agree."""

from plugin_support.settings import settings_table

from tooling.settings_docs import README, documented_settings, tables_in


def test_every_settings_dict_has_its_table_in_the_readme():
    tables = tables_in(README.read_text(encoding="utf-8"))
    declared = documented_settings()
    assert set(tables) == set(declared), "run `invoke docs` and place any new table"
    for name, declarations in declared.items():
        assert tables[name] == settings_table(declarations) + "\n", (
            f"README's {name} table differs from the declarations: run `invoke docs`"
        )


def test_the_tables_cover_every_plugin_with_settings():
    # Each of these plugins validates a settings dict; each must document it.
    assert {
        "PUBLICATION",
        "SITE_SEARCH",
        "PRICING",
        "SHARE_FOLLOW_SIGNUP",
        "IMAGES",
        "PUBLISHING",
    } <= set(documented_settings())
