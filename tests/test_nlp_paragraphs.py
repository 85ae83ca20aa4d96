"""Paragraphs of a text written a sentence a line: a title without a full stop is a
paragraph of its own, never read into the sentence under it; wrapped prose is untouched."""

from __future__ import annotations

from crosscheck.extract.nlp import paragraphs
from crosscheck.pipeline import compare_texts

A_LINE_A_SENTENCE = (
    "Harbor Hawks forward held after crash\n"
    "Harbor Hawks forward Dario Vance was arrested early Tuesday after his car hit a barrier "
    "on the coast road north of the city, the state highway patrol said.\n"
    "Police said Vance was driving alone.\n"
    "Vance released a statement through the club.\n"
    '"I was stopped by an officer.\n'
    'I look forward to clearing my name."\n'
    "The club said it would not comment further.\n"
)

WRAPPED = (
    "Harbor Hawks forward Dario Vance was arrested early Tuesday after his car hit a\n"
    "barrier on the coast road, police said, and he was released later that morning\n"
    "without charge.\n"
)


def test_a_title_line_is_a_paragraph_of_its_own() -> None:
    found = paragraphs(A_LINE_A_SENTENCE)
    assert found[0] == (0, "Harbor Hawks forward held after crash")
    for offset, text in found:
        assert A_LINE_A_SENTENCE[offset : offset + len(text)] == text
    # the sentences under it stay together: a quote's speaker is read from the lines
    # around it
    assert any("released a statement" in t and "clearing my name" in t for _, t in found)


def test_wrapped_prose_stays_one_paragraph() -> None:
    assert paragraphs(WRAPPED) == [(0, WRAPPED.strip())]


def test_no_claim_runs_from_a_title_into_the_sentence_under_it() -> None:
    other = (
        "Vance arrested\nDario Vance, a forward for the Harbor Hawks, was arrested early "
        "Tuesday after his car hit a barrier on the coast road, the highway patrol said.\n"
        "He was released without charge.\n"
        "The club has not commented.\n"
    )
    report = compare_texts({"a": A_LINE_A_SENTENCE, "b": other})
    assert not [c for c in report.claims if "\n" in c.text and "crash" in c.text]
