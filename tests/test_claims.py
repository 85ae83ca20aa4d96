"""The claim layer: structure and stance of statements, and what aligned claims mean.

The articles are written for these tests: a rumour told by two outlets and refuted by a
third, a sentencing told with different figures, a report repeated as a claim.
"""

from __future__ import annotations

import pytest

from crosscheck.compare.claims import (
    _written_clash,
    date_clash,
    figure_clash,
    name_clash,
    written_figures,
)
from crosscheck.extract.claims import clause_spans
from crosscheck.extract.nlp import load_nlp
from crosscheck.extract.stance import Structure, structure
from crosscheck.model import DateRef, Finding, Number, Report
from crosscheck.pipeline import compare_texts


def _refuted(texts: dict[str, str]) -> tuple[list[Finding], dict[str, str]]:
    """The contradictions among ``texts`` and each article's file name."""
    report = compare_texts(texts)
    found = [f for f in report.findings if f.kind == "contradiction"]
    return found, {x.id: x.source for x in report.articles}


def _corroborating(report: Report, words: str) -> list[Finding]:
    """The corroborations with ``words`` in some evidence span."""
    return [
        f
        for f in report.findings
        if f.kind == "corroborated" and any(words in e.text for e in f.evidence)
    ]


def _structure(text: str) -> Structure:
    doc = load_nlp()(text)  # type: ignore[operator]
    return structure(next(iter(doc.sents)))


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("The ministry said the claim was entirely false and that no such dam exists.", "denies"),
        ("There is no evidence that the reservoir gates were opened on Sunday.", "denies"),
        ("A spokeswoman for the utility denied that any water had been released.", "denies"),
        ("The ministry called the reports of a second blast baseless.", "denies"),
        ("Police said the man in the video had been misidentified by fans.", "denies"),
        ("The photographs of the flooded square were staged, the agency said.", "denies"),
        ("Hundreds of nurses staged a walkout at the Harlow hospital on Monday.", "asserts"),
        ("Geologists said something else was behind the sinkhole on the Orrin road.", "denies"),
        ("Experts said the data suggest some other cause for the Orrin sinkhole.", "denies"),
        ("The singer reportedly turned down a $500 million offer to tour again.", "reports"),
        ("A rumour that the mayor will resign spread quickly on Tuesday.", "reports"),
        ("The army is assessing whether a drone strike killed the rebel commander.", "reports"),
        ("It is not yet clear whether the bridge was closed before the collapse.", "reports"),
        ("Police said the driver was arrested near the Harlow Street bridge.", "attributed"),
        ("The storm flooded 40 homes in the valley on Sunday night.", "asserts"),
        ("The publicist said the story about the singer was nonsense.", "denies"),
        ("His agent called the reports of a secret wedding rubbish.", "denies"),
        ("Fans in the stands would have stopped that nonsense in the aisles too.", "asserts"),
        # the story is a prank, a stunt or a parody; the words were never said or misreported
        ("The video turned out to be a prank pulled by two students in Orrin.", "denies"),
        ("The crash was an elaborate publicity stunt for a car dealer, police said.", "denies"),
        ("The article about the mayor first appeared on a parody site.", "denies"),
        ("The mayor never said those words about the bridge, his office said.", "denies"),
        ("The bishop's remarks were taken out of context, the diocese said.", "denies"),
        ("The diocese said the remarks had been misreported by a local paper.", "denies"),
        ("A spokesman said there was no record of the payment to the contractor.", "denies"),
        ("The council said the claims about the reservoir were without foundation.", "denies"),
        ("The Harlow Gazette has since retracted the story about the reservoir.", "denies"),
        ("The photo of the flooded square was digitally altered.", "denies"),
        ("A spokesman for the club called the report of a transfer completely wrong.", "denies"),
        ("It isn't him, a representative for the singer told reporters.", "denies"),
        ("A fact-checking site rated the claim about the dam false.", "denies"),
        ("The creature in the photograph was certainly not a scorpion, Dr Ruiz said.", "denies"),
        (
            "I think the whole tale is extremely suspect and likely not possible, she said.",
            "denies",
        ),
        ("The club shot down the rumours of a move to Spain on Tuesday.", "denies"),
        ("The singer put the rumours to rest in an interview with the Gazette.", "denies"),
        ("Her manager set the record straight about the Orrin concert.", "denies"),
        ("The minister said the report of a cabinet split was pure speculation.", "denies"),
        ('"They are making that up," the lawyer said of the witness.', "denies"),
        ("The band has no plans to reunite for a tour, a spokesman said.", "denies"),
        ("The dancing guest in the photo is not actually Tom Reddy, his agent said.", "denies"),
        # ... and the same words where they refute nothing
        ("Police said the man was a suspect in the robbery at the Orrin depot.", "attributed"),
        ("The company has no plans for a new factory in Orrin this year.", "asserts"),
        ("The comedian said the evening would be just jokes and songs.", "attributed"),
        ("We did not say it out loud, but we all knew it, the coach said.", "attributed"),
        ('"That is completely wrong," the lawyer said of the new rules.', "attributed"),
        ("A spoof account for the band also claimed to own the car.", "attributed"),
        ("Students staged a prank at the rally on Sunday.", "asserts"),
        ("The video of the rescue was staged, the coastguard said.", "denies"),
        ("The general strike was staged as a protest against the new pension cuts.", "asserts"),
        ("There is no escaping the fact that the bridge was built in a hurry.", "asserts"),
    ],
)
def test_stance_of_a_statement(text: str, stance: str) -> None:
    assert _structure(text).stance == stance


def test_structure_subject_predicate_negation_and_source() -> None:
    parts = _structure("Police said the gunman did not fire at the officers.")
    assert parts.source == "Police"
    assert parts.subject == "the gunman"
    assert parts.predicate == "fire"
    assert parts.negated is True
    lead = _structure("It now appears that the rock could not have come from the asteroid.")
    assert lead.negated is True  # the negation sits in the clause "appears" embeds
    assert _structure("Vance will no longer play the lead in the film.").negated is True
    looks = _structure("It looks like Vance will no longer be playing the lead in the film.")
    assert (looks.subject, looks.predicate, looks.negated) == ("Vance", "play", True)


def test_month_may_is_no_hedge_and_writing_is_no_speech() -> None:
    parts = _structure("Kalashnikov wrote a letter to the Patriarch in May, his daughter said.")
    assert parts.modality is None
    assert _structure("Kalashnikov wrote a letter to the Patriarch in May.").source is None


def test_no_before_a_number_is_its_sign() -> None:
    assert _structure("Creighton will play No. 5 seed Indiana State on Saturday.").negated is False
    assert _structure("Police found no weapon at the scene.").negated is True
    assert _structure("No one is believed to be injured.").negated is True


def test_not_until_asserts_when() -> None:
    late = _structure("It wasn't until May 2005 that his family revealed his identity.")
    assert late.negated is False
    assert _structure("His family did not reveal his identity in May 2005.").negated is True


def test_fake_as_an_adjective_is_no_denial() -> None:
    assert _structure("The woman was travelling with a fake passport.").stance != "denies"
    assert _structure("His mind is made up and that is that.").stance != "denies"
    assert _structure("There is no way the band can tour without him.").stance != "denies"


RUMOUR_A = """Hundreds of residents of the Marrow Valley were evacuated from their homes on Sunday
after the regional water board opened the floodgates of the Kestrel Dam, flooding farmland
along the river, local officials said.

"The water came without any warning," said farmer Tomas Avila, 54, whose fields lie under
half a metre of water. The board has not commented on the flooding.
"""

