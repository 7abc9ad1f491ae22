"""Stage 3: turn clean sentences into (corrupted, clean) training pairs.

    python -m model.recipe.synthesize_errors --seed 1   # writes model/work/pairs-1.tsv

A rule-based corruption engine for learner and typing errors. Each family is a
function `(words, rng) -> bool` that edits a word list in place and says whether
it changed anything; `Corruptor` picks families by weight. Words carry their
trailing whitespace, so joining them gives back the exact sentence.
"""

from __future__ import annotations

import argparse
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

from lemminflect import getAllInflections, getAllLemmas, getInflection

from .paths import DATA_DIR, WORK

_TOKEN = re.compile(r"(\w+(?:['’]\w+)*|[^\w\s])(\s*)")


@dataclass
class Word:
    text: str
    space: str = " "


def split_words(sentence: str) -> list[Word]:
    return [Word(m.group(1), m.group(2)) for m in _TOKEN.finditer(sentence)]


def join_words(words: list[Word]) -> str:
    return "".join(w.text + w.space for w in words).strip()


def _match_case(new: str, old: str) -> str:
    if old[:1].isupper() and new:
        return new[0].upper() + new[1:]
    return new


def _is_word(w: Word) -> bool:
    return w.text[:1].isalpha()


def _indices(words, pred) -> list[int]:
    return [i for i, w in enumerate(words) if pred(w)]


def _replace(words: list[Word], i: int, new: str) -> None:
    words[i].text = _match_case(new, words[i].text)


# --- families -----------------------------------------------------------------

ARTICLES = ["a", "an", "the"]


def articles(words: list[Word], rng: random.Random) -> bool:
    """Insert, delete or swap a/an/the."""
    arts = _indices(words, lambda w: w.text.lower() in ARTICLES)
    op = rng.random()
    if arts and op < 0.45:
        i = rng.choice(arts)
        if i == 0 and len(words) > 1:
            words[1].text = _match_case(words[1].text, words[0].text)
        del words[i]
        return True
    if arts and op < 0.8:
        i = rng.choice(arts)
        old = words[i].text.lower()
        _replace(words, i, rng.choice([a for a in ARTICLES if a != old]))
        return True
    nouns = _indices(words, lambda w: _is_word(w) and "NOUN" in getAllLemmas(w.text.lower()))
    if not nouns:
        return False
    i = rng.choice(nouns)
    article = rng.choice(ARTICLES)
    if i == 0:  # "Dogs bark." -> "The dogs bark.", not "the Dogs bark."
        article = article.capitalize()
        if not words[0].text.isupper():
            words[0].text = words[0].text[0].lower() + words[0].text[1:]
    words.insert(i, Word(article))
    return True


PREPOSITIONS = ["in", "on", "at", "to", "for", "of", "with", "by", "from", "about", "into", "onto", "during", "over", "under", "than", "as"]


def prepositions(words: list[Word], rng: random.Random) -> bool:
    """Replace, delete or insert a preposition."""
    preps = _indices(words, lambda w: w.text.lower() in PREPOSITIONS)
    op = rng.random()
    if preps and op < 0.6:
        i = rng.choice(preps)
        _replace(words, i, rng.choice([p for p in PREPOSITIONS[:12] if p != words[i].text.lower()]))
        return True
    if preps and op < 0.85:
        del words[rng.choice(preps)]
        return True
    verbs = _indices(words, lambda w: _is_word(w) and "VERB" in getAllLemmas(w.text.lower()))
    if not verbs:
        return False
    words.insert(rng.choice(verbs) + 1, Word(rng.choice(PREPOSITIONS[:8])))
    return True


def verb_form(words: list[Word], rng: random.Random) -> bool:
    """Use the wrong form or tense of a verb (went -> go, going -> go, eaten -> ate)."""
    verbs = _indices(words, lambda w: _is_word(w) and "VERB" in getAllLemmas(w.text.lower()) and w.text.lower() not in AUX)
    if not verbs:
        return False
    i = rng.choice(verbs)
    old = words[i].text.lower()
    forms = {f for fs in getAllInflections(getAllLemmas(old)["VERB"][0], upos="VERB").values() for f in fs}
    forms.discard(old)
    if not forms:
        return False
    _replace(words, i, rng.choice(sorted(forms)))
    return True


