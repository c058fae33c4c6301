"""THEME_OPTIONS is checked once per build: every mistake is one line, all in one run."""

import pytest
from business_theme.settings import SETTINGS, contrast_ratio, validated_settings
from theme_site import business_site

PREFIX = 'pelicanconf.py: THEME_OPTIONS["'


def problems_for(tmp_path, options):
    site = business_site(tmp_path, posts=1)
    result = site.build(settings={"THEME_OPTIONS": options})
    assert not result.output.exists() or result.problems == []
    return result.problems


def test_every_mistake_is_one_line_in_one_run(tmp_path):
    problems = problems_for(
        tmp_path,
        {
            "acent_color": "#0b5cad",
            "accent_color": "#7fbfff",
            "accent_color_dark": "blue",
            "submenus": {"Work with us": (("Services", "/services/"),)},
            "sidebar": ["recent_posts", "weather"],
            "logo": "images/missing.svg",
            "pitch_action": ("Book", "book/"),
            "reply_email": "dana at example",
            "related_posts": -1,
        },
    )
    assert problems == [
        f'{PREFIX}acent_color"]: unknown setting (did you mean "accent_color"? known keys: {", ".join(SETTINGS)})',
        f'{PREFIX}accent_color_dark"]: \'blue\' is not a colour (write it as #rrggbb, e.g. "#0b5cad", or None)',
        f"{PREFIX}sidebar\"]: 'weather' is not a sidebar block (choose from recent_posts, top_posts, categories, archives, comment_policy, follow, signup)",
        f'{PREFIX}pitch_action"]: (\'Book\', \'book/\') is not a (label, link) pair (write e.g. ("See services and prices", "/services/"))',
        f'{PREFIX}reply_email"]: \'dana at example\' is not an email address (write e.g. "dana@example.com", or None)',
        f'{PREFIX}related_posts"]: -1 is not a whole number >= 0 (write e.g. 3)',
        f'{PREFIX}accent_color"]: "#7fbfff" has a contrast of 1.9:1 on the light background #ffffff; links need 4.5:1 (choose a darker colour)',
        f'{PREFIX}logo"]: "images/missing.svg" is not a file under the content folder or the theme\'s static folder (add content/images/missing.svg, or name a file under theme/static/ as theme/…)',
        f'{PREFIX}submenus"]: "Work with us" is not a label in MENUITEMS (use one of: Blog, Work with me, Book, About, Subscribe)',
    ]


def test_the_users_dict_is_not_changed():
    options = {"wordmark": "Dana"}
    merged = validated_settings({"THEME_OPTIONS": options, "MENUITEMS": ()})
    assert options == {"wordmark": "Dana"}
    assert merged["wordmark"] == "Dana" and merged["sidebar"] == SETTINGS["sidebar"].default


def test_contrast_ratio_is_wcag():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#0b5cad", "#ffffff") > 4.5


def test_accent_colours_reach_the_one_stylesheet(tmp_path):
    site = business_site(tmp_path, posts=1)
    result = site.build(
        settings={"THEME_OPTIONS": {"accent_color": "#7a1f5c", "accent_color_dark": "#f0a3d0"}}
    )
    assert result.problems == []
    css = result.text("theme/css/site.css")
    assert "@media (prefers-color-scheme:light){:root{--" in css
    assert ":#7a1f5c}" in css and ":#f0a3d0}" in css


def test_a_bad_featured_value_is_one_line(tmp_path):
    site = business_site(tmp_path, posts=1)
    site.write("posts/maybe.md", "Title: Maybe\nDate: 2026-02-01\nFeatured: maybe\n\nText.\n")
    result = site.build()
    assert result.problems == [
        'content/posts/maybe.md: Featured: "maybe" is not yes or no (write Featured: yes)'
    ]
