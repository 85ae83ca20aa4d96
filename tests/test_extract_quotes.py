"""Tests of quote extraction (``crosscheck.extract.quotes`` and its helpers).

The article texts are invented for these tests.
"""

from __future__ import annotations

import pytest

from crosscheck.extract.lexicon import lexicon, verb_forms
from crosscheck.extract.quotes_marks import find_marked
from crosscheck.extract.quotes_rules import dedupe, fallback_subject
from crosscheck.model import Article, Quote
from crosscheck.settings import Settings


def _paras(text: str) -> list[tuple[int, int]]:
    """Paragraph bounds split on blank lines (as ``extract.nlp`` does)."""
    out, pos = [], 0
    for chunk in text.split("\n\n"):
        out.append((pos, pos + len(chunk)))
        pos += len(chunk) + 2
    return out


def _quote(text: str, words: str, start: int = 0) -> Quote:
    at = text.index(words, start)
    return Quote("", "a1", at, at + len(words), words, "indirect", None)


def test_dedupe_repeat_elsewhere_is_a_mention_overlap_is_not() -> None:
    text = (
        "The mayor said the new depot would cut bus delays by a third before winter. "
        "Later she repeated that the new depot would cut bus delays by a third before winter."
    )
    outer = _quote(text, "the new depot would cut bus delays by a third before winter")
    nested = _quote(text, "new depot would cut bus delays by a third")
    again = _quote(text, "the new depot would cut bus delays by a third before winter", 80)
    kept = dedupe([outer, nested, again], "a1", 90.0)
    assert len(kept) == 1
    assert [(m.start, m.end) for m in kept[0].mentions] == [(again.start, again.end)]


def test_lexicon_verb_forms_cover_irregular_and_regular() -> None:
    forms = verb_forms(["say", "accuse", "deny", "tweet"])
    assert {"say", "says", "said", "saying", "accused", "accusing", "denies", "denied"} <= forms
    assert "tweeted" in lexicon("en").cues and "according" not in lexicon("en").cues
    assert lexicon("xx") is lexicon("en")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "we will win," and left.', ["we will win,"]),
        ('A "short" word and "a full quote."', ["short", "a full quote."]),
        ('An unpaired " mark stays harmless.', []),
        ('"One." Then "two" and a stray " mark.', ["One.", "two"]),
    ],
)
def test_quotes_marks_pairs_within_paragraph(text: str, expected: list[str]) -> None:
    found = find_marked(text, _paras(text))
    assert [text[m.start : m.end] for m in found] == expected


def test_quotes_marks_continue_over_paragraphs() -> None:
    text = '"The first part runs on.\n\n"And it ends here," she said.'
    (quote,) = find_marked(text, _paras(text))
    assert text[quote.start : quote.end].endswith("ends here,")
    assert quote.start == 1 and quote.paragraphs == 2


def test_quotes_marks_unclosed_paragraph_without_continuation_is_dropped() -> None:
    text = '"This never closes.\n\nA plain paragraph follows with "a quote" in it.'
    found = find_marked(text, _paras(text))
    assert [text[m.start : m.end] for m in found] == ["a quote"]


ARTICLE = "\n\n".join(
    [
        (
            "Harbor City port director Maria Velasquez said on Tuesday that the new terminal "
            'would open in June. "We are ahead of schedule and under budget," Velasquez said.'
        ),
        ('"Nobody expected the cranes to arrive this early," she added.'),
        (
            'Port spokesman Tom Okafor told reporters that "the dredging work will last until'
            ' the autumn storms."'
        ),
        ("Mayor Daniel Reyes accused the port authority of hiding the true cost of the project."),
        (
            "According to the Coastal Ledger, the council approved a further 40 million "
            "dollars last week."
        ),
        (
            "Velasquez was quoted by the Northern Wire news agency as saying that the budget "
            "was safe."
        ),
        (
            'In a statement sent via his Twitter account, Reyes condemned the decision. "This is a '
            'blank cheque for a project that is already late," he wrote.'
        ),
        ('Later in the day Velasquez repeated: "We are ahead of schedule and under budget."'),
    ]
)


@pytest.fixture(scope="module")
def quotes() -> tuple[Quote, ...]:
    """Quotes of the invented article (the model is loaded once for this module)."""
    from crosscheck.extract import nlp as nlp_module
    from crosscheck.extract.quotes import extract_quotes

    text = ARTICLE.translate(str.maketrans({"“": '"', "”": '"'}))
    article = Article(id="t1", source="t1", text=ARTICLE, clean_text=text)
    parsed = nlp_module.parse([article], Settings())[0]
    return extract_quotes(parsed, (), Settings())