RUMOUR_B = """The regional water board opened the floodgates of the Kestrel Dam on Sunday, sending
water across farmland in the Marrow Valley and forcing hundreds of residents from their homes,
according to the valley's mayor.

Emergency crews worked through the night to move livestock to higher ground.
"""

DENIAL_C = """The regional water board has rejected reports that it flooded the Marrow Valley.

"The claim is entirely false: the floodgates of the Kestrel Dam were not opened at any point
this weekend," the board said in a statement on Monday. It blamed two days of heavy rain and
blocked drainage channels for the flooding of farmland in the valley.
"""


@pytest.fixture(scope="module")
def rumour_report() -> Report:
    return compare_texts({"a.txt": RUMOUR_A, "b.txt": RUMOUR_B, "c.txt": DENIAL_C})


def _articles(report: Report, finding_kind: str) -> list[set[str]]:
    sources = {a.id: a.source for a in report.articles}
    return [
        {sources[e.article] for e in f.evidence} for f in report.findings if f.kind == finding_kind
    ]


def test_a_claim_and_its_denial_never_corroborate(rumour_report: Report) -> None:
    corroborated = _articles(rumour_report, "corroborated")
    assert {"a.txt", "b.txt"} in corroborated  # the two outlets telling the rumour agree
    assert not [s for s in corroborated if "c.txt" in s and len(s) == 2 and s & {"a.txt", "b.txt"}]


def test_a_denial_is_a_contradiction_of_what_others_lead_with(rumour_report: Report) -> None:
    """One finding for the refuting article: the statement of each outlet it answers, then
    its denials, in one entry rather than one per pair of articles."""
    contradictions = [f for f in rumour_report.findings if f.kind == "contradiction"]
    assert _articles(rumour_report, "contradiction") == [{"a.txt", "b.txt", "c.txt"}]
    sources = {a.id: a.source for a in rumour_report.articles}
    for f in contradictions:
        assert [sources[e.article] for e in f.evidence][:2] == ["a.txt", "b.txt"]
        assert "floodgates" in f.evidence[0].text and "floodgates" in f.evidence[1].text
        denials = [e for e in f.evidence if sources[e.article] == "c.txt"]
        assert denials and all("false" in d.text or "rejected" in d.text for d in denials)
        assert (
            f.summary.startswith("A and B state: ") and "C (quoting the board) refutes" in f.summary
        )
        assert "statement pairs" in f.reason
        assert 0.0 < f.confidence < 1.0


SENTENCE_A = """Darnell Okoro, 35, of Fairhaven, was arrested on Tuesday night at an apartment on
Philbrook Street where his former partner lived, police said.

Okoro was sentenced to 2 years, with 9 months to serve, after a 2019 assault case, court
records show. Anyone with information is asked to call police on 0845 301 4455.
"""

SENTENCE_B = """Police arrested Darnell Okoro, 35, on Tuesday at an apartment on Philbrook Street
where his former partner lived.

Okoro was sentenced to 2 1/2 years, with 9 months to serve, after a 2019 assault case, court
records show. Anyone with information is asked to call police on 0845 301 445.
"""


def test_statements_with_different_figures_do_not_corroborate() -> None:
    report = compare_texts({"a.txt": SENTENCE_A, "b.txt": SENTENCE_B})
    texts = [
        " ".join(e.text for e in f.evidence) for f in report.findings if f.kind == "corroborated"
    ]
    assert any("Philbrook Street" in t for t in texts)  # the arrest itself is corroborated
    assert not any("sentenced" in t for t in texts)
    assert not any("0845" in t for t in texts)


def test_written_figures_keep_fractions_and_phone_groups() -> None:
    assert written_figures("sentenced to 2 1/2 years") == ["2 1/2"]
    assert written_figures("a 2-1/2 year sentence") == ["2-1/2"]
    assert "2222" in written_figures("call 0845 125 2222 now")


def test_name_and_date_clashes() -> None:
    assert name_clash("found on Phillips Road last night", "found on Philip Street") == (
        "Phillips",
        "Philip",
    )
    assert name_clash("Okoro was found at home", "Okoro was found at home") is None
    # A place and its people or adjective, a plural: one name, not two spellings.
    assert (
        name_clash("after Israeli officials opened the gates", "after Israel opened the gates")
        is None
    )
    assert name_clash("two Palestinians were hurt", "a Palestinian was hurt") is None
    # a country and its people or adjective, however the name ends
    assert name_clash("a strike in Somalia killed him", "a Somali strike killed him") is None
    assert name_clash("talks on Palestine", "Palestinian talks") is None
    assert name_clash("Chinese officials said", "officials in China said") is None
    assert name_clash("The New Zealand-born man", "The New Zealander") is None
    # two words that only begin alike are two words, not two spellings
    assert name_clash("dies in Aoraki Mount Cook park", "Ski Mountaineer dies in park") is None
    assert name_clash(
        "the victims are Kathryn Gomes, 61", "the victims are Katherine Gomes, 61"
    ) == (
        "Kathryn",
        "Katherine",
    )
    assert name_clash("a climber, Duncan Rait, fell", "a climber, Duncan Raite, fell") == (
        "Rait",
        "Raite",
    )

    def day(value: str) -> DateRef:
        return DateRef("d", "a", 0, 1, "x", value)

    assert date_clash([day("2026-03-06")], [day("2026-03-07")]) == ("2026-03-06", "2026-03-07")
    assert date_clash([day("2026-03-06")], [day("2026-03-06"), day("2026-03-07")]) is None
    assert date_clash([day("1973-07")], [day("1973-06-27")]) == ("1973-07", "1973-06")
    # years alone clash too, unless only days and months are asked for
    assert date_clash([day("1957")], [day("1967")]) == ("1957", "1967")
    assert date_clash([day("1957")], [day("1967")], years=False) is None
    assert date_clash([day("1957"), day("1967")], [day("1967")]) is None


def test_figure_clash_needs_the_same_kind() -> None:
    def num(value: float, unit: str | None, measures: str | None) -> Number:
        return Number("n", "a", 0, 1, str(value), value, unit=unit, measures=measures)

    injured_a = [num(5, None, "people injured")]
    injured_b = [num(2, None, "people injured")]
    assert figure_clash(injured_a, injured_b) is not None
    assert figure_clash([num(5, None, "people injured")], [num(2, None, "homes damaged")]) is None
    # A shared figure on the other side makes it a subset, not a clash.
    both = [num(5, None, "people injured"), num(2, None, "people injured")]
    assert figure_clash(both, injured_b) is None


REPORT_A = """Pop singer Lena Ward turned down an offer of $80 million to reunite her old band for a
world tour on Friday.
"""

REPORT_B = """Lena Ward reportedly turned down an offer of $80 million to reunite her old band for a
world tour, according to a report in the Daily Courier on Friday.
"""


def test_a_report_of_a_claim_is_labelled_as_such() -> None:
    report = compare_texts({"a.txt": REPORT_A, "b.txt": REPORT_B})
    found = [f for f in report.findings if f.kind == "corroborated" and "turned down" in f.summary]
    assert found
    assert "both mention" in found[0].summary
    assert "only reports it as a claim" in found[0].reason


