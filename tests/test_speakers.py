"""Who said it: speakers on real news layout, the speech/thought/document mark, offsets.

The article texts are written for these tests.
"""

from __future__ import annotations

import pytest

from crosscheck.extract.lexicon import lexicon
from crosscheck.extract.quotes_modes import quote_mode
from crosscheck.model import Article, Quote, Speaker, quote_words
from crosscheck.settings import Settings


def _quotes(text: str) -> tuple[Article, tuple[Quote, ...]]:
    from crosscheck.clean import clean
    from crosscheck.extract import nlp as nlp_module
    from crosscheck.extract.entities import extract_entities
    from crosscheck.extract.quotes import extract_quotes

    article = clean(Article(id="s1", source="s1.txt", text=text), Settings())
    parsed = nlp_module.parse([article], Settings())[0]
    entities = extract_entities(parsed, Settings())
    return article, extract_quotes(parsed, entities, Settings())


def _deeds_or_nothing(marks: dict[str, str], *phrases: str) -> None:
    """Each phrase is in no quote, or in one marked a deed."""
    for words in phrases:
        found = [mode for text, mode in marks.items() if words in text]
        assert found in ([], ["act"]), (words, marks)


def _find(quotes: tuple[Quote, ...], words: str) -> Quote:
    for quote in quotes:
        if words in quote.text:
            return quote
    raise AssertionError(f"no quote with {words!r}: {[q.text for q in quotes]}")


DOCTOR = (
    "LONDON (Wire) — Peter Capaldi will be the twelfth Doctor, the BBC announced on "
    "Sunday.\n"
    "\n"
    '"It\'s an honour to be asked," Capaldi said on the live programme. "I have been '
    'a fan since I was a child."\n'
    "\n"
    '"Like the Doctor himself I find myself in a state of utter terror and delight. '
    "I can't wait to get started.\"\n"
    "\n"
    'Matt Smith, who leaves the role at Christmas, said: "Peter is a wonderful actor '
    'and he will be brilliant."\n'
    "\n"
    "The BBC is expected to announce the first episode date in the autumn. Producers "
    "want the series to start filming in January.\n"
)


@pytest.mark.slow
def test_continuation_paragraph_keeps_the_previous_speaker() -> None:
    _, quotes = _quotes(DOCTOR)
    carried = _find(quotes, "Like the Doctor himself")
    assert carried.speaker is not None and carried.speaker.name == "Peter Capaldi"
    # The continuation carries the cue of the quote it continues.
    assert carried.cue == "said" and carried.mode == "speech"
    smith = _find(quotes, "wonderful actor")
    assert smith.speaker is not None and smith.speaker.name == "Matt Smith"


ONE_LINE_PARAGRAPHS = (
    "Rivermen turn to Okafor after firing coach\n"
    "The Rivermen hired Daniel Okafor as head coach on Tuesday.\n"
    '"I look at Daniel and I know Daniel," general manager Ruth Keane said.\n'
    '"If players have problems with him, then there is something wrong with those players."\n'
    "Under the previous coach, the former assistant of the Harbor Kings, Luis Ortega moved "
    "to point guard and responded with his best season, winning the scoring title.\n"
)


@pytest.mark.slow
def test_a_quote_line_ending_its_sentence_is_not_the_next_lines_cue() -> None:
    # Texts copied one paragraph to a line: "responded" on the next line is not the cue of
    # the quote line above it, which goes on from the manager's quote.
    _, quotes = _quotes(ONE_LINE_PARAGRAPHS)
    carried = _find(quotes, "something wrong with those players")
    assert carried.speaker is not None and carried.speaker.name == "Ruth Keane"


@pytest.mark.slow
def test_beliefs_and_intentions_are_thought() -> None:
    _, quotes = _quotes(DOCTOR)
    assert _find(quotes, "first episode date").mode == "thought"  # "is expected to announce"
    assert _find(quotes, "start filming").mode == "thought"  # "want"
    assert _find(quotes, "twelfth Doctor").mode == "speech"


REBUTTAL = (
    "Harwell Foods disputes recall figures\n"
    "\n"
    "A company spokeswoman rejected a report by Jane Doyle of the Daily Courier that "
    "40,000 jars had been recalled. She said the figure was closer to 4,000. “We "
    "stand by our numbers,” said Sean O’Brien, the company’s chief executive.\n"
    "\n"
    "According to court records, the company paid a fine in 2019.\n"
)


@pytest.mark.slow
def test_pronoun_after_a_rebuttal_is_the_rebutting_speaker() -> None:
    _, quotes = _quotes(REBUTTAL)
    she = _find(quotes, "closer to 4,000")
    assert she.speaker is not None and she.speaker.text == "She"
    assert "spokeswoman" in she.speaker.name and "Doyle" not in she.speaker.name


@pytest.mark.slow
def test_speaker_and_cue_texts_are_the_article_own_characters() -> None:
    article, quotes = _quotes(REBUTTAL)
    for quote in quotes:
        sp = quote.speaker
        if sp is not None and sp.end > sp.start:
            assert article.text[sp.start : sp.end] == sp.text
        if quote.cue is not None and quote.cue_start is not None and quote.cue_end is not None:
            assert article.text[quote.cue_start : quote.cue_end] == quote.cue
    obrien = _find(quotes, "We stand by our numbers")
    assert obrien.speaker is not None and "O’Brien" in obrien.speaker.text  # curly apostrophe
    records = _find(quotes, "paid a fine")
    assert records.cue == "According to" and records.mode == "document"


LINES = (
    "Chargers receiver arrested\n"
    "Jackson was pulled over just after 2:30 a.m., Officer Brad Baehr said.\n"
    '"I was stopped by an officer," Jackson said in a statement.\n'
    "Baehr said the blood test results are pending.\n"
    '"We\'re aware of the off-the-field issue involving Vincent," team general '
    "manager A.J. Smith said in a statement.\n"
    "\"Obviously we're disappointed.\n"
    'We take these issues very seriously."\n'
)


