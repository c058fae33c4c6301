"""IMAGES mistakes: one line each, all in one run, and no build."""

from image_site import images_on, write_photo
from PIL import Image

POST = """
    Title: A post
    Date: 2026-03-02 10:00

    Text.
"""


def build_with(site_factory, **images):
    site = site_factory()
    site.write("posts/post.md", POST)
    return site.build(settings=images_on(**images))


def test_every_settings_mistake_is_one_line_in_one_run(site_factory):
    built = build_with(
        site_factory,
        card_colour={"accent": "#fff"},
        card_title_font="nosuchfont:Bold",
        card_text_font="lato:Comic",
        widths=(480, "wide"),
        formats=["jpeg2000"],
        quality={"webp": 101},
        eager_images=-1,
        output_folder="../outside",
        card_size=(1200,),
    )
    assert not built.ok
    lines = "\n".join(built.problems)
    expected = [
        'pelicanconf.py: IMAGES["card_colour"]: unknown setting (did you mean "card_colours"? ',
        'pelicanconf.py: IMAGES["card_title_font"]: no installed font package provides "nosuchfont" (pip install font-nosuchfont, or use one of: ',
        'pelicanconf.py: IMAGES["card_text_font"]: "lato" has no face "Comic" (use one of: ',
        'pelicanconf.py: IMAGES["widths"]: "(480, \'wide\')" is not a list of widths',
        'pelicanconf.py: IMAGES["formats"]: "jpeg2000" is not a format (use avif or webp)',
        'pelicanconf.py: IMAGES["quality"]: webp: "101" is not a quality (use a whole number from 1 to 100)',
        'pelicanconf.py: IMAGES["eager_images"]: "-1" is not a count',
        'pelicanconf.py: IMAGES["output_folder"]: "../outside" is not a folder name',
        'pelicanconf.py: IMAGES["card_size"]: "(1200,)" is not a size',
    ]
    for start in expected:
        assert sum(line.startswith(start) for line in built.problems) == 1, (start, lines)
    assert len(built.problems) == len(expected)
    assert not any("Traceback" in line for line in built.problems)


def test_a_colour_token_the_theme_lacks_names_the_tokens_file(site_factory):
    built = build_with(site_factory, card_colours={"accent": "--color-brand", "text": "blue"})
    assert built.problems == [
        'pelicanconf.py: IMAGES["card_colours"]: text: "blue" is neither a colour token nor a hex '
        'colour (write a token of the theme like "--color-accent", or "#0b5cad")'
    ]
    built = build_with(site_factory, card_colours={"accent": "--color-brand"})
    (line,) = built.problems
    assert line.startswith(
        'pelicanconf.py: IMAGES["card_colours"]: accent: --color-brand is not defined in '
    )
    assert line.endswith(
        'tokens.css (define it there as a hex colour, or give one here, e.g. "#0b5cad")'
    )


def test_hex_colours_and_another_face_of_the_font_package_are_used(site_factory):
    site = site_factory()
    site.write("posts/post.md", POST)
    built = site.build(
        settings=images_on(
            card_colours={"background": "#102030", "accent": "#ffcc00"},
            card_title_font="lato:LatoBold",
        )
    )
    assert built.ok, built.problems

    (card,) = [name for name in built.files() if name.startswith("media/cards/")]
    rgb = Image.open(built.path(card)).convert("RGB")
    assert rgb.getpixel((600, 20)) == (0x10, 0x20, 0x30)
    assert rgb.getpixel((5, 300)) == (0xFF, 0xCC, 0x00)


def test_a_static_file_inside_the_cards_folder_is_an_error(site_factory):
    site = site_factory()
    site.write("posts/post.md", POST)
    write_photo(site.content / "media" / "cards" / "logo.jpg", size=(40, 40))
    built = site.build(settings={**images_on(), "STATIC_PATHS": ["images", "media"]})
    assert built.problems == [
        "content/media/cards/logo.jpg: output: writes media/cards/logo.jpg, inside media/, which "
        'holds the social cards and image copies (move the file, or change IMAGES["output_folder"])'
    ]