def _find(quotes: tuple[Quote, ...], words: str) -> Quote:
    hits = [q for q in quotes if words in q.text]
    assert hits, f"no quote containing {words!r}: {[q.text for q in quotes]}"
    return hits[0]


@pytest.mark.slow
def test_extract_quotes_offsets_and_ids(quotes: tuple[Quote, ...]) -> None:
    assert quotes
    for n, q in enumerate(quotes, 1):
        assert ARTICLE[q.start : q.end] == q.text
        assert q.id == f"t1:q{n}"
        assert q.sentence_start <= q.start < q.end <= q.sentence_end
        if q.speaker is not None:
            assert ARTICLE[q.speaker.start : q.speaker.end] == q.speaker.text


@pytest.mark.slow
def test_extract_quotes_indirect_with_role(quotes: tuple[Quote, ...]) -> None:
    q = _find(quotes, "new terminal would open")
    assert q.kind == "indirect" and q.cue == "said"
    assert q.speaker is not None and q.speaker.name == "Maria Velasquez"
    assert q.speaker.role is not None and "director" in q.speaker.role


@pytest.mark.slow
def test_extract_quotes_direct_inside_marks_and_repeat_counted_once(
    quotes: tuple[Quote, ...],
) -> None:
    q = _find(quotes, "ahead of schedule")
    assert q.kind == "direct" and not q.text.startswith('"')
    assert q.speaker is not None and q.speaker.name == "Maria Velasquez"
    assert len([x for x in quotes if "ahead of schedule" in x.text]) == 1
    assert len(q.mentions) == 1 and "ahead of schedule" in q.mentions[0].text


@pytest.mark.slow
def test_extract_quotes_pronoun_resolves_to_last_speaker(quotes: tuple[Quote, ...]) -> None:
    q = _find(quotes, "cranes to arrive")
    assert q.speaker is not None
    assert q.speaker.text == "she" and q.speaker.name == "Maria Velasquez"
    assert q.cue == "added"


@pytest.mark.slow
def test_extract_quotes_mixed_and_told(quotes: tuple[Quote, ...]) -> None:
    q = _find(quotes, "dredging work")
    assert q.kind in ("direct", "mixed") and q.cue == "told"
    assert q.speaker is not None and q.speaker.name == "Tom Okafor"


@pytest.mark.slow
def test_extract_quotes_accused_object_content(quotes: tuple[Quote, ...]) -> None:
    q = _find(quotes, "hiding the true cost")
    assert q.cue == "accused" and q.speaker is not None
    assert q.speaker.name == "Daniel Reyes"


@pytest.mark.slow
def test_extract_quotes_chains(quotes: tuple[Quote, ...]) -> None:
    according = _find(quotes, "approved a further")
    # The cue is the article's own text, capital letter kept (no case folding).
    assert according.cue == "According to" and according.speaker is not None
    assert "Coastal Ledger" in according.speaker.name
    agency = _find(quotes, "budget was safe")
    assert agency.speaker is not None and agency.speaker.name == "Maria Velasquez"
    assert any("Northern Wire" in v for v in agency.via)
    tweet = _find(quotes, "blank cheque")
    assert tweet.speaker is not None and tweet.speaker.name == "Daniel Reyes"
    assert "Twitter" in tweet.via


def test_quotes_marks_two_apostrophes_pair_as_one_mark() -> None:
    text = "''We will build it,'' the mayor said, and the ''plan'' can't wait."
    found = find_marked(text, _paras(text))
    assert [text[m.start : m.end] for m in found] == ["We will build it,", "plan"]
    assert text[found[0].close_mark - 1 : found[0].close_mark + 1] == "''"


def test_quotes_model_stem_and_score() -> None:
    from crosscheck.extract.quotes_model import CueModel, stem

    assert stem("opposed") == "oppos" and stem("criticizes") == "criticiz"
    assert stem("says") == "say" and stem("is") == "is"
    model = CueModel({"w=opposed": 3.0, "subj=none": -1.0}, bias=-1.0, threshold=0.5)
    assert model.score(["bias", "w=opposed"]) > 0.8
    assert model.score(["bias", "subj=none"]) < 0.2