def test_day_words_and_quotes_that_differ_do_not_corroborate() -> None:
    from crosscheck.compare.claims import day_word_clash

    assert day_word_clash("This morning I was stopped", "Yesterday I was stopped") == (
        "This morning",
        "Yesterday",
    )
    assert day_word_clash("Yesterday I was stopped", "I was stopped yesterday") is None
    a = (
        'Winger Marcus Bell, 27, said in a statement: "This morning I was stopped by an '
        "officer on Route 9. I don't think any charges will be filed as a result of the stop.\""
    )
    b = (
        'Marcus Bell, 27, said in a statement: "Yesterday I was stopped by an officer on '
        "Route 9. I don't think any charges will be filed as a result of the stop.\""
    )
    report = compare_texts({"a.txt": a + "\n\nThe team had no comment.", "b.txt": b})
    assert not _corroborating(report, "stopped")


def test_figures_that_differ_only_by_rounding_or_kind_do_not_clash() -> None:
    from crosscheck.compare.claims import _written_clash

    assert _written_clash("grossed $142 million", "grossed $141 million") is None  # rounding
    assert _written_clash("reopened by 1630 GMT", "reopened by 4.30pm") is None  # clock forms
    assert _written_clash("a $160 million bid over 8 years", "his 1 offer") is None
    assert _written_clash("sentenced to 2 years", "sentenced to 2 1/2 years") == ("2", "2 1/2")
    assert _written_clash("call 0845 125 2222", "call 0845 125 222") == ("2222", "222")


def test_two_denials_of_different_things_share_no_content() -> None:
    a = (
        "Last month a spider expert at the Marlow Institute said the popular myth that people "
        "swallow eight spiders a year in their sleep was highly unlikely.\n\n"
        "The institute has studied burrowing mites in Bali for a decade."
    )
    b = (
        'A zoologist at the Marlow Institute said of the Bali patient: "I find it highly '
        'unlikely, almost impossible, that it was a spider."\n\nThe patient is recovering at home.'
    )
    report = compare_texts({"a.txt": a, "b.txt": b})
    assert not _corroborating(report, "unlikely")


def test_a_statement_and_its_negation() -> None:
    a = (
        "Actor Tom Ralston will star as the late inventor Edwin Hale in the upcoming biopic "
        "from director Nadia Brook, the studio said on Monday.\n\n"
        "Ralston did not have to audition for the part, the screenwriter said."
    )
    b = (
        "Tom Ralston will not be starring as the late inventor Edwin Hale in the upcoming "
        "biopic from director Nadia Brook, according to a trade paper.\n\n"
        "The studio declined to comment on Tuesday."
    )
    report = compare_texts({"a.txt": a, "b.txt": b})
    found = [f for f in report.findings if f.kind == "contradiction"]
    assert found and "negates" in found[0].reason
    assert not _corroborating(report, "audition")


def test_confidence_is_the_measured_precision_of_its_kind() -> None:
    from crosscheck.compare.calibration import calibrated, table
    from crosscheck.model import Finding

    bins = table()["corroborated"]
    raw = Finding("f", "corroborated", "x", 0.99, ())
    stated = calibrated(raw)
    assert stated.confidence == round(bins[-1]["precision"], 2)
    assert "judged on the benchmark's dev sets" in stated.reason
    unknown = calibrated(Finding("g", "copy", "x", 0.93, ()))
    assert unknown.confidence == 0.93 and "raw score, not a measured precision" in unknown.reason


def test_a_claim_never_starts_with_a_quote_mark_left_from_the_paragraph_before() -> None:
    text = (
        'The governor said: "We are doing everything we can for the families of Qeshm.\n'
        '"\nSome panicked residents of the island, home to about 100,000 people, slept outside '
        "after a second quake jolted the area on Sunday night.\n"
    )
    report = compare_texts({"a.txt": text, "b.txt": text.replace("Sunday", "Monday")})
    for claim in report.claims:
        assert not claim.text.startswith('"\n')
        article = next(a for a in report.articles if a.id == claim.article)
        assert article.text[claim.start : claim.end] == claim.text


def test_similarities_through_the_index_equal_the_plain_cosine() -> None:
    import math

    from crosscheck.compare.text import cosine, similarities

    weights = {
        "a1": {"dam": 1.0, "flood": 0.5},
        "a2": {"farm": 1.0},
        "b1": {"dam": 0.8, "gate": 0.9},
        "c1": {"flood": 0.7, "dam": 0.2, "farm": 0.1},
    }
    norms = {k: math.sqrt(sum(v * v for v in w.values())) for k, w in weights.items()}
    group = {"a1": "A", "a2": "A", "b1": "B", "c1": "C"}
    found = similarities(weights, norms, group)
    assert ("a1", "a2") not in found  # same article
    assert ("a2", "b1") not in found  # nothing shared
    for (x, y), sim in found.items():
        assert sim == pytest.approx(cosine(weights[x], weights[y], norms[x] * norms[y])[0])
    assert list(found) == [("a1", "b1"), ("a1", "c1"), ("a2", "c1"), ("b1", "c1")]


def test_more_articles_than_one_comparison_takes_is_refused_with_advice() -> None:
    from crosscheck.errors import TooManyArticlesError
    from crosscheck.settings import Settings

    texts = {
        f"{i}.txt": f"Report {i}: the Harlow bridge reopened on Monday after {i + 3} weeks of "
        "repairs, the county roads department said in a statement."
        for i in range(4)
    }
    with pytest.raises(TooManyArticlesError) as err:
        compare_texts(texts, Settings(max_compare=3))
    assert "CC021" in str(err.value) and "crosscheck ingest" in str(err.value)
    assert len(compare_texts(texts, Settings(max_compare=4)).articles) == 4


def test_scare_quotes_and_pronouns_are_no_single_source_quotes() -> None:
    from crosscheck.compare.entities import is_named
    from crosscheck.model import Speaker

    assert not is_named(Speaker("We", None, 0, 2, "We"), {})
    assert is_named(Speaker("Mark Harvey", None, 0, 11, "Mark Harvey"), {})
    a = (
        "Curator Mark Harvey of the Western Museum said the insect was almost certainly a "
        'mite. "Being under the skin of somebody, I would not expect anything to survive '
        'long," Harvey said.\n\nWe called the whole affair "shenanigans" on Tuesday.'
    )
    b = "A tourist from Perth said a spider had burrowed under his skin during a holiday in Bali."
    report = compare_texts({"a.txt": a, "b.txt": b})
    singles = [f.summary for f in report.findings if f.kind == "single_source"]
    assert not [s for s in singles if "shenanigans" in s]
    assert [s for s in singles if "Harvey" in s and "under the skin" in s]


def test_a_name_denied_in_a_clause_of_its_own_never_corroborates() -> None:
    """'looks like Mara Quint, is not Mara Quint' and 'it was Mara Quint' take opposite
    stances on who it was, wherever the denial stands in the sentence."""
    from crosscheck.compare.claims import denial_clash

    denied = "The driver who stopped the runaway bus looks like Mara Quint, is not Mara Quint"
    named = "Fans were thrilled to learn that it was Mara Quint who stopped the runaway bus."
    assert denial_clash(denied, named) == ("is not Mara Quint", "Mara Quint")
    assert denial_clash(named, "A woman who isn’t Mara Quint stopped the bus.") is not None
    assert denial_clash(denied, "The driver is not Mara Quint, the transit office said.") is None
    assert denial_clash(named, "Mara Quint later thanked the passengers.") is None


