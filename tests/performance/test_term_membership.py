"""Tag, category and author pages list their posts through PostList (strict_build.term_membership):
the same pages, with `in` answered by a set instead of a scan of the list."""

import pytest
from strict_build.term_membership import PostList


class Post:
    """Compares by identity, as Pelican's posts do."""


@pytest.mark.parametrize(
    "change",
    [
        lambda posts, extra: posts.append(extra[0]),
        lambda posts, extra: posts.extend(extra),
        lambda posts, extra: posts.insert(1, extra[1]),
        lambda posts, extra: posts.remove(posts[0]),
        lambda posts, extra: posts.pop(),
        lambda posts, extra: posts.clear(),
        lambda posts, extra: posts.__setitem__(0, extra[0]),
        lambda posts, extra: posts.__setitem__(slice(0, 2), extra),
        lambda posts, extra: posts.__delitem__(slice(1, None)),
        lambda posts, extra: posts.__iadd__(extra),
        lambda posts, extra: posts.__imul__(2),
        lambda posts, extra: posts.sort(key=id),
    ],
)
def test_membership_follows_every_change_to_the_list(change):
    posts, extra = [Post() for _ in range(4)], [Post(), Post()]
    indexed, plain = PostList(posts), list(posts)
    change(indexed, extra)
    change(plain, extra)
    assert list(indexed) == plain
    for post in [*posts, *extra, Post()]:
        assert (post in indexed) == (post in plain)


def test_tag_category_and_author_pages_list_their_posts_newest_first(site_factory):
    site = site_factory()
    tags = {0: "alpha", 1: "alpha, beta", 2: "beta", 3: "alpha", 4: "gamma"}
    for number, post_tags in tags.items():
        site.write(
            f"posts/post-{number}.md",
            f"Title: Post {number}\nDate: 2026-02-0{number + 1}\nCategory: Notes\n"
            f"Tags: {post_tags}\nAuthor: Dana Reyes\n\nBody {number}.\n",
        )
    result = site.build()
    assert result.ok, result.problems

    def listed(page):
        # Typogrify joins a title's last two words with a no-break space.
        titles = (
            " ".join(link.get_text().split())
            for link in result.soup(page).select("main a[href*='/blog/post-']")
        )
        return [title for title in titles if title.startswith("Post ")]

    assert listed("tag/alpha/index.html") == ["Post 3", "Post 1", "Post 0"]
    assert listed("tag/beta/index.html") == ["Post 2", "Post 1"]
    assert listed("category/notes/index.html") == ["Post 4", "Post 3", "Post 2", "Post 1", "Post 0"]
