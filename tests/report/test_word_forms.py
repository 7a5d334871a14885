"""report/word_forms.py: lemminflect's answers, its tables read only for the words asked for.

Each check compares with lemminflect itself, loading its tables whole as it does on its own (a
fresh Lemmatizer and Inflections, outside its singletons)."""

from __future__ import annotations

import re
from functools import cache

from lemminflect.codecs.InflectionLUCodec import InflectionLUCodec
from lemminflect.core.Inflections import Inflections
from lemminflect.core.Lemmatizer import Lemmatizer

from reportgen.report import word_forms

from ..conftest import ROOT

# English irregular verbs (base forms); their other forms are added from lemminflect's tables.
IRREGULAR = """arise awake be bear beat become begin bend bet bid bind bite bleed blow break breed
bring broadcast build burn burst buy cast catch choose cling come cost creep cut deal dig dive do
draw dream drink drive dwell eat fall feed feel fight find flee fling fly forbid forecast forget
forgive forsake freeze get give go grind grow hang have hear hide hit hold hurt keep kneel know
lay lead lean leap learn leave lend let lie light lose make mean meet mislead mistake overcome
overtake overthrow pay plead prove put quit read rebuild repay rid ride ring rise run saw say see
seek sell send set sew shake shed shine shoot show shrink shut sing sink sit slay sleep slide
sling slit smell speak speed spell spend spill spin spit split spoil spread spring stand steal
stick sting stink stride strike string strive swear sweep swell swim swing take teach tear tell
think throw thrust tread undergo understand undertake upset wake wear weave wed weep win wind
withdraw withhold withstand wring write can may will shall must ought dare"""
TAGS = ("VB", "VBD", "VBN", "VBG", "VBZ", "VBP", "NN", "NNS", "NNP", "NNPS", "JJR", "RBS")
UPOS = (None, "VERB", "NOUN", "PROPN", "ADJ", "ADV", "AUX")


@cache
def _whole() -> tuple[Lemmatizer, Inflections]:
    """lemminflect as it is on its own: both tables loaded whole on first use."""
    lemmatizer = object.__new__(Lemmatizer)
    lemmatizer.__init__()
    inflections = object.__new__(Inflections)
    inflections.__init__()
    return lemmatizer, inflections


def _dataset_words() -> set[str]:
    """Every word of the datasets' events and metrics (the events' titles, their outcomes, the
    metrics' labels: what the build asks lemminflect about), as split at spaces and as runs of
    letters, as written and in lower case."""
    files = [p for top in ("data", "tests/fixtures") for p in (ROOT / top).rglob("*")
             if p.name in ("events.yaml", "metrics.yaml", "charts.yaml")]
    assert len(files) > 40
    words: set[str] = set()
    for path in files:
        text = path.read_text(encoding="utf-8")
        words |= set(re.findall(r"[^\W\d_]+", text)) | set(text.split())
    return words | {w.lower() for w in words}


def _irregular_words() -> set[str]:
    _, inflections = _whole()
    found = set(IRREGULAR.split())
    for verb in IRREGULAR.split():
        for forms in inflections.getAllInflections(verb).values():
            found |= set(forms)
    return found | {w.capitalize() for w in found}


def test_every_word_of_both_tables_reads_as_lemminflect_loads_it() -> None:
    lemmatizer, inflections = _whole()
    for whole, table in ((lemmatizer._getLemmaDict(),
                          word_forms.WordTable(lemmatizer.lemma_lu_fn, word_forms._lemmas)),
                         (inflections._getInflDict(),
                          word_forms.WordTable(inflections.infl_lu_fn, word_forms._inflections,
                                               InflectionLUCodec.updateForAuxMod({})))):
        assert len(whole) > 30_000
        wrong = [w for w, entry in whole.items()
                 if list((table.get(w) or {}).items()) != list(entry.items())]
        assert wrong == []
        assert table.get("notawordatall") is None and table.get("") is None
        assert table.get("zzzz", {}) == {}


def test_every_form_of_the_irregular_verbs_answers_as_lemminflect() -> None:
    lemmatizer, inflections = _whole()
    words = sorted(_irregular_words())
    assert len(words) > 1000
    for word in words:
        for upos in UPOS:
            assert word_forms.getAllLemmas(word, upos) == lemmatizer.getAllLemmas(word, upos)
            if upos is not None:
                for oov in (True, False):
                    assert word_forms.getLemma(word, upos, lemmatize_oov=oov) == \
                        lemmatizer.getLemma(word, upos, oov), (word, upos, oov)
        for tag in TAGS:
            assert word_forms.getInflection(word, tag=tag) == \
                inflections.getInflection(word, tag), (word, tag)


def test_every_word_of_the_datasets_answers_as_lemminflect() -> None:
    """The calls report/ makes (happenings.py, event_verbs.py, figure_clauses.py), over every
    word of every dataset's events and metrics."""
    lemmatizer, inflections = _whole()
    words = sorted(_dataset_words())
    assert len(words) > 3000
    for word in words:
        assert word_forms.getAllLemmas(word) == lemmatizer.getAllLemmas(word)
        for upos in ("VERB", "NOUN"):
            assert word_forms.getAllLemmas(word, upos=upos) == \
                lemmatizer.getAllLemmas(word, upos)
        assert word_forms.getLemma(word, upos="VERB", lemmatize_oov=False) == \
            lemmatizer.getLemma(word, "VERB", False)
        assert word_forms.getLemma(word, upos="NOUN") == lemmatizer.getLemma(word, "NOUN")
        for tag in ("VBD", "VBZ"):
            assert word_forms.getInflection(word, tag=tag) == \
                inflections.getInflection(word, tag), (word, tag)


def test_lemminflect_reads_only_the_words_asked_for() -> None:
    """After the build's kind of calls, lemminflect's singletons hold the tables read per word,
    not the whole tables (which its own loader would have built)."""
    word_forms.getAllLemmas("withdraws", upos="VERB")
    word_forms.getInflection("withdraw", tag="VBD")
    for table, word in ((Lemmatizer().lemma_dict, "withdraws"),
                        (Inflections().infl_dict, "withdraw")):
        assert isinstance(table, word_forms.WordTable)
        assert word in table._read
