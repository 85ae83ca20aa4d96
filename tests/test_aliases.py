"""Aliases across the articles of a comparison, and who may be said to disagree.

The article texts are written for these tests.
"""

from __future__ import annotations

import pytest

from crosscheck.compare.entities import (
    initials,
    is_named,
    opposed,
    same_camp,
    same_name,
    same_party,
    same_post,
)
from crosscheck.model import Article, Entity, Speaker


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("USGS", "U.S. Geological Survey"),
        ("HP", "Hewlett-Packard"),
        ("Apple", "Apple Inc."),
        ("Donnell Conners", "Donnell Conner"),
        ("Smith", "A.J. Smith"),
        ("Saad Maan", "Saad Maan Ibrahim"),
        ("Mo", "Mohammed Islam"),
    ],
)
def test_same_name_aliases(a: str, b: str) -> None:
    assert same_name(a, b) and same_name(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("A.J. Smith", "AJ Butler"),
        ("Russia", "Ukraine"),
        ("Jane Moore", "John Moyes"),
        ("NASA", "National Weather Service"),
    ],
)
def test_different_names_stay_apart(a: str, b: str) -> None:
    assert not same_name(a, b)


def test_initials_of_dotted_and_hyphenated_names() -> None:
    assert initials("U.S. Geological Survey") == "USGS"
    assert initials("Hewlett-Packard Co.") == "HP"


def _speaker(name: str, role: str | None = None, entity: str | None = None) -> Speaker:
    return Speaker(name, entity, 0, len(name), name, role)


def test_an_organisation_and_its_own_spokesperson_are_one_party() -> None:
    entities = {"E1": Entity("E1", "Kestrel Polymers", "ORG")}
    company = _speaker("Kestrel Polymers", entity="E1")
    spokeswoman = _speaker("Ana Ruiz", role="a Kestrel Polymers spokeswoman")
    rep = _speaker("Dana Pike", role="a rep for Paul Rudd")
    actor = _speaker("Paul Rudd")
    assert same_party(company, spokeswoman, entities)
    assert same_party(rep, actor, entities)
    assert not same_party(spokeswoman, actor, entities)


def test_descriptions_outlets_and_cut_names_are_not_named_speakers() -> None:
    assert is_named(_speaker("Maria Okafor"), {})
    assert is_named(_speaker("Surrey Police"), {})
    for name, role in (
        ("officials", None),
        ("Police", None),
        ("AFP", None),
        ("Press Association", "news agency"),
        ("Bloomington Police Sgt", None),
        ("Monday", None),
        ("Nicaraguan government scientists", None),
        ("Marrowfield residents", None),
    ):
        assert not is_named(_speaker(name, role), {}), name


def test_opposite_sides_only_when_the_texts_set_them_against_each_other() -> None:
    calm = Article(
        "a1", "a1", "The USGS and the Interior Department said the quake struck at 3 a.m."
    )
    rivals = Article("a2", "a2", "Russia accused Ukraine of shelling the plant on Friday.")
    assert not opposed("USGS", "U.S. Geological Survey", [calm, rivals])
    assert not opposed("USGS", "Interior Department", [calm])
    assert opposed("Russia", "Ukraine", [calm, rivals])


QUAKE_A = """Strong quake shakes northern Chile

A magnitude 6.8 earthquake struck off northern Chile on Tuesday, the U.S. Geological Survey
(USGS) said. "The quake was shallow and close to the coast, so strong shaking was felt in
Arica and Iquique," USGS seismologist Paul Caruso said.
"""

QUAKE_B = """Chile hit by 6.8 earthquake

"The quake was shallow and close to the coast, so strong shaking was felt in Arica and
Iquique," the U.S. Geological Survey said in a statement on Tuesday.
"""

QUAKE_C = """Chile quake felt across the north

"The quake was shallow and close to the coast, so strong shaking was felt in Arica and
Iquique," Chilean interior minister Rodrigo Pena said on Tuesday.
"""


