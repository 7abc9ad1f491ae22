"""Fixed rules for errors the model leaves behind.

- The pronoun "i" (and "i'm", "i've", "i'll", "i'd") is always written "I". The model
  fixes it in most sentences but not all ("After that i studied in more depth").
- "a" or "an" goes by the next word's first sound ("a idea" -> "an idea").
- A sentence that opens with a linking adverbial ("However", "For example", "In addition",
  "On the other hand") takes a comma after it. Not when the phrase is a preposition
  here ("In addition to the cost", "As a result of the storm", "However much it costs").
  "So" and "Also" are left out: measured on JFLEG and BEA-2019 dev, annotators add the
  comma there too seldom for the rule to gain (MODEL_CARD.md, "Rules").
- Number and agreement after a few fixed words, which the model misses most of the time:
  "many subject", "one of the reason", "a lot of place" (plural), "a products", "every
  details" (singular), "he enjoy", "it produce" (-s). These are proposals only: the model
  decides (Checker._proposed), keeping one if it finds the change at most `margin` nats
  less likely than the word as written, at the first token where they differ. It rejects
  "many people" -> "peoples" (-14 nats), "a lot of time" -> "times" (-5.5), "he found" ->
  "founds" (-8.7), and right proposals mostly score above -5 (MODEL_CARD.md, "Rules").
  A proposal needs the next word to show that the word is the one counted ("these
  subject." but not "many musical events").

- A sentence that opens with a subordinate clause ("When the concert finished I felt...")
  takes a comma where the clause ends. The rule offers every word boundary of a sentence
  that opens with "if", "when", "although"... and has no comma; the model picks the one
  it likes best and the comma goes in if its margin is at least CLAUSE_COMMA_MARGIN.
  "Because" is left out: learners open fragments with it ("Because you can watch it").

- The slips of fluent writers (confusables.py: "their are", "could of", "its a", "she
  dont", "He go to school yesterday"): proposals found by the words around one word, kept
  when certain or when the model's margin reaches the family's bar (`confusables`). They
  run before the model, so that it reads the sentence as meant ("could of done" was
  rewritten "could give").

- Verb forms and agreement (grammar.py: "Does they know?", "it can noticed", "I must to
  go", "enjoy to swim", "between him and I", "in 1990s", "the information are", "most of
  students", "the biggest than"), judged the same way (`grammar`).

- Typing slips (typography.py: "the the", "nice , but", "late.We", "twenty one") and
  wrong or padded phrases (phrases.py: "return back", "informations", "I afraid", "they
  was", "don't know nothing", "more easier", "for all intensive purposes", "a two hour
  drive"), each family with its own rule id, certain or judged by the model as the
  confusables are (`_judged`).

- Compounds written the wrong way (compounds.py: "to login", "we run everyday", "it
  maybe true"): certain, before the model. Words that sound like the one meant
  (sound_alike.py: "the break pedal", "a witch is why") and compounds written apart
  that may be right apart (closed_compounds.txt: "an other"; those today's text never
  splits, "out side", are certain, in compounds.py), after the model: kept if the model prefers the
  change both ways (`sound_alikes`).

The first three run on the sentence before the model, the proposals on its output.
Each stage takes a pipeline.Sentence and returns its Edits, each with its own message.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ...edits import Edit
from ...regions import in_code
from .compounds import closed_proposals
from .compounds import proposals as compound_proposals
from .confusables import proposals as confusable_proposals
from .context import COMMON
from .grammar import proposals as grammar_proposals
from .phrases import proposals as phrase_proposals
from .sound_alike import PRE_BAR as SOUND_ALIKE_PRE_BAR
from .sound_alike import proposals as sound_alike_proposals
from .typography import proposals as typography_proposals
from .words import FUNCTION_WORDS

# "i" alone: not part of a word, an abbreviation or a list marker ("i.e.", "(i)", "i-th").
_I = re.compile(r"(?<![\w'’.\-(/@])i(?=(?:['’](?:m|ve|ll|d))?(?![\w'’.\-)/@]))")

LINKING = (
    "however", "therefore", "moreover", "furthermore", "finally", "firstly", "secondly", "thirdly", "lastly",
    "additionally", "consequently", "nevertheless", "nonetheless", "unfortunately", "fortunately",
    "meanwhile", "personally", "hence", "thus", "of course", "for example", "for instance", "in addition",
    "in conclusion", "in my opinion", "in short", "in summary", "on the other hand", "as a result",
    "to sum up", "in other words", "first of all", "to conclude", "in general", "in fact",
)
# A next word that makes the phrase part of the clause: "In addition to", "As a result of",
# "However much", "Thus far", "In general terms" is rare enough to leave.
_NOT_AFTER = {"to", "of", "for", "than", "as", "that", "much", "many", "few", "little", "long", "hard", "often", "far",
              "well", "soon"}
_NOT_AFTER_ANY = {"to", "of", "for", "than", "as", "that"}
_LINKING = re.compile(r"^([\"'“‘(]*)(" + "|".join(sorted(LINKING, key=len, reverse=True)).replace(" ", r"\s+")
                      + r")(\s+)([A-Za-z][\w'’-]*)", re.IGNORECASE)


def pronoun_i(s) -> list[Edit]:
    """The pronoun "i" capitalised."""
    return [Edit(m.start(), m.end(), ("I",), "capitalization", "Write the pronoun “I” with a capital letter.",
                 "rule", "en.pronoun_i") for m in _I.finditer(s.text)]


def linking_comma(s) -> list[Edit]:
    """A comma after an opening linking adverbial that lacks one ("However we" -> "However, we")."""
    m = _LINKING.match(s.text) if s.starts else None
    if not m:
        return []
    phrase, nxt = m.group(2).lower(), m.group(4).lower()
    if nxt in (_NOT_AFTER if phrase in ("however", "thus") else _NOT_AFTER_ANY):
        return []
    last = m.start(2) + m.group(2).rfind(" ") + 1  # the phrase's last word carries the comma
    word = s.text[last:m.end(2)]
    return [Edit(last, m.end(2), (word + ",",), "punctuation", f"Add a comma after “{m.group(2)}”.", "rule",
                 "en.linking_comma")]


def capital_first_word(s) -> list[Edit]:
    """A sentence's lower-case first word capitalised, if it is an English word
    ("because" -> "Because"; not "npm", "e.g.", "iPhone")."""
    m = _FIRST_WORD.match(s.text) if s.starts else None
    counts = s.lexicon.counts
    if not m or (counts is not None and m.group(1) not in counts) or (len(m.group(1)) == 1 and m.group(1) not in "ai"):
        return []
    word = m.group(1)
    new = word[0].upper() + word[1:]
    return [Edit(m.start(1), m.end(1), (new,), "capitalization", f"Start the sentence with a capital letter: “{new}”.",
                 "rule", "en.capital_first_word")]


def names(s) -> list[Edit]:
    """Words always written with a capital (capitalised.txt: "london" -> "London"), except
    as parts of code, addresses or longer tokens ("london-based", "paris.txt")."""
    text, out = s.text, []
    for m in _NAME.finditer(text) if s.lexicon.capitalised else ():
        word, start, end = m.group(), m.start(), m.end()
        glued = (start and text[start - 1] in "'’-") or (end < len(text) and text[end] in "'’-")
        if word in s.lexicon.capitalised and not glued and not in_code(text, start, end):
            new = word.capitalize()
            out.append(Edit(start, end, (new,), "capitalization", f"Write “{new}” with a capital letter.", "rule",
                            "en.names"))
    return out


_NAME = re.compile(r"(?<![^\W_])[a-z]{3,}(?![^\W_])")  # a whole word: not "dora" in "Fédora"
_FIRST_WORD = re.compile(r"[\"'“‘(\[]*([a-z]+)(?=[\s,;:!?]|\.(?!\w)|$)")


_WORDS = r"\s+([a-z]+)\b(?=\s*([A-Za-z']*))"  # the word, then a look at the next one
# (pattern, form, margin): each family finds a word and proposes `form(word)`.
_QUANTIFIED = re.compile(r"\b(?:many|several|various|numerous|these|those|both|few)" + _WORDS, re.IGNORECASE)
_ONE_OF = re.compile(r"\bone\s+of\s+(?:the|my|his|her|its|our|your|their|these|those)" + _WORDS, re.IGNORECASE)
_LOT_OF = re.compile(r"\b(?:a\s+lot|lots|plenty)\s+of" + _WORDS, re.IGNORECASE)
# Not "one": as a pronoun it takes a verb ("one tends to").
_ONE = re.compile(r"\b(?:a|an|every|each|another)" + _WORDS, re.IGNORECASE)
# An adverb may stand between subject and verb: "she also need", "he usually bring".
_SUBJECT_ADVERBS = ("also", "just", "usually", "always", "often", "never", "really", "only", "still", "sometimes",
                    "even", "already", "generally", "mainly", "rarely", "seldom", "actually", "normally", "simply")
_SUBJECT = re.compile(r"(?<![\w'’])(?:he|she|it|everyone|everybody|someone|somebody|nobody|anyone|anybody)"
                      r"(?:\s+(?:" + "|".join(_SUBJECT_ADVERBS) + "))?" + _WORDS, re.IGNORECASE)
# Numbers two and up count a plural: "two day" -> "two days" (not "two hundred", "twenty one").
_NUMBER = re.compile(r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
                     r"hundred|thousand)" + _WORDS, re.IGNORECASE)
_NOT_COUNTED_BY_NUMBER = {"one", "hundred", "thousand", "million", "billion", "dozen", "percent", "score", "fold", "and",
                          "or", "times", "o", "people", "fish", "sheep", "deer", "staff", "police", "cattle"}
_AFTER_MODAL_NEED = {"not", "n't", "hardly", "scarcely", "only", "never", "be", "have", "do", "say", "go"}
_INVERTING = frozenset("is are was were am do does did have has had can could will would shall should may might must "
                       "isn't aren't wasn't weren't don't doesn't didn't haven't hasn't can't couldn't won't wouldn't "
                       "shouldn't".split())
# After a counted noun, not after a verb ("five exceed the others", "the two differ only").
_AFTER_COUNTED = {"", "ago", "later", "earlier", "in", "on", "at", "for", "from", "to", "with", "before", "after", "each",
                  "long", "old"}  # not "and": "five warm and four cool colours"
# "they" and "I" take the base form: "they needs" -> "they need". Not "we", "you" ("we
# students", "you guys"), nor "I" after a name ("Charles I reigns").
_PLURAL_SUBJECT = re.compile(r"(?<![\w'’])(?:[Tt]hey|I)(?:\s+(?:" + "|".join(_SUBJECT_ADVERBS) + "))?" + _WORDS)
_ARTICLE = re.compile(r"\b([Aa]n?)\s+([a-z]+)\b")
# Vowel letters that sound like consonants ("a one-off", "a university", "a European") and
# silent h ("an hour"): the article goes by sound, not letter.
_CONSONANT_SOUND = ("one", "once", "uni", "unan", "use", "usu", "ura", "uri", "ubi", "uti", "uto", "eu", "ewe", "ut")
_VOWEL_SOUND = ("hour", "honest", "honou", "honor", "heir")
# "make it work", "did he go", "can she come": the pronoun is an object, or the verb's form is set.
_VERB_SET_BEFORE = frozenset("let lets make makes made help helps see sees saw watch hear heard have has had feel felt "
                             "do does did can could will would shall should may might must doesn't don't didn't "
                             "can't cannot couldn't won't wouldn't shouldn't mustn't".split())
_IRREGULAR = {"have": "has", "do": "does", "go": "goes", "need": "needs"}
# Verbs whose past is their base: after "he" they are the past ("he put it there").
_PAST_AS_BASE = frozenset("put cut set hit let shut hurt cost quit spread read bet burst cast upset beat fit split "
                          "thrust shed slit rid".split())
# Words after which "it" starts a clause (and so is a subject): "so it go", "that it work".
_CLAUSE_OPENERS = frozenset("and but or so because if when that since though although while as then now why how "
                            "where what whether until unless once".split())


_CLAUSE = re.compile(r"^\W*(?:if|when|whenever|although|though|even though|even if|since|while|after|before|once|"
                     r"unless|as soon as|as long as)\s", re.IGNORECASE)
CLAUSE_COMMA_MARGIN = -2.5


def clause_comma_positions(sentence: str) -> list[int]:
    """Where a comma could end the opening subordinate clause of `sentence` (after each word
    from the clause's second to the third-last), or none if it has no such clause or
    already has a comma or semicolon."""
    m = _CLAUSE.match(sentence)
    if not m or "," in sentence or ";" in sentence:
        return []
    words = list(re.finditer(r"\S+", sentence))
    first = len(m.group().split())  # the subordinator's words
    return [w.end() for w in words[first + 1: len(words) - 2] if w.group()[-1].isalnum()]


def plural(word: str, lexicon: Mapping[str, int]) -> str | None:
    """The plural of a singular noun `word`, if both are common words of the lexicon."""
    if word.endswith("s") or lexicon.get(word, 0) < COMMON:
        return None
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        form = word[:-1] + "ies"
    else:
        form = word + ("es" if word.endswith(("ch", "sh", "x", "z")) else "s")
    return form if lexicon.get(form, 0) >= COMMON else None


def singular(word: str, lexicon: Mapping[str, int]) -> str | None:
    """The singular of a plural noun `word` ("products", "countries"), if both are common."""
    if not word.endswith("s") or word.endswith(("us", "ss", "is")) or word in FUNCTION_WORDS:
        return None
    stems = ([word[:-3] + "y"] if word.endswith("ies") else []) + ([word[:-2]] if word.endswith("es") else []) + [word[:-1]]
    return next((s for s in stems if len(s) > 2 and plural(s, lexicon) == word), None)


def third_person(verb: str, lexicon: Mapping[str, int]) -> str | None:
    """The -s form of a base verb ("enjoy" -> "enjoys", "teach" -> "teaches", "have" -> "has")."""
    if verb in _IRREGULAR:
        return _IRREGULAR[verb]
    if verb in FUNCTION_WORDS:
        return None
    form = plural(verb, lexicon)  # the same spelling rules, "o" aside
    if verb.endswith("o") and lexicon.get(verb + "es", 0) >= COMMON:
        form = verb + "es"
    return form


def base_verb(verb: str, lexicon: Mapping[str, int]) -> str | None:
    """The base of an -s verb ("needs" -> "need", "goes" -> "go"): the word whose
    third_person form it is."""
    if verb in ("goes", "does", "has"):
        return {"goes": "go", "does": "do", "has": "have"}[verb]
    if verb.endswith(("wards", "ways")):
        return None  # "I afterwards went"
    return singular(verb, lexicon)


FAMILIES = (  # (rule id, pattern, form, margin in nats, message)
    ("en.plural_after_quantifier", _QUANTIFIED, plural, -6.0, "Use the plural “{new}” after “{trigger}”."),
    ("en.plural_after_one_of", _ONE_OF, plural, -6.0, "Use the plural “{new}” after “one of”."),
    ("en.plural_after_lot_of", _LOT_OF, plural, -5.0, "Use the plural “{new}” after “{trigger}”."),  # "a lot of time" -> "times": -5.5
    ("en.singular_after_one", _ONE, singular, -7.0, "Use the singular “{new}” after “{trigger}”."),
    ("en.third_person_s", _SUBJECT, third_person, -5.0, "Use “{new}”: the subject “{trigger}” is singular."),
    ("en.plural_after_number", _NUMBER, plural, -6.0, "Use the plural “{new}” after “{trigger}”."),
    ("en.base_after_plural_subject", _PLURAL_SUBJECT, base_verb, -5.0, "Use “{new}” with the subject “{trigger}”."),
)


def proposals(sentence: str, lexicon: Mapping[str, int]) -> list[tuple[int, int, str, float, str, str]]:
    """(start, end, replacement, margin, rule id, message) for each word a family flags, in
    order, one per word."""
    found: dict[int, tuple[int, int, str, float, str, str]] = {}
    for rule, pattern, form, margin, message in FAMILIES:
        for m in pattern.finditer(sentence):
            word, following = m.group(1), m.group(2).lower()
            if not word.islower() or word == "other" or m.start(1) in found or sentence[m.end(1):m.end(1) + 1] == "-":
                continue  # "he co-founded": part of a longer word
            if pattern is _PLURAL_SUBJECT:
                before = re.findall(r"[A-Za-z']+", sentence[:m.start()])[-1:]
                if m.group()[0] == "I" and before and before[0][:1].isupper() and sentence[:m.start()].rstrip()[-1:].isalpha():
                    continue  # "Charles I reigns"
                if before and before[0].lower() in _INVERTING:
                    continue  # "Were they lovers?": a question; the word is not the verb
            elif pattern is _NUMBER:
                if word in _NOT_COUNTED_BY_NUMBER | FUNCTION_WORDS or following not in _AFTER_COUNTED \
                        or sentence[m.end(1):m.end(1) + 1] in ("‐", "–") or re.match(r"\s*\d", sentence[m.end(1):]) \
                        or re.search(r"\b(?:a|an|the)\s+$", sentence[:m.start()], re.IGNORECASE):
                    continue  # "two hundred.", "two year-end titles", "the two differ only", "the five year, $2 billion plan"
            elif pattern is _SUBJECT:
                before = re.findall(r"[A-Za-z']+", sentence[:m.start()])[-1:]
                if before and before[0].lower() in _VERB_SET_BEFORE | _INVERTING or word in _PAST_AS_BASE \
                        or word == "need" and following in _AFTER_MODAL_NEED or word.endswith("ing"):
                    continue  # "make it work"; "he put it there" is the past; "is he going"; "he need not"
                if m.group().lower().startswith("it") and before and before[0].lower() not in _CLAUSE_OPENERS \
                        and not re.search(r"[,;:]\s*$", sentence[:m.start()]):
                    continue  # "Cut it short": "it" after a verb is its object
            elif following and (following not in FUNCTION_WORDS or following in ("and", "or") and pattern is not _ONE):
                continue  # "many musical events", "these chest and abdominal operations": the next word is counted
            if pattern is _ONE and m.group()[0] == "A" and sentence[:m.start()].strip():
                continue  # "Division A teams": a letter naming something
            if (new := form(word, lexicon)) and new != word:
                trigger = " ".join(sentence[m.start():m.start(1)].split()[:None if pattern is _LOT_OF else 1])
                found[m.start(1)] = (m.start(1), m.end(1), new, margin, rule, message.format(new=new, trigger=trigger))
    return sorted(found.values())


def agreement(s) -> list[Edit]:
    """The proposals the model finds at most their family's margin less likely than the
    word as written (min_margin raises or lowers every bar, as it does the model's own)."""
    counts = s.lexicon.counts
    out = []
    for start, end, new, bar, rule, message in proposals(s.text, counts) if counts else []:
        margin = s.margin(start, end, new)
        if margin >= bar + s.min_margin:
            out.append(Edit(start, end, (new,), "grammar", message, "rule", rule, (("margin", margin), ("bar", bar))))
    return out


def clause_comma(s) -> list[Edit]:
    """At a sentence's start, a comma after an opening subordinate clause, where the model
    likes it best (clause_comma_positions), if its margin reaches CLAUSE_COMMA_MARGIN."""
    positions = clause_comma_positions(s.text) if s.starts else []
    if not positions:
        return []
    best, at = max((s.margin(p, p, ","), p) for p in positions)
    if best < CLAUSE_COMMA_MARGIN + s.min_margin:
        return []
    start = s.text.rfind(" ", 0, at) + 1
    word = s.text[start:at]
    return [Edit(start, at, (word + ",",), "punctuation", f"Add a comma after the opening clause, after “{word}”.",
                 "rule", "en.clause_comma", (("margin", best), ("bar", CLAUSE_COMMA_MARGIN)))]


def _un_prefixed(word: str, counts) -> bool:
    """"unidentified", "unincorporated", "unimportant": "un" + a known word of five letters
    or more ("unit", "union", "units" are too short to be prefixed)."""
    rest = word[2:]
    return len(rest) >= 5 and counts is not None and (rest in counts or rest.rstrip("s") in counts)


def a_an(s) -> list[Edit]:
    """"a" before a vowel sound and "an" before a consonant sound ("a idea" -> "an idea",
    "an year" -> "a year"). Not before a function word: "an you" is "and you" mistyped,
    "Country A and B" names a letter. The model is no judge here: it scores "an" 4 to 10
    nats below "a" even in "a international sport" (BEA-2019 dev)."""
    out = []
    for m in _ARTICLE.finditer(s.text):
        article, following = m.group(1), m.group(2)
        vowel = following[0] in "aeiou" and not following.startswith(_CONSONANT_SOUND) or following.startswith(_VOWEL_SOUND)
        if following.startswith("uni") and _un_prefixed(following, s.lexicon.counts):
            vowel = True  # "an unidentified man": un- + a word, not the "you" of "university"
        if following in FUNCTION_WORDS or (article.lower() == "an") == vowel:
            continue
        new = "an" if vowel else "a"
        new = new.capitalize() if article[0] == "A" else new
        out.append(Edit(m.start(1), m.end(1), (new,), "grammar",
                        f"Use “{new.lower()}” before a {'vowel' if vowel else 'consonant'} sound: “{new} {following}”.",
                        "rule", "en.a_an"))
    return out


_CONFUSABLE_CATEGORY = {"en.apostrophe": "punctuation", "en.doesnt": "grammar", "en.modal_of": "grammar",
                        "en.fewer_less": "grammar", "en.and_an": "grammar", "en.past_time": "grammar",
                        "en.there_were": "grammar", "en.base_form": "grammar", "en.much_many": "grammar",
                        "en.participle_past": "grammar", "en.sound_alike": "word-choice"}


def confusables(s) -> list[Edit]:
    """The slips of fluent writers (confusables.py): a certain proposal as it is, the others
    if the model finds them at most their family's bar less likely than the text as written
    (one decoder pass for all of a sentence's proposals)."""
    return _judged(s, confusable_proposals(s.text, s.lexicon.counts))


def typography(s) -> list[Edit]:
    """Typing slips (typography.py: "the the", "nice , but", "late.We", "twenty one"): certain."""
    return _judged(s, typography_proposals(s.text, s.lexicon.counts))


def grammar(s) -> list[Edit]:
    """Verb forms and agreement (grammar.py: "Does they know?", "it can noticed", "I must
    to go", "enjoy to swim", "between him and I", "in 1990s", "the information are"),
    judged as confusables are."""
    return _judged(s, grammar_proposals(s.text, s.lexicon.counts))


def phrases(s) -> list[Edit]:
    """Wrong or padded phrases (phrases.py: "return back", "informations", "I afraid",
    "don't know nothing", "very unique", "a two hour drive"), judged as confusables are."""
    return _judged(s, phrase_proposals(s.text, s.lexicon.counts))


def compounds(s) -> list[Edit]:
    """Compounds written the wrong way (compounds.py: "short cut", "to login", "we run
    everyday", "it maybe true"): certain."""
    return _judged(s, compound_proposals(s.text, s.lexicon.counts))


def sound_alikes(s) -> list[Edit]:
    """A word that sounds like the one meant (sound_alike.py: "a witch is why", "the break
    pedal") and a compound written apart (compounds.closed_proposals: "an other"), kept
    if the model prefers the change both ways: its margin here (which the model's copying
    holds down, -13 nats for the median change of a right word) minus the margin of writing the
    words back in the sentence so changed reaches the family's bar. The second costs a
    decoder pass, so it is asked only where the first reaches PRE_BAR (about one sentence in
    a hundred); after the model, the first is what its decoding scored already. Unlike the
    other judged families the bars do not move with min_margin (the guard on the model's
    own first token): lowered (REDLINE_MIN_MARGIN=-inf, as the browser tests run) they
    would keep every word of every set, and ask the second pass of each."""
    out = []
    groups = sound_alike_proposals(s.text, s.lexicon.counts) + [[p] for p in closed_proposals(s.text)]
    for group in groups:
        start, end = group[0].start, group[0].end
        if in_code(s.text, start, end):
            continue
        best, margin = max(((p, s.margin(start, end, p.replacement)) for p in group), key=lambda x: x[1])
        if margin < SOUND_ALIKE_PRE_BAR:
            continue
        changed = s.text[:start] + best.replacement + s.text[end:]
        score = margin - s.margin_in(changed, start, start + len(best.replacement), s.text[start:end])
        if score >= best.bar:
            out.append(Edit(start, end, (best.replacement,), best.category, best.message, "rule", best.rule,
                            (("margin", margin), ("bar", SOUND_ALIKE_PRE_BAR), ("both_ways", score),
                             ("both_ways_bar", best.bar))))
    return out


def _judged(s, found) -> list[Edit]:
    out = []
    for p in found:
        if in_code(s.text, p.start, p.end):
            continue
        category = p.category or _CONFUSABLE_CATEGORY.get(p.rule, "word-choice")
        if p.bar is None:
            out.append(Edit(p.start, p.end, (p.replacement,), category, p.message, "rule", p.rule))
            continue
        margin = s.margin(p.start, p.end, p.replacement)
        if margin >= p.bar + s.min_margin:
            out.append(Edit(p.start, p.end, (p.replacement,), category, p.message, "rule", p.rule,
                            (("margin", margin), ("bar", p.bar))))
    return out
