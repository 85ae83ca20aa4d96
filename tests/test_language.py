"""Language detection: an article in a language without a pipeline is refused, never read as
English, and the rest of the batch goes on. The texts were written for these tests."""

from __future__ import annotations

from crosscheck.clean import clean
from crosscheck.errors import CODES
from crosscheck.language import detect_language
from crosscheck.model import Article
from crosscheck.pipeline import prepare
from crosscheck.settings import Settings

FRENCH = """http://www.exemple-quotidien.fr/actualites/2024/03/05/greve-des-ferries
Fin de la grève des ferries après neuf jours
Publié le 5 mars 2024 à 18h42
Les équipages des ferries de la ligne du port ont voté lundi en faveur d'une hausse de
salaire de 6 %, mettant fin à une grève qui bloquait environ 3 000 usagers par jour.
« Nous sommes heureux de reprendre le travail », a déclaré Marie Dubois, déléguée syndicale.
Selon la direction, douze navires reprendront le service dès mercredi matin.
"""

GERMAN = """Die Fährbesatzungen im Hafen haben am Montag einer Lohnerhöhung von sechs Prozent
zugestimmt und damit einen Streik beendet, der täglich rund 3.000 Pendler betroffen hatte.
„Wir sind froh, wieder arbeiten zu können“, sagte die Gewerkschafterin Maria Keller.
Nach Angaben der Reederei sollen zwölf Schiffe ab Mittwochmorgen wieder fahren.
"""

ENGLISH = """Ferry crews on the Harbour Line voted on Monday to accept a 6% pay rise, ending a
strike that had stranded about 3,000 commuters a day. "We are glad to be back at work,"
said union steward Mary Dodds. The operator said twelve ships would sail again from
Wednesday morning.
"""


def test_detect_language_names_the_language() -> None:
    assert detect_language(FRENCH)[0] == "fr"  # type: ignore[index]
    assert detect_language(GERMAN)[0] == "de"  # type: ignore[index]
    assert detect_language(ENGLISH)[0] == "en"  # type: ignore[index]
    assert detect_language("Fin de la grève") is None  # too short to tell


def test_clean_stores_the_language() -> None:
    a = clean(Article(id="f", source="fr.txt", text=FRENCH), Settings())
    assert a.language == "fr"
    assert clean(Article(id="e", source="en.txt", text=ENGLISH), Settings()).language == "en"


def test_other_languages_refused_with_a_code_and_the_batch_goes_on() -> None:
    items = [
        Article(id="f", source="fr.txt", text=FRENCH),
        Article(id="e", source="en.txt", text=ENGLISH),
        Article(id="d", source="de.txt", text=GERMAN),
    ]
    articles, problems = prepare(items, Settings())
    assert [a.source for a in articles] == ["en.txt"]
    by_source = {p.source: p for p in problems}
    assert by_source.keys() == {"fr.txt", "de.txt"}
    assert all(p.code == "CC020" and p.fatal for p in problems)
    assert "French" in by_source["fr.txt"].message
    assert "German" in by_source["de.txt"].message
    assert CODES["CC020"] in by_source["fr.txt"].message
