"""Plugin blocks around an item's content, on that item's own page only.

For themes that know nothing of a plugin (Pelican's "notmyidea", say), which
print `article.content` and nothing else of ours. Changing the content object
itself would leak: Pelican memoizes its HTML, feeds read it, and summaries are
cut from it. So nothing is changed on the object. Instead, when a theme
template renders an item's *own* page, it receives a view of the item whose
`content` is wrapped in the blocks; feeds, listings and every other page read
the real object. The price box (pricing) and the share/follow/signup widgets
use this one mechanism.
"""

from markupsafe import Markup

from .pelican_internals import wrap_generator_templates

# The generator attribute holding this build's block renderers.
BLOCKS_ATTRIBUTE = "own_page_blocks"


def add_own_page_block(generator, render):
    """Register `render(localcontext, item)` -> (html before, html after) or None.

    The first block for a generator wraps its templates; later ones join it.
    """
    blocks = getattr(generator, BLOCKS_ATTRIBUTE, None)
    if blocks is None:
        blocks = []
        setattr(generator, BLOCKS_ATTRIBUTE, blocks)
        wrap_generator_templates(generator, lambda template: TemplateWithBlocks(template, blocks))
    blocks.append(render)


class ContentWithBlocks:
    """An article or page as its own page's template sees it: blocks around the content."""

    def __init__(self, item, before, after):
        self._item = item
        self._before = before
        self._after = after

    @property
    def content(self):
        # Safe: the item's HTML, and blocks rendered by autoescaping plugin templates.
        return Markup(self._before) + Markup(self._item.content) + Markup(self._after)  # noqa: S704

    def __getattr__(self, name):
        return getattr(self._item, name)

    def __eq__(self, other):
        return self._item == getattr(other, "_item", other)

    def __hash__(self):
        return hash(self._item)


class TemplateWithBlocks:
    """A theme template; when it renders an item's own page, the item gets its blocks."""

    def __init__(self, template, blocks):
        self._template = template
        self._blocks = blocks

    def render(self, localcontext):
        for key in ("article", "page"):
            item = localcontext.get(key)
            if item is None:
                continue
            before, after = "", ""
            for render in self._blocks:
                wrapped = render(localcontext, item)
                if wrapped:
                    before, after = before + wrapped[0], wrapped[1] + after
            if before or after:
                localcontext = {**localcontext, key: ContentWithBlocks(item, before, after)}
        return self._template.render(localcontext)

    def __getattr__(self, name):
        return getattr(self._template, name)