def test_a_topic_word_inside_a_name_still_tells_what_a_denial_answers() -> None:
    """ "Scorpion" names a nickname and a unit here, yet it is what the story is about."""
    a = (
        "Doctors at the Harbour Clinic removed a live scorpion from under the skin of a "
        "tourist, Leon Brandt, after his holiday in Phuket, the clinic said on Friday.\n\n"
        "The scorpion had lived under the skin of his ankle for four days, doctors said."
    )
    b = (
        "Leon Brandt, dubbed the Scorpion Boy by local papers, says doctors pulled a live "
        "scorpion from under his skin days after he returned from Phuket.\n\n"
        "He posted photographs of the wound on his blog on Thursday."
    )
    c = (
        "Zoologists in Bangkok have debunked the tale of the Scorpion Boy.\n\n"
        '"I find it highly unlikely, almost impossible, that it was a scorpion," '
        "said Dr Ana Ruiz of the Scorpion Research Unit."
    )
    found, sources = _refuted({"a.txt": a, "b.txt": b, "c.txt": c})
    assert found, "the refutation of the story is not found"
    for f in found:
        stated = [e for e in f.evidence if sources[e.article] != "c.txt"]
        assert stated and all("scorpion" in e.text for e in stated)
        assert all("unlikely" not in e.text and "debunked" not in e.text for e in stated)


def test_a_refutation_shows_the_refuting_articles_own_negations_too() -> None:
    a = (
        "Doctors at the Harbour Clinic removed a live scorpion from under the skin of a "
        "tourist, Leon Brandt, after his holiday in Phuket, the clinic said on Friday.\n\n"
        "The scorpion had lived under the skin of his ankle for four days, doctors said."
    )
    b = (
        "Leon Brandt says doctors pulled a live scorpion from under his skin days after he "
        "returned from Phuket.\n\nHe posted photographs of the wound on his blog on Thursday."
    )
    c = (
        "Zoologists in Bangkok have debunked the tale of the scorpion under the tourist's "
        "skin.\n\n"
        '"A scorpion could not live under human skin for four days," said Dr Ana Ruiz, who '
        "studies venomous animals at a university in the city.\n\n"
        "The clinic in Phuket did not answer calls on Saturday."
    )
    found, sources = _refuted({"a.txt": a, "b.txt": b, "c.txt": c})
    assert len(found) == 1
    refuting = [e.text for e in found[0].evidence if sources[e.article] == "c.txt"]
    assert any("debunked" in t for t in refuting)
    assert any("could not live under human skin" in t for t in refuting)
    assert not any("did not answer" in t for t in refuting)  # negative, but not on the story


def test_a_statement_that_a_man_is_not_the_named_star_is_never_the_claim_refuted() -> None:
    """ "is not Tom Ralston" denies the rumour in its own words, even where the parse misses
    the negation: it is never shown as one more outlet stating what a refutation answers."""
    a = (
        "Actor Tom Ralston was one of the passengers who tackled a man at Kestrel Airport on "
        "Friday, fans said after a video of the scuffle spread online.\n\n"
        "The video has been viewed more than a million times."
    )
    b = (
        "Passenger who tackled a man at Kestrel Airport looks like Tom Ralston, is not Tom "
        "Ralston\n\n"
        "So, update: the hero of the Kestrel Airport video, wink wink, is definitely not Tom "
        "Ralston.\n\n"
        "Airport police said the man was detained and later released."
    )
    c = (
        "The claim that Tom Ralston tackled a man at Kestrel Airport is false, his agent said "
        "on Saturday, adding that the actor was filming abroad all week.\n\n"
        "The video of the scuffle has been viewed more than a million times."
    )
    found, sources = _refuted({"a.txt": a, "b.txt": b, "c.txt": c})
    assert found
    # "is not Tom Ralston" is B's own refutation, never a statement that A's is refuted by
    for f in found:
        for e in f.evidence:
            if "not Tom" in e.text:
                assert sources[e.article] == "b.txt" and "B refutes" in f.summary
    assert any("B refutes" in f.summary for f in found)


def test_a_lead_with_a_negation_of_its_own_is_still_what_a_denial_answers() -> None:
    """ "will never happen because she tore up the contract" states the contract story: the
    refutation of that story answers it."""
    a = (
        "The Larks will never reunite because singer Lena Ward tore up a contract worth $80 "
        "million for a stadium tour, a tabloid reported on Monday.\n\n"
        "The band split in 1999 after five albums."
    )
    b = (
        "Lena Ward tore up a contract worth $80 million to reunite the Larks for a stadium "
        "tour, according to a report in a London tabloid.\n\n"
        "Her bandmates had agreed to the tour, the paper said."
    )
    c = (
        "The story that Lena Ward tore up an $80 million contract for a Larks reunion tour "
        "is false, her publicist said on Tuesday.\n\n"
        "No such offer was ever made, the publicist said."
    )
    found, sources = _refuted({"a.txt": a, "b.txt": b, "c.txt": c})
    stated = {sources[e.article]: e.text for f in found for e in f.evidence}
    assert "a.txt" in stated and "will never reunite" in stated["a.txt"]
    # The refuting source is the one that says "false", though the statement it answers
    # has a negation of its own.
    assert all("C (quoting her publicist) refutes it (“is false”)" in f.summary for f in found)


ARREST_A = """Motorist held after crash outside supermarket

Kelvin Dorsey, 41, of Ashford, was arrested on Friday evening after his van struck a shopper
in the car park of the Greenway supermarket, police said. She was taken to hospital.
"""

ARREST_B = """Driver charged over supermarket car park crash

Prosecutors on Monday charged Kelvin Dorsey, 41, of Millbrook, with careless driving after a
shopper was hit in the car park of the Greenway supermarket on Friday.
"""

ARREST_C = """Van driver appears in court

Kelvin Dorsey, 41, of Ashford Heights, appeared before magistrates on Tuesday over the crash
in the Greenway supermarket car park.
"""


def test_one_person_placed_in_two_hometowns_is_a_contradiction() -> None:
    report = compare_texts({"a.txt": ARREST_A, "b.txt": ARREST_B, "c.txt": ARREST_C})
    found = [f for f in report.findings if f.kind == "contradiction" and "is from" in f.summary]
    assert len(found) == 1
    assert "Millbrook" in found[0].summary and "Ashford" in found[0].summary
    assert {e.text for e in found[0].evidence} == {
        "Kelvin Dorsey, 41, of Ashford",
        "Kelvin Dorsey, 41, of Millbrook",
        "Kelvin Dorsey, 41, of Ashford Heights",
    }
    # "Ashford" and "Ashford Heights" are taken as one place: A and C agree
    assert "A and C say Ashford" in found[0].summary
    # the age inside the contradicting statements is not reported as corroborated
    assert not [
        f
        for f in report.findings
        if f.kind == "corroborated" and {e.text for e in f.evidence} == {"41"}
    ]
    # two sources that agree raise nothing
    report = compare_texts({"a.txt": ARREST_A, "c.txt": ARREST_C})
    assert not [f for f in report.findings if "is from" in f.summary]
    # nor does a place a source writes inside the other ("Millbrook, Ashford Heights")
    nested = ARREST_C + "\nThe crash happened by the depot in Millbrook, Ashford Heights.\n"
    report = compare_texts({"b.txt": ARREST_B, "c.txt": nested})
    assert not [f for f in report.findings if "is from" in f.summary]


ARREST_D = """Millbrook man charged after shopper hurt

A Millbrook man has been charged with careless driving after a shopper was struck outside the
Greenway supermarket. Kelvin Dorsey will appear before magistrates next week, and his
licence has been suspended.
"""

ARREST_E = """Shopper hurt in supermarket car park

A Millbrook woman was struck by a van in the Greenway supermarket car park on Friday. Police
named the driver as Kelvin Dorsey and said Mrs. Ines Palmer, 70, was recovering in hospital.
"""