AUX = {"is": "are", "are": "is", "was": "were", "were": "was", "has": "have", "have": "has", "does": "do", "do": "does", "am": "is"}


def agreement(words: list[Word], rng: random.Random) -> bool:
    """Break subject-verb agreement: is/are, was/were, has/have, goes/go."""
    aux = _indices(words, lambda w: w.text.lower() in AUX)
    if aux and rng.random() < 0.6:
        i = rng.choice(aux)
        _replace(words, i, AUX[words[i].text.lower()])
        return True
    third = []
    for i, w in enumerate(words):
        low = w.text.lower()
        lemmas = getAllLemmas(low).get("VERB")
        if low in AUX:  # handled above; "is" -> "be" would be a verb-form error, not agreement
            continue
        if lemmas and _is_word(w) and low != lemmas[0]:
            if low in getAllInflections(lemmas[0], upos="VERB").get("VBZ", ()):
                third.append((i, lemmas[0]))
        elif lemmas and low == lemmas[0] and i > 0 and words[i - 1].text.lower() in ("i", "you", "we", "they"):
            vbz = getInflection(low, "VBZ")
            if vbz:
                third.append((i, vbz[0]))
    if not third:
        return False
    i, new = rng.choice(third)
    _replace(words, i, new)
    return True


def noun_number(words: list[Word], rng: random.Random) -> bool:
    """Singular <-> plural nouns (apple -> apples, children -> child)."""
    cands = []
    for i, w in enumerate(words):
        if not _is_word(w) or w.text[0].isupper() and i > 0:
            continue
        low = w.text.lower()
        lemma = getAllLemmas(low).get("NOUN")
        if not lemma or "VERB" in getAllLemmas(low):
            continue
        infl = getAllInflections(lemma[0], upos="NOUN")
        other = infl.get("NN", ()) if low in infl.get("NNS", ()) and low != lemma[0] else infl.get("NNS", ())
        other = [o for o in other if o != low]
        if other:
            cands.append((i, other[0]))
    if not cands:
        return False
    i, new = rng.choice(cands)
    _replace(words, i, new)
    return True


KEYBOARD = {
    "q": "wa", "w": "qase", "e": "wsdr", "r": "edft", "t": "rfgy", "y": "tghu", "u": "yhji", "i": "ujko", "o": "iklp",
    "p": "ol", "a": "qwsz", "s": "awedxz", "d": "serfcx", "f": "drtgvc", "g": "ftyhbv", "h": "gyujnb", "j": "huikmn",
    "k": "jiolm", "l": "kop", "z": "asx", "x": "zsdc", "c": "xdfv", "v": "cfgb", "b": "vghn", "n": "bhjm", "m": "njk",
}
MISSPELLINGS = {
    "receive": "recieve", "believe": "beleive", "necessary": "neccessary", "separate": "seperate", "definitely": "definately",
    "occurred": "occured", "until": "untill", "which": "wich", "their": "thier", "because": "becuase", "beginning": "begining",
    "tomorrow": "tommorow", "government": "goverment", "environment": "enviroment", "address": "adress", "really": "realy",
    "different": "diffrent", "friend": "freind", "interesting": "intresting", "accommodation": "accomodation", "opinion": "oppinion",
    "embarrass": "embarass", "restaurant": "restaurent", "beautiful": "beatiful", "especially": "especialy", "success": "sucess",
    "business": "buisness", "experience": "experiance", "knowledge": "knowlege", "occasion": "ocasion", "recommend": "recomend",
    "writing": "writting", "would": "woud", "people": "peaple", "probably": "probaly", "finally": "finaly",
    "studying": "studing", "possible": "posible", "opportunity": "oportunity", "important": "importent",
    "developed": "develloped", "comfortable": "confortable", "language": "languaje", "problem": "problen",
    "everything": "everythig", "something": "somthing", "technology": "tecnology", "advertisement": "advertisment",
    "although": "altough", "whether": "wether", "responsible": "responsable",
    "independent": "independant", "convenient": "convinient", "disappointed": "dissapointed", "excellent": "excelent",
    "familiar": "familar", "immediately": "imediately", "necessarily": "necesarily", "recommended": "recomended",
    "successful": "succesful", "truly": "truely", "unfortunately": "unfortunatly", "with": "whit", "when": "wen",
    "what": "wat", "very": "vey", "there": "ther",
}


