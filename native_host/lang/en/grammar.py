"""Verb forms and agreement that fluent writers get wrong in a hurry: a question whose
auxiliary does not agree with its subject ("Does they know?", "Has you seen it?"), a
regular verb's past or -s form after a modal ("can noticed", "didn't wanted", "will
makes", "could was"), "to" after a modal ("must to go"), an infinitive where the verb
takes an -ing form ("enjoy to swim", "look forward to see you"), a subject pronoun after
"between" ("between him and I"), a decade without its article ("in 1990s"), a noun
English does not count with a plural verb ("the information are"), a stative verb in the
progressive ("I am knowing"), "of" between a quantifier and a bare plural ("most of
students"), a superlative before "than" ("the biggest than", "most useful than"), "much"
with a counted plural ("much problems"), "would have" in an "if" clause ("If I would
have known"), the past where the participle belongs ("should have went"), "can't hardly",
"was suppose to", "One of the reasons are", "the amount of people", and a noun phrase
whose number does not agree ("a new wooden chairs", "These was", "This are my notes"),
and verb forms after "did"/"does" and a noun subject ("Did the printer jammed?"), after a
modal ("will gone"), after "to" ("decided to bought a house"), after "be" ("must be
replaces"), "was been" and "after been".

Written from grammar guides for Redline, each family with its own rule id. Where the
words can be right in some sentence (a noun "will", "a mind to", "school" after "look
forward to") the model judges it (a bar, as in confusables.py); the rest are certain.
Each family was run over 151,000 sentences of ../shared/data/corpus (Wikipedia,
speeches, e-mails, books) and narrowed where native writers use the words; as written, the
families now make 10 changes there, all but one ("I disliked to think", 1900s usage) slips of
the writers ("it should works", "Each of these institutions are", "would have took").
Session 13's families (noun-phrase number, a noun subject after "did"/"does", participles
after a modal, "was been", "after been", "be" + an -s form) proposed 5 changes on another
141,912 corpus sentences, all slips ("should done", "may known to", "was been mobilised",
"the first to learned the", "a lousy results"), and none on CWEB dev's 6,729.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from .context import (
    COMMON,
    IRREGULAR_SINGULAR,
    Proposal,
    Words,
    adjective,
    at,
    cased,
    non_overlapping,
    participle,
    plural_noun,
)
from .words import FUNCTION_WORDS, IRREGULAR, PREPOSITIONS

# The model's least margin (nats) for the families it can judge. The others it cannot: it
# scores the right change as low as a wrong one ("avoided to answer" -> "answering" -12,
# "am knowing" -> "know" -7, "the biggest than" -> "bigger" -10, "If I would have known"
# -> "had" -6), so their context alone decides, and each proposed nothing wrong on the corpus.
BARS = {"en.causative_to": -4.0, "en.modal_base": -3.0, "en.gerund_after": -4.0, "en.most_of": -4.0, "en.much_plural": -5.0}


def proposals(text: str, counts: Mapping[str, int] | None) -> list[Proposal]:
    """Every proposal for `text`, in order, none overlapping."""
    w = Words(text)
    found = (_question(w) + _modal_base(w, counts) + _inverted_base(w, counts) + _to_base(w, counts) + _modal_to(w)
             + _gerund(w, counts) + _between(w) + _decade(text) + _mass_verb(w) + _stative(w) + _most_of(w, counts)
             + _superlative_than(w, counts) + _short_comparative(w, counts) + _much_plural(w, counts)
             + _if_would_have(w, counts) + _hardly(w) + _participle_after_have(w) + _supposed(w) + _one_of_verb(w, counts)
             + _amount_of(w) + _causative_to(w, counts) + _object_subject(w) + _myself_subject(w) + _np_number(w, counts)
             + _question_np_verb(w, counts) + _participle_after_modal(w, counts) + _be_been(w) + _being_after_preposition(w)
             + _be_participle(w, counts))
    return non_overlapping(found)


# An auxiliary and its forms with a singular third-person subject and with the others.
_AGREES = {"does": ("does", "do"), "do": ("does", "do"), "doesn't": ("doesn't", "don't"), "don't": ("doesn't", "don't"),
           "has": ("has", "have"), "have": ("has", "have"), "hasn't": ("hasn't", "haven't"),
           "haven't": ("hasn't", "haven't"), "is": ("is", "are"), "are": ("is", "are"), "isn't": ("isn't", "aren't"),
           "aren't": ("isn't", "aren't"), "was": ("was", "were"), "wasn't": ("wasn't", "weren't"),
           "weren't": ("wasn't", "weren't")}
_THIRD = {"he", "she", "it"}
_QUESTION_OPENERS = {"", "what", "where", "when", "why", "how", "who", "whom", "which", "and", "but", "or", "so"}


def _question(w: Words) -> list[Proposal]:
    """"Does they know?" -> "Do they", "Has you seen it?" -> "Have you", "..., don't he?"
    -> "doesn't he": in a question, the auxiliary before its subject pronoun agrees with it.
    Not "Do it now?" or "Have it your way?" (imperatives), "Were he ..." (subjunctive),
    "Do he and I ...?" (a longer subject)."""
    if not w.text.rstrip("\"'”’)").endswith("?"):
        return []
    out = []
    for i, word in enumerate(w.lower[:-1]):
        subject = w.next(i)
        if word not in _AGREES or w.prev(i) not in _QUESTION_OPENERS or w.next(i, 2) in ("and", "or", "nor") \
                or subject not in _THIRD | {"i", "you", "we", "they"}:
            continue
        if subject == "it" and word in ("do", "don't", "have", "haven't") or subject == "i" and w.items[i + 1][0] != "I":
            continue
        third, other = _AGREES[word]
        new = third if subject in _THIRD else other
        if subject == "i" and word in ("is", "are"):
            new = "am"
        elif subject == "i" and word in ("was", "wasn't", "isn't", "aren't"):
            continue  # "was I", "aren't I"
        if new != word:
            out.append(at(w, i, new, "en.question_agreement", None,
                          f"With “{w.items[i + 1][0]}”, the question takes “{{new}}”, not “{{old}}”.", "grammar"))
    return out


_MODALS = {"can", "could", "will", "would", "shall", "should", "may", "might", "must", "can't", "cannot", "couldn't",
           "won't", "wouldn't", "shouldn't", "mustn't"}
_DO_NEGATED = {"didn't", "doesn't", "don't"}
_DO = {"do", "does", "did"}  # "I did wanted": "-ed" only ("he does sums")
_ALSO_NOUNS = {"will", "can", "must", "might", "may"}  # "his will", "a can", "a must", "with all his might"
# Before these, "will", "can", "must", "might" and "may" are nouns: "his will states", "a must read".
_NOUN_BEFORE = {"a", "an", "the", "this", "that", "my", "your", "his", "her", "its", "our", "their", "free", "good",
                "ill", "at", "against", "of", "own", "tin", "all", "last", "whose", "with", "by", "no", "#"}
_BE_FORMS = {"is", "are", "was", "were", "am"}
_SUBJECTS = {"i", "you", "he", "she", "it", "we", "they"}


def _base(word: str, counts) -> str | None:
    """The base of a regular -ed or -s verb form ("noticed" -> "notice", "tried" -> "try",
    "stopped" -> "stop", "makes" -> "make"), if the base is a common word."""
    if word in IRREGULAR and word not in FUNCTION_WORDS:
        base = IRREGULAR[word][0]
        return base if word in (base + "s", base + "es") else None  # "makes"; "went" is confusables._base_after's
    if counts is None or word in FUNCTION_WORDS or counts.get(word, 0) < COMMON or \
            word.endswith("ed") and counts.get(word + "s", 0) >= COMMON:
        return None  # "feed", "need", "speed": a base of its own ("feeds")
    if word.endswith("ied"):
        stems = [word[:-3] + "y"]
    elif word.endswith("ed"):
        stems = [word[:-1], word[:-2]] + ([word[:-3]] if len(word) > 5 and word[-3] == word[-4] else [])
    elif word.endswith("ies"):
        stems = [word[:-3] + "y"]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is", "wards", "ways")):
        stems = [word[:-1]] + ([word[:-2]] if word.endswith("es") else [])
    else:
        return None
    return next((s for s in stems if len(s) >= 3 and counts.get(s, 0) >= COMMON and s not in FUNCTION_WORDS), None)


def _modal_base(w: Words, counts) -> list[Proposal]:
    """"it can noticed" -> "it can notice", "I didn't wanted" -> "I didn't want", "it will
    makes" -> "it will make", "he could was" -> "he could be": after a modal (or a negated
    "do") comes the base form. Only after a pronoun subject: "should parents wish",
    "can violations be", "the national will is", "they didn't suggests that" (the verb
    left out) are right. Irregular verbs are confusables._base_after's ("can went")."""
    out = []
    for i, word in enumerate(w.lower[2:], 2):
        modal = w.prev(i)
        if word in _BE_FORMS and modal in _MODALS - _ALSO_NOUNS and w.items[i - 1][0].islower():
            new, bar = "be", None  # "the report could was"; "the national will is" is right
        elif modal not in _MODALS | _DO_NEGATED | _DO or w.prev(i - 1) not in _SUBJECTS or \
                (w.prev(i - 1) == "i" and w.items[i - 2][0] != "I"):
            continue
        elif word in _BE_FORMS and modal in _MODALS:
            new, bar = "be", None
        elif (new := _base(word, counts)) is not None and (modal in _MODALS or word.endswith("ed")) \
                and (modal not in _DO or word.endswith("ed")):
            bar = BARS["en.modal_base"]
        else:
            continue
        out.append(at(w, i, new, "en.modal_base", bar,
                      f"After “{w.items[i - 1][0]}”, use the base form “{{new}}”, not “{{old}}”.", "grammar"))
    return out