@pytest.mark.slow
def test_one_sentence_a_line_quotes_are_not_run_together() -> None:
    # A text with one sentence to a line is one paragraph to the parser: a later quote
    # is not the continuation of one several lines up with someone else quoted between.
    _, quotes = _quotes(LINES)
    jackson = _find(quotes, "I was stopped")
    assert "Obviously" not in jackson.text and "aware" not in jackson.text
    smith = _find(quotes, "off-the-field issue")
    assert smith.speaker is not None and smith.speaker.name == "A.J. Smith"
    obviously = _find(quotes, "Obviously")
    assert obviously.speaker is not None and obviously.speaker.name == "A.J. Smith"


@pytest.mark.parametrize(
    ("cue", "source", "mode"),
    [
        ("said", "the mayor", "speech"),
        ("expects", "the mayor", "thought"),
        ("wants", "the union", "thought"),
        ("known", "Okafor", "thought"),
        ("show", "State records", "document"),
        ("wrote", "Okafor", "document"),
        ("according to", "the police report", "document"),
        ("said", "A statement from Waitrose", "document"),
        ("recalls", "Islam", "thought"),
        ("issued", "the Interior Department", "document"),
        ("reported", "The Tribune", "document"),
        ("slammed", "the senator", "speech"),
        ("committed", "Okafor", "act"),  # a learned cue that reports no statement
        ("supports", "the union", "thought"),  # a stance, not words said
        ("charged", "prosecutors", "act"),  # "charged him with murder"
        ("pleaded", "Okafor", "act"),  # "pleaded guilty"
        ("opposed", "residents", "thought"),  # a stance
        ("distributes", "TallGrass", "act"),  # a deed
        ("―", "Ana Ruiz", "speech"),  # a dash signature
        ("conjectured", "LaRue", "speech"),
        ("guaranteed", "a contract", "document"),  # a binding text speaks as a record
        ("said", "The Daily Telegraph", "document"),  # an outlet publishes
        ("learned", "Eyewitness News", "document"),
        ("reported", "Some eye witnesses", "speech"),  # people reporting what they saw
        ("described", "A federal government handbook from 1998", "document"),
        ("commended", "Mr. Pigeon", "speech"),
        ("said", "Bill Adgate, who works in the building", "speech"),  # a name, no bill
        ("According to", "the San Diego Union-Tribune", "document"),
        (None, "Okafor", None),
    ],
)
def test_quote_mode_from_cue_and_source(cue: str | None, source: str, mode: str | None) -> None:
    speaker = Speaker(source, None, 0, len(source), source)
    assert quote_mode(cue, speaker, lexicon("en")) == mode


NON_SPEAKERS = (
    "Monday 5 August 2013 08.33 BST said it would review the casting.\n\n"
    "The BlackBerry Curve 8900 shows that business users are coming back, analysts said.\n\n"
    "http://news.example.com/story/1142198 said the climber was British.\n"
)


@pytest.mark.slow
def test_timestamps_products_and_url_lines_never_speak() -> None:
    _, quotes = _quotes(NON_SPEAKERS)
    speakers = [q.speaker.text for q in quotes if q.speaker is not None]
    assert speakers, "the analysts still speak"
    for text in speakers:
        assert not any(bad in text for bad in ("BST", "Monday", "8900", "http", "Curve")), text


GENDER = (
    "Police Inspector Dave Gaskin said the climber was inexperienced. A Foreign Office "
    "spokeswoman, Ann Leland, confirmed the death on Sunday. Mr Gaskin said rescuers "
    "reached the body in the afternoon. She said consular staff were helping the family.\n"
)


@pytest.mark.slow
def test_pronoun_skips_a_speaker_of_the_other_gender() -> None:
    _, quotes = _quotes(GENDER)
    she = _find(quotes, "consular staff")
    assert she.speaker is not None and she.speaker.text == "She"
    assert she.speaker.name == "Ann Leland"
    gaskin = _find(quotes, "rescuers reached")
    assert gaskin.speaker is not None and gaskin.speaker.name == "Dave Gaskin"


def test_quote_mode_direct_and_kept_marks() -> None:
    lex = lexicon("en")
    speaker = Speaker("Okafor", None, 0, 6, "Okafor")
    # Words in quote marks next to any verb were said; a belief cue still wins.
    assert quote_mode("smiled", speaker, lex) == "act"
    assert quote_mode("smiled", speaker, lex, direct=True) == "speech"
    assert quote_mode("hopes", speaker, lex, direct=True) == "thought"
    # A mark the parse set ("said in a statement") wins over the cue word.
    assert quote_mode("said", speaker, lex, kept="document") == "document"
    assert quote_mode(None, speaker, lex, kept="document") == "document"


RECORDS = (
    "In a statement posted on its website on Tuesday, the Harlow Water Board said the "
    "reservoir was safe to use again.\n\n"
    "Councillor Mia Brandt said the board had waited too long to tell residents.\n\n"
    "Police said the driver, who was arrested in May, had committed a series of "
    "carjackings across the county.\n"
)


@pytest.mark.slow
def test_statements_on_websites_are_documents_and_deeds_are_not_speech() -> None:
    _, quotes = _quotes(RECORDS)
    assert _find(quotes, "reservoir was safe").mode == "document"
    assert _find(quotes, "waited too long").mode == "speech"
    for quote in quotes:
        if quote.cue and quote.cue.lower() == "committed":
            assert quote.mode != "speech", quote


SIGNED = (
    "Readers Share Their Views On The New Bypass.\n\n"
    "\u201cThe bypass took ten years and the traffic is worse than ever. Nobody asked the "
    "people who live here.\u201d \u2015 Maria Delgado\n"
    "\u201cI drive it every morning and it saves me twenty minutes each way, so I am "
    "happy.\u201d \u2015 Tom Whitaker\n"
    "\u201cThe council should have built the rail link instead of another road.\u201d "
    "\u2015 Priya Shah\n"
)