# Learner misspellings: how a word sounds rather than how it is written.
SOUND_ALIKE = [("ance", "ence"), ("ence", "ance"), ("ible", "able"), ("able", "ible"), ("ant", "ent"), ("ent", "ant"),
               ("tion", "sion"), ("ie", "ei"), ("ei", "ie"), ("ph", "f"), ("ck", "k"), ("c", "s"), ("ou", "o"),
               ("y", "i"), ("ly", "ley"), ("er", "or"), ("or", "er"), ("ea", "ee"), ("ee", "ea")]
VOWELS = "aeiou"


def _typo(w: str, rng: random.Random) -> str:
    """One typing slip: keyboard neighbour, transposition, deletion or doubling."""
    j = rng.randrange(1, len(w))
    op = rng.randrange(4)
    if op == 0 and w[j].lower() in KEYBOARD:
        return w[:j] + rng.choice(KEYBOARD[w[j].lower()]) + w[j + 1:]
    if op == 1 and j < len(w) - 1:
        return w[:j] + w[j + 1] + w[j] + w[j + 2:]
    if op == 2:
        return w[:j] + w[j + 1:]
    return w[:j] + w[j] + w[j:]


def _learner_slip(w: str, rng: random.Random) -> str:
    """One learner slip: a doubled letter made single (or the reverse), a vowel
    swapped for another, or a sound-alike ending (-ance/-ence, -ible/-able...)."""
    op = rng.randrange(3)
    if op == 0:
        doubles = [j for j in range(1, len(w) - 1) if w[j] == w[j + 1] and w[j].isalpha()]
        if doubles:
            j = rng.choice(doubles)
            return w[:j] + w[j + 1:]
        singles = [j for j in range(1, len(w) - 1) if w[j] not in VOWELS and w[j].isalpha() and w[j - 1] in VOWELS]
        if singles:
            j = rng.choice(singles)
            return w[:j] + w[j] + w[j:]
    if op == 1:
        vowels = [j for j in range(1, len(w)) if w[j] in VOWELS]
        if vowels:
            j = rng.choice(vowels)
            return w[:j] + rng.choice(VOWELS.replace(w[j], "")) + w[j + 1:]
    pairs = [(a, b) for a, b in SOUND_ALIKE if a in w[1:]]
    if pairs:
        a, b = rng.choice(pairs)
        k = w.index(a, 1)
        return w[:k] + b + w[k + len(a):]
    return _typo(w, rng)


def spelling(words: list[Word], rng: random.Random) -> bool:
    """Misspellings: a common learner misspelling, a learner slip (sound-alike
    letters, single/double letters) or a typing slip, now and then two in one word."""
    cands = _indices(words, lambda w: _is_word(w) and len(w.text) >= 3)
    if not cands:
        return False
    known = [i for i in cands if words[i].text.lower() in MISSPELLINGS]
    if known and rng.random() < 0.3:
        i = rng.choice(known)
        _replace(words, i, MISSPELLINGS[words[i].text.lower()])
        return True
    i = rng.choice(cands)
    w = words[i].text
    new = _learner_slip(w, rng) if rng.random() < 0.5 else _typo(w, rng)
    if len(new) >= 6 and rng.random() < 0.15:
        new = _typo(new, rng)
    if new.lower() == w.lower():
        return False
    words[i].text = new
    return True


