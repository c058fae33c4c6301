"""Render a repeated fragment once per build.

A post's summary card appears on the home page, its category's, tags' and author's
listings and their later pages: at a thousand posts that is six renders of the same
card for every post. Templates wrap such a fragment in
`{% call remembered("name", item, ...) %}...{% endcall %}`: the first render is kept
and handed out again for the same key. The key must name everything the fragment
depends on besides values that are the same for the whole build (site_root, settings).
"""

PLAIN_VALUES = (str, int, float, bool, type(None))


class MarkupMemo:
    """One build's remembered fragments: one memo per Jinja environment, made at
    generator_init, so nothing is carried from one build to the next."""

    def __init__(self):
        self._fragments = {}
        # Objects keyed by identity stay referenced, so a freed object's id can
        # never come back as the key of a different item.
        self._keyed_objects = []

    def __call__(self, name, *depends_on, caller):
        key = (name, *(_key_part(value) for value in depends_on))
        fragment = self._fragments.get(key)
        if fragment is None:
            fragment = self._fragments[key] = caller()
            self._keyed_objects.append(depends_on)
        return fragment


def _key_part(value):
    return value if isinstance(value, PLAIN_VALUES) else ("object", id(value))