_INVERTED = _MODALS | _DO_NEGATED | {"do", "does", "did"}


def _inverted_base(w: Words, counts) -> list[Proposal]:
    """"Did he said that?" -> "say", "Does she knows?" -> "know", "Did you noticed?" ->
    "notice": an auxiliary before its subject still takes the base form after it."""
    out = []
    for i, word in enumerate(w.lower[2:], 2):
        aux, subject = w.prev(i - 1), w.prev(i)
        if aux not in _INVERTED or subject not in _SUBJECTS or w.prev(i - 2) not in _QUESTION_OPENERS | {"not", "only",
                                                                                                      "never"}:
            continue
        if subject == "i" and w.items[i - 1][0] != "I" or subject in ("you", "we") and word.endswith("s"):
            continue  # "did you guys"
        if word in IRREGULAR and word not in FUNCTION_WORDS - {"did", "had", "was", "were"}:
            base, past, _ = IRREGULAR[word]
            new = base if word != base and (word == past or word in (base + "s", base + "es")) else None
        else:
            new = _base(word, counts)
        if new and new != word and word not in _PAST_IS_BASE:
            out.append(at(w, i, new, "en.inverted_base", BARS["en.modal_base"],
                          f"After “{w.items[i - 2][0]} {w.items[i - 1][0]}”, use the base form “{{new}}”, not “{{old}}”.",
                          "grammar"))
    return out


# Pasts that are nouns or adjectives too: "to found a firm", "left", "felt", "led", "sat".
_PAST_ALSO_NOUN_OR_NAME = {"found", "felt", "left", "led", "shot", "sat", "had", "said", "met", "won", "lent", "shone"}
_PAST_IS_BASE = {"put", "cut", "set", "hit", "let", "shut", "hurt", "cost", "quit", "read", "spread", "beat", "bet"}
# Verbs that take "to" + a base form: "want to helped" -> "help".
_TO_VERBS = {f for v in ("want", "need", "try", "decide", "plan", "hope", "learn", "forget", "refuse", "promise",
                         "agree", "manage", "fail", "expect", "intend", "wish", "like", "love", "hate", "start",
                         "continue", "seem", "ask", "allow", "help", "choose", "offer", "pretend", "tend",
                         "deserve", "afford", "attempt", "arrange", "threaten", "claim")
             for f in (v, v + "s", v + "ed", v + "d")}
_TO_VERBS |= {"tries", "tried", "going", "able", "unable", "have", "has", "had", "ought", "begin", "began",
              "begins", "started", "chose", "planned"}  # not "used to", "prefer ... to": prepositions there
# After these an -s word after "to" is a verb, not a noun ("hope to communities").
_TO_VERBS_S = {"want", "wants", "wanted", "need", "needs", "needed", "try", "tries", "tried", "able", "unable"}


def _to_base(w: Words, counts) -> list[Proposal]:
    """"I want to helped" -> "help", "she is going to visited" -> "visit", "I need to
    makes" -> "make", "decided to bought a house" -> "buy": after a verb's "to" comes the
    base form. An -s word only after "want", "need", "try", "able" ("going to schools",
    "hope to communities" name places); a past that is also a participle only before an
    object ("to lost souls"); after any other "to", an -ed form before an object ("to
    lifted the box"; "the man I talked to liked the idea" the model judges)."""
    out = []
    for i, word in enumerate(w.lower[2:], 2):
        if w.prev(i) != "to" or not w.items[i][0].islower():
            continue
        if w.prev(i - 1) not in _TO_VERBS:  # any "to", if an object follows: "to lifted the box"
            new = _base(word, counts) if word.endswith("ed") and w.next(i) in _OBJECT_NEXT else None
        elif word in IRREGULAR and word == IRREGULAR[word][1] == IRREGULAR[word][2] != IRREGULAR[word][0] \
                and word not in FUNCTION_WORDS | _PAST_IS_BASE | _PAST_ALSO_NOUN_OR_NAME:
            # "decided to bought a house"; not "to lost souls"
            new = IRREGULAR[word][0] if w.next(i) in _OBJECT_NEXT else None
        elif not word.endswith("ed") and (w.prev(i - 1) not in _TO_VERBS_S or not word.endswith("s")):
            continue
        else:
            new = _base(word, counts)
        if new is not None:
            out.append(at(w, i, new, "en.to_base", BARS["en.modal_base"],
                          "After “to”, use the base form “{new}”, not “{old}”.", "grammar"))
    return out