CONFUSABLES = [
    ("their", "there", "they're"), ("its", "it's"), ("your", "you're"), ("then", "than"), ("to", "too", "two"),
    ("affect", "effect"), ("lose", "loose"), ("whose", "who's"), ("accept", "except"), ("advice", "advise"),
    ("quiet", "quite"), ("weather", "whether"), ("where", "were", "wear"), ("hear", "here"), ("know", "no"),
    ("of", "off"), ("buy", "by"), ("piece", "peace"), ("passed", "past"), ("principal", "principle"),
    ("economic", "economical"), ("fun", "funny"), ("make", "do"), ("say", "tell"), ("much", "many"),
    ("little", "few"), ("fewer", "less"), ("since", "for"), ("lend", "borrow"), ("learn", "teach"),
]
_CONFUSE = {w: group for group in CONFUSABLES for w in group}


def confusables(words: list[Word], rng: random.Random) -> bool:
    """Homophones and confusable words: their/there/they're, then/than, affect/effect..."""
    cands = _indices(words, lambda w: w.text.lower() in _CONFUSE)
    if not cands:
        return False
    i = rng.choice(cands)
    low = words[i].text.lower()
    _replace(words, i, rng.choice([w for w in _CONFUSE[low] if w != low]))
    return True


def punctuation(words: list[Word], rng: random.Random) -> bool:
    """Drop, add or change commas and end punctuation."""
    commas = _indices(words, lambda w: w.text == ",")
    op = rng.random()
    if commas and op < 0.4:
        i = rng.choice(commas)
        if i > 0:
            words[i - 1].space = words[i].space
        del words[i]
        return True
    if op < 0.6 and len(words) > 1 and words[-1].text in ".!?":
        if rng.random() < 0.7:
            del words[-1]
        else:
            words[-1].text = rng.choice([t for t in ".!?," if t != words[-1].text])
        return True
    gaps = [i for i in range(1, len(words) - 1) if _is_word(words[i]) and _is_word(words[i + 1])]
    if not gaps:
        return False
    i = rng.choice(gaps)
    words[i].space = ""
    words.insert(i + 1, Word(",", " "))
    return True


def capitalization(words: list[Word], rng: random.Random) -> bool:
    """Lower-case the first word, "I" or a proper noun; or capitalize a common word."""
    op = rng.random()
    if op < 0.4 and words and words[0].text[:1].isupper():
        words[0].text = words[0].text[0].lower() + words[0].text[1:]
        return True
    caps = [i for i in range(1, len(words)) if words[i].text[:1].isupper() and _is_word(words[i]) and words[i - 1].text not in ".!?\"“"]
    if op < 0.8 and caps:
        i = rng.choice(caps)
        words[i].text = words[i].text[0].lower() + words[i].text[1:]
        return True
    lows = [i for i in range(1, len(words)) if words[i].text[:1].islower()]
    if not lows:
        return False
    i = rng.choice(lows)
    words[i].text = words[i].text[0].upper() + words[i].text[1:]
    return True


FILLERS = ["the", "a", "to", "is", "of", "that", "it", "very", "and", "for", "be", "have", "more", "so", "there"]


def missing_extra(words: list[Word], rng: random.Random) -> bool:
    """Delete a word, insert a stray one, or duplicate one ("the the")."""
    cands = _indices(words, _is_word)
    if not cands:
        return False
    i = rng.choice(cands)
    op = rng.random()
    if op < 0.4 and len(cands) > 3:
        del words[i]
    elif op < 0.75:
        words.insert(i, Word(rng.choice(FILLERS)))
    else:
        words.insert(i, Word(words[i].text, " "))  # "the the", "London London"
    return True


def word_order(words: list[Word], rng: random.Random) -> bool:
    """Swap two neighbouring words."""
    pairs = [i for i in range(len(words) - 1) if _is_word(words[i]) and _is_word(words[i + 1])]
    if not pairs:
        return False
    i = rng.choice(pairs)
    a, b = words[i].text, words[i + 1].text
    if i == 0:
        a, b = a[0].lower() + a[1:] if a != "I" else a, _match_case(b, a)
    words[i].text, words[i + 1].text = b, a
    return True