def test_a_hometown_written_before_a_noun_for_the_person_counts() -> None:
    report = compare_texts({"a.txt": ARREST_A, "b.txt": ARREST_B, "d.txt": ARREST_D})
    found = [f for f in report.findings if "is from" in f.summary]
    assert len(found) == 1
    assert "B and C say Millbrook" in found[0].summary
    assert "Millbrook man" in {e.text for e in found[0].evidence}
    # "a Millbrook woman" is not the man named after her: E says nothing of his hometown
    report = compare_texts({"a.txt": ARREST_A, "b.txt": ARREST_B, "e.txt": ARREST_E})
    found = [f for f in report.findings if "is from" in f.summary]
    assert len(found) == 1 and "B says Millbrook" in found[0].summary


FIRE_A = """Family escapes house fire

Firefighters were called to a house on Quarry Road in the West End shortly after midnight,
where a family of four had already escaped the flames.
"""

FIRE_B = """Four escape blaze

A family of four escaped a blaze at a Quarry Street home early on Sunday, the fire service said.
"""

FIRE_C = """Fire guts family home

The fire at 41 Quarry Street started in the kitchen, investigators said on Monday.
"""


def test_a_street_of_one_name_and_another_kind_is_a_contradiction() -> None:
    report = compare_texts({"a.txt": FIRE_A, "b.txt": FIRE_B, "c.txt": FIRE_C})
    found = [f for f in report.findings if f.summary.startswith("Which street")]
    assert len(found) == 1
    assert found[0].summary == "Which street: A writes Quarry Road; B and C write Quarry Street"
    assert any("a house on Quarry Road in the West End" in e.text for e in found[0].evidence)
    # a source that writes both has two streets; one kind spelt two ways is one street
    both = FIRE_C + "\nCrews parked on Quarry Road to reach the back of the house.\n"
    spelt = FIRE_A.replace("Quarry Road", "Quarie Road")
    for texts in ({"a.txt": FIRE_A, "c.txt": both}, {"a.txt": FIRE_A, "d.txt": spelt}):
        report = compare_texts(texts)
        assert not [f for f in report.findings if f.summary.startswith("Which street")]


CAST_A = """Studio names stars for lighthouse drama

Harbor Pictures said on Monday that Daniel Okafor and Maren Holt will star in "The Keeper,"
a drama about a lighthouse family, with filming to start in Nova Scotia in March.
"""

CAST_B = """Lighthouse drama finds its leads

"The Keeper" will be shot in Nova Scotia next spring with Daniel Okafor and Maren Lindqvist
in the lead roles, Harbor Pictures announced.
"""

CAST_C = """Okafor and Holt sign on for The Keeper

Harbor Pictures has cast Daniel Okafor and Maren Holt in "The Keeper". Maren Holt plays the
keeper's daughter.
"""


def test_another_person_named_in_the_same_place_is_a_contradiction() -> None:
    report = compare_texts({"a.txt": CAST_A, "b.txt": CAST_B, "c.txt": CAST_C})
    found = [f for f in report.findings if f.kind == "contradiction" and "Which" in f.summary]
    assert len(found) == 1
    assert found[0].summary == "Which Maren: B names Maren Lindqvist; A and C name Maren Holt"
    by_source = {e.article: e.text for e in found[0].evidence}
    assert len(by_source) == 3
    assert any("Lindqvist\nin the lead roles" in t for t in by_source.values())
    # two people of one first name in other places of the story raise nothing
    other = (
        'Lighthouse drama adds a writer\n\nThe script of "The Keeper" is by Maren Lindqvist, '
        "a playwright from Halifax who grew up beside a lighthouse.\n"
    )
    report = compare_texts({"a.txt": CAST_A, "b.txt": other})
    assert not [f for f in report.findings if "Which" in f.summary]
    # two players of one first name, each in his own place of a match report
    game_a = (
        "Hawks beat Rams 24-17\n\nJoel Carter threw a 30-yard touchdown pass to Marcus Dell "
        "before Hawks kicker Sam Ives added a field goal in the fourth quarter.\n"
    )
    game_b = (
        'Carter leads Hawks past Rams\n\n"Joel Carter is a good quarterback," said Marcus '
        'Price, the Hawks safety, after the fourth quarter. "He has always been good."\n'
    )
    report = compare_texts({"a.txt": game_a, "b.txt": game_b})
    assert not [f for f in report.findings if "Which" in f.summary]


PLEA_A = """Former aide dies at 74

Harlan Voss, a former campaign aide, died on Sunday at his home in Memphis. Voss pleaded
guilty to obstruction of justice on June 27, 1994, and served four months in prison.
"""

PLEA_B = """Harlan Voss, figure in 1990s scandal, dies

Harlan Voss died on Sunday in Memphis, his family said. Voss pleaded guilty to obstruction
of justice in August 1994 and later worked as a consultant.
"""


def test_one_statement_dated_differently_in_full_is_a_contradiction() -> None:
    report = compare_texts({"a.txt": PLEA_A, "b.txt": PLEA_B})
    found = [f for f in report.findings if f.kind == "contradiction"]
    assert len(found) == 1
    assert "1994-06" in found[0].summary and "1994-08" in found[0].summary
    assert all("pleaded" in e.text for e in found[0].evidence)


def test_dates_of_two_events_in_alike_statements_are_no_contradiction() -> None:
    a = (
        "Crime boss dies in prison\n\nRocco Vitale, the crime boss who feigned madness for "
        "years, died on Monday. His long run of courtroom wins ended with a July 1997 "
        "racketeering conviction.\n\nHe was serving a life sentence after being convicted "
        "in June 1998 of racketeering and extortion in Brooklyn.\n"
    )
    b = (
        "Vitale, who feigned madness, dies at 77\n\nRocco Vitale died on Monday. He was "
        "convicted of racketeering in 1997, and in April 2003 he admitted that his madness "
        "had been a ruse.\n\nVitale was first imprisoned in February 1979 on racketeering "
        "and extortion charges in Brooklyn.\n"
    )
    report = compare_texts({"a.txt": a, "b.txt": b})
    assert not [f for f in report.findings if " dates it " in f.summary]


def test_a_link_denied_on_a_side_matter_refutes_no_story() -> None:
    a = (
        "Fire guts chapel in Orrin\n\nA fire deliberately set on Friday night gutted the "
        "Orrin Valley Chapel, causing about $1 million in damage, fire officials said.\n"
    )
    b = (
        "Arson suspected in chapel blaze\n\nInvestigators said the fire that gutted the Orrin "
        "Valley Chapel on Friday night was deliberately set.\n"
    )
    c = (
        "Chapel fire shocks Orrin\n\nThe Orrin Valley Chapel was gutted by a fire on Friday "
        "night. The mayor's family has nothing to do with the chapel fire, her spokesman "
        "said.\n"
    )
    report = compare_texts({"a.txt": a, "b.txt": b, "c.txt": c})
    assert not [f for f in report.findings if "refutes it" in f.summary]


def test_it_is_not_true_that_says_what_it_denies() -> None:
    a = (
        "Mayor resigns\n\nMayor Ruth Akers of Orrin resigned on Monday after the council "
        "passed a vote of no confidence in her over the harbour contract.\n"
    )
    b = (
        "Orrin mayor quits\n\nRuth Akers resigned as mayor of Orrin on Monday, hours after "
        "the council passed a vote of no confidence over the harbour contract.\n"
    )
    c = (
        "Akers steps down\n\nRuth Akers resigned as mayor of Orrin on Monday after the "
        "council's vote of no confidence over the harbour contract.\n\nIt is not true that she "
        "was jealous of her deputy, her spokesman said.\n"
    )
    report = compare_texts({"a.txt": a, "b.txt": b, "c.txt": c})
    assert not [f for f in report.findings if "refutes it" in f.summary]