_MODAL_TO = {"can", "could", "must", "should", "might", "may", "shall", "cannot", "can't", "couldn't", "mustn't",
             "shouldn't"}


def _modal_to(w: Words) -> list[Proposal]:
    """"I must to go" -> "I must go": a modal takes the bare infinitive (not "ought to").
    Only after a pronoun subject, and not where the modal ends a clause of its own ("do
    all we can to help", "as often as she could to cheer")."""
    out = []
    for i, word in enumerate(w.lower[2:-1], 2):
        if word == "to" and w.prev(i) in _MODAL_TO and w.prev(i - 1) in _SUBJECTS and \
                w.next(i) not in FUNCTION_WORDS | {"", "#"} and \
                not _ELLIPSIS.intersection(w.lower[max(0, i - 6):i - 1]) and w.items[i - 1][0].islower():
            start, end = w.items[i][1], w.items[i + 1][1]
            out.append(Proposal(start, end, "", "en.modal_to", None,
                                f"“{w.items[i - 1][0]}” takes the verb without “to”: drop “{w.items[i][0]}”.", "grammar"))
    return out


# Before a clause that ends on its modal: "all we can", "what she could", "as fast as I could".
_ELLIPSIS = {"all", "what", "whatever", "everything", "anything", "as", "much", "best", "if", "than", "so"}


# Verbs (every form) whose object is an -ing form, never "to" + a verb; and phrases
# ending in the preposition "to", which an -ing form follows ("look forward to seeing").
_GERUND_VERBS = {f for v in ("enjoy", "avoid", "finish", "mind", "dislike", "detest") for f in (v, v + "s", v + "ed",
                                                                                                v + "ing")}
_GERUND_VERBS |= {"finishes", "disliked", "detested", "minded"}
_TO_PHRASES = (("forward", "to"), ("addition", "to"), ("used", "to", "being"))


def _ing(verb: str, counts) -> str | None:
    """The -ing form of a base verb, the commonest spelling the lexicon knows."""
    if counts is None or verb in FUNCTION_WORDS or counts.get(verb, 0) < COMMON or verb.endswith(("ing", "ed", "s")):
        return None
    forms = [verb + "ing", verb + verb[-1] + "ing"]
    if verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")):
        forms.append(verb[:-1] + "ing")
    if verb.endswith("ie"):
        forms.append(verb[:-2] + "ying")
    best = max(forms, key=lambda f: counts.get(f, 0))
    return best if counts.get(best, 0) >= COMMON else None


def _gerund(w: Words, counts) -> list[Proposal]:
    """"enjoy to swim" -> "enjoy swimming", "look forward to see you" -> "to seeing":
    the model judges, since a noun may follow ("look forward to school")."""
    out = []
    for i, word in enumerate(w.lower[:-2]):
        if word in _GERUND_VERBS and w.next(i) == "to" and w.prev(i) not in _NOUN_BEFORE | {"to"} and \
                (not word.startswith("mind") or w.prev(i) in _SUBJECTS | {"not", "never"} | _DO_NEGATED | _MODALS):
            verb_at, start = i + 2, w.items[i + 1][1]
        elif word == "to" and w.prev(i) in ("forward", "addition") and w.prev(i - 1) in (
                "look", "looks", "looked", "looking", "in"):
            verb_at, start = i + 1, None
        else:
            continue
        if w.next(verb_at - 1) in ("", "#") or not w.items[verb_at][0].islower():
            continue
        verb = w.lower[verb_at]
        if (new := _ing(verb, counts)) is None or w.next(verb_at) in ("", "#") and start is None:
            continue  # "to look forward to." / a noun at the end ("in addition to tax.")
        if start is None:
            out.append(at(w, verb_at, new, "en.gerund_after", BARS["en.gerund_after"],
                          f"After “{w.items[i - 1][0]} to”, use the -ing form “{{new}}”.", "grammar"))
        else:
            end = w.items[verb_at][2]  # a verb that never takes "to": certain
            out.append(Proposal(start, end, new, "en.gerund_after", None,
                                f"“{w.items[i][0]}” takes the -ing form: “{w.items[i][0]} {new}”.", "grammar"))
    return out


_OBJECT = {"i": "me", "he": "him", "she": "her", "we": "us", "they": "them"}
_AFTER_PAIR = {"", "#", "in", "on", "at", "for", "to", "of", "from", "about", "over", "is", "and", "but", "alone",
               "only", "that"}


def _between(w: Words) -> list[Proposal]:
    """"between you and I" -> "me", "between he and his brother" -> "him": "between" takes
    object pronouns. Not "between the time he left and I arrived": the pronoun must stand
    in the pair, with nothing after it but a preposition or the end."""
    out = []
    for i, word in enumerate(w.lower):
        if word != "between":
            continue
        first = w.next(i)
        if first in _OBJECT and w.next(i, 2) == "and" and (first != "i" or w.items[i + 1][0] == "I"):
            out.append(_object(w, i + 1))
        for k in (2, 3, 4):  # "between you and I", "between my sister and I"
            if w.next(i, k) == "and" and all(w.next(i, j) not in ("", "#") for j in range(1, k)):
                second = w.next(i, k + 1)
                if second in _OBJECT and (second != "i" or w.items[i + k + 1][0] == "I") \
                        and w.next(i, k + 2) in _AFTER_PAIR and (second != "i" or w.next(i, k + 2) != "is"):
                    out.append(_object(w, i + k + 1))
                break
    return out


def _object(w: Words, i: int) -> Proposal:
    old, start, end = w.items[i]
    new = _OBJECT[old.lower()]
    new = new.capitalize() if old[0].isupper() and old != "I" else new  # "I" -> "me", "He" -> "Him"
    return Proposal(start, end, new, "en.between_pronoun", None, f"After “between”, use “{new}”, not “{old}”.",
                    "grammar")


_DECADE = re.compile(r"(?<![\w'’-])(in|during|since|from|throughout|until|through|into|by|of)\s+((?:1[0-9]|20)\d0s)"
                     r"(?=\s*(?:[,.;:!?)]|$|(and|or|to|when|while|as|but|the|a|an|in|on|at|for|with|by|he|she|it|"
                     r"they|we|i)\b))", re.IGNORECASE)


def _decade(text: str) -> list[Proposal]:
    """"in 1990s" -> "in the 1990s": a decade takes "the". Not "in 1960s Britain": there
    the decade describes the noun after it."""
    return [Proposal(m.start(), m.end(), f"{m.group(1)} the {m.group(2)}", "en.decade_article", None,
                     f"A decade takes “the”: “{m.group(1)} the {m.group(2)}”.", "grammar")
            for m in _DECADE.finditer(text)]


_UNCOUNTED = {"information", "advice", "furniture", "equipment", "luggage", "baggage", "homework", "feedback",
              "software", "hardware", "evidence", "research", "knowledge", "machinery", "scenery", "clothing",
              "jewelry", "jewellery", "garbage", "rubbish", "traffic", "news"}