@pytest.mark.slow
def test_dash_signature_names_the_speaker_after_the_quote() -> None:
    _, quotes = _quotes(SIGNED)
    for words, name in (
        ("traffic is worse", "Maria Delgado"),
        ("saves me twenty minutes", "Tom Whitaker"),
        ("rail link", "Priya Shah"),
    ):
        quote = _find(quotes, words)
        assert quote.speaker is not None and quote.speaker.name == name, quote
        assert quote.mode == "speech"


TRANSCRIPT = (
    "The governor spoke to the host on Sunday morning.\n\n"
    '"HOLLIS: Will you sign the budget before the deadline on Friday?\n\n'
    '"MARKHAM: I will sign it if the legislature restores the school funding it cut.\n\n'
    "Protesters were frustrated that the council approved the plan without a hearing.\n"
)


@pytest.mark.slow
def test_transcript_turns_and_feelings_with_a_clause_keep_their_source() -> None:
    _, quotes = _quotes(TRANSCRIPT)
    markham = _find(quotes, "restores the school funding")
    assert markham.speaker is not None and markham.speaker.name.upper() == "MARKHAM"
    hollis = _find(quotes, "sign the budget")
    assert hollis.speaker is not None and hollis.speaker.name.upper() == "HOLLIS"
    upset = _find(quotes, "approved the plan without a hearing")
    assert upset.speaker is not None and upset.speaker.text == "Protesters"


GOVERNED = (
    "Councillor Ruth Amos spoke for an hour at the town meeting, stopping short of calling "
    "the closure of the library a betrayal.\n"
)


@pytest.mark.slow
def test_subjectless_participle_cue_takes_the_subject_of_its_clause() -> None:
    _, quotes = _quotes(GOVERNED)
    calling = _find(quotes, "closure of the library")
    assert calling.speaker is not None and calling.speaker.name.endswith("Ruth Amos")


NOTHING_SAID = (
    "Police asked anyone with information to call detectives on 0845 125 2222.\n\n"
    "The driver was declared dead at the scene, and the terms of the settlement were not "
    "disclosed.\n\n"
    "Mayor Lisa Ortega called the closure a disgrace.\n\n"
    "The boy was bitten by an insect, believed to be a spider, while he slept.\n"
)


@pytest.mark.slow
def test_calls_and_passives_without_a_speaker_are_not_speech() -> None:
    _, quotes = _quotes(NOTHING_SAID)
    for quote in quotes:
        if quote.cue and quote.cue.lower() in ("call", "declared", "disclosed"):
            assert quote.mode == "act", quote  # no words, no belief: something done
    assert _find(quotes, "closure a disgrace").mode == "speech"
    assert _find(quotes, "be a spider").mode == "thought"  # believed, by nobody named


SPOKE_ON = (
    "A spokeswoman for the county said the board would wait for a report from Sheriff "
    'Dana Kell. "The other factor is whether acting now would look like an attempt to '
    'sway the vote before November."\n'
)
SUBJECT_FIRST = (
    "Maria Ruiz met my colleague Tom Baxter last spring. "
    '"The station offers a view of this city that you will not find anywhere else in the '
    'market."\n'
)


@pytest.mark.slow
def test_quote_after_a_reported_sentence_and_subject_before_object() -> None:
    _, quotes = _quotes(SPOKE_ON)
    factor = _find(quotes, "The other factor")
    assert factor.speaker is not None and factor.speaker.text == "A spokeswoman for the county"
    assert factor.mode == "speech"
    _, quotes = _quotes(SUBJECT_FIRST)
    station = _find(quotes, "The station offers")
    assert station.speaker is not None and station.speaker.name == "Maria Ruiz"


SALIENT = (
    "Dr. Paul Hensley said the supplement was safe and had been tested for years.\n\n"
    "At the hearing, Senator Claire Ashdown scolded him: "
    '"The scientific community is almost united against you on these products," she '
    "said.\n"
)


@pytest.mark.slow
def test_pronoun_prefers_the_subject_of_its_sentence_after_the_last_speaker() -> None:
    _, quotes = _quotes(SALIENT)
    she = _find(quotes, "scientific community")
    assert she.speaker is not None and she.speaker.text == "she"
    assert she.speaker.name == "Claire Ashdown"


OWN_CUE = (
    "Israel has rejected allegations by officials in the valley that authorities were "
    "responsible for releasing storm waters.\n"
    '"The claim is entirely false, and the northern valley does not have any dams," said a '
    "statement from the Coordinator of Water Activites in the Teritories (CWAT).\n"
)


@pytest.mark.slow
def test_quote_with_a_cue_of_its_own_is_not_the_previous_speaker() -> None:
    _, quotes = _quotes(OWN_CUE)
    false = _find(quotes, "entirely false")
    assert false.speaker is None or false.speaker.name != "Israel", false


RECORDS_AND_NAMES = (
    "The striker releases a statement saying he doubts any charges will be filed.\n\n"
    "The river is called Nahal Besor in Hebrew, and it flows from two streams.\n\n"
    "Update: Okafor has now told the radio station that she never sold the land; that she "
    "does not know where the figure came from.\n"
)


@pytest.mark.slow
def test_statement_participles_names_and_own_subject_cues() -> None:
    _, quotes = _quotes(RECORDS_AND_NAMES)
    assert _find(quotes, "doubts any charges").mode == "document"
    for quote in quotes:
        if quote.cue and quote.cue.lower() == "called":
            assert quote.mode != "speech", quote  # a name, not words said
    assert _find(quotes, "never sold the land").mode == "speech"


TOLD = (
    "The author went on to praise the new director and to let fans know that the sequel "
    "would keep its cast.\n\n"
    "The rules drew fire at once, causing environmental groups to charge that they were "
    "written to gut the law.\n"
)


@pytest.mark.slow
def test_let_know_and_charge_that_are_speech() -> None:
    _, quotes = _quotes(TOLD)
    assert _find(quotes, "keep its cast").mode == "speech"
    assert _find(quotes, "gut the law").mode == "speech"