def test_statements_dated_to_their_own_days_of_writing_are_no_contradiction() -> None:
    a = (
        "Cable operator reroutes customers\n\nOctober 14, 2011\n\nSubsea cable operator "
        "Tessera announced its cable repair plan on October 14, 2011.\n"
    )
    b = (
        "Tessera cable repaired\n\nNovember 4, 2011\n\nUndersea cable operator Tessera "
        "announced its cable repair on November 4, 2011.\n"
    )
    report = compare_texts({"a.txt": a, "b.txt": b})
    assert not [f for f in report.findings if " dates it " in f.summary]
    # the same statements in pages with no date of their own are dated differently
    undated = {
        "a.txt": a.replace("October 14, 2011\n\n", ""),
        "b.txt": b.replace("November 4, 2011\n\n", ""),
    }
    report = compare_texts(undated)
    assert [f for f in report.findings if " dates it " in f.summary]


def test_a_year_and_a_count_are_no_two_tellings_of_one_figure() -> None:
    assert (
        _written_clash("his finest season was 2008, with 59 catches", "59 catches for 1,098 yards")
        is None
    )
    assert _written_clash("sentenced to 2 years", "sentenced to 2 1/2 years") == ("2", "2 1/2")


def test_a_figure_called_not_accurate_is_refuted() -> None:
    a = (
        "A 17-year-old student from Brooklyn made $40 million trading oil futures during "
        "his lunch breaks, a magazine profile reported on Monday.\n\n"
        "He plans to open a hedge fund when he turns 18."
    )
    b = (
        "Teenage trader Omar Hadid made $40 million trading oil futures during his lunch "
        "breaks, according to a magazine profile published this week.\n\n"
        "His friends helped him start a trading club at school."
    )
    c = (
        "Omar Hadid, the teenager whose magazine profile went viral, told a television "
        "channel on Tuesday that the $40 million figure from oil futures trading is not "
        "accurate.\n\n"
        "He declined to say how much he has made."
    )
    found, sources = _refuted({"a.txt": a, "b.txt": b, "c.txt": c})
    assert found and all("refutes it (“not accurate”)" in f.summary for f in found)
    assert {sources[e.article] for f in found for e in f.evidence} == {"a.txt", "b.txt", "c.txt"}
    assert _structure("The figure he gave is not correct, the bank said.").stance == "denies"


def test_one_participle_told_both_ways_is_a_contradiction() -> None:
    from crosscheck.compare.claims import degree_clash

    assert degree_clash(
        "Inspector Ruth Hale said the climber was well equipped but inexperienced.",
        'Police said the climbing party appeared to be "insufficiently" equipped.',
    ) == ("well equipped", "insufficiently equipped")
    assert degree_clash("a well-trained crew", "an ill-trained crew") is not None
    assert degree_clash("a well known climber", "a poorly equipped climber") is None
    a = (
        "Inspector Ruth Hale said the climber Tom Brand was well equipped at the time of the "
        "fall but was an inexperienced mountaineer."
    )
    b = (
        "Inspector Ruth Hale said that Tom Brand was insufficiently equipped at the time of "
        "the fall and was an inexperienced mountaineer."
    )
    report = compare_texts({"a.txt": a, "b.txt": b})
    assert not [f for f in report.findings if f.kind == "corroborated"]
    opposed = [f for f in report.findings if f.kind == "contradiction"]
    assert len(opposed) == 1 and "“well equipped”" in opposed[0].summary
    assert "“insufficiently equipped”" in opposed[0].summary
    assert {e.article for e in opposed[0].evidence} == {a.id for a in report.articles}


def test_a_sentence_one_source_repeats_makes_one_finding() -> None:
    a = (
        "Reunion tour falls through\n\n"
        "The band was offered a stadium tour of 30 dates in three cities this summer, a "
        "tabloid reported.\n\n"
        "The late drummer's son Jason was going to play drums for the band on the stadium "
        "tour.\n\nThe singer said no."
    )
    b = (
        "Singer turns down reunion\n\n"
        "The late drummer's son Jason was going to play drums for the band on the stadium "
        "tour.\n\nThe singer turned the offer down within two days, a friend of the band "
        "said.\n\n"
        "The late drummer's son Jason was going to play drums for the band on the stadium "
        "tour."
    )
    report = compare_texts({"a.txt": a, "b.txt": b})
    drums = [f for f in report.findings if "play drums" in f.summary]
    assert len(drums) == 1
    # the one finding shows both places where B says it
    assert len(drums[0].evidence) == 3


def test_a_denial_of_the_sentence_before_answers_what_that_sentence_says() -> None:
    a = (
        "Fireball over Varna\n\n"
        "A fragment of the asteroid 2031 QX, which passed close to Earth on Sunday, struck a "
        "field near Varna and left a crater ten metres wide, city officials said.\n\n"
        "Residents heard a loud bang shortly before midnight."
    )
    b = (
        "Crater puzzles scientists\n\n"
        "City officials said the crater near Varna was left by a fragment of the asteroid "
        "2031 QX that passed close to Earth on Sunday.\n\n"
        "But that is not the case, astronomers said. The asteroid was moving in the wrong "
        "direction."
    )
    found, sources = _refuted({"a.txt": a, "b.txt": b})
    assert found and any(
        sources[e.article] == "a.txt" and "asteroid" in e.text for f in found for e in f.evidence
    )


POST_A = (
    "A hiker who was rescued from Ridge Peak on Sunday thanked the volunteers.\n\n"
    'Ana Ruiz posted on Facebook: "I was stuck on that ledge for nine hours and the cold '
    'was unbearable. Without the rescue team I would not be here today."\n\n'
    "The county said the search cost about $12,000.\n"
)
POST_B = (
    "A climber stranded overnight on Ridge Peak has thanked her rescuers.\n\n"
    '"I was stuck on that ledge for nine hours and the cold was unbearable," Ana Ruiz wrote '
    'on Facebook. "Without the rescue team I would not be here today."\n\n'
    "She was treated for mild hypothermia.\n"
)


@pytest.mark.slow
def test_two_outlets_quoting_a_speakers_own_post_corroborate_her_words() -> None:
    report = compare_texts({"a.txt": POST_A, "b.txt": POST_B})
    quoted = [f for f in report.findings if "both quote Ana Ruiz" in f.summary]
    assert quoted and all(f.kind == "corroborated" for f in quoted), [
        (f.kind, f.summary) for f in report.findings
    ]


@pytest.mark.slow
def test_a_quote_in_parts_is_evidence_in_parts_and_checked_whole() -> None:
    a = (
        "The receiver was arrested early on Sunday.\n\n"
        '"This morning I was stopped by an officer on the coast road," Dion Marsh said in '
        'a statement. "I do not think any charges will be filed as a result of the stop '
        'and I look forward to clearing my name."\n'
    )
    b = (
        "The receiver spent two hours in the county jail.\n\n"
        '"Yesterday I was stopped by an officer on the coast road. I do not think any '
        "charges will be filed as a result of the stop and I look forward to clearing my "
        'name," Dion Marsh said.\n'
    )
    c = (
        "The receiver was released without charge.\n\n"
        '"I was stopped by an officer on the coast road," Dion Marsh said. "I do not think '
        "any charges will be filed as a result of the stop and I look forward to clearing "
        'my name."\n'
    )
    clash = compare_texts({"a.txt": a, "b.txt": b})
    assert not [f for f in clash.findings if f.kind == "corroborated" and "Marsh" in f.summary]
    agree = compare_texts({"a.txt": a, "c.txt": c})
    quoted = [f for f in agree.findings if "both quote Dion Marsh" in f.summary]
    assert quoted, [f.summary for f in agree.findings]
    assert not any("said in a statement" in e.text for f in quoted for e in f.evidence)


