"""edits.compose: a later stage's edits folded into the earlier ones give one list of edits
of the text as written, with the same effect as applying both in turn."""

from hypothesis import given, settings
from hypothesis import strategies as st

from native_host.edits import Edit, apply, compose


def edit(start, end, new, rule="model", evidence=()):
    return Edit(start, end, (new,), "grammar", "m", "model", rule, evidence)


@st.composite
def texts_and_edits(draw, text=None):
    text = draw(st.text("ab ", max_size=12)) if text is None else text
    edits, pos = [], 0
    while pos <= len(text):
        if draw(st.booleans()):
            end = min(len(text), pos + draw(st.integers(0, 3)))
            new = draw(st.text("xyz", max_size=3))
            if not (pos == end and not new):
                edits.append(edit(pos, end, new))
            pos = end + 1
        else:
            pos += 1
    return text, edits


@settings(max_examples=2000, deadline=None)
@given(st.data())
def test_composing_is_applying_in_turn(data):
    written, done = data.draw(texts_and_edits())
    current = apply(written, done)
    _, new = data.draw(texts_and_edits(current))
    composed = compose(written, done, new)
    assert apply(written, composed) == apply(current, new)
    assert all(a.end <= b.start for a, b in zip(composed, composed[1:]))  # in order, no overlap
    assert all(written[e.start:e.end] != e.replacement for e in composed)  # no edit that changes nothing


def test_a_later_edit_absorbs_the_earlier_one_it_touches_and_keeps_its_evidence():
    written = "I recieve teh letter"
    done = [edit(2, 9, "receive", "spelling", (("distance", 1.0),)), edit(10, 13, "the", "spelling")]
    later = [edit(2, 9, "received", "model", (("margin", 2.5),))]
    [merged, the] = compose(written, done, later)
    assert (merged.start, merged.end, merged.replacement, merged.rule) == (2, 9, "received", "model")
    assert dict(merged.evidence) == {"distance": 1.0, "margin": 2.5, "after": "spelling"}
    assert the.rule == "spelling" and apply(written, [merged, the]) == "I received the letter"


def test_a_later_edit_that_undoes_an_earlier_one_leaves_nothing():
    written = "colour"
    done = [edit(0, 6, "color", "spelling")]
    assert compose(written, done, [edit(0, 5, "colour")]) == []