_UNCOUNTED_BEFORE = {"the", "this", "that", "my", "your", "his", "her", "our", "their", "its", "no", "some", "any",
                     "all", "much", "more", "less", "such"}
_PREPOSITIONS = {"of", "by", "with", "from", "in", "on", "to", "for", "through", "under", "upon", "about", "at", "into"}
_SINGULAR_VERB = {"are": "is", "were": "was", "have": "has", "aren't": "isn't", "weren't": "wasn't",
                  "haven't": "hasn't", "don't": "doesn't"}


def _mass_verb(w: Words) -> list[Proposal]:
    """"The information are wrong" -> "is": a noun English does not count takes a singular verb."""
    out = []
    for i, word in enumerate(w.lower[1:], 1):
        noun = w.prev(i)
        if word not in _SINGULAR_VERB or noun not in _UNCOUNTED:
            continue
        k = i - 2  # back over up to two adjectives to a determiner or the clause's start
        while k >= 0 and k > i - 4 and w.lower[k] not in FUNCTION_WORDS and w.next(k) not in ("", "#"):
            k -= 1
        if k >= 0 and w.next(k) == "#" or w.prev(k + 1) == "#":
            continue  # "of 60% 120 evidence have": a number before the noun
        opener = w.lower[k] if k >= 0 and w.next(k) != "" else ""
        if opener not in _UNCOUNTED_BEFORE | {""} or opener and w.prev(k) in _PREPOSITIONS | {"and", "or"} \
                or opener == "that" and k < i - 2:  # "robots that model clothing have"
            continue  # "kinds of information are", "by their advice have", "hardware and software are"
        if any(not w.items[j][0].islower() and (j or w.prev(j) == "#") for j in range(k + 1, i)):
            continue  # "Microsoft Research are": a name (a capital only as the text's first letter)
        out.append(at(w, i, _SINGULAR_VERB[word], "en.mass_verb", None,
                      f"“{w.items[i - 1][0]}” is not counted: it takes “{{new}}”, not “{{old}}”.", "grammar"))
    return out


# Verbs of state that English keeps out of the progressive: (base, -s, past).
_STATIVE = {"knowing": ("know", "knows", "knew"), "belonging": ("belong", "belongs", "belonged"),
            "consisting": ("consist", "consists", "consisted"), "resembling": ("resemble", "resembles", "resembled")}
_BE_TENSE = {"am": 0, "are": 0, "is": 1, "was": 2, "were": 2}


def _stative(w: Words) -> list[Proposal]:
    """"I am knowing" -> "I know", "it is consisting of" -> "it consists of": verbs of state
    take the simple tense. Only after a pronoun subject ("Seeing is believing" aside)."""
    out = []
    for i, word in enumerate(w.lower[2:], 2):
        be, subject = w.prev(i), w.prev(i - 1)
        if word in _STATIVE and be in _BE_TENSE and subject in _THIRD | {"i", "you", "we", "they", "which", "that",
                                                                          "who"}:
            new = _STATIVE[word][_BE_TENSE[be]]
            start, end = w.items[i - 1][1], w.items[i][2]
            out.append(Proposal(start, end, new, "en.stative_progressive", None,
                                f"“{_STATIVE[word][0]}” is a verb of state: write “{new}”, not “{w.text[start:end]}”.",
                                "grammar"))
    return out


_QUANTIFIERS_OF = {"most", "many", "some", "several", "few"}  # not "both of X and Y"


def _most_of(w: Words, counts) -> list[Proposal]:
    """"most of students" -> "most students": "of" after a quantifier needs a determiner
    ("most of the students"), or drop it."""
    out = []
    for i, word in enumerate(w.lower[:-2]):
        if word in _QUANTIFIERS_OF and w.next(i) == "of" and w.prev(i) not in ("the", "a", "at", "for") \
                and plural_noun(w.next(i, 2), counts) and w.items[i + 2][0].islower():
            start, end = w.items[i + 1][1], w.items[i + 2][1]
            out.append(Proposal(start, end, "", "en.most_of", BARS["en.most_of"],
                                f"Write “{w.items[i][0]} {w.items[i + 2][0]}” (or “{w.items[i][0]} of the "
                                f"{w.items[i + 2][0]}”).", "grammar"))
    return out


_NOT_SUPERLATIVE = {"honest", "earnest", "modest", "interest", "forest", "harvest", "protest", "request", "contest",
                    "arrest", "suggest", "digest", "invest", "manifest", "guest", "chest", "nest", "west", "rest", "test"}


def _superlative_than(w: Words, counts) -> list[Proposal]:
    """"the biggest than" -> "bigger than", "most useful than" -> "more useful than": a
    comparison with "than" takes the comparative."""
    out = []
    for i, word in enumerate(w.lower[:-1]):
        if w.next(i) != "than":
            continue
        comparative = {"best": "better", "worst": "worse"}.get(word)
        if comparative is None and word.endswith("est") and counts:
            comparative = word[:-3] + "er" if counts.get(word[:-3] + "er", 0) >= COMMON else None
        if comparative and (word in ("best", "worst") or counts.get(word, 0) >= COMMON and word not in _NOT_SUPERLATIVE):
            first = i - 1 if w.prev(i) == "the" else i
            start, end = w.items[first][1], w.items[i][2]
            out.append(Proposal(start, end, comparative, "en.superlative_than", None,
                                f"With “than”, use the comparative “{comparative}”.", "grammar"))
        elif i >= 1 and w.prev(i) == "most" and word not in FUNCTION_WORDS and w.prev(i - 1) != "at":
            first = i - 2 if w.prev(i - 1) == "the" else i - 1
            start, end = w.items[first][1], w.items[i - 1][2]
            new = "more" if w.items[first][0].islower() else "More"
            out.append(Proposal(start, end, new, "en.superlative_than", None,
                                f"With “than”, use “more {w.items[i][0]}”, not “most {w.items[i][0]}”.", "grammar"))
    return out


# One-syllable adjectives, compared with -er: "more big than" -> "bigger than".
_SHORT = {"big", "small", "cheap", "fast", "slow", "tall", "short", "long", "old", "young", "high", "low", "strong",
          "weak", "hard", "large", "great", "rich", "poor", "warm", "cold", "hot", "cool", "deep", "wide", "thick",
          "thin", "bright", "dark", "soft", "loud", "quick", "near", "nice", "safe", "late", "close", "fat"}


def _short_comparative(w: Words, counts) -> list[Proposal]:
    """"more big than" -> "bigger than": a short adjective compares with -er."""
    out = []
    for i, word in enumerate(w.lower[:-2]):
        adjective = w.next(i)
        if word == "more" and adjective in _SHORT and w.next(i, 2) == "than" and counts:
            forms = [adjective + "r" if adjective.endswith("e") else adjective + "er", adjective + adjective[-1] + "er"]
            new = max(forms, key=lambda f: counts.get(f, 0))
            if counts.get(new, 0) >= COMMON:
                start, end = w.items[i][1], w.items[i + 1][2]
                out.append(Proposal(start, end, cased(new, w.items[i][0], w.text), "en.short_comparative", None,
                                    f"“{w.items[i + 1][0]}” compares with -er: “{new}”, not “more {w.items[i + 1][0]}”.",
                                    "grammar"))
    return out