CONTRACTIONS = {"it's": "its", "don't": "dont", "can't": "cant", "won't": "wont", "doesn't": "doesnt", "i'm": "im",
                "didn't": "didnt", "isn't": "isnt", "you're": "youre", "that's": "thats", "i've": "ive", "they're": "theyre"}


def _possessive_apostrophe(words: list[Word], i: int) -> bool:
    """A lone apostrophe glued to a plural ("parents' house"), not a single quotation mark."""
    return i > 0 and words[i - 1].text.endswith("s") and not words[i - 1].space and bool(words[i].space)


def apostrophes(words: list[Word], rng: random.Random) -> bool:
    """Drop or misplace apostrophes: don't -> dont, John's -> Johns, its -> it's."""
    cands = [i for i, w in enumerate(words)
             if (w.text in ("'", "’") and _possessive_apostrophe(words, i))
             or len(w.text) > 1 and ("'" in w.text or "’" in w.text)
             or w.text.lower() in ("its", "whose")]
    if not cands:
        return False
    i = rng.choice(cands)
    w = words[i].text
    low = w.lower().replace("’", "'")
    if low in CONTRACTIONS:
        _replace(words, i, CONTRACTIONS[low])
    elif low == "its":
        _replace(words, i, "it's")
    elif low == "whose":
        _replace(words, i, "who's")
    elif w.replace("'", "").replace("’", ""):
        words[i].text = w.replace("'", "").replace("’", "")
    else:  # a lone apostrophe ("parents' house"): drop the token, not just its text
        if i > 0:
            words[i - 1].space = words[i - 1].space or words[i].space
        del words[i]
    return True


_MODALS = {"could", "would", "should", "must", "might", "may"}
_SINGULAR = {"he", "she", "it", "everyone", "someone", "nobody"}
_PAST_TIME = re.compile(r"\b(?:yesterday|last (?:night|week|year|month|summer|time)|ago)\b", re.IGNORECASE)


def fluent_slips(words: list[Word], rng: random.Random) -> bool:
    """What fluent writers slip into: "could have" -> "could of", "she doesn't" -> "she
    don't", and a past verb in a sentence set in the past by "yesterday", "last week" or
    "ago" written in the present ("went" -> "go")."""
    low = [w.text.lower().replace("’", "'") for w in words]
    cands = [("of", i) for i in range(1, len(words)) if low[i] == "have" and low[i - 1] in _MODALS]
    cands += [("of", i) for i, t in enumerate(low) if t.endswith("'ve") and t[:-3] in _MODALS]
    cands += [("don't", i) for i in range(1, len(words)) if low[i] == "doesn't" and low[i - 1] in _SINGULAR]
    if _PAST_TIME.search(join_words(words)):
        for i, t in enumerate(low):
            base = getAllLemmas(t, upos="VERB").get("VERB", ("",))[0] if t.isalpha() else ""
            if base and base != t and getInflection(base, tag="VBD")[:1] == (t,) and t not in ("was", "were"):
                cands.append((base, i))
    if not cands:
        return False
    new, i = rng.choice(cands)
    if new == "of" and low[i].endswith("'ve"):  # "could've" -> "could of"
        words[i].text = words[i].text[:-3] + " of"
    else:
        _replace(words, i, new)
    return True


# Homophones and near-homophones that fluent writers type without noticing (a sound-alike,
# not a learner's choice of word): "their" for "there", "its" for "it's", "then" for "than".
HOMOPHONES = [
    ("their", "there", "they're"), ("its", "it's"), ("your", "you're"), ("then", "than"), ("too", "to"),
    ("affect", "effect"), ("affected", "effected"), ("lose", "loose"), ("whose", "who's"), ("led", "lead"),
    ("principal", "principle"), ("accept", "except"), ("weather", "whether"), ("here", "hear"),
    ("passed", "past"), ("an", "and"), ("breath", "breathe"), ("choose", "chose"), ("cite", "site", "sight"),
    ("complement", "compliment"), ("desert", "dessert"), ("stationary", "stationery"), ("were", "where", "we're"),
    ("everyday", "every day"), ("allowed", "aloud"),
]
_HOMOPHONE = {w: group for group in HOMOPHONES for w in group}
# One-way usage slips: the wrong form is common, its reverse is not ("less people").
USAGE = {"fewer": "less", "regardless": "irregardless", "supposed": "suppose", "used": "use"}
# "to" is so frequent that picking it as often as the rest would swamp the family.
_COMMON = {"to": 0.15, "and": 0.05, "were": 0.4}


