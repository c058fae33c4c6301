"""The theme's colour tokens, read from its tokens.css, so cards match the site."""

import re

# The first `:root { … }` block outside any @media rule: the light scheme's values.
ROOT_BLOCK = re.compile(r"^:root\s*\{(?P<body>[^}]*)\}", re.MULTILINE)
CUSTOM_PROPERTY = re.compile(r"(?P<name>--[\w-]+)\s*:\s*(?P<value>[^;]+);")
COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)


def read_colour_tokens(path):
    """{"--color-accent": "#0b5cad", …} from the light scheme of `path`; {} if it is absent."""
    try:
        css = path.read_text(encoding="utf-8")
    except OSError:
        return {}
    match = ROOT_BLOCK.search(COMMENT.sub("", css))
    if match is None:
        return {}
    return {
        found["name"]: found["value"].strip() for found in CUSTOM_PROPERTY.finditer(match["body"])
    }