@pytest.mark.slow
def test_acronym_and_expansion_are_no_attribution_conflict() -> None:
    from crosscheck.pipeline import compare_texts

    report = compare_texts({"a": QUAKE_A, "b": QUAKE_B, "c": QUAKE_C})
    conflicts = [f for f in report.findings if f.kind == "attribution_conflict"]
    labels = report.stats["labels"]
    ids = {report.articles[i].source: report.articles[i].id for i in range(3)}
    # one finding for the statement: USGS and its seismologist on one side, the minister
    # to whom C credits the same words on the other
    assert len(conflicts) == 1
    assert {s.article for s in conflicts[0].evidence} == {ids["a"], ids["b"], ids["c"]}
    one, other = conflicts[0].summary.split(" — ")[1].split("; ")
    assert "Paul Caruso" in one and "U.S. Geological Survey in B" in one
    assert other.startswith("Rodrigo Pena") and other.endswith("in C")
    assert conflicts[0].severity == "review"  # nobody set them against each other
    assert labels


def test_entities_survive_a_full_name_whose_key_is_its_surname() -> None:
    # "THE Smith" keys as "smith", like the bare surname: folding the surname into that
    # full name once raised KeyError and dropped every entity of the article.
    import spacy
    from spacy.tokens import Doc, Span

    from crosscheck.extract.entities import extract_entities
    from crosscheck.extract.nlp import Parsed
    from crosscheck.settings import Settings

    words = ["THE", "Smith", "met", "Smith", "and", "Maria", "Okafor", "in", "Leeds", "."]
    doc = Doc(spacy.blank("en").vocab, words=words)
    doc.ents = [
        Span(doc, 0, 2, label="PERSON"),
        Span(doc, 3, 4, label="PERSON"),
        Span(doc, 5, 7, label="PERSON"),
        Span(doc, 8, 9, label="GPE"),
    ]
    article = Article("e1", "e1", doc.text, clean_text=doc.text)
    names = {e.name for e in extract_entities(Parsed(article, ((0, doc),)), Settings())}
    assert {"Maria Okafor", "Leeds"} <= names


CLUB_A = """Harbor City sign striker after his arrest

"We're aware of the off-the-field issue involving Marcus. Obviously we're disappointed and
we take these matters very seriously," club general manager Dana Whitfield said in a
statement on Monday. Harbor City general manager Dana Whitfield signed the striker in June.
"""

CLUB_B = """Harbor City respond to striker's arrest

"We're aware of the off-the-field issue involving Marcus. Obviously we're disappointed and
we take these matters very seriously," Harbor City general manager Dana Whitmore said in a
statement.
"""


def test_two_names_for_one_post_are_a_misattribution_not_a_shared_position() -> None:
    """One post has one holder: the same words from "club general manager Dana Whitfield"
    and "Harbor City general manager Dana Whitmore" are one statement credited to two
    names, to review, never two officials backing one position."""
    from crosscheck.pipeline import compare_texts

    report = compare_texts({"a": CLUB_A, "b": CLUB_B})
    kinds = [f.kind for f in report.findings if any("disappointed" in s.text for s in f.evidence)]
    assert "attribution_conflict" in kinds
    assert "corroborated" not in kinds


def test_same_post_reads_the_role_less_the_body() -> None:
    def speaker(name: str, role: str | None) -> Speaker:
        return Speaker(name=name, entity=None, start=0, end=1, text=name, role=role)

    club = "Harbor City"
    gm = speaker("Dana Whitfield", "club general manager")
    assert same_post(gm, speaker("Dana Whitmore", "Harbor City general manager"), club, {})
    assert not same_post(gm, speaker("Lee Park", "Harbor City head coach"), club, {})
    assert not same_post(gm, speaker("Lee Park", None), club, {})


BLAST_A = """Blast shakes quarry town

An explosion at the Harrow Ridge quarry shook homes across Eldmoor on Saturday night.
"We thought it was a bomb because every window in the street rattled," said Tomas
Lindqvist, who lives beside the quarry gate.
"""

BLAST_B = """Quarry explosion under investigation

Investigators on Sunday examined the Harrow Ridge quarry after a blast shook Eldmoor.
"We thought it was a bomb because every window in the street rattled," one resident said.
"""