UNSAID = (
    "We had our doubts about the film, but we did not say it out loud.\n\n"
    "Sheriff Dana Kell identified the victims as a 47-year-old man and his son.\n\n"
    "The mayor ordered the evacuation of the old town on Sunday.\n\n"
    "Melissa Rosenberg is writing the screenplay.\n"
)


@pytest.mark.slow
def test_negated_speech_and_ordered_deeds_are_not_speech_identified_as_is() -> None:
    _, quotes = _quotes(UNSAID)
    for quote in quotes:
        if quote.cue and quote.cue.lower() in ("say", "ordered"):
            assert quote.mode != "speech", quote
    assert _find(quotes, "a 47-year-old man").mode == "speech"
    assert _find(quotes, "evacuation of the old town").mode != "speech"
    assert _find(quotes, "the screenplay").mode == "act"  # a thing written, no quote
    assert _find(quotes, "it").cue == "say"


@pytest.mark.slow
def test_a_pronoun_never_means_a_thing_or_the_one_a_belief_is_about() -> None:
    text = (
        "Aide dies at 79\n\n"
        "Hal Brenner was long suspected of being the shadowy source believed to have helped "
        "two reporters uncover the scandal. But he denied he could have been such a figure.\n"
        "\n"
        "Brenner believed no such meeting occurred, saying he screened all the calls that "
        "weekend.\n"
        '"I am angry about it.\nI do not recall any meeting," he said.\n'
    )
    _, quotes = _quotes(text)
    denied = _find(quotes, "could have been such a figure")
    assert denied.speaker is not None and denied.speaker.name == "Hal Brenner"
    angry = _find(quotes, "I am angry about it")
    assert angry.speaker is not None and angry.speaker.name == "Hal Brenner"


@pytest.mark.slow
def test_a_report_something_came_from_speaks_for_itself() -> None:
    from crosscheck.extract.nlp import load_nlp
    from crosscheck.extract.quotes_speakers import _document_owner

    doc = load_nlp()(
        "The information about the aborted Fleetwood Mac reunion tour came from an exclusive "
        "report in Britain’s Daily Mirror newspaper, which said that the singer simply did "
        "not believe it was the right thing to do."
    )
    report = next(t for t in doc if t.text == "report")
    newspaper = next(t for t in doc if t.text == "newspaper")
    # "which said" is the report's (or the paper's), never the subject of "came"
    assert _document_owner(report, lexicon("en")) is None
    assert _document_owner(newspaper, lexicon("en")) is None


@pytest.mark.slow
def test_a_quote_line_after_a_line_without_a_full_stop_keeps_its_own_cue() -> None:
    text = (
        "Quake hits island\n\n"
        "The main town on the island still has power and officials say they are sending "
        "tents to those who have lost their homes\n"
        '"We were panicked.\nI saw an injured man being taken to the hospital," one woman '
        "in the town told reporters.\n"
    )
    _, quotes = _quotes(text)
    panicked = _find(quotes, "We were panicked")
    assert panicked.cue == "told" and "tents" not in panicked.text
    tents = _find(quotes, "sending tents")
    # the parser joins "officials" to "power" and leaves "say" without its subject
    assert tents.speaker is not None and tents.speaker.name == "officials"


@pytest.mark.slow
def test_they_never_means_one_person() -> None:
    text = (
        "Talks fail\n\n"
        '"We will keep talking," Mayor Ann Cole said after meeting the striking drivers on '
        "Monday.\nThey said the talks had failed and the strike would go on.\n"
    )
    _, quotes = _quotes(text)
    failed = _find(quotes, "talks had failed")
    assert failed.speaker is not None and failed.speaker.name != "Ann Cole"


@pytest.mark.slow
def test_a_named_person_from_an_agency_speaks_a_news_agency_publishes() -> None:
    text = (
        "Quake\n\n"
        "Reza Tavakoli from the island's Red Crescent relief agency said the four hardest-hit "
        "villages were Tonban and Gourian.\n\n"
        "The Meridian news agency said 10 people died.\n"
    )
    _, quotes = _quotes(text)
    assert _find(quotes, "hardest-hit").mode == "speech"
    assert _find(quotes, "10 people died").mode == "document"


@pytest.mark.slow
def test_shared_that_and_pointed_out_that_are_speech() -> None:
    text = (
        "Priest\n\n"
        "After 48 minutes without a pulse, a priest woke up and shared that he had met God.\n\n"
        "Critics have already pointed out that the walk to the shop takes 34 minutes.\n\n"
        "She shared photos of the trip on her page.\n"
    )
    _, quotes = _quotes(text)
    assert _find(quotes, "had met God").mode == "speech"
    assert _find(quotes, "takes 34 minutes").mode == "speech"
    assert all(q.mode != "speech" for q in quotes if "photos" in q.text)


@pytest.mark.slow
def test_known_as_read_as_and_reported_to_work_are_no_quotes() -> None:
    text = (
        "Aide dies\n\n"
        'Hal Brenner was known as the "bagman" who delivered payoffs, and served four months '
        "in prison.\n\n"
        "The story could be read as an inspiring tale about a teenager.\n\n"
        "The nurse had not reported to work on Monday, the hospital said.\n"
    )
    _, quotes = _quotes(text)
    texts = " | ".join(q.text for q in quotes)
    assert "bagman" not in texts and "inspiring tale" not in texts
    assert all(q.cue != "reported" for q in quotes)
    assert _find(quotes, "had not reported to work").cue == "said"


@pytest.mark.slow
def test_an_attack_noun_is_no_speech() -> None:
    text = (
        "Court\n\n"
        "The alleged fatal stabbing would be at least his third attack against Mendes.\n\n"
        "In 2005, Gomes was convicted of beating Mendes.\n"
    )
    _, quotes = _quotes(text)
    attacks = [q for q in quotes if q.cue == "attack"]
    assert all(q.mode != "speech" for q in attacks)