def homophones(words: list[Word], rng: random.Random) -> bool:
    """A sound-alike for the right word: "there" -> "their", "than" -> "then", "it's" ->
    "its", "an hour" -> "and hour", or a one-way usage slip ("fewer" -> "less",
    "supposed to" -> "suppose to")."""
    low = [w.text.lower().replace("’", "'") for w in words]
    cands = [i for i, t in enumerate(low) if t in _HOMOPHONE and rng.random() < _COMMON.get(t, 1.0)]
    cands += [i for i, t in enumerate(low) if t in USAGE and (t not in ("supposed", "used") or low[i + 1:i + 2] == ["to"])]
    if not cands:
        return False
    i = rng.choice(cands)
    t = low[i]
    new = USAGE[t] if t in USAGE else rng.choice([w for w in _HOMOPHONE[t] if w != t])
    if " " in new:  # "everyday" -> "every day": two tokens
        first, second = new.split(" ")
        _replace(words, i, first)
        words.insert(i + 1, Word(second, words[i].space))
        words[i].space = " "
    else:
        _replace(words, i, new)
    return True


_SG_AUX = {"is": "are", "was": "were", "has": "have"}
_PL_AUX = {v: k for k, v in _SG_AUX.items()}
_LINKS = {"of", "in", "on", "for", "with", "from", "at", "by", "that", "which", "who", "about"}


def _noun_number(word: str) -> str | None:
    """"sg" or "pl" for a noun whose form says its number ("item", "items"); None otherwise."""
    lemma = getAllLemmas(word).get("NOUN")
    if not lemma or not word.isalpha():
        return None
    infl = getAllInflections(lemma[0], upos="NOUN")
    sg, pl = word in infl.get("NN", ()), word in infl.get("NNS", ())
    return "sg" if sg and not pl else "pl" if pl and not sg else None


def clause_agreement(words: list[Word], rng: random.Random) -> bool:
    """Agreement with the nearest noun instead of the subject: "The list of items is long"
    -> "are", "The members of the team are" -> "is" (a verb after a phrase "of/in/that ...
    NOUN" takes the number of that noun)."""
    low = [w.text.lower() for w in words]
    cands = []
    for j in range(3, len(words)):
        if low[j] not in _SG_AUX and low[j] not in _PL_AUX:
            continue
        if not any(low[k] in _LINKS for k in range(max(1, j - 4), j - 1)):
            continue
        number = _noun_number(low[j - 1])
        if number == "pl" and low[j] in _SG_AUX:
            cands.append((j, _SG_AUX[low[j]]))
        elif number == "sg" and low[j] in _PL_AUX:
            cands.append((j, _PL_AUX[low[j]]))
    if not cands:
        return False
    j, new = rng.choice(cands)
    _replace(words, j, new)
    return True


def a_an(words: list[Word], rng: random.Random) -> bool:
    """The wrong form of the indefinite article: "an" for "a" and the reverse."""
    cands = [i for i in range(len(words) - 1) if words[i].text.lower() in ("a", "an") and _is_word(words[i + 1])]
    if not cands:
        return False
    i = rng.choice(cands)
    _replace(words, i, "an" if words[i].text.lower() == "a" else "a")
    return True


SMALL_WORDS = ["the", "a", "to", "of", "is", "and", "in", "that", "it", "for", "be", "on", "as", "with", "was", "are"]


def small_words(words: list[Word], rng: random.Random) -> bool:
    """A small word typed twice ("the the", "to to") or left out ("I want go"): what a
    fluent writer's fast typing does, unlike missing_extra's random inserts."""
    cands = [i for i in range(1, len(words)) if words[i].text.lower() in SMALL_WORDS]
    if not cands:
        return False
    i = rng.choice(cands)
    if rng.random() < 0.5:
        words.insert(i, Word(words[i].text, " "))
    else:
        del words[i]
    return True