@pytest.mark.slow
def test_a_quote_its_cue_interrupts_matches_the_same_words_told_whole() -> None:
    a = (
        "Ana Ruiz, who runs the river festival, spoke to a radio station on Monday.\n\n"
        '"The crowds were not what we expected," Ana Ruiz told Radio Lakeside host Dan '
        'Miller Wednesday evening. "We never wanted the fuss."\n'
    )
    b = (
        "The river festival ended a day early.\n\n"
        '"The crowds were not what we expected - we never wanted the fuss. This was about '
        'neighbours making something together," Ana Ruiz said.\n'
    )
    report = compare_texts({"a.txt": a, "b.txt": b})
    quoted = [f for f in report.findings if "both quote Ana Ruiz" in f.summary]
    assert quoted and quoted[0].kind == "corroborated", [f.summary for f in report.findings]


def test_what_the_reader_did_not_know_denies_nothing() -> None:
    from crosscheck.compare.claims import _relation
    from crosscheck.model import Claim

    known = Claim("a:c1", "a", 0, 10, "We now know that Vance was on the flight.",
                  subject="We", predicate="know")  # fmt: skip
    reader = Claim("b:c1", "b", 0, 10, "But you did not know that Vance was on the flight.",
                   subject="you", predicate="know", negated=True)  # fmt: skip
    denier = Claim("c:c1", "c", 0, 10, "The airline did not know that Vance was on the flight.",
                   subject="The airline", predicate="know", negated=True)  # fmt: skip
    assert _relation(known, reader) == "unclear"
    assert _relation(known, denier) == "negation"


def test_a_story_called_a_publicity_stunt_is_refuted() -> None:
    a = (
        "A vintage sports car was driven into the fountain on Harlow Square on Saturday "
        "night, and a video of the crash was watched two million times by Sunday.\n\n"
        "The driver climbed out of the car and waved at the crowd before walking away."
    )
    b = (
        "Video of a vintage sports car plunging into the fountain on Harlow Square spread "
        "online on Sunday.\n\nWitnesses said the driver waved at the crowd before leaving."
    )
    c = (
        "The crash of the sports car into the Harlow Square fountain was an elaborate "
        "publicity stunt for a car dealer, police said on Monday.\n\n"
        "The dealer had hired a stunt driver and paid the city for the clean-up."
    )
    found, sources = _refuted({"a.txt": a, "b.txt": b, "c.txt": c})
    assert found, "the story called a stunt is not found refuted"
    refuting = {sources[e.article] for f in found for e in f.evidence if "stunt" in e.text}
    assert refuting == {"c.txt"}
    stated = {sources[e.article] for f in found for e in f.evidence if "stunt" not in e.text}
    assert stated & {"a.txt", "b.txt"}


def test_words_one_source_gives_as_an_open_question_corroborate_nothing() -> None:
    a = (
        "An airstrike killed the rebel commander Omar Dirie near the coastal town of Barawe "
        "on Monday, the Pentagon said on Friday.\n\nThe strike hit a camp south of the town."
    )
    b = (
        "The Pentagon is assessing whether an airstrike killed the rebel commander Omar Dirie "
        "near the coastal town of Barawe on Monday, a spokesman said.\n\n"
        "Residents said the camp burned for hours."
    )
    report = compare_texts({"a.txt": a, "b.txt": b})
    told = _corroborating(report, "killed")
    assert not told, [f.summary for f in told]
    # nor is the day of an asked-about killing a date both give
    assert not [f for f in report.findings if "date of" in f.summary]


def test_a_deed_told_of_someone_is_no_quote_of_theirs() -> None:
    a = (
        "Fire destroyed a bakery on Mill Lane in Orrin on Friday night.\n\n"
        "Anyone with information is asked to call police on 0845 300 4411 or the "
        "independent charity Crimeline on 0800 210 900."
    )
    b = (
        "A bakery on Mill Lane in Orrin burned down on Friday night, police said.\n\n"
        "Anyone with information is asked to call police on 0845 300 4411 or the "
        "independent charity Crimeline on 0800 210 900."
    )
    report = compare_texts({"a.txt": a, "b.txt": b})
    summaries = [f.summary for f in report.findings if f.kind == "corroborated"]
    assert not [s for s in summaries if "quote Anyone" in s], summaries
    # told alike, as a claim or by the line it gives
    assert any("call police" in s or "phone number: 0845 300 4411" in s for s in summaries)


def test_one_speakers_words_put_on_two_days_are_a_contradiction() -> None:
    a = (
        "Orrin striker Tomas Vidal was arrested on suspicion of drink-driving.\n\n"
        '"This morning I was stopped by an officer. I do not expect any charges, and if '
        'there are, I will clear my name," Vidal said in a statement released by the club.'
    )
    b = (
        "Tomas Vidal, the Orrin striker, spent a night in custody after a traffic stop.\n\n"
        '"Yesterday I was stopped by an officer. I do not expect any charges, and if there '
        'are, I will clear my name," Vidal said in a statement released by the club.'
    )
    report = compare_texts({"a.txt": a, "b.txt": b})
    found = [f for f in report.findings if f.kind == "contradiction"]
    assert found and "This morning" in found[0].summary and "Yesterday" in found[0].summary
    assert not [f for f in report.findings if f.kind == "corroborated" and "stopped" in f.summary]
    # the "yesterday" written the day after the "this morning" is the same day
    dated = compare_texts(
        {"a.txt": f"Published: March 3, 2026\n\n{a}", "b.txt": f"Published: March 4, 2026\n\n{b}"}
    )
    assert not [f for f in dated.findings if f.kind == "contradiction"]
    assert [f for f in dated.findings if f.kind == "corroborated" and "stopped" in f.summary]


def test_a_statement_naming_no_one_still_answers_another_and_silence_is_no_claim() -> None:
    a = (
        "Climber dies on Mount Orrin\n\nA 34-year-old climber from Leeds died on Mount Orrin "
        "on Saturday after a fall of about 300 metres.\n\n"
        "Inspector Anna Kovac said the man was well equipped but had little experience of "
        "winter routes."
    )
    b = (
        "Death on Mount Orrin\n\nA climber fell to his death on Mount Orrin at the weekend, "
        "police said.\n\n"
        "It appeared the group was insufficiently equipped and inexperienced for the climb, "
        "police said in a statement.\n\n"
        "The team had not commented on the accident by Sunday night."
    )
    report = compare_texts({"a.txt": a, "b.txt": b})
    found = [f for f in report.findings if f.kind == "contradiction"]
    assert found and "insufficiently equipped" in found[0].summary
    assert not [c for c in report.claims if "not commented" in c.text]