@pytest.mark.slow
def test_adding_money_to_a_fund_is_no_quote() -> None:
    text = (
        "Reward\n\n"
        "The city had offered $75,000 in the case, and the county board added another "
        "$20,000 to that pot.\n\nThe mayor added that the reward would stand.\n"
    )
    _, quotes = _quotes(text)
    assert not [q for q in quotes if "$20,000" in q.text]
    assert _find(quotes, "reward would stand").mode == "speech"


@pytest.mark.slow
def test_an_age_as_subject_speaks() -> None:
    text = (
        "Witness\n\n"
        "The 26-year-old says he stopped at the store to buy a lottery ticket before picking "
        "up his girlfriend.\n"
    )
    _, quotes = _quotes(text)
    quote = _find(quotes, "lottery ticket")
    assert quote.speaker is not None and "26" in quote.speaker.text


@pytest.mark.slow
def test_a_named_official_on_a_call_with_reporters_speaks() -> None:
    text = (
        "Rules\n\n"
        '"Nothing in this rule relieves an agency of its duties," said Interior Secretary '
        "Dale Kemper in a conference call with reporters.\n"
    )
    _, quotes = _quotes(text)
    assert _find(quotes, "relieves an agency").mode == "speech"


# Who speaks when the parse or the phrase around the name misleads: (case, text, quoted
# words, speaker).
SPEAKER_CASES = [
    pytest.param(
        (
            "Family speaks after verdict\n\n"
            "Relatives of the victims thanked the prosecutors after the verdict.\n"
            '"He will spend the rest of his life behind bars," said Maria Lopez, daughter of '
            "slain court clerk Anna Marie Whitfield.\n"
        ),
        "rest of his life",
        "Maria Lopez",
        id="the_speaker_is_the_person_described_not_the_one_in_the_description",
    ),
    pytest.param(
        (
            "Driver arrested\n\n"
            '"The driver was uncooperative and made some veiled threats," said Eastfield Police '
            "Sgt. Marta Ellery. Meantime, the victim's family gathered at the hospital.\n"
        ),
        "veiled threats",
        "Marta Ellery",
        id="a_title_with_a_full_stop_does_not_end_the_speakers_sentence",
    ),
    pytest.param(
        (
            "Rule change\n\n"
            'The likely result will be "erroneous findings" by agencies, argued the NRDC.\n'
        ),
        "likely result",
        "NRDC",
        id="an_attribution_written_verb_first_after_a_comma",
    ),
    pytest.param(
        (
            "Sentencing\n\n"
            '"I am sorry," Brian Kellner told the court.\n\n'
            "As she came into the courthouse before the sentencing, Kellner's mother expressed "
            'their feelings.\n"We just want to fade into obscurity," she said.\n'
        ),
        "fade into obscurity",
        "Kellner's mother",
        id="a_relative_speaks_not_the_person_named_in_the_relation",
    ),
    pytest.param(
        (
            "Spider\n\n"
            "He finally saw a dermatologist on Monday, who told him that it was something out of "
            "the ordinary.\n"
        ),
        "out of the ordinary",
        "dermatologist",
        id="who_after_a_day_means_the_person_before_it",
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "words", "speaker"), SPEAKER_CASES)
def test_the_speaker_of_a_quote(text: str, words: str, speaker: str) -> None:
    _, quotes = _quotes(text)
    quote = _find(quotes, words)
    assert quote.speaker is not None and quote.speaker.name == speaker


NO_WORDS = (
    "Residents of the coastal villages felt the tremor shortly after noon.\n\n"
    '"I still feel shaky when I talk about it," said Rosa Imbert, who runs the bakery.\n\n'
    "The regional council is yet to confirm whether the school will reopen on Monday.\n\n"
    "By the second day it was clear that the harbour wall had held.\n\n"
    "The clean-up of the seafront seems to be well under way.\n\n"
    "Okafor, best known for her reporting on the flood defences, visited the harbour.\n\n"
    "More aftershocks could follow within days, warned emergency services spokesman "
    "Tomas Varga, as cited by the regional radio station.\n\n"
    "The harbour will stay closed until the inspection, echoed a second representative.\n"
)


@pytest.mark.slow
def test_sensed_pending_and_descriptive_cues_report_no_words() -> None:
    _, quotes = _quotes(NO_WORDS)
    assert _find(quotes, "the tremor").mode == "act"  # felt a thing: sensed, not thought
    assert _find(quotes, "the school will reopen").mode == "act"  # not confirmed yet
    assert not [q for q in quotes if "harbour wall" in q.text]  # "it was clear": no one's
    assert not [q for q in quotes if "under way" in q.text]  # seems so to the writer
    assert not [q for q in quotes if "flood defences" in q.text]  # "known for": a description
    warned = _find(quotes, "More aftershocks could follow")
    assert warned.speaker is not None and warned.speaker.name == "Tomas Varga"
    assert "Varga" not in warned.text and warned.mode == "speech"
    echoed = _find(quotes, "The harbour will stay closed")
    assert echoed.speaker is not None and "representative" in echoed.speaker.name


@pytest.mark.slow
@pytest.mark.parametrize(("verb", "inverted"), [("told", False), ("warned", True)])
def test_a_listener_after_the_verb_is_no_inverted_speaker(verb: str, inverted: bool) -> None:
    # The parse of '"...," the chief, Said Haddad, told Radio Lakeside.' when the first name
    # "Said" is read as a verb: "told" is left with a clause before it and an object after.
    from spacy.tokens import Doc

    from crosscheck.extract import nlp as nlp_module
    from crosscheck.extract.quotes import _inverted

    words = ["Homes", "were", "flooded", ",", "Said", "Haddad", ",", verb, "Radio", "Lakeside"]
    heads = [2, 2, 4, 4, 7, 4, 7, 7, 9, 7]
    deps = ["nsubjpass", "auxpass", "ccomp", "punct", "ccomp", "nsubj", "punct", "ROOT",
            "compound", "dobj"]  # fmt: skip
    doc = Doc(
        nlp_module.load_nlp().vocab,
        words=words,
        heads=heads,
        deps=deps,
        ents=["O"] * 8 + ["B-ORG", "I-ORG"],
        sent_starts=[True] + [False] * 9,
    )
    found = _inverted(doc[7], lexicon("en"))
    assert (found is not None) is inverted  # "told Radio Lakeside": the station listens


