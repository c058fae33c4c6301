"""The theme's memo of repeated fragments (business_theme.markup_memo): a fragment is
rendered once for each key, and a key tells apart everything the fragment depends on."""

from business_theme.markup_memo import MarkupMemo


def test_a_fragment_is_rendered_once_per_key_and_tuples_count_by_what_they_hold():
    memo = MarkupMemo()
    rendered = []

    def fragment(text):
        def caller():
            rendered.append(text)
            return text

        return caller

    first = memo("header", "", (False, True), caller=fragment("A"))
    # An equal tuple made anew (as each page makes its menu marks) is the same key.
    again = memo("header", "", tuple([False, True]), caller=fragment("B"))
    other_marks = memo("header", "", (True, False), caller=fragment("C"))
    other_root = memo("header", "/repo", (False, True), caller=fragment("D"))

    assert (first, again, other_marks, other_root) == ("A", "A", "C", "D")
    assert rendered == ["A", "C", "D"]


def test_objects_count_by_identity():
    memo = MarkupMemo()

    class Post:
        pass

    one, two = Post(), Post()
    assert memo("card", one, caller=lambda: "one") == "one"
    assert memo("card", two, caller=lambda: "two") == "two"
    assert memo("card", one, caller=lambda: "again") == "one"