BLAST_C = """Quarry explosion under investigation

Investigators on Sunday examined the Harrow Ridge quarry after a blast shook Eldmoor.
"We never thought it was a bomb because every window in the street rattled," one resident
said.
"""


def test_the_same_words_named_in_one_source_only_corroborate_the_quote() -> None:
    from crosscheck.pipeline import compare_texts

    report = compare_texts({"a.txt": BLAST_A, "b.txt": BLAST_B})
    found = [
        f
        for f in report.findings
        if f.kind == "corroborated" and "both quote Tomas Lindqvist" in f.summary
    ]
    assert len(found) == 1
    assert "only A names the speaker" in found[0].reason
    # the same words with a negation of their own say the opposite
    report = compare_texts({"a.txt": BLAST_A, "c.txt": BLAST_C})
    assert not [f for f in report.findings if "both quote Tomas Lindqvist" in f.summary]


def test_a_verb_that_opens_a_sentence_is_no_part_of_a_name() -> None:
    from spacy.tokens import Span

    from crosscheck.extract.entities import extract_entities
    from crosscheck.extract.nlp import Parsed, load_nlp
    from crosscheck.settings import Settings

    text = "Having Marlow host the gala certainly fits that theme."
    doc = load_nlp()(text)  # type: ignore[operator]
    # the small model, in some paragraphs, tags the gerund with the name that follows it
    doc.ents = [Span(doc, 0, 2, label="PERSON")]
    article = Article(id="v1", source="t", text=text, clean_text=text)
    names = [e.name for e in extract_entities(Parsed(article, ((0, doc),)), Settings())]
    assert names == ["Marlow"]


@pytest.mark.parametrize(
    ("a", "b", "one"),
    [
        ("Russia", "Russian", True),
        ("South Korea", "South Korean", True),
        ("United States", "United Kingdom", False),
        ("Los Angeles", "Los Angeles Times", False),  # a city and its paper
    ],
)
def test_camps_one_body_or_a_demonym_not_a_name_inside_a_longer_one(
    a: str, b: str, one: bool
) -> None:
    assert same_camp(a, b) is one


PATCH_A = """Browser maker ships emergency fix

The patch closes a hole that attackers used last week. "This temporary workaround is like
putting a plaster on a broken leg," said Dana Tamir, a director at the security firm Keyhold.
"""

PATCH_B = """Emergency browser fix called a stopgap

Security researchers were unimpressed. "This temporary workaround is like putting a plaster
on a broken leg," Ms Tamir said on Tuesday.
"""

PATCH_C = """Browser fix arrives after attacks

Lena Ortiz, who runs the browser team, defended the release. The patch closes a hole that
attackers used last week. "This temporary workaround is like putting a plaster on a broken
leg," she said.
"""


def test_a_title_and_surname_name_the_person_and_a_pronoun_disputes_nothing() -> None:
    from crosscheck.pipeline import compare_texts

    # "Ms Tamir" is Dana Tamir: the same words under both names are no conflict
    report = compare_texts({"a": PATCH_A, "b": PATCH_B})
    assert not [f for f in report.findings if f.kind == "attribution_conflict"]
    # "she said" after another woman is named: whose words they are is a guess, not a
    # source's attribution to set against Dana Tamir's
    report = compare_texts({"a": PATCH_A, "c": PATCH_C})
    assert not [f for f in report.findings if f.kind == "attribution_conflict"]


ACT_A = """Governor signs coastal bill

"For four decades, the Harbor Protection Act has quietly guarded our most threatened
shorebirds, and we will not weaken it," Governor Elena Marsh said on Monday.
"""

ACT_B = """Coastal bill becomes law

"For decades, the Harbor Protection Act has guarded threatened fish and their spawning
grounds," said Tomas Reyes, the state's fisheries secretary.
"""


def test_a_shared_name_with_a_word_beside_it_is_no_shared_statement() -> None:
    from crosscheck.pipeline import compare_texts

    report = compare_texts({"a": ACT_A, "b": ACT_B})
    assert not [f for f in report.findings if f.kind == "attribution_conflict"]