@pytest.mark.slow
def test_a_quote_its_cue_interrupts_is_one_quote_whose_words_leave_the_cue_out() -> None:
    text = (
        "The board named a new coach on Monday.\n\n"
        '"In the interviews there were a lot of things that we talked about," Marta Ruiz '
        "said.\n"
        '"But in watching the season and our style of play, it was not something I was '
        'comfortable with."\n'
    )
    _, quotes = _quotes(text)
    quote = _find(quotes, "a lot of things")
    assert "comfortable with" in quote.text  # one attribution, as PolNeAR counts it
    assert [gap.text.strip('" \n') for gap in quote.gaps] == ["Marta Ruiz said."]
    words = quote_words(quote)
    assert "Ruiz" not in words and words.endswith("comfortable with.")
    assert "talked about, … But in watching" in words


DEEDS_AND_RECORDS = (
    "The ferry captain was rushed to hospital and was declared dead on arrival.\n\n"
    "The prosecutor denied a plea offer from the defence a year ago.\n\n"
    "The festival added a category for short documentaries this year.\n\n"
    'The ministry on Thursday issued "revised" rules for harbour dredging.\n\n'
    "The league's conduct policy says that a second offence brings a suspension.\n\n"
    "The story further claims that the mayor resigned in protest.\n\n"
    "A state inspection report last Sept. 14 found cracked valves in the storage hall.\n"
)


@pytest.mark.slow
def test_deeds_are_acts_and_records_speak_as_documents() -> None:
    _, quotes = _quotes(DEEDS_AND_RECORDS)
    marks = {q.text: q.mode for q in quotes}
    _deeds_or_nothing(marks, "dead on arrival", "a plea offer", "for harbour dredging")
    assert not [m for t, m in marks.items() if "short documentaries" in t and m == "speech"]
    assert _find(quotes, "a second offence").mode == "document"
    assert _find(quotes, "the mayor resigned").mode == "document"
    valves = _find(quotes, "cracked valves")  # what a record finds, not a thing sensed
    assert valves.mode == "document"
    assert valves.speaker is not None and "Sept" not in valves.speaker.name


DEEDS_VIEWS_AND_TITLES = (
    "The striker agreed to a three-year, $12-million deal with the Harbor City club.\n\n"
    "Coach Lena Ortiz called him again on Sunday and the two talked for an hour.\n\n"
    "The warehouse where the fire started is listed as Dunmore Storage Ltd., a paper firm.\n\n"
    "Blood tests confirmed that the swimmer had taken no banned substance.\n\n"
    "The union sees its power over the festival as its best leverage in the talks.\n\n"
    "The clerk was unable to confirm the date of the first hearing.\n\n"
    '"A late start never helps," said Ines Mora, author of the 2019 book "Curtain Call: '
    'Nights Backstage at the Harbor Theatre."\n'
)


@pytest.mark.slow
def test_deals_calls_records_views_silences_and_titles_are_marked_for_what_they_are() -> None:
    _, quotes = _quotes(DEEDS_VIEWS_AND_TITLES)
    marks = {q.text: q.mode for q in quotes}
    # a deal struck, a telephone call, being unable to confirm: no words said
    _deeds_or_nothing(marks, "$12-million deal", "again on Sunday", "first hearing")
    assert _find(quotes, "Dunmore Storage").mode == "document"  # a listing is a record
    assert _find(quotes, "no banned substance").mode == "document"  # test results
    assert _find(quotes, "best leverage").mode == "thought"  # sees X as Y: a view
    assert not [q for q in quotes if "Nights Backstage" in q.text]  # a book's title
    assert _find(quotes, "A late start never helps").speaker is not None


@pytest.mark.slow
def test_a_channel_or_a_place_before_a_colon_is_no_speaker() -> None:
    text = (
        'Ana Ruiz posted on Facebook: "I was stuck on that ledge for nine hours and the '
        'cold was unbearable."\n\n'
        "Lisbon: Jewellery Stolen In Night Raid On Avenida Shop\n\n"
        "ORTEGA: Well, we will see about that when the weather clears tomorrow.\n"
    )
    _, quotes = _quotes(text)
    ledge = _find(quotes, "stuck on that ledge")
    assert ledge.speaker is not None and ledge.speaker.name == "Ana Ruiz"
    assert not [q for q in quotes if "Jewellery Stolen" in q.text]
    turn = _find(quotes, "we will see about that")
    assert turn.speaker is not None and turn.speaker.name.lower() == "ortega"


@pytest.mark.slow
def test_a_rank_before_a_name_is_no_part_of_the_name() -> None:
    text = (
        '"A man who had just been let go came in and shot another man," Police Constable '
        "Tim Fanning said.\n\n"
        "Detective Sergeant Ana Ruiz said the gun was found in a bin.\n"
    )
    _, quotes = _quotes(text)
    shot = _find(quotes, "shot another man")
    assert shot.speaker is not None and shot.speaker.name == "Tim Fanning"
    gun = _find(quotes, "the gun was found")
    assert gun.speaker is not None and gun.speaker.name == "Ana Ruiz"


@pytest.mark.slow
def test_idioms_and_the_reader_are_no_sources() -> None:
    text = (
        "Reaction to the new bridge toll has been mixed, to say the least.\n\n"
        "Drivers would be well advised to leave early on Monday.\n\n"
        "Whether you hire a lawyer to find the driver or claim through your insurer, there "
        "are ways to recover the cost.\n\n"
        "The mayor said the toll would be reviewed in June.\n"
    )
    _, quotes = _quotes(text)
    assert [q.text for q in quotes] == ["the toll would be reviewed in June"]


