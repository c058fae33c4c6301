"""A reader converts every file with one Markdown instance, reset between files, only
where that gives exactly what a fresh instance per file gives (strict_build.markdown_reuse)."""

import copy

import pytest
from fixture_sites import PROJECT_ROOT
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from pelican.settings import read_settings
from strict_build.markdown_reuse import REUSABLE_EXTENSIONS, is_reusable
from strict_build.reader import StrictMarkdownReader

# Each document leaves behind what an extension keeps between conversions unless reset:
# abbreviations, footnotes, link references, heading ids, stashed HTML, metadata. The
# later ones use the same names without defining them.
DOCUMENTS = (
    """\
    Title: First
    Date: 2026-01-01
    Summary: Key: value, and *emphasis*
    Tags: one, two

    [TOC]

    # Intro

    The HTML spec[^1] and a [reference][ref].

    *[HTML]: Hyper Text Markup Language
    [ref]: https://example.com/first
    [^1]: The first note.

    <div markdown="1">*inside* a block</div>

    !!! note "Heads up"
        An admonition.

    Term
    :   Definition

    | a | b |
    |---|---|
    | 1 | 2 |

    ```python
    print("fenced")
    ```

    Paragraph with an id {: #custom }
    """,
    """\
    Title: Second

    # Intro

    Still HTML here, a [reference][ref] left undefined, and a note[^1].

    [^1]: The second note, same number.

    <div markdown="1">**another** block</div>
    """,
    """\
    Title: Third
    Date: 2026-01-03

    # Intro
    # Intro

    Nothing defined: HTML, [ref][ref], [^1].
    """,
)

EVERY_REUSABLE_EXTENSION = {
    "extension_configs": {f"markdown.extensions.{name}": {} for name in REUSABLE_EXTENSIONS},
    "output_format": "html5",
}


def settings_with(markdown, formatted_fields=()):
    settings = read_settings(str(PROJECT_ROOT / "pelicanconf.py"))
    settings["MARKDOWN"] = copy.deepcopy(markdown)
    settings["FORMATTED_FIELDS"] = list(formatted_fields)
    return settings


def write_documents(folder):
    from textwrap import dedent

    paths = []
    for number, text in enumerate(DOCUMENTS):
        path = folder / f"post-{number}.md"
        path.write_text(dedent(text), encoding="utf-8")
        paths.append(str(path))
    return paths


def converted(reader, path):
    content, metadata = reader.read(path)
    return str(content), {name: str(value) for name, value in metadata.items()}


@pytest.mark.parametrize(
    "markdown, formatted_fields",
    [
        (read_settings(str(PROJECT_ROOT / "pelicanconf.py"))["MARKDOWN"], ()),
        (EVERY_REUSABLE_EXTENSION, ()),
        (EVERY_REUSABLE_EXTENSION, ("summary",)),  # Pelican takes "meta" out for these
    ],
    ids=["project", "every-reusable", "formatted-summary"],
)
def test_one_instance_reset_between_files_converts_as_fresh_ones_do(
    tmp_path, markdown, formatted_fields
):
    paths = write_documents(tmp_path)
    reused = StrictMarkdownReader(settings_with(markdown, formatted_fields))
    assert reused._markdown.reusable

    # Twice through: each document after every other one, and after itself.
    series = [converted(reused, path) for path in paths + paths]
    fresh = [
        converted(StrictMarkdownReader(settings_with(markdown, formatted_fields)), path)
        for path in paths + paths
    ]

    assert series == fresh
    first, second = fresh[0], fresh[1]
    # The documents do exercise what a reset must clear.
    assert "<abbr" in first[0] and "<abbr" not in second[0]
    assert 'href="https://example.com/first"' in first[0]
    assert "https://example.com/first" not in second[0]
    assert 'id="intro"' in second[0] and 'id="fn:1"' in second[0]
    assert first[1]["tags"] and "tags" not in second[1] and "date" not in second[1]
    if formatted_fields:
        assert first[1]["summary"].startswith("<p>Key: value")


def test_a_reused_instance_converts_with_its_meta_step_after_formatted_fields(tmp_path):
    paths = write_documents(tmp_path)
    reader = StrictMarkdownReader(settings_with(EVERY_REUSABLE_EXTENSION, ("summary",)))
    reader.read(paths[0])  # its summary is converted without the meta step
    _, metadata = reader.read(paths[2])
    assert str(metadata["title"]) == "Third"


class SeenInstances(Extension):
    """A third-party extension: notes every Markdown instance that converts with it."""

    def __init__(self):
        super().__init__()
        self.instances = []

    def extendMarkdown(self, md):
        extension = self

        class Note(Preprocessor):
            def run(self, lines):
                extension.instances.append(self.md)
                return lines

        md.preprocessors.register(Note(md), "note-instance", 100)


def test_a_third_party_extension_gets_a_fresh_instance_for_every_file(tmp_path):
    paths = write_documents(tmp_path)
    seen = SeenInstances()
    markdown = {"extensions": [seen], "output_format": "html5"}
    settings = read_settings(str(PROJECT_ROOT / "pelicanconf.py"))
    settings["MARKDOWN"] = markdown  # the object itself: a deep copy would be another
    reader = StrictMarkdownReader(settings)

    for path in paths:
        reader.read(path)

    assert not reader._markdown.reusable
    assert len(seen.instances) == 3 and len({id(md) for md in seen.instances}) == 3


@pytest.mark.parametrize(
    "markdown, reusable",
    [
        ({"extensions": ["extra", "toc", "markdown.extensions.meta"]}, True),
        ({"extensions": ["markdown.extensions.toc:TocExtension"]}, True),
        ({"extensions": ["markdown.extensions.smarty"]}, False),
        ({"extensions": ["pymdownx.superfences", "toc"]}, False),
        (
            {
                "extensions": ["markdown.extensions.footnotes"],
                "extension_configs": {"markdown.extensions.footnotes": {"UNIQUE_IDS": True}},
            },
            False,
        ),
        (
            {
                "extensions": ["markdown.extensions.extra"],
                "extension_configs": {
                    "markdown.extensions.extra": {"footnotes": {"UNIQUE_IDS": True}}
                },
            },
            False,
        ),
    ],
)
def test_only_extensions_known_to_reset_cleanly_share_an_instance(markdown, reusable):
    assert is_reusable(markdown) is reusable
