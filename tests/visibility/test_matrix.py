"""Nothing private reaches a public surface: every state × every surface that could show it.

Each test reads one surface (``surfaces.py``) for one state's content
(``states.py``): the state's hidden words must be absent from the raw
response, and the hidden things absent by id; the state's public counterpart,
built by the same helpers, must be there, so that the test can fail. A new
state or surface is one entry in ``STATES`` or ``SURFACES``; the pairs below
are every state with every surface that could leak what it hides and shows
what its counterpart is.
"""

import pytest

from .states import STATES, words_of
from .surfaces import REF, SURFACES, WORDS, Reader

pytestmark = pytest.mark.django_db

MATRIX = [
    pytest.param(state, surface, id=f"{state.key}-{surface.key}")
    for state in STATES
    for surface in SURFACES
    if state.hides & surface.exposes and state.shows & set(surface.shows)
]


@pytest.fixture(scope="module")
def answers():
    """Answers by URL, shared by the tests here: none of them changes the content."""
    return {}


@pytest.fixture
def reader(client, answers):
    return Reader(client, answers)


@pytest.mark.parametrize(("state", "surface"), MATRIX)
def test_the_private_state_is_absent_and_its_public_counterpart_present(
    reader, world, state, surface
):
    case = world.cases[state.key]
    seen = surface.read(reader, world, case)

    for thing in case.hidden:
        if thing.kind not in surface.exposes:
            continue
        for word in thing.words:
            assert word.encode() not in seen.body, f"{surface.key} shows {word!r} ({thing.kind})"
        assert thing.ref not in seen.refs, f"{surface.key} names {thing.ref} ({thing.kind})"

    for thing in case.shown:
        shape = surface.shows.get(thing.kind)
        if shape is None or not surface.shows_page(thing):
            continue
        if shape != REF:
            for word in thing.words:
                assert word.encode() in seen.body, f"{surface.key} lacks {word!r} ({thing.kind})"
        if shape != WORDS and thing.ref is not None:
            assert thing.ref in seen.refs, f"{surface.key} lacks {thing.ref} ({thing.kind})"


def test_every_state_is_checked_on_some_surface():
    checked = {param.values[0].key for param in MATRIX}
    assert checked == {state.key for state in STATES}


def test_the_words_of_one_state_are_not_part_of_another_s():
    """A hidden word inside another word would let a test pass or fail for the wrong reason."""
    words = [word for state in STATES for word in words_of(state)]
    for word in words:
        assert [other for other in words if word in other] == [word]