@pytest.mark.slow
def test_recalled_words_cited_items_and_estimates_are_speech() -> None:
    text = (
        '"I turned around and there was a man telling a car to stop," recalled Ana Ruiz.\n\n'
        "The governor cited tents, blankets and drinking water as the most needed items.\n\n"
        "The head of the office, Bill Cooke, estimated that the blast released the energy of "
        "one tonne of TNT.\n"
    )
    _, quotes = _quotes(text)
    recalled = _find(quotes, "telling a car to stop")
    assert recalled.mode == "speech" and recalled.speaker is not None
    assert recalled.speaker.name == "Ana Ruiz"
    assert not [q for q in quotes if q.text == "Ana Ruiz"]  # the name is no content
    assert _find(quotes, "the most needed items").mode == "speech"
    assert _find(quotes, "one tonne of TNT").mode == "speech"


HEARING = (
    "RIVERTON — Marcus Dell spoke for the first time in court on Friday as relatives of "
    "the victims wept in the gallery.\n"
    "\n"
    "Those who knew Ana Pereira, 34, were still in shock two days after the shooting.\n"
    "\n"
    "Most experts found it hard to believe the defence's account of the night.\n"
    "\n"
    "With hits to his channel, it is already estimated that Dell made $40,000 from the "
    "videos.\n"
    "\n"
    "Security photos showed a grey van outside the office at 9:40 a.m.\n"
    "\n"
    "The Riverton Chronicle first reported the arrest on Saturday.\n"
    "\n"
    "Detective Paul Brennan said the van was seen twice, the Valley News reports.\n"
    "\n"
    "Later he found the van had been rented under a false name.\n"
    "\n"
    "Judge Elena Marsh offered advice for the guards who will watch Dell: "
    '"Do not turn your back on him."\n'
)


def test_marks_of_sensed_known_judged_and_published_things() -> None:
    _, quotes = _quotes(HEARING)
    # speaking with no words told is a deed
    assert _find(quotes, "for the first time in court").mode == "act"
    # knowing a person is no attribution at all
    assert not [q for q in quotes if "Ana Pereira" in q.text]
    # finding "it" to be so is a view
    assert _find(quotes, "hard to believe").mode == "thought"
    # "it is estimated that": someone's unnamed estimate, not a deed; "it" names no one
    estimate = _find(quotes, "Dell made $40,000")
    assert estimate.mode == "speech" and estimate.speaker is None
    # photos and a paper report a thing as records
    assert _find(quotes, "a grey van").mode == "document"
    assert _find(quotes, "the arrest").mode == "document"
    # a paper is never the "he" of a later sentence
    rented = _find(quotes, "had been rented")
    assert rented.speaker is not None and rented.speaker.name == "Paul Brennan"
    # advice offered is words
    assert _find(quotes, "advice for the guards").mode == "speech"


SIGNING = (
    "Lena Ortiz, the Chilean actor known to film audiences for playing a rebel pilot, "
    "will host the gala.\n"
    "\n"
    "The club let it be known that the coach was fired because of his defensive scheme.\n"
    "\n"
    '"The aim of the seminar is to give expert support to the commission," the '
    "information said.\n"
    "\n"
    "District Attorney Paul Howard said the jury had spoken.\n"
    "\n"
    "It showed how difficult it is to win a capital sentence in the county.\n"
)


def test_known_to_an_audience_let_it_be_known_and_what_it_means() -> None:
    _, quotes = _quotes(SIGNING)
    # who someone is known to be is no view of anyone's
    assert not [q for q in quotes if "rebel pilot" in q.text]
    # letting a thing be known is telling it
    assert _find(quotes, "the coach was fired").mode == "speech"
    # a release's information is a record
    assert _find(quotes, "expert support").mode == "document"
    # "it" never means the last person who spoke
    showed = _find(quotes, "how difficult")
    assert showed.speaker is None or "Howard" not in showed.speaker.name


BOUT = (
    "The referee stopped the bout when the challenger was offering no reply to the "
    "champion's blows.\n"
    "\n"
    "However, we're hearing reports that the fight may have been fixed in advance.\n"
    "\n"
    "The champion's next opponent might want to rethink his title shot.\n"
    "\n"
    'Dorsey, also known by promoters as "the Anvil," was taken to hospital.\n'
    "\n"
    '"A rematch cannot be ruled out," the federation\'s blog concludes.\n'
    "\n"
    "Staff at Riverside Tyres, across the street from the arena, were told to close shop "
    "at 5:30 p.m. and were escorted by police off the premises.\n"
)


def test_hearsay_instructions_and_nothing_said() -> None:
    _, quotes = _quotes(BOUT)
    # offering no reply says nothing
    assert _find(quotes, "no reply").mode == "act"
    # reports heard are words told by someone
    assert _find(quotes, "may have been fixed").mode == "speech"
    # the writer's advice and a nickname are no one's statements
    assert not [q for q in quotes if "rethink" in q.text or "the Anvil" in q.text]
    # a blog is a record
    assert _find(quotes, "A rematch").mode == "document"
    # being told to do something is an instruction someone gave
    assert _find(quotes, "to close shop").mode == "speech"


def test_knowing_someone_since_childhood_and_naming_victims() -> None:
    text = (
        "The Okonjos, both retired teachers, knew Daniel as a boy because they taught "
        "at his school.\n"
        "\n"
        "Police have identified the victims as 52-year-old Ruth Adler and 30-year-old "
        "Paolo Greco.\n"
    )
    _, quotes = _quotes(text)
    assert not [q for q in quotes if "as a boy" in q.text]
    assert _find(quotes, "the victims as").mode == "speech"


