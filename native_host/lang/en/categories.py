"""Category and explanation of one of the model's edits, from the words it removes and adds
(the model says what to change, not why; rules and the speller write their own messages).

Categories (the wire vocabulary; the extension colours and filters by them):
  spelling        a word replaced by a close spelling of itself ("recieve" -> "receive")
  grammar         articles, verb forms, agreement, noun number, prepositions, missing or extra words
  punctuation     only punctuation marks change
  capitalization  only letter case changes
  word-choice     a different word: confusables (their/there, then/than) and other replacements
  style           longer rewrites of a phrase

Small word lists and string similarity only: the host has no NLP dependency.
"""

from __future__ import annotations

import difflib

from .words import (
    ARTICLES,
    AUXILIARIES,
    CONFUSABLES,
    DETERMINERS,
    IRREGULAR,
    PLURAL_SUBJECTS,
    PREPOSITIONS,
    PUNCT_NAMES,
    SINGULAR_SUBJECTS,
)


def _q(s: str) -> str:
    return f"“{s}”"


def _is_punct(tok: str) -> bool:
    return not any(ch.isalnum() for ch in tok)


def _similar(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a.lower(), b.lower()).ratio()


def _inflection_pair(a: str, b: str) -> bool:
    """Same word, other ending: go/goes, apple/apples, walk/walked, buy/buying."""
    a, b = a.lower(), b.lower()
    common = 0
    while common < min(len(a), len(b)) and a[common] == b[common]:
        common += 1
    return common >= 3 and common >= min(len(a), len(b)) - 2 and (len(a) - common) <= 4 and (len(b) - common) <= 4


def classify(edit, sentence: str, known=None) -> tuple[str, str]:
    """Category and message for `edit`; `known(word)`, when given, says whether a lower-case
    word is in the lexicon, so an unknown word replaced by known ones is a spelling fix."""
    removed = [t for t in edit.removed]
    added = [t for t in edit.added]
    old, new = edit.original.strip(), edit.replacement.strip()
    before = _word_before(sentence, edit.start)

    if old.lower() == new.lower() and old != new:
        if edit.start == 0 or sentence[: edit.start].strip() == "":
            return "capitalization", f"Start the sentence with a capital letter: {_q(new)}."
        if new[:1].isupper():
            return "capitalization", f"Write {_q(new)} with a capital letter."
        return "capitalization", f"Write {_q(new)} in lower case."

    # Punctuation only: all tokens that differ are punctuation.
    rem_words = [t for t in removed if not _is_punct(t)]
    add_words = [t for t in added if not _is_punct(t)]
    if [w.lower() for w in rem_words] == [w.lower() for w in add_words] and rem_words == add_words:
        return "punctuation", _punctuation_message(removed, added, new, at_end=edit.end >= len(sentence.rstrip()))

    if len(rem_words) in (2, 3) and len(add_words) == 1 and "".join(rem_words).lower() == add_words[0].lower():
        return "spelling", f"{_q(old)} is one word: {_q(new)}."
    if len(removed) == 1 and removed[0].isalpha() and 1 <= len(add_words) <= 2:
        lo, joined = removed[0].lower(), "".join(add_words).lower()
        if len(add_words) == 2 and joined == lo:
            return "spelling", f"{_q(removed[0])} is two words: {_q(new)}."
        if known is not None and not known(lo) and all(known(w.lower()) for w in add_words) and _similar(lo, joined) >= 0.6:
            return "spelling", f"{_q(removed[0])} looks misspelled. Did you mean {_q(new)}?"

    # Single-word changes.
    if len(rem_words) == 1 and len(add_words) == 1:
        o, n = rem_words[0], add_words[0]
        lo, ln = o.lower(), n.lower()
        if lo in ARTICLES and ln in ARTICLES:
            if {lo, ln} == {"a", "an"}:
                nxt = sentence[edit.end:].split()
                example = f": {_q(n + ' ' + nxt[0].strip('.,;:!?'))}" if nxt else ""
                return "grammar", f"Use {_q(n)} before {'a vowel' if ln == 'an' else 'a consonant'} sound{example}."
            return "grammar", f"Use the article {_q(n)} instead of {_q(o)}."
        if lo in CONFUSABLES and ln in CONFUSABLES:  # the mistake first: what the word written means
            return "word-choice", f"{_q(o)} means {CONFUSABLES[lo]}; here you need {_q(n)} ({CONFUSABLES[ln]})."
        if lo in PREPOSITIONS and ln in PREPOSITIONS:
            return "grammar", f"Use the preposition {_q(n)} here instead of {_q(o)}."
        if lo.replace("'", "").replace("’", "") == ln.replace("'", "").replace("’", ""):
            return "punctuation", f"Write {_q(n)} with the apostrophe in the right place."
        if ln.endswith("ed") and not lo.endswith("ed") and _inflection_pair(lo, ln) and before.lower() not in AUXILIARIES:
            return "grammar", f"Use the past tense {_q(n)} here."
        if "'" in ln + lo or "’" in ln + lo:
            return "grammar", f"Write {_q(n)} instead of {_q(o)}."
        same_verb = lo in IRREGULAR and IRREGULAR[lo] == IRREGULAR.get(ln)
        if before.lower() in _BASE_BEFORE and (same_verb and ln == IRREGULAR[ln][0] or ln in _bases(lo)):
            return "grammar", f"After {_q(before)}, use the base form {_q(n)}."  # "can went", "to goes"
        if ln.endswith("ing") and lo in _bases(ln) and not lo.endswith("ing"):
            return "grammar", f"Use the -ing form {_q(n)} here."  # "look forward to meet" -> "meeting"
        if same_verb and ln in IRREGULAR[ln][1:] and lo not in IRREGULAR[lo][1:] and before.lower() not in AUXILIARIES:
            return "grammar", f"Use the past tense {_q(n)} here."
        if _inflection_pair(lo, ln) or same_verb or (lo in AUXILIARIES and ln in AUXILIARIES):
            subj = before.lower()
            # "these subject" -> "subjects", "this products" -> "product": a determiner's noun, not a subject's verb.
            counted = (subj in ("these", "those") and ln.endswith("s")) or (subj in ("this", "that", "each") and lo.endswith("s"))
            if subj in SINGULAR_SUBJECTS | PLURAL_SUBJECTS and not counted and (ln in AUXILIARIES or lo.endswith("s") != ln.endswith("s")):
                number = "singular" if subj in SINGULAR_SUBJECTS else "plural"
                if subj == "i":
                    number = "“I”"
                    return "grammar", f"Use {_q(n)}: it agrees with the subject {number}."
                return "grammar", f"Use {_q(n)}: the subject {_q(before)} is {number}."
            if ln.endswith("s") != lo.endswith("s") and not ln.endswith("ss") and not lo.endswith("ss") and before.lower() in DETERMINERS | {"many", "few", "several", "one", "two", "three"}:
                return "grammar", f"Use the {'plural' if ln.endswith('s') else 'singular'} {_q(n)} after {_q(before)}."
            return "grammar", f"Use the form {_q(n)} instead of {_q(o)}."
        if _similar(lo, ln) >= 0.75 and abs(len(lo) - len(ln)) <= 3:
            return "spelling", f"{_q(o)} looks misspelled. Did you mean {_q(n)}?"
        return "word-choice", f"Consider {_q(n)} instead of {_q(o)}."

    # Insertions and deletions of whole words.
    extra = _difference(rem_words, add_words)
    missing = _difference(add_words, rem_words)
    if missing and not extra:
        words = " ".join(missing)
        if len(missing) == 1 and missing[0].lower() in ARTICLES:
            return "grammar", f"Add the article {_q(missing[0])}: {_q(new)}."
        if len(missing) == 1 and missing[0].lower() in PREPOSITIONS:
            return "grammar", f"Add the preposition {_q(missing[0])}: {_q(new)}."
        return "grammar", f"Add {_q(words)}: {_q(new)}." if new else f"Add {_q(words)}."
    if extra and not missing:
        words = " ".join(extra)
        if len(extra) == 1 and _repeated(sentence, edit, extra[0]):
            return "grammar", f"Remove the repeated word {_q(extra[0])}."
        if len(extra) == 1 and extra[0].lower() in ARTICLES:
            return "grammar", f"Remove the article {_q(extra[0])}."
        return "grammar", f"Remove {_q(words)}."
    if len(rem_words) + len(add_words) >= 5:
        return "style", f"Rephrase as {_q(new)}."
    if sorted(w.lower() for w in rem_words) == sorted(w.lower() for w in add_words):
        return "grammar", f"Change the word order: {_q(new)}."
    return "grammar", f"Write {_q(new)} instead of {_q(old)}." if new else f"Remove {_q(old)}."