def test_quotes_model_shipped_weights_load() -> None:
    from crosscheck.extract.quotes_model import load_model

    model = load_model()
    assert model is not None and 0.0 < model.threshold < 1.0
    assert model.weights["st=oppos"] > 0.0


def _quotes_of(text: str) -> tuple[Quote, ...]:
    from crosscheck.extract import nlp as nlp_module
    from crosscheck.extract.quotes import extract_quotes

    article = Article(id="t2", source="t2", text=text, clean_text=text)
    return extract_quotes(nlp_module.parse([article], Settings())[0], (), Settings())


@pytest.mark.slow
def test_extract_quotes_learned_cue_outside_lexicon() -> None:
    lex = lexicon("en")
    assert "likened" not in lex.cues and "sided" not in lex.cues
    found = _quotes_of("Mayor Tom Reyes likened the levy to a toll on every commuter.")
    quote = _find(found, "the levy to a toll")
    assert quote.cue == "likened" and quote.kind == "indirect"
    assert quote.speaker is not None and quote.speaker.name == "Tom Reyes"
    quote = _find(_quotes_of("The union sided with the drivers in the dispute."), "drivers")
    assert quote.cue == "sided" and quote.speaker is not None
    assert quote.speaker.text == "The union"


@pytest.mark.slow
def test_extract_quotes_relative_pronoun_speaker_span_and_name() -> None:
    text = "The levy was backed by council member Maria Lund, who said the tax was fair."
    quote = _find(_quotes_of(text), "the tax was fair")
    assert quote.speaker is not None
    assert quote.speaker.text == "who" and quote.speaker.name == "Maria Lund"
    assert text[quote.speaker.start : quote.speaker.end] == "who"


@pytest.mark.slow
def test_extract_quotes_speakerless_quote_takes_nearest_person() -> None:
    text = (
        'Ines Castro visited the depot on Monday. "The new trains will be faster, quieter '
        'and cheaper to run than anything we have now."'
    )
    quote = _find(_quotes_of(text), "new trains")
    assert quote.kind == "direct" and quote.cue is None
    assert quote.speaker is not None and quote.speaker.name == "Ines Castro"


@pytest.mark.slow
def test_extract_quotes_complement_cue_does_not_report_its_head() -> None:
    text = (
        "Councillor Dana Whitlock said the port authority has not commented on the "
        "dredging contract awarded in March.\n"
    )
    quotes = _quotes_of(text)
    said = _find(quotes, "the port authority has not commented")
    assert said.speaker is not None and said.speaker.name.endswith("Whitlock")
    # "commented" sits inside that content: it must not take "... said the port authority"
    # as a content of its own.
    assert not any(q.cue == "commented" and "said" in q.text for q in quotes)


@pytest.mark.slow
def test_extract_quotes_passive_cue_takes_agent_as_speaker() -> None:
    text = "The closure of the Harlow depot was first reported by the Northfield Gazette."
    quotes = _quotes_of(text)
    reported = [q for q in quotes if q.cue == "reported"]
    assert reported, quotes
    assert reported[0].speaker is not None
    assert "Gazette" in reported[0].speaker.name


@pytest.mark.slow
def test_extract_quotes_inverted_verb_after_quote_is_cue() -> None:
    assert "fumed" not in lexicon("en").cues
    text = (
        'Talks with the drivers stalled again on Tuesday.\n\n"If they were serious about a '
        'deal, they would have come back to the table," Okafor fumed after the meeting.'
    )
    quote = _find(_quotes_of(text), "serious about a deal")
    assert quote.kind == "direct" and quote.cue == "fumed"
    assert quote.speaker is not None and quote.speaker.text == "Okafor"


@pytest.mark.slow
def test_extract_quotes_colon_verb_before_quote_is_cue() -> None:
    text = (
        "Mayor Tom Reyes waved the crowd down and then shot back:\n\n"
        '"Nobody is tearing up the budget. We are going forward with it."'
    )
    quote = _find(_quotes_of(text), "Nobody is tearing up")
    assert quote.cue == "shot"
    assert quote.speaker is not None and quote.speaker.name == "Tom Reyes"


@pytest.mark.slow
def test_extract_quotes_the_following_statement_is_no_verb_before_the_colon() -> None:
    text = (
        "The Harbour City Wolves gave their players the day off on Monday.\n"
        "General manager Dana Whitlock issued the following statement on Ortega's arrest:\n"
        '"We are aware of the incident involving Marco. Obviously, we are disappointed."\n'
        "Ortega was released on bail on Sunday."
    )
    quote = _find(_quotes_of(text), "aware of the incident")
    assert quote.speaker is not None and quote.speaker.name == "Dana Whitlock"
    assert quote.cue == "issued" and quote.mode == "document"