_NEGATED = {"can't": "can", "couldn't": "could", "don't": "do", "doesn't": "does", "didn't": "did", "won't": "will",
            "wouldn't": "would", "isn't": "is", "wasn't": "was", "aren't": "are", "weren't": "were", "cannot": "can"}


def _hardly(w: Words) -> list[Proposal]:
    """"I can't hardly see" -> "I can hardly see": "hardly", "barely" and "scarcely" are
    negative already."""
    out = []
    for i, word in enumerate(w.lower[:-1]):
        if word in _NEGATED and w.next(i) in ("hardly", "barely", "scarcely"):
            out.append(at(w, i, _NEGATED[word], "en.double_negative", None,
                          f"“{w.items[i + 1][0]}” is already negative: write “{{new}}”, not “{{old}}”.", "grammar"))
        elif word == "not" and w.next(i) in ("hardly", "barely", "scarcely") and i and w.prev(i) not in ("", "#"):
            start, end = w.items[i][1], w.items[i + 1][1]  # "could not hardly" -> "could hardly"
            out.append(Proposal(start, end, "", "en.double_negative", None,
                                f"“{w.items[i + 1][0]}” is already negative: drop “{w.items[i][0]}”.", "grammar"))
    return out


_HAVE = {"have", "has", "had", "having", "i've", "you've", "we've", "they've", "should've", "could've", "would've",
         "might've", "must've", "haven't", "hasn't", "hadn't"}
_BETWEEN_HAVE = {"already", "never", "just", "ever", "always", "not", "recently", "finally", "also", "still", "all",
                 "only", "since", "probably", "definitely", "really", "both"}
# Pasts that are also other words ("has rose bushes", "had saw blades", "have lay readers"):
# the model judges; and "got", "showed", right after "have" in much English.
_PAST_ALSO_NOUN = {"saw", "rose", "fell", "lay", "bore", "wound", "ground", "ran", "spoke"}
_PAST_ALSO_PARTICIPLE = {"got", "showed"}
# "the life he had was ...", "what he let them have did not ensue": "have" ends a clause.
_PAST_ALSO_PARTICIPLE |= {"was", "were", "did"}


def _participle_after_have(w: Words) -> list[Proposal]:
    """"I should have went" -> "gone", "She has ate" -> "eaten", "had already wrote" ->
    "written": after "have" comes the past participle, where it differs from the past."""
    out = []
    for i, word in enumerate(w.lower[1:], 1):
        if word not in IRREGULAR or word in _PAST_ALSO_PARTICIPLE or not w.items[i][0].islower():
            continue
        _, past, participle = IRREGULAR[word]
        if word != past or past == participle:
            continue
        have = i - 1 if w.prev(i) in _HAVE else i - 2 if w.prev(i) in _BETWEEN_HAVE and w.prev(i - 1) in _HAVE else None
        if have is None:
            continue
        bar = -3.0 if word in _PAST_ALSO_NOUN else None
        out.append(at(w, i, participle, "en.participle_after_have", bar,
                      f"After “{w.items[have][0]}”, use the past participle “{{new}}”, not the past “{{old}}”.",
                      "grammar"))
    return out


# Where "much" counts a noun: "too much problems", "how much people". Not "much remains", "pretty much means".
_MUCH_AFTER = {"too", "so", "how", "as", "very", "with", "of", "have", "has", "had", "without", "take", "takes", "took"}


def _much_plural(w: Words, counts) -> list[Proposal]:
    """"much problems" -> "many problems": things counted take "many"."""
    out = []
    for i, word in enumerate(w.lower[:-1]):
        nxt = w.next(i)
        if word == "much" and w.prev(i) in _MUCH_AFTER and plural_noun(nxt, counts) and w.items[i + 1][0].islower() and \
                (w.next(i, 2) in ("", "#") or w.next(i, 2) in FUNCTION_WORDS):
            out.append(at(w, i, "many", "en.much_plural", BARS["en.much_plural"],
                          f"“{w.items[i + 1][0]}” are counted: use “{{new}}”, not “{{old}}”.", "grammar"))
    return out


_IF_SUBJECTS = {"i", "you", "he", "she", "we", "they", "it"}


def _if_would_have(w: Words, counts) -> list[Proposal]:
    """"If I would have known" -> "If I had known", "I wish I would have gone" -> "had
    gone": an "if" clause or a wish about the past takes "had"."""
    out = []
    for i, word in enumerate(w.lower[:-3]):
        wish = word in ("wish", "wished") and w.prev(i) in ("i", "we") and w.next(i) in ("i", "we")
        if (wish or word == "if" and w.prev(i) in ("", "and", "but", "even", "only")) and w.next(i) in _IF_SUBJECTS \
                and w.next(i, 2) == "would" and w.next(i, 3) == "have" and participle(w.next(i, 4), counts):
            start, end = w.items[i + 2][1], w.items[i + 3][2]
            what = "a wish about the past" if wish else "an “if” clause about the past"
            out.append(Proposal(start, end, "had", "en.if_would_have", None,
                                f"In {what}, write “had”, not “would have”.", "grammar"))
    return out


def _supposed(w: Words) -> list[Proposal]:
    """"I was suppose to call" -> "supposed to": the participle after "be"."""
    out = []
    for i, word in enumerate(w.lower[1:-1], 1):
        if word == "suppose" and w.next(i) == "to" and (w.prev(i) in _BE_FORMS | {"be", "been", "isn't", "wasn't",
                                                                                   "aren't", "weren't"}
                                                        or w.prev(i) == "not" and w.prev(i - 1) in _BE_FORMS):
            out.append(at(w, i, "supposed", "en.supposed_to", None, "The phrase is “be supposed to”: write “{new}”.",
                          "grammar"))
    return out


_PLURAL_TO_SINGULAR = {"are": "is", "were": "was", "have": "has", "do": "does", "don't": "doesn't",
                       "aren't": "isn't", "weren't": "wasn't", "haven't": "hasn't"}


def _one_of_verb(w: Words, counts) -> list[Proposal]:
    """"One of the reasons are" -> "is", "Each of the students have" -> "has": the subject
    is "one" or "each", not the plural after "of". Only where the phrase opens the clause."""
    out = []
    for i, word in enumerate(w.lower[:-3]):
        if word not in ("one", "each") or w.next(i) != "of" or w.prev(i) not in _QUESTION_OPENERS - {"what", "which"}:
            continue
        det, k = w.next(i, 2), 3
        if det not in ("the", "these", "those", "my", "his", "her", "our", "their", "your", "its"):
            if det != "them" and det != "us":
                continue
            k = 2
        elif not plural_noun(w.next(i, 3), counts) and counts is not None:
            continue
        verb = w.next(i, k + 1)
        if verb in _PLURAL_TO_SINGULAR:
            out.append(at(w, i + k + 1, _PLURAL_TO_SINGULAR[verb], "en.one_of_verb", None,
                          f"The subject is “{w.items[i][0]}”, which is singular: use “{{new}}”, not “{{old}}”.",
                          "grammar"))
    return out