# After these comes a verb's base form: "can go", "to go", "didn't go".
_BASE_BEFORE = {"to", "can", "could", "will", "would", "shall", "should", "may", "might", "must", "can't", "cannot",
                "couldn't", "won't", "wouldn't", "shouldn't", "didn't", "doesn't", "don't", "did", "does", "do"}


def _bases(word: str) -> set[str]:
    """What `word` may be the -s, -ed or -ing form of: "tried" -> "try", "swimming" -> "swim"."""
    out = set()
    for suffix in ("ies", "ied", "es", "ed", "s", "d", "ing"):
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            stem = word[:-len(suffix)]
            out |= {stem, stem + "e", stem + "y" if suffix in ("ies", "ied") else stem}
            if len(stem) > 2 and stem[-1] == stem[-2]:
                out.add(stem[:-1])  # "swimming", "stopped"
    return out


def _punctuation_message(removed, added, new: str, at_end: bool) -> str:
    rp = [t for t in removed if _is_punct(t)]
    ap = [t for t in added if _is_punct(t)]
    if ap and not rp:
        name = PUNCT_NAMES.get(ap[0], "punctuation mark")
        if at_end and ap[-1] in ".!?" and new.endswith(ap[-1]):
            return f"End the sentence with a {name}."
        words = [t for t in added if not _is_punct(t)]
        if words and new.endswith(ap[0]):
            return f"Add a {name} after {_q(words[-1])}."
        return f"Add a {name}: {_q(new)}"
    if rp and not ap:
        return f"Remove the {PUNCT_NAMES.get(rp[0], 'punctuation mark')}."
    if rp and ap:
        return f"Use a {PUNCT_NAMES.get(ap[0], _q(ap[0]))} instead of a {PUNCT_NAMES.get(rp[0], _q(rp[0]))}."
    return f"Fix the punctuation: {_q(new)}."


def _difference(a: list[str], b: list[str]) -> list[str]:
    rest = [w.lower() for w in b]
    out = []
    for w in a:
        if w.lower() in rest:
            rest.remove(w.lower())
        else:
            out.append(w)
    return out


def _word_before(sentence: str, index: int) -> str:
    words = sentence[:index].split()
    return words[-1].strip(",;:\"'“”") if words else ""


def _repeated(sentence: str, edit, word: str) -> bool:
    around = sentence[max(0, edit.start - len(word) - 2): edit.end + len(word) + 2].lower().split()
    return around.count(word.lower()) >= 2