def test_a_name_the_parser_cuts_at_a_hyphen_is_whole() -> None:
    import spacy
    from spacy.tokens import Doc

    from crosscheck.extract.quotes_speakers import speaker_extent

    # the parse the small English model gives a real sentence of this shape: the name's
    # part after the hyphen hangs off the verb, not the name
    words = ["Relief", "spokesman", "Ahmad", "al", "-", "Rahim", "warned", "that", "it", "rose"]
    spaces = [True, True, True, False, False, True, True, True, True, False]
    heads = [1, 6, 3, 1, 6, 6, 6, 9, 9, 6]
    deps = ["compound", "nsubj", "compound", "appos", "nsubj", "nsubj", "ROOT", "mark",
            "nsubj", "ccomp"]  # fmt: skip
    doc = Doc(spacy.blank("en").vocab, words=words, spaces=spaces, heads=heads, deps=deps)
    i, j = speaker_extent(doc[1])
    assert doc[i:j].text == "Relief spokesman Ahmad al-Rahim"


def test_responding_to_a_call_and_helping_someone_speak_are_deeds() -> None:
    text = (
        "Deputies responded to both alarms, but it was a cashier who found the package.\n"
        "\n"
        "The singer is known for helping fans announce their engagements on stage.\n"
        "\n"
        "The mayor responded to the criticism by saying the budget was fair.\n"
    )
    _, quotes = _quotes(text)
    assert _find(quotes, "to both alarms").mode == "act"
    assert _find(quotes, "their engagements").mode == "act"
    assert _find(quotes, "the budget was fair").mode == "speech"


def test_known_details_outrage_expressed_and_outlets() -> None:
    text = (
        "Lon Birch, another retired harbour pilot who knew Mara's father from their days at "
        "sea, said he met Mara through her parents.\n"
        "\n"
        "More information will follow as further details of the crash become known.\n"
        "\n"
        "Relatives of the two victims expressed outrage that the driver had been released.\n"
        "\n"
        'On Tuesday the mother recalled screaming "Somebody call an ambulance."\n'
        "\n"
        "No accounts have been published, and it would be interesting to know how he trades.\n"
        "\n"
        "The New Yorker claimed that it took the figure from rumours.\n"
        "\n"
        "Three men drove a van into the shop window on Monday, according to AFP.\n"
    )
    _, quotes = _quotes(text)
    met = _find(quotes, "he met Mara through her parents")
    assert met.speaker is not None and met.speaker.name == "Lon Birch"
    assert not [q for q in quotes if "further details" in q.text or "how he trades" in q.text]
    assert not [q for q in quotes if "father" in q.text]
    assert _find(quotes, "the driver had been released").mode == "speech"
    assert _find(quotes, "Somebody call an ambulance").mode == "speech"
    assert _find(quotes, "from rumours").mode == "document"
    assert _find(quotes, "into the shop window").mode == "document"


def test_a_place_naming_a_body_is_no_speaker_the_body_is() -> None:
    text = (
        "Fire destroys Banstead supermarket\n\n"
        "A fire destroyed a supermarket in Banstead on Friday night.\n\n"
        "A statement from Surrey police said the blaze at the store on the High Street was "
        'being treated as "potentially suspicious".'
    )
    _article, quotes = _quotes(text)
    (quote,) = [q for q in quotes if "blaze" in q.text]
    assert quote.speaker is not None and quote.speaker.name == "Surrey police"


RASH = (
    "Rash turns out to be a tick\n\n"
    "Marco Bell, 24, woke in his hotel room in Lisbon to find a red line on his arm.\n\n"
    "“It was as if someone had scratched me with a pin,” he said.\n\n"
    "He finally saw a dermatologist on Monday, who told him that it was something unusual.\n\n"
    "Doctors removed a tick from the skin near his elbow.\n\n"
    "“It was a bit bigger than a grain of rice,” he said.\n"
)


def test_someone_the_subject_met_does_not_take_over_his_he() -> None:
    _, quotes = _quotes(RASH)
    rice = _find(quotes, "grain of rice")
    assert rice.speaker is not None and rice.speaker.name == "Marco Bell"
    told = _find(quotes, "something unusual")
    assert told.speaker is not None and told.speaker.name == "dermatologist"


@pytest.mark.slow
def test_a_name_completing_the_quote_is_not_its_speaker() -> None:
    from crosscheck.pipeline import compare_texts

    text = (
        "Harbour rescuer was not Brell\n\n"
        "The man who pulled a swimmer out of Kestle harbour on Friday was not Tomas Brell, "
        "the singer's manager said, calling the story false.\n\n"
        "Brell was in Lisbon all week, she said.\n"
    )
    _, quotes = _quotes(text)
    first = _find(quotes, "pulled a swimmer")
    assert first.speaker is not None
    assert first.speaker.text == "the singer's manager" and first.speaker.name == "singer's manager"
    lisbon = _find(quotes, "Lisbon")
    assert lisbon.speaker is not None and "Brell" not in lisbon.speaker.name
    # "Tomas Brell, the singer's manager, said" keeps the name as the speaker
    _, quotes = _quotes(
        "Harbour rescue\n\n"
        '"He dived in without thinking," Tomas Brell, the singer\'s manager, said on Friday.\n'
    )
    named = _find(quotes, "without thinking")
    assert named.speaker is not None and named.speaker.name == "Tomas Brell"
    report = compare_texts({"d": text, "e": "Weather\n\nIt rained in Kestle on Monday."})
    sources = {c.source for c in report.claims if "pulled a swimmer" in c.text}
    assert sources == {"the singer's manager"}


@pytest.mark.slow
def test_a_body_whose_name_runs_past_the_tagged_name_speaks_by_its_whole_name() -> None:
    _, quotes = _quotes(
        "Arrest in Kestle\n\n"
        "Gary Holt, 35, was arrested yesterday and will be arraigned today in Kestle District "
        "Court on two counts of murder, according to the Bristol District Attorney's Office.\n"
    )
    quote = _find(quotes, "was arrested yesterday")
    assert quote.speaker is not None
    assert quote.speaker.name == "Bristol District Attorney's Office"