# Things counted, which "amount" (for what is measured) does not fit: "the amount of people".
_COUNTED = {"people", "persons", "students", "children", "users", "customers", "visitors", "employees", "members",
            "cars", "books", "items", "things", "words", "questions", "times", "mistakes", "errors", "friends",
            "players", "emails", "e-mails", "messages", "pages", "files", "calls", "days", "hours"}


def _amount_of(w: Words) -> list[Proposal]:
    """"the amount of people" -> "the number of people": "amount" is for what is not counted."""
    out = []
    for i, word in enumerate(w.lower[:-2]):
        if word in ("amount", "amounts") and w.next(i) == "of" and w.next(i, 2) in _COUNTED:
            new = "number" if word == "amount" else "numbers"
            first = i - 1 if w.prev(i) == "an" else i  # "an amount" -> "a number"
            start, end = w.items[first][1], w.items[i][2]
            old = w.text[start:end]
            new = cased("a " + new if first < i else new, old, w.text)
            out.append(Proposal(start, end, new, "en.amount_number", None,
                                f"“{w.items[i + 2][0]}” are counted: use “{new} of”, not “{old} of”.", "grammar"))
    return out


_CAUSATIVE = {"let", "lets", "make", "makes", "made", "making"}


def _causative_to(w: Words, counts) -> list[Proposal]:
    """"let me to know" -> "let me know", "made him to wait" -> "made him wait": "let" and
    "make" take the bare infinitive. The model judges ("made them to order")."""
    out = []
    for i, word in enumerate(w.lower[:-3]):
        if word in _CAUSATIVE and w.next(i) in {"me", "him", "her", "us", "them", "you"} and w.next(i, 2) == "to" \
                and w.items[i + 3][0].islower() and _ing(w.next(i, 3), counts) is not None:
            start, end = w.items[i + 2][1], w.items[i + 3][1]
            out.append(Proposal(start, end, "", "en.causative_to", BARS["en.causative_to"],
                                f"“{w.items[i][0]}” takes the verb without “to”: drop “{w.items[i + 2][0]}”.",
                                "grammar"))
    return out


_SUBJECT_FORM = {"me": "I", "him": "he", "her": "she", "us": "we", "them": "they", "i": "I", "he": "he", "she": "she",
                 "we": "we", "they": "they"}
# Finite verbs that show a pair is the subject: "Me and him went".
_FINITE_AFTER_PAIR = {"went", "are", "were", "was", "have", "had", "did", "will", "would", "can", "could", "should",
                      "came", "got", "do", "don't", "didn't", "saw", "made", "met", "left", "love", "like", "live",
                      "lived", "used", "play", "played", "want", "wanted", "need", "think", "thought", "know", "knew",
                      "go", "both", "always", "never", "just", "also", "often", "still", "all"}


def _object_subject(w: Words) -> list[Proposal]:
    """"Me and him went" -> "He and I went", "Me and John are" -> "John and I are": a
    pair of pronouns (or a pronoun and a name) that is the subject takes subject forms,
    with "I" last. Only at the sentence's start and before a verb ("Me and you against
    the world" is no clause)."""
    if len(w.items) < 4 or w.prev(0) != "" or w.lower[0] not in ("me", "him", "her", "us", "them") or w.next(0) != "and":
        return []
    second = w.items[2][0]
    if w.lower[2] in _SUBJECT_FORM:
        other = _SUBJECT_FORM[w.lower[2]]
    elif second[:1].isupper() and second.isalpha() and w.lower[2] not in FUNCTION_WORDS:
        other = second  # a name
    else:
        return []
    if w.next(1) in ("", "#") or w.next(2) not in _FINITE_AFTER_PAIR:
        return []
    first = _SUBJECT_FORM[w.lower[0]]
    pair = [other, first] if first == "I" else [first, other]  # "I" goes last
    new = pair[0][0].upper() + pair[0][1:] + " and " + pair[1]
    start, end = w.items[0][1], w.items[2][2]
    return [Proposal(start, end, new, "en.subject_pronoun", None,
                     f"As the subject, write “{new}”, not “{w.text[start:end]}”.", "grammar")]


def _myself_subject(w: Words) -> list[Proposal]:
    """"My wife and myself went" -> "My wife and I went", "Myself and John are" -> "John
    and I are": "myself" is no subject. Only a pair opening the sentence before a verb."""
    if len(w.items) < 4 or w.prev(0) != "":
        return []
    if w.lower[0] == "myself" and w.next(0) == "and" and w.items[2][0][:1].isupper() and w.next(2) in _FINITE_AFTER_PAIR:
        start, end = w.items[0][1], w.items[2][2]
        new = f"{w.items[2][0]} and I"
        return [Proposal(start, end, new, "en.subject_pronoun", None,
                         f"“myself” is no subject: write “{new}”.", "grammar")]
    for k in (1, 2, 3):  # "John", "my wife", "John and Mary Smith" before "and myself"
        if k + 2 < len(w.lower) and w.lower[k] == "and" and w.lower[k + 1] == "myself" \
                and all(w.next(j) not in ("", "#") for j in range(k + 1)) and w.next(k + 1) in _FINITE_AFTER_PAIR \
                and w.lower[0] not in _QUESTION_OPENERS | {"for", "to", "with", "by", "from", "of", "like", "between"}:
            return [at(w, k + 1, "I", "en.subject_pronoun", None, "“myself” is no subject: write “I”.", "grammar")]
    return []


# Adverbs that may stand before the adjective: "a very old houses".
_DEGREE = {"very", "really", "quite", "rather", "more", "most", "less", "least", "pretty", "fairly", "so"}
_THESE_VERB = {"is": "are", "was": "were", "has": "have", "isn't": "aren't", "wasn't": "weren't", "hasn't": "haven't",
               "doesn't": "don't"}
_THIS_VERB = {"are": "is", "were": "was", "have": "has", "haven't": "hasn't", "aren't": "isn't", "weren't": "wasn't"}
# Where a clause starts, so that "these"/"this" is its subject (not "Among these is ...", "if this were").
_SUBJECT_START = {"", "and", "but", "so", "because", "while", "although", "though", "since", "when", "that"}
# -s nouns that are singular too ("a means", "a series") or name a thing whole ("a long ways").
_ONE_THOUGH_S = {"means", "series", "species", "headquarters", "crossroads", "barracks", "gallows", "whereabouts",
                 "odds", "thanks", "ways", "innings", "premises", "works", "links", "lens", "kudos", "measles", "mumps",
                 "rabies", "diabetes", "molasses", "billiards", "darts", "bellows", "sweets", "arms", "customs",
                 "goods", "clothes", "outskirts", "remains", "savings", "earnings", "surroundings", "lyrics", "news",
                 "corps", "goings", "summons", "blues", "does", "goes", "has", "is", "was", "people"}
