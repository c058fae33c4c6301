"""Render a repeated fragment once per build.

A post's summary card appears on the home page, its category's, tags' and author's
listings and their later pages: at a thousand posts that is six renders of the same
card for every post. Templates wrap such a fragment in
`{% call remembered("name", item, ...) %}...{% endcall %}`: the first render is kept
and handed out again for the same key. The key must name everything the fragment
depends on besides values that are the same for the whole build (site_root, settings).
"""

from plugin_support.page_reuse import note_reads, record_reads

PLAIN_VALUES = (str, int, float, bool, type(None))


class MarkupMemo:
    """One build's remembered fragments: one memo per Jinja environment, made at
    generator_init, so nothing is carried from one build to the next."""

    def render_inputs(self):
        """Nothing (plugin_support.page_reuse): the memo only saves renders; what a
        fragment shows is counted through the items it read."""
        return ()

    def __init__(self):
        self._fragments = {}
        # Objects keyed by identity stay referenced, so a freed object's id can
        # never come back as the key of a different item.
        self._keyed_objects = []

    def __call__(self, name, *depends_on, caller):
        key = (name, *(_key_part(value) for value in depends_on))
        remembered = self._fragments.get(key)
        if remembered is None:
            # The items the fragment read count for every page that shows it.
            remembered = self._fragments[key] = record_reads(caller)
            self._keyed_objects.append(depends_on)
        else:
            note_reads(remembered[1])
        return remembered[0]


def _key_part(value):
    if isinstance(value, PLAIN_VALUES):
        return value
    if type(value) is tuple:  # by what it holds (the menu's marks), not by its identity
        return ("tuple", *(_key_part(part) for part in value))
    return ("object", id(value))
