"""English: word lists (words.py), the model edits' messages (categories.py) and the rules
(rules.py), in the order the pipeline runs them around the model."""

from .. import Language
from . import rules
from .categories import classify
from .words import ABBREVIATIONS, BEFORE_OF, CONTRACTED, FUNCTION_WORDS, JOINED

LANGUAGE = Language(
    tag="en",
    function_words=FUNCTION_WORDS,
    contracted=CONTRACTED,
    compounds=JOINED,
    compounds_not_before={k: "of" for k in BEFORE_OF},
    abbreviations=frozenset(ABBREVIATIONS),
    messages={
        "misspelled": "“{old}” looks misspelled. Did you mean “{new}”?",
        "split": "“{old}” is two words: “{new}”.",
        "joined": "“{old}” is one word: “{new}”.",
    },
    classify=classify,
    rules_before_model=(rules.capital_first_word, rules.linking_comma, rules.names, rules.pronoun_i, rules.a_an,
                        rules.confusables, rules.grammar, rules.typography, rules.phrases, rules.compounds),
    rules_after_model=(rules.agreement, rules.clause_comma, rules.sound_alikes),
)