# After the plural: words that show it is a verb with its object or infinitive ("a bad lowers
# a consumer's welfare", "a good beating makes them"), or a particle ("a real hands off approach").
_AFTER_VERB = {"and", "or", "to", "off", "out", "up", "down", "a", "an", "the", "this", "that", "these", "those", "my",
               "your", "his", "her", "its", "our", "their", "them", "him", "me", "us", "it", "you", "i", "he", "she",
               "we", "they", "each", "every", "no", "some", "any", "all", "both", "such", "itself", "himself",
               "herself", "themselves", "what", "who", "which", "whom", "how", "why", "where", "when", "if", "whether",
               "not", "never", "also", "just", "only", "even", "still", "always", "often", "usually", "really"}


def _singular(word: str, counts) -> str | None:
    if word in IRREGULAR_SINGULAR:
        return IRREGULAR_SINGULAR[word]
    if word in _ONE_THOUGH_S or not plural_noun(word, counts):
        return None
    stems = ([word[:-3] + "y"] if word.endswith("ies") else []) + ([word[:-2]] if word.endswith("es") else []) + [word[:-1]]
    stems = [s for s in stems if counts.get(s, 0) >= COMMON and s not in FUNCTION_WORDS]
    return max(stems, key=lambda s: counts.get(s, 0)) if stems else None


def _np_number(w: Words, counts) -> list[Proposal]:
    """"a new wooden chairs" -> "chair", "A men" -> "A man": "a" counts one; "These was"
    -> "These were", "This are my notes" -> "These are", "this problems are" -> "these
    problems": "this" and "these" agree with their noun and verb. The noun must end its
    phrase ("a new sales team" is right) and the words before it describe it: a word with
    a plural of its own is a noun ("a friend says" is a clause). The model judges what a
    clause could also be ("a local says")."""
    out = []
    for i, word in enumerate(w.lower[:-1]):
        raw = w.items[i][0]
        if word in ("a", "an") and (raw.islower() or w.prev(i) == ""):
            k = 1
            while k <= 3 and (w.next(i, k) in _DEGREE or w.next(i, k).endswith("ly")):
                k += 1  # "a very", "a truly"
            adjectives = 0
            while adjectives < 2 and adjective(w.next(i, k), counts) and w.items[i + k][0].islower():
                adjectives, k = adjectives + 1, k + 1
            head = w.next(i, k)
            if head in ("", "#") or not w.items[i + k][0].islower() or (adjectives == 0 and k == 1
                                                                       and head not in IRREGULAR_SINGULAR):
                continue  # "a products" right after "a" is rules.py's (singular_after_one)
            after = w.next(i, k + 1)
            if w.text[w.items[i + k][2]:w.items[i + k][2] + 1] in ("'", "’"):
                continue  # "a twelve days' journey", "a young ladies' school": a possessive
            if (new := _singular(head, counts)) and (after in ("", "#") or after in FUNCTION_WORDS - _AFTER_VERB
                                                     or head in IRREGULAR_SINGULAR and not adjectives):
                out.append(at(w, i + k, new, "en.np_number", None,
                              f"“{raw}” counts one: use the singular “{{new}}”, not “{{old}}”.", "grammar"))
        elif word in ("these", "those") and w.prev(i) in _SUBJECT_START and w.next(i) in _THESE_VERB:
            out.append(at(w, i + 1, _THESE_VERB[w.next(i)], "en.np_number", None,
                          f"“{raw}” is plural: use “{{new}}”, not “{{old}}”.", "grammar"))
        elif word == "this" and w.prev(i) in _SUBJECT_START - {"that"} and w.next(i) in _THIS_VERB:
            if any(plural_noun(w.next(i, k), counts) for k in (2, 3, 4)):
                out.append(at(w, i, "these", "en.np_number", None,
                              f"“{w.items[i + 1][0]}” is plural: use “{{new}}”, not “{{old}}”.", "grammar"))
            else:
                out.append(at(w, i + 1, _THIS_VERB[w.next(i)], "en.np_number", None,
                              f"“{raw}” is singular: use “{{new}}”, not “{{old}}”.", "grammar"))
        elif word == "this" and _singular(w.next(i), counts) and w.next(i, 2) in _THIS_VERB and \
                w.items[i + 1][0].islower():
            out.append(at(w, i, "these", "en.np_number", None,
                          f"“{w.items[i + 1][0]}” is plural: use “{{new}}”, not “{{old}}”.", "grammar"))
    return out


# Words that show the word before them is a verb with its object: "to bought a house".
_OBJECT_NEXT = {"the", "a", "an", "my", "your", "his", "her", "our", "their", "its", "this", "these", "those", "it",
                "them", "him", "me", "us", "some", "all", "every", "each"}
# Auxiliaries, and what may follow a question's verb: "Did the plan worked out?" but not
# "Do the bus stops have shelters?" ("stops" a noun, "have" the verb).
_AUXILIARY = _BE_FORMS | {"be", "been", "being", "have", "has", "had", "do", "does", "did"} | _MODALS | _DO_NEGATED
_INDEFINITE = {"anyone", "anybody", "someone", "somebody", "everyone", "everybody", "nobody"}
_NOUN_DETERMINERS = {"the", "a", "an", "my", "your", "his", "her", "our", "their", "its", "this", "that", "these",
                     "those", "any", "some", "every", "each", "no"}


def _question_np_verb(w: Words, counts) -> list[Proposal]:
    """"Did the printer jammed?" -> "jam", "Does the old laptop overheats?" -> "overheat",
    "Does anyone knows?" -> "know": after "did" or "does" and its subject, a noun phrase
    as much as a pronoun, the verb takes its base form. Only in a question, with the
    auxiliary at its start, a subject of one or two words (after a determiner, or two
    without one), and a word after the verb that shows it is one: the end, an object, a
    preposition ("Does the creator provide references or sources?", "Does the new policy
    changes affect you?" have their verb later). Not after "do": there an -s word is
    mostly a plural noun ("Do the boys on board have to go?")."""
    if not w.text.rstrip("\"'”’)").endswith("?"):
        return []
    out = []
    for i, word in enumerate(w.lower[:-2]):
        if word not in ("did", "didn't", "does", "doesn't") or w.prev(i) not in _QUESTION_OPENERS:
            continue
        if w.next(i) in _INDEFINITE:
            verb_at = i + 2
        else:
            first = 2 if w.next(i) in _NOUN_DETERMINERS else 1
            nouns = 0
            while nouns < 3 and w.next(i, first + nouns) not in FUNCTION_WORDS | {"", "#"}:
                nouns += 1
            if not 2 <= nouns <= 3:
                continue  # "Does it ...": _inverted_base's; more words: where the verb is is unclear
            verb_at = i + first + nouns - 1
        if verb_at >= len(w.lower) or w.next(verb_at - 1) in ("", "#"):
            continue
        verb, after = w.lower[verb_at], w.next(verb_at)
        if not w.items[verb_at][0].islower() or not (verb_at == len(w.lower) - 1 and after == "" or
                                                     after in FUNCTION_WORDS - _AUXILIARY - {"and", "or", "but", "nor"}):
            continue  # the question's end, or a function word; not a quote or name ("a record called 'X' show")
        if word.startswith("did") and after in _PREPOSITIONS | PREPOSITIONS:
            continue  # "Did the man injured in the crash survive?": a participle describing the subject
        if word.startswith("did"):
            if verb in IRREGULAR and verb not in FUNCTION_WORDS and verb not in _PAST_IS_BASE | _PAST_ALSO_NOUN_OR_NAME:
                base, past, _ = IRREGULAR[verb]
                new = base if verb == past != base else None
            else:
                new = _base(verb, counts) if verb.endswith("ed") else None
        else:
            new = _base(verb, counts) if verb.endswith("s") else None
        if new and new != verb:
            out.append(at(w, verb_at, new, "en.inverted_base", None,
                          f"After “{w.items[i][0]}” and its subject, use the base form “{{new}}”, not “{{old}}”.",
                          "grammar"))
    return out