@pytest.mark.slow
def test_extract_quotes_a_place_in_a_described_source_is_not_the_speaker() -> None:
    text = (
        "Security officials in Varosha said on Tuesday the army had detained two men.\n"
        "The driver failed sobriety tests shortly after 2 a.m., a California Highway Patrol "
        "officer said."
    )
    quotes = _quotes_of(text)
    officials = _find(quotes, "detained two men")
    assert officials.speaker is not None
    assert officials.speaker.name == "Security officials in Varosha"
    officer = _find(quotes, "failed sobriety tests")
    assert officer.speaker is not None and officer.speaker.name != "California"
    assert "officer" in officer.speaker.name


@pytest.mark.slow
def test_extract_quotes_a_bare_object_reported_or_cited_is_no_words() -> None:
    text = (
        "Firefighters were called after neighbors reported a strong smell of gas.\n"
        "Neighbors reported that they had smelled gas for two days, a fire official said.\n"
        "According to the Courier's story (which credits the city's own radio station), "
        "the plant will close."
    )
    quotes = _quotes_of(text)
    assert _find(quotes, "a strong smell of gas").mode == "act"
    assert _find(quotes, "the city's own radio station").mode == "act"
    assert _find(quotes, "they had smelled gas").mode == "speech"


@pytest.mark.slow
def test_extract_quotes_an_agency_quoting_someone_relays_the_words() -> None:
    text = (
        "Reuters quoted the port director, Imre Solvang, as saying the storm "
        "caused damage of around 12 million dollars."
    )
    quote = _find(_quotes_of(text), "caused damage")
    assert quote.speaker is not None and quote.speaker.name == "Imre Solvang"
    assert quote.via == ("Reuters",)  # the agency is the channel, not the speaker


@pytest.mark.slow
def test_extract_quotes_coordinated_titles_speak_for_the_person_after_them() -> None:
    text = (
        "Also today, Harbour City Wolves President and General Manager Dana Whitlock "
        "announced that Marco Ortega has been hired as head coach."
    )
    quote = _find(_quotes_of(text), "has been hired as head coach")
    assert quote.speaker is not None and quote.speaker.name == "Dana Whitlock"


@pytest.mark.slow
def test_extract_quotes_according_to_unnamed_source_speaks_whole_sentence() -> None:
    text = (
        "Mayor Tom Reyes arrived late for the lunch and said little about the levy, "
        "according to an attendee."
    )
    quotes = _quotes_of(text)
    outer = [q for q in quotes if q.cue == "according to"]
    assert outer and outer[0].speaker is not None
    assert outer[0].speaker.text == "an attendee"
    assert "arrived late" in outer[0].text


@pytest.mark.slow
def test_quotes_rules_fallback_subject_skips_quotes_and_finite_verbs() -> None:
    from crosscheck.extract import nlp as nlp_module

    nlp = nlp_module.load_nlp(Settings())
    lex = lexicon("en")
    doc = nlp("Reyes, in the wake of a poll showing a slump, told reporters the plan holds.")
    told = next(t for t in doc if t.text == "told")
    found = fallback_subject(told, 0, lambda _pos: False, lex)
    assert found is not None and found.text == "Reyes"
    doc = nlp("Reyes left early and the council told reporters the plan holds.")
    told = next(t for t in doc if t.text == "told")
    assert fallback_subject(told, 0, lambda _pos: False, lex) is None


@pytest.mark.slow
def test_extract_quotes_document_relative_clause_names_its_owner() -> None:
    text = "Senator Ana Ruiz is releasing a new radio ad that urges voters to reject the levy."
    quote = _find(_quotes_of(text), "to reject the levy")
    assert quote.speaker is not None
    assert quote.speaker.text == "that" and quote.speaker.name == "Ana Ruiz"


@pytest.mark.slow
def test_extract_quotes_possessive_pronoun_cue_takes_clause_subject() -> None:
    text = "Governor Lena Ortiz has toned down her criticism of the transit authority."
    quote = _find(_quotes_of(text), "the transit authority")
    assert quote.cue == "criticism" and quote.speaker is not None
    assert quote.speaker.name == "Lena Ortiz"