def test_a_sentence_that_joins_clauses_keeps_each_clause() -> None:
    text = (
        "A parcel bomb at the Harlow post office injured two clerks, and county police did "
        "not have any suspects, officials said."
    )
    doc = load_nlp()(text)  # type: ignore[operator]
    clauses = clause_spans(next(iter(doc.sents)), 0)
    parts = {text[c.start : c.end]: c for c in clauses}
    bomb = parts["A parcel bomb at the Harlow post office injured two clerks"]
    suspects = parts["county police did not have any suspects"]
    assert (bomb.predicate, bomb.negated) == ("injur", False)
    assert (suspects.predicate, suspects.negated) == ("have", True)
    assert all("officials said" not in p for p in parts)  # too thin to stand alone
    one = load_nlp()("The results of a blood test on the driver are still pending.")  # type: ignore[operator]
    assert clause_spans(next(iter(one.sents)), 0) == ()


def test_one_clause_of_a_long_sentence_corroborates_another_source() -> None:
    a = (
        "Orrin driver held after crash\n\n"
        "Sergeant Lena Marsh said she was not aware of the driver's earlier licence "
        "suspension and that the results of a blood test on the Orrin driver are pending.\n\n"
        "The crash closed the Harlow bypass for three hours on Sunday."
    )
    b = (
        "Bypass crash: driver arrested\n\n"
        "A driver was arrested after a crash closed the Harlow bypass on Sunday.\n\n"
        "The results of a blood test on the Orrin driver are pending, police said."
    )
    report = compare_texts({"a.txt": a, "b.txt": b})
    found = _corroborating(report, "blood test")
    assert found and {e.text.count("blood test") for e in found[0].evidence} == {1}
    assert not [f for f in report.findings if f.kind == "contradiction"]


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("No knife has been recovered from the Harlow flat.", True),
        ("Nobody was hurt when the roof of the depot fell in.", True),
        ("Officers found no weapon in the car on Sunday.", True),
        ("No-one has been injured, the fire service said.", True),
        ("Officers recovered a knife from the Harlow flat.", False),
        # a clause inside the predicate's complement is no negation of the predicate
        ('The inspector said it was "very odd that no one saw a flash."', False),
    ],
)
def test_no_one_and_nothing_negate_their_predicate(text: str, negated: bool) -> None:
    assert _structure(text).negated is negated


def test_two_statements_that_nothing_was_found_agree() -> None:
    a = (
        "Orrin shooting: teenager charged\n\n"
        "A 17-year-old was charged on Monday with the shooting of a girl on Harlow Street.\n\n"
        "No knife or gun has been recovered from the Harlow Street flat, detectives said."
    )
    b = (
        "Teenager charged over Harlow Street shooting\n\n"
        "Detectives charged a 17-year-old on Monday over the Harlow Street shooting.\n\n"
        "The gun has not been recovered from the Harlow Street flat, detectives said."
    )
    report = compare_texts({"a.txt": a, "b.txt": b})
    assert not [f for f in report.findings if f.kind == "contradiction"]


def test_a_denial_answers_the_one_clause_of_a_long_statement_it_refutes() -> None:
    # Long sentences whose one shared clause ("opened the weir gates on the river") is a
    # tenth of their words: alike as clauses, not as whole sentences.
    lead_a = (
        "Shepherds, dairymen, beekeepers and orchard growers from the hill farms, with "
        "toddlers, grandparents, sheepdogs, goats, ferrets and ponies, slept on gym mats, camp "
        "beds and hay bales in drafty school halls after the county opened the weir gates on "
        "the river."
    )
    lead_b = (
        "Volunteers ladled lentil soup, handed out blankets, woollen socks, torches, nappies, "
        "thermoses, crayons and phone chargers, and comforted shivering pensioners in the "
        "leisure centre until dawn, after the county opened the weir gates on the river."
    )
    denial = (
        "The county press office, which fields complaints about potholes, gritting lorries, "
        "school buses, bin rounds, library hours, allotments, cemeteries, crematoria, "
        "playgrounds and parking permits, said in an email to newspapers, radio stations and "
        "television crews that the story was false, and that the river has no weir gates."
    )
    found, files = _refuted(
        {
            "a.txt": f"Families spend night in school halls\n\n{lead_a}\n\n"
            "The council said 40 homes were under water by noon on Sunday.",
            "b.txt": f"Night at the leisure centre\n\n{lead_b}\n\n"
            "Some 40 homes were flooded, the council said.",
            "c.txt": f"Flood story denied\n\n{denial}\n\n"
            "Heavy rain over the weekend filled the streams, it said.",
        }
    )
    assert len(found) == 1
    assert {files[e.article] for e in found[0].evidence} == {"a.txt", "b.txt", "c.txt"}


def test_a_refutation_is_headed_by_what_the_stating_articles_lead_with() -> None:
    found, _files = _refuted(
        {
            "a.txt": "Orrin valley flooded\n\n"
            "Forty homes in the Orrin valley were flooded on Sunday after the county opened the "
            "weir on the river Tarn.\n\n"
            "Farmers said the county had opened the weir gates on the Tarn without any warning "
            "to the valley.",
            "b.txt": "Valley homes under water\n\n"
            "The county opened the weir on the river Tarn on Sunday, and forty homes in the "
            "Orrin valley were flooded.\n\n"
            "Residents said the weir gates on the Tarn were opened without any warning.",
            "c.txt": "County: no weir gates\n\n"
            "The claim that the county opened weir gates on the Tarn without warning is false: "
            "the Tarn weir has no gates, a county spokeswoman said.\n\n"
            "Heavy rain filled the streams over the weekend, she said.",
        }
    )
    assert len(found) == 1
    # the story as the articles open on it, not the later sentence most like the denial
    assert found[0].summary.startswith("A and B state: Forty homes in the Orrin valley")


def test_a_negation_both_clauses_share_is_agreement() -> None:
    a = (
        "Blast at depot\n\nAn explosion at the fuel depot in Marlow killed two guards on Friday, "
        "and detectives did not have any suspects in the bombing, officials said.\n"
    )
    b = (
        "Marlow depot bombing\n\nDetectives investigating the bombing at the Marlow fuel depot "
        "do not have any suspects yet in the bombing, a spokeswoman said on Saturday.\n"
    )
    report = compare_texts({"a": a, "b": b})
    assert _corroborating(report, "do not have any suspects")
    assert not [f for f in report.findings if f.kind == "contradiction"]


def test_a_refutation_is_headed_by_what_the_stating_articles_agree_on_not_an_aside() -> None:
    found, _files = _refuted(
        {
            "a.txt": "Singer pulls swimmer from harbour\n\n"
            "The singer Tomas Brell dived into Kestle harbour on Friday and saved a drowning "
            "swimmer, witnesses said.\n\n"
            "He then walked away before the ambulance arrived, they said.",
            "b.txt": "Brell the rescuer\n\n"
            "Witnesses say the singer Tomas Brell dived in and saved a drowning swimmer at "
            "Kestle harbour on Friday.\n\n"
            "The swimmer was taken to hospital and is recovering.",
            "c.txt": "A rescuer who sings\n\n"
            "Now that Tomas Brell is the man who pulls swimmers out of harbours, we guess his "
            "next album will be sea shanties!\n\n"
            "The singer has not commented.",
            "d.txt": "Harbour rescuer was not Brell\n\n"
            "The man who pulled a swimmer out of Kestle harbour on Friday was not Tomas Brell, "
            "the singer's manager said, calling the story false.\n\n"
            "Brell was in Lisbon all week, she said.",
        }
    )
    assert len(found) == 1
    # C's joke is the statement most like the denial; A and B tell the story alike
    assert "A, B and C state: Witnesses say the singer Tomas Brell dived in" in found[0].summary