FAMILIES = {
    "articles": (articles, 14),
    "prepositions": (prepositions, 12),
    "verb_form": (verb_form, 11),
    "agreement": (agreement, 9),
    "noun_number": (noun_number, 9),
    "spelling": (spelling, 24),
    "confusables": (confusables, 7),
    "punctuation": (punctuation, 10),
    "capitalization": (capitalization, 5),
    "missing_extra": (missing_extra, 6),
    "word_order": (word_order, 2),
    "apostrophes": (apostrophes, 4),
    "fluent_slips": (fluent_slips, 3),
    # Fluent writers' slips: weight 0 in the default (learner-like) mixture, so that it makes
    # the pairs it made before; MIXES["fluent"] weighs them up.
    "homophones": (homophones, 0),
    "clause_agreement": (clause_agreement, 0),
    "a_an": (a_an, 0),
    "small_words": (small_words, 0),
}

# Family weights and the share of unchanged sentences per mixture. "fluent" (issues 19, 20):
# the slips of people who write well, few learner errors, and half the sentences unchanged,
# so that the model also learns to leave fine sentences alone (it inserted articles and
# commas into native text). The learner pairs (W&I, FCE) still come in through train.py.
MIXES = {
    "learner": (0.3, {k: w for k, (_, w) in FAMILIES.items()}),
    "fluent": (0.5, {"homophones": 14, "apostrophes": 8, "fluent_slips": 8, "clause_agreement": 6, "a_an": 4,
                     "small_words": 7, "confusables": 3, "spelling": 16, "capitalization": 5, "punctuation": 3,
                     "agreement": 5, "verb_form": 3, "articles": 3, "prepositions": 2, "noun_number": 3,
                     "missing_extra": 2, "word_order": 1}),
}


@dataclass
class Corruptor:
    """Corrupt sentences with tunable family weights; `keep` of them stay unchanged."""

    keep: float = 0.3
    weights: dict[str, float] = field(default_factory=lambda: {k: w for k, (_, w) in FAMILIES.items()})
    # Probability of 1, 2, 3, 4 errors in a corrupted sentence.
    counts: tuple[float, ...] = (0.45, 0.3, 0.15, 0.1)

    def __call__(self, sentence: str, rng: random.Random) -> str:
        if rng.random() < self.keep:
            return sentence
        words = split_words(sentence)
        names = list(self.weights)
        target = rng.choices(range(1, len(self.counts) + 1), self.counts)[0]
        done = 0
        for _ in range(target * 3):
            fn = FAMILIES[rng.choices(names, [self.weights[n] for n in names])[0]][0]
            done += fn(words, rng)
            if done >= target or not words:
                break
        return join_words(words) or sentence


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--mix", choices=sorted(MIXES), default="learner", help="family weights (MIXES)")
    ap.add_argument("--keep", type=float, help="fraction of sentences left unchanged (default: the mix's)")
    ap.add_argument("--skip", type=int, default=0, help="start at this line of the input")
    ap.add_argument("--lines", type=int, help="corrupt at most this many lines")
    ap.add_argument("--input", type=Path, default=DATA_DIR / "clean_train.txt")
    ap.add_argument("--out", type=Path)
    args = ap.parse_args()
    out = args.out or WORK / f"pairs-{args.seed}.tsv"
    rng = random.Random(args.seed)
    keep, weights = MIXES[args.mix]
    corrupt = Corruptor(keep=keep if args.keep is None else args.keep, weights=dict(weights))
    n = 0
    with open(args.input, encoding="utf-8") as f, open(out, "w", encoding="utf-8") as g:
        for number, line in enumerate(f):
            if number < args.skip:
                continue
            if args.lines is not None and n >= args.lines:
                break
            clean = line.strip()
            if clean:
                g.write(f"{corrupt(clean, rng)}\t{clean}\n")
                n += 1
    print(f"{n} pairs -> {out}")


if __name__ == "__main__":
    main()