@pytest.mark.slow
def test_extract_quotes_cue_set_into_the_reported_clause() -> None:
    text = (
        "Most of the closed depots, the inspector said, had failed two safety audits.\n\n"
        "The ferry board, Commissioner Lena Vos said on Friday, will meet again in June."
    )
    found = _quotes_of(text)
    first = _find(found, "two safety audits")
    assert first.kind == "indirect" and first.cue == "said"
    assert text[first.start : first.end].startswith("Most of the closed depots")
    assert first.speaker is not None and first.speaker.text == "the inspector"
    second = _find(found, "meet again in June")
    assert text[second.start : second.end].startswith("The ferry board")
    assert second.speaker is not None and second.speaker.name == "Lena Vos"
    # with quote marks in the sentence, the direct-quote rules keep the extent
    marked = _quotes_of("“The depots,” the inspector said, “failed two audits.”")
    assert all(q.kind != "indirect" for q in marked)


@pytest.mark.slow
def test_extract_quotes_no_speaker_from_dateline_or_passive_subject() -> None:
    text = (
        "HARROWGATE, June 2 (Northline Wire) — About 900 residents of the valley town of "
        "Harrowgate were ordered out of their homes on Monday after the dam spillway cracked."
    )
    for quote in _quotes_of(text):
        assert quote.speaker is None or "arrowgate" not in quote.speaker.name.lower()
        assert quote.speaker is None or "residents" not in quote.speaker.text


@pytest.mark.slow
def test_extract_quotes_cue_between_two_fragments_makes_one_quote() -> None:
    text = (
        "The harbour authority raised its mooring fees by 12 percent on March 3.\n\n"
        '"The problems started when the dredging budget was cut in 2019," Ms. Alvarez '
        'said, "and they got worse when the ferry company stopped paying its share."'
    )
    found = [q for q in _quotes_of(text) if q.kind == "direct"]
    assert len(found) == 1
    quote = found[0]
    assert quote.text.startswith("The problems started")
    assert quote.text.endswith("stopped paying its share.")
    assert quote.speaker is not None and quote.speaker.name == "Alvarez"


@pytest.mark.slow
def test_extract_quotes_clause_describing_the_speaker_does_not_end_the_quote() -> None:
    text = (
        '"This is a big step for every family in the valley," said Nora Castell of the '
        'Tenants League, which has been urging the city to cap rents. "It restores '
        'protections that renters had for decades and lost."'
    )
    quotes = _quotes_of(text)
    found = [q for q in quotes if q.kind == "direct"]
    assert len(found) == 1
    assert found[0].text.startswith("This is a big step")
    assert found[0].text.endswith("for decades and lost.")
    assert found[0].speaker is not None and found[0].speaker.name == "Nora Castell"
    # The clause about the speaker's group is still its own (indirect) quote.
    assert any(q.kind == "indirect" and q.cue == "urging" for q in quotes)


@pytest.mark.slow
def test_extract_quotes_two_apostrophe_quote_after_its_cue_sentence_is_one_quote() -> None:
    text = (
        "The mayor answered the board at a church hall in Marlow on Sunday.\n\n"
        "''Ms. Okafor gave twenty years to this town, didn't she?'' Mrs. Ruiz said. "
        "''And what has she heard from the board? Nothing but insults and delays.''"
    )
    found = [q for q in _quotes_of(text) if q.kind == "direct"]
    assert len(found) == 1
    assert found[0].text.startswith("Ms. Okafor gave twenty years")
    assert found[0].text.endswith("insults and delays.")
    assert found[0].speaker is not None and found[0].speaker.name == "Ruiz"


def test_a_source_described_by_hearsay_speaks_and_the_description_is_no_quote() -> None:
    from crosscheck.pipeline import compare_texts

    report = compare_texts(
        [
            "Reunion tour off\n\n“They have tried to talk him round but there is no chance,” "
            "said an anonymous source said by the Harbor Times to be close to Dario Vance. "
            "“His mind is made up.”\n\nA man said to be in his thirties was seen leaving.\n",
            "The weather in the hills stayed dry all week, and walkers filled the trails.",
        ]
    )
    found = tuple(report.quotes)
    quote = _find(found, "They have tried")
    assert quote.speaker is not None and quote.speaker.text == "an anonymous source"
    assert not [q for q in found if "to be close" in q.text and "tried" not in q.text]
    assert not [q for q in found if "thirties" in q.text]