def _participle_after_modal(w: Words, counts) -> list[Proposal]:
    """"it will gone" -> "go", "I didn't seen it" -> "see", "to taken the bus" -> "take":
    a participle that is no past ("gone", "taken", "written") needs "have" or "be" before
    it; after a modal, a negated "do" or a verb's "to" the base form belongs, or after a
    modal with no object "be" ("it can done easily" -> "can be done"). After "to" only
    before an object ("to fallen soldiers", "to written consent" are right). Certain:
    the model copies the participle ("will withdrawn" -> "withdraw" -9.8), and on the corpus
    the family proposed one change, a slip ("may known to"). "will", "can", "must", "might",
    "may" are nouns after a determiner, a possessive or a describing word ("his will
    written in 1990", "God's will done", "a political will shown"): left alone."""
    out = []
    for i, word in enumerate(w.lower[1:], 1):
        if word not in IRREGULAR or word in FUNCTION_WORDS - {"done"} or not w.items[i][0].islower():
            continue
        base, past, participle = IRREGULAR[word]
        if word != participle or word in (past, base):
            continue  # "come", "run": the base too
        before, ahead = w.prev(i), w.prev(i - 1)
        if before in _MODALS | _DO_NEGATED:
            if not w.items[i - 1][0].islower() and (i > 1 or before == "may"):
                continue  # "In May given the cost"
            if before in _ALSO_NOUNS and (ahead in _NOUN_BEFORE | {"living", "popular", "iron", "strong", "god's"}
                                          or ahead.endswith("'s") or adjective(ahead, counts)):
                continue  # "his will written in 1990", "a living will drawn up"
        elif not (before == "to" and ahead in _TO_VERBS and w.next(i) in _OBJECT_NEXT):
            continue
        if before in _MODALS and w.next(i) not in _OBJECT_NEXT and word not in _NO_PASSIVE:  # "can done easily"
            out.append(at(w, i, "be " + word, "en.modal_base", None,
                          f"After “{w.items[i - 1][0]}”, the participle “{{old}}” needs “be”: “{{new}}”.", "grammar"))
            continue
        out.append(at(w, i, base, "en.modal_base", None,
                      f"After “{w.items[i - 1][0]}”, use the base form “{{new}}”, not the participle “{{old}}”.",
                      "grammar"))
    return out


# Participles of verbs that take no object, so no passive: "it will fallen" -> "fall".
_NO_PASSIVE = {"gone", "fallen", "risen", "arisen", "swum", "flown", "sunk", "shrunk", "woken"}
_BE_BEEN = {"was": "had", "were": "had", "is": "has", "are": "have", "am": "have"}


def _be_been(w: Words) -> list[Proposal]:
    """"The report was been sent" -> "had been sent", "it is been a week" -> "has been":
    "been" follows a form of "have", never one of "be"."""
    out = []
    for i, word in enumerate(w.lower[:-1]):
        if word in _BE_BEEN and w.next(i) == "been":
            out.append(at(w, i, _BE_BEEN[word], "en.be_been", None,
                          f"“been” follows “have”: write “{{new}} been”, not “{{old}} been”.", "grammar"))
    return out


# Prepositions before a gerund; and what before them makes them adverbs ("has never before been").
_GERUND_PREPOSITIONS = {"after", "before", "without", "despite", "besides"}
_BEFORE_ADVERB = _HAVE | {"never", "ever", "not", "long", "once", "previously", "already", "just", "shortly", "soon",
                          "years", "days", "weeks", "months", "time", "times"}


def _being_after_preposition(w: Words) -> list[Proposal]:
    """"After been told, he left" -> "After being told", "without been asked" -> "being",
    "instead of been" -> "being": a preposition takes the -ing form. Not "has never before
    been seen" (an adverb there)."""
    out = []
    for i, word in enumerate(w.lower[1:], 1):
        prep, ahead = w.prev(i), w.prev(i - 1)
        if word != "been" or not (prep in _GERUND_PREPOSITIONS and ahead not in _BEFORE_ADVERB
                                  and not ahead.endswith(("n't", "ly")) and ahead != "but"
                                  or prep == "of" and ahead in ("instead", "because", "spite")):
            continue
        out.append(at(w, i, "being", "en.being_after_preposition", None,
                      f"After “{w.items[i - 1][0]}”, use “{{new}}”, not “{{old}}”.", "grammar"))
    return out


def _be_participle(w: Words, counts) -> list[Proposal]:
    """"it must be replaces" -> "replaced", "to be updates by" -> "updated": after a
    modal's or "to"'s "be", a verb's -s form where its participle belongs. A plural noun
    reads the same ("to be friends", "will be changes to the law", "may be numbers") and
    the model cannot tell (it scores "be replaces" -> "replaced" -6): so only where the
    participle is at least twice as common as the -s form (a verb: "replaced" 3.9x,
    "deleted" 11x; nouns: "friended" 0.0x, "changed" 0.35x), not after "there", and not
    before "of", "with", "and" ("to be heads of departments")."""
    out = []
    for i, word in enumerate(w.lower[2:], 2):
        if w.prev(i) != "be" or w.prev(i - 1) not in _MODALS | {"to"} or not word.endswith("s") \
                or not w.items[i][0].islower() or "there" in w.lower[max(0, i - 4):i - 1]:
            continue
        if (base := _base(word, counts)) is None or base + "s" != word and base + "es" != word:
            continue
        participle = next((f for f in (base + "d", base + "ed", base[:-1] + "ied") if counts and
                           counts.get(f, 0) >= COMMON and f.endswith("ed")), None)
        if base in IRREGULAR:
            participle = IRREGULAR[base][2] if IRREGULAR[base][0] == base else None
        if participle and counts.get(participle, 0) >= 2 * counts.get(word, 0) and w.next(i) not in ("of", "with", "and"):
            out.append(at(w, i, participle, "en.be_participle", None,
                          f"After “be”, use the participle “{{new}}”, not “{{old}}”.", "grammar"))
    return out
