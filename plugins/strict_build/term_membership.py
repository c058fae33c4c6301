"""Tag, category and author pages in time that grows with the blog, not its square.

To list a tag's posts by date, Pelican runs
`[article for article in self.dates if article in articles]`: for every post of the
blog, a scan of the tag's list of posts, for every tag (and the same for categories
and authors). At 5,000 posts that is seconds of every build, paid again on every
save in the live preview. Posts compare by identity (Pelican's Content has no
__eq__), so each term's list of posts becomes a PostList: a list in every way, whose
`in` is a set lookup by identity.
"""

from pelican.generators import ArticlesGenerator

# Every list method that can change which posts the list holds.
MUTATORS = (
    "append",
    "extend",
    "insert",
    "remove",
    "pop",
    "clear",
    "__setitem__",
    "__delitem__",
    "__iadd__",
    "__imul__",
)


class PostList(list):
    """A list of posts whose `in` is a set lookup (by identity, as posts compare)."""

    def __init__(self, posts=()):
        super().__init__(posts)
        self._held = {id(post) for post in self}

    def __contains__(self, post):
        return id(post) in self._held


def _keeping_membership(name):
    change = getattr(list, name)

    def changed(self, *arguments):
        result = change(self, *arguments)
        self._held = {id(post) for post in self}
        return result

    changed.__name__ = name
    return changed


for _name in MUTATORS:
    setattr(PostList, _name, _keeping_membership(_name))


def index_term_posts(generators):
    """all_generators_finalized handler: each tag's, category's and author's posts as a PostList."""
    for generator in generators:
        if not isinstance(generator, ArticlesGenerator):
            continue
        for tag, posts in generator.tags.items():
            generator.tags[tag] = PostList(posts)
        # Replaced in place: the template context holds these very lists.
        for terms in (generator.categories, generator.authors):
            for number, (term, posts) in enumerate(terms):
                terms[number] = (term, PostList(posts))
