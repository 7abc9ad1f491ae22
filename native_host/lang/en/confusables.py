"""The slips fluent writers make: words that sound alike ("their"/"there"/"they're",
"its"/"it's", "your"/"you're", "then"/"than", "to"/"too", "lose"/"loose",
"affect"/"effect", "whose"/"who's", "here"/"hear", "were"/"where", "extend"/"extent"),
"could of", "fewer"/"less", "many information", "and hour", a contraction or
possessive without its apostrophe ("dont", "everyones"), "she don't", "there was
updates", "to went", and a present verb against a past time ("He go to school yesterday");
a possessive written "it's"/"they're"/"there" before a noun phrase ("to there old house"),
"then" a few words after a comparative, "worth than", affect/effect by their place in the
sentence ("an immediate affect on", "won't effect us") and a verb where a determiner asks for
its noun ("our biggest complain").

Each finder reads the words around one word and proposes a change only where the
context makes the other word likely; the model then decides (rules.confusables keeps a
proposal whose margin reaches its bar, plus the checker's min_margin). A proposal with no
bar (None) is certain on its own: "dont" and "everyones" are not words, "could of"
before a participle and "their are" are never right.

The bars (BARS, nats) were set on 8,000 sentences of ../shared/data/corpus that hold
these words (Wikipedia summaries, e-mails, Gutenberg, State of the Union), as written
and with one slip put in. As written, the finders proposed 36 changes and the bars kept
10, eight of them real slips of the e-mails ("Its not touchy-feely", "thats for sure");
with the slip put in, they kept 2,347 of the 2,482 proposals that undo it. Where the
model cannot tell (it copies "and" before "hour" at -9 nats, scores "You're welcome"
-8 below "Your welcome" at a sentence's start), the context alone decides or nothing is
proposed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from .context import (
    COMMON,
    NOT_NOUNS,
    Proposal,
    Words,
    adjective,
    at,
    nounish,
    participle,
    plural_noun,
)
from .words import FUNCTION_WORDS, IRREGULAR

# Words that show the word before them is a clause's subject or verb, not a possessive's noun.
_BE = {"is", "are", "was", "were", "isn't", "aren't", "wasn't", "weren't", "has", "have", "had", "hasn't", "haven't",
       "seems", "seem", "seemed", "appears", "appear", "must", "should", "might", "could", "would", "shall"}
_NUMBERS = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "both", "all", "few", "many"}
_BE_CERTAIN = {"is", "are", "was", "were", "isn't", "aren't", "wasn't", "weren't"}
# After "its"/"your"/"their"/"whose": a word a possessive never precedes ("its a", "your not", "their going").
_NOT_AFTER_POSSESSIVE = {"a", "an", "the", "not", "been", "going", "gonna", "just", "so", "too",
                         "also", "really", "always", "never", "still", "almost", "all", "that", "because", "about",
                         "got", "getting", "coming", "doing", "trying", "here", "there", "probably", "definitely",
                         "actually", "already", "quite", "pretty", "totally", "finally", "obviously", "clearly"}
# Predicative words: after "its"/"your" they mean "it is"/"you are" unless a noun follows ("its true nature").
_PREDICATIVE = {"true", "false", "hard", "easy", "possible", "impossible", "difficult", "clear", "obvious", "likely",
                "unlikely", "fine", "good", "great", "bad", "nice", "ok", "okay", "important", "necessary", "better",
                "worse", "worth", "late", "early", "right", "wrong", "sure", "welcome", "correct", "done", "over",
                "raining", "snowing", "cold", "hot", "funny", "strange", "weird", "interesting", "amazing",
                "beautiful", "awesome", "free", "safe", "ready", "able", "kidding", "lucky", "crazy", "fun", "useless"}
_MODALS = {"could", "would", "should", "might", "must", "may", "couldn't", "wouldn't", "shouldn't", "mustn't"}
_COMPARATIVES = {"more", "less", "fewer", "better", "worse", "rather", "other", "greater", "larger", "smaller",
                 "bigger", "higher", "lower", "older", "younger", "longer", "shorter", "easier", "harder", "faster",
                 "slower", "cheaper", "stronger", "weaker", "richer", "poorer", "taller", "heavier", "lighter",
                 "happier", "healthier", "safer", "simpler", "wider", "deeper", "closer", "further", "farther",
                 "smarter", "nicer", "louder", "quicker", "warmer", "colder", "hotter", "cooler"}
_DETERMINERS = {"the", "a", "an", "my", "your", "his", "her", "its", "our", "their", "this", "these", "those", "every"}
_OBJECTS = {"me", "him", "us", "them"}
_TOO_BEFORE_END = {"much", "many", "late", "early", "soon", "often", "long", "far", "big", "small", "hard", "expensive",
                   "busy", "tired", "young", "old", "bad", "fast", "slow", "hot", "cold", "high", "low", "loud",
                   "difficult", "heavy", "close", "short", "cheap"}
_LOOSE_BEFORE = {"the", "broke", "break", "breaks", "breaking", "cut", "cuts", "let", "lets", "set", "sets", "come",
                 "came", "comes", "coming", "knocked", "shook", "hang", "hangs", "too", "so", "very", "got", "get",
                 "gets", "is", "are", "was", "were", "turned", "turn"}
_BREAK_LOOSE = {"broke", "break", "breaks", "breaking", "knocked", "shook", "shaken", "cut", "cuts", "pulled", "worked",
                "came", "come", "comes", "coming"}
_TOO_AFTER = {"is", "are", "was", "were", "be", "been", "far", "way", "much", "it's", "that's", "not", "getting",
              "got", "get", "became", "become", "seems", "seem", "seemed", "looks", "look", "feel", "feels", "felt"}
_LOSE_BEFORE = {"to", "will", "would", "can", "could", "might", "may", "must", "should", "shall", "don't", "didn't",
                "doesn't", "won't", "can't", "cannot", "couldn't", "wouldn't", "never", "gonna"}
_AFFECT_NOUN_BEFORE = {"an", "the", "no", "any", "positive", "negative", "side", "adverse", "great", "big", "huge",
                       "significant", "little", "lasting", "profound", "direct", "opposite", "desired", "same"}
_EFFECT_VERB_BEFORE = {"will", "would", "can", "could", "might", "may", "must", "should", "not", "doesn't", "shouldn't",
                       "can't", "cannot", "couldn't", "wouldn't", "mustn't",
                       "don't", "didn't", "won't", "greatly", "negatively", "positively", "directly", "seriously",
                       "also", "really", "adversely", "would've", "could've", "should've", "might've"}
_EFFECT_VERB_AFTER = {"the", "my", "your", "his", "her", "our", "their", "its", "me", "you", "him", "us", "them",
                      "people", "everyone", "how", "whether", "children", "students"}
# Contractions and possessives written without the apostrophe; none is an English word.
_APOSTROPHE = {
    "dont": "don't", "doesnt": "doesn't", "didnt": "didn't", "isnt": "isn't", "arent": "aren't", "wasnt": "wasn't",
    "werent": "weren't", "couldnt": "couldn't", "shouldnt": "shouldn't", "wouldnt": "wouldn't", "hasnt": "hasn't",
    "havent": "haven't", "hadnt": "hadn't", "mustnt": "mustn't", "youre": "you're", "theyre": "they're",
    "thats": "that's", "whats": "what's", "ive": "I've", "youve": "you've", "theyve": "they've", "weve": "we've",
    "youll": "you'll", "theyll": "they'll", "wouldve": "would've", "couldve": "could've", "shouldve": "should've",
    "everyones": "everyone's", "someones": "someone's", "anyones": "anyone's", "everybodys": "everybody's",
    "somebodys": "somebody's", "anybodys": "anybody's", "nobodys": "nobody's",
    "hes": "he's", "shes": "she's", "theres": "there's", "wheres": "where's", "whos": "who's", "heres": "here's",
    "aint": "ain't", "itll": "it'll", "thatll": "that'll", "theyd": "they'd", "youd": "you'd", "neednt": "needn't",
    "im": "I'm",
}
# Words in their own right ("cant", "wont": habit) that after a subject are "can't", "won't".
_APOSTROPHE_AFTER_SUBJECT = {"cant": "can't", "wont": "won't"}
_CONTRACTED_S = {"hes", "shes", "theres", "wheres", "whos", "heres"}  # "he's" is "he is", no possessive
_SINGULAR_SUBJECTS = {"he", "she", "it", "everyone", "everybody", "someone", "somebody", "nobody", "anyone", "anybody"}
_ALL_SUBJECTS = _SINGULAR_SUBJECTS | {"i", "you", "we", "they"}
# Times that put a clause in the past.
_PAST_TIME = re.compile(r"\b(?:yesterday|last\s+(?:night|week|weekend|month|year|summer|winter|spring|autumn|"
                        r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|time)|"
                        r"(?:a|one|two|three|four|five|six|seven|eight|nine|ten|\d+|few|several|many)\s+"
                        r"(?:minutes?|hours?|days?|weeks?|months?|years?)\s+ago)\b", re.IGNORECASE)
# Between the verb and the time: a word that opens another clause ("I think he left yesterday").
_CLAUSE_OPENERS = FUNCTION_WORDS & {"that", "which", "who", "whom", "what", "when", "where", "why", "how", "if",
                                    "because", "and", "but", "or", "so", "since", "until", "while", "although",
                                    "though", "whether", "i", "you", "he", "she", "it", "we", "they", "will", "would",
                                    "before", "after", "did", "didn't"}
# Nouns with a vowel sound that are no verb or adjective: "and" before one, after a verb
# or preposition, is "an" mistyped ("wait and hour"); the model copies "and" (-9 nats).
_AN_NOUNS = {"hour", "idea", "example", "issue", "error", "opportunity", "appointment", "article", "essay", "event",
             "apple", "hour's", "image", "instance", "item", "office", "uncle", "aunt", "employee", "engineer",
             "assignment", "accident", "incident", "answer", "email", "e-mail", "invoice"}
_AND_AN_BEFORE = {"for", "about", "within", "in", "after", "wait", "waited", "took", "takes", "take", "spent", "spend",
                  "half", "is", "was", "be", "have", "had", "has", "need", "needs", "want", "wanted", "get", "got",
                  "found", "make", "made", "with", "as", "like", "such"}
def _past(verb: str, counts: Mapping[str, int] | None) -> str | None:
    """The past tense of a base or -s verb ("go" -> "went", "walks" -> "walked"), if common."""
    if verb in IRREGULAR:
        base, past, _ = IRREGULAR[verb]
        if verb not in (base, base + "s", base + "es") and verb not in ("does", "goes", "has", "is", "are"):
            return None
        return {"be": "was" if verb == "is" else "were"}.get(base, past)
    if counts is None or verb in FUNCTION_WORDS or counts.get(verb, 0) < COMMON:
        return None
    base = verb[:-1] if verb.endswith("s") and counts.get(verb[:-1], 0) >= COMMON else verb
    forms = [base + "d"] if base.endswith("e") else [base[:-1] + "ied"] if base.endswith("y") and base[-2] not in "aeiou" \
        else [base + "ed", base + base[-1] + "ed"]
    return next((f for f in forms if counts.get(f, 0) >= COMMON), None)


def proposals(text: str, counts: Mapping[str, int] | None) -> list[Proposal]:
    """Every proposal for `text`, in order, at most one per word."""
    w = Words(text)
    found: dict[int, Proposal] = {}
    for finder in _FINDERS:
        for p in finder(w, counts):
            found.setdefault(p.start, p)
    return sorted(found.values())


def _apostrophes(w: Words, counts) -> list[Proposal]:
    """"dont" -> "don't", "everyones" -> "everyone's": certain (none of them is a word)."""
    out = []
    for i, word in enumerate(w.lower):
        if word in _APOSTROPHE_AFTER_SUBJECT and w.items[i][0].islower() and w.prev(i) in _ALL_SUBJECTS | {"that", "this"}:
            out.append(at(w, i, _APOSTROPHE_AFTER_SUBJECT[word], "en.apostrophe", None,
                          "Write the contraction with an apostrophe: “{new}”."))
        elif word in _APOSTROPHE and (w.items[i][0].islower() or w.items[i][0] == word.capitalize()
                                      and (word in ("ive", "im") or i == 0 and w.prev(i) == "")):  # "Dont worry"
            possessive = word.endswith("s") and _APOSTROPHE[word].endswith("'s") and word not in _CONTRACTED_S
            what = "the possessive" if possessive else "the contraction"
            out.append(at(w, i, _APOSTROPHE[word], "en.apostrophe", None, f"Write {what} with an apostrophe: “{{new}}”."))
    return out


def _does_not(w: Words, counts) -> list[Proposal]:
    """"she don't" -> "she doesn't": "don't" goes with I, you, we and they."""
    out = []
    for i, word in enumerate(w.lower):
        if word in ("don't", "dont") and w.prev(i) in _SINGULAR_SUBJECTS and (i < 2 or w.prev(i - 1) not in _MODALS):
            subject = w.items[i - 1][0]
            out.append(at(w, i, "doesn't", "en.doesnt", None,
                          f"With “{subject}”, use “doesn't”: “don't” goes with I, you, we and they."))
    return out


def _modal_of(w: Words, counts) -> list[Proposal]:
    """"could of done" -> "could have done": certain before a participle."""
    out = []
    for i, word in enumerate(w.lower):
        if word == "of" and w.prev(i) in _MODALS and participle(w.next(i), counts):
            modal = w.items[i - 1][0]
            out.append(at(w, i, "have", "en.modal_of", None,
                          f"“{modal} of” is how “{modal}'ve” sounds; write “{modal} have”."))
    return out


def _its_your(w: Words, counts) -> list[Proposal]:
    """"its"/"your"/"whose" where "it's"/"you're"/"who's" belongs, and back."""
    out = []
    pairs = {"its": ("it's", "en.its_itis", "“its” is possessive; here you need “it's” (it is)."),
             "your": ("you're", "en.your_youre", "“your” is possessive; here you need “you're” (you are)."),
             "whose": ("who's", "en.whose_whos", "“whose” is possessive; here you need “who's” (who is).")}
    back = {"it's": ("its", "en.itis_its", "“it's” means “it is”; the possessive is “its”."),
            "you're": ("your", "en.youre_your", "“you're” means “you are”; the possessive is “your”."),
            "who's": ("whose", "en.whos_whose", "“who's” means “who is”; the possessive is “whose”.")}
    for i, word in enumerate(w.lower):
        nxt, after = w.next(i), w.next(i, 2)
        if word in pairs:
            new, rule, message = pairs[word]
            if nxt in _NOT_AFTER_POSSESSIVE or (nxt in _PREDICATIVE and not nounish(after, counts)):
                if (word == "whose" and nxt in _PREDICATIVE) or (nxt == "not" and after.endswith("ing") and i > 0):
                    continue  # "Whose right is it?", "insisted on its not coming" (but "Its not working.")
                sure = _never_after_possessive(nxt, after) or (nxt in _ADJECTIVES and after == "" and word != "whose") \
                    or (word == "your" and w.prev(i) == "" and nxt in _YOUR_PREDICATE and after in ("", "about", "but"))
                out.append(at(w, i, new, rule, None if sure else BARS[rule], message))
            elif (nxt.endswith("ing") and w.next(i, 2) in _DETERMINERS | _OBJECTS | {"to", "it", "out", "up"}) or \
                    (nxt == "time" and after in ("to", "for")):
                # "its removing the", "its time to go"; opening a sentence, "Its removing the
                # errors" is a clause (a possessive + gerund subject is rare there): a lower bar
                bar = BARS[rule] - 2.0 if i == 0 and word == "its" and nxt.endswith("ing") else BARS[rule]
                out.append(at(w, i, new, rule, bar, message))
        elif word in back:
            new, rule, message = back[word]
            if nxt == "own" or (w.prev(i) in _PREPOSITIONS_ONLY | _PLURAL_BE and nxt and nxt not in FUNCTION_WORDS | {"#"}) or \
                    (nxt not in FUNCTION_WORDS | {"", "#"} and not nxt.endswith(("ed", "ing")) and after in _FINITE):
                out.append(at(w, i, new, rule, None, message))  # "its own", "off it's hub", "it's door is"
            elif nounish(nxt, counts) and nxt not in _PREDICATIVE | _CARDINALS | {"kind", "sort"} and not nxt.endswith(("ed", "ing")) \
                    and _plain_end(w, i + 1, counts) and w.prev(i) not in _CLAUSE_START:
                out.append(at(w, i, new, rule, BARS[rule], message))
    return out


def _never_after_possessive(nxt: str, after: str) -> bool:
    """A possessive is never followed by an article, nor by "not" unless a gerund comes next
    ("their not being there")."""
    return nxt in ("a", "an", "the") or (nxt == "not" and not after.endswith("ing"))


# "it's nine at night", "it's ten to five": a number after "it's" is a time or a count; a
# possessive's number needs its noun ("its nine members"), which a finder would see.
_CARDINALS = _NUMBERS | {"eleven", "twelve", "twenty", "thirty", "forty", "fifty", "sixty", "hundred", "thousand",
                         "million", "midnight", "noon"}


# After these, "it's", "you're", "who's" cannot stand ("off it's hub", "in you're car").
_PREPOSITIONS_ONLY = {"of", "in", "on", "for", "with", "by", "from", "at", "into", "onto", "off", "under", "over",
                      "through", "within", "without", "during", "across", "behind", "toward", "towards", "upon"}


# A finite verb: after "it's" + a word it shows that word is a noun with its own verb.
_FINITE = {"is", "was", "are", "were", "has", "had", "will", "can", "could", "would", "should", "must", "may", "might",
           "does", "did", "seems", "seemed", "looks", "looked", "isn't", "wasn't", "doesn't", "didn't"}
# Adjectives that are never nouns: "your beautiful." can only be "you're beautiful."
_ADJECTIVES = {"true", "easy", "possible", "impossible", "difficult", "clear", "obvious", "likely", "unlikely",
               "important", "necessary", "sure", "correct", "ready", "able", "kidding", "lucky", "crazy", "beautiful",
               "amazing", "awesome", "funny", "strange", "weird", "interesting", "useless", "welcome", "okay", "ok"}


# Before these a clause starts, and "it's"/"you're" + an adjective is likelier than a
# possessive + noun ("Why, you're gorgeous!", "he claims it's radiation").
_CLAUSE_START = {"", "#", "and", "but", "or", "so", "because", "if", "when", "that", "as", "since", "though",
                 "although", "while", "why", "well", "oh", "yes", "no", "say", "says", "said", "claim", "claims",
                 "claimed", "think", "thinks", "thought", "believe", "believes", "believed", "guess", "hope", "know",
                 "knew", "knows", "mean", "means", "sure", "wish", "suppose", "bet", "realize", "realise", "now", "then"}


def _plain_end(w: Words, i: int, counts) -> bool:
    """Word i ends a noun phrase: punctuation, the end, or a function word follows."""
    after = w.next(i)
    return after == "" or after in FUNCTION_WORDS


def _their(w: Words, counts) -> list[Proposal]:
    """"their are" -> "there are", "their going" -> "they're going", "there house" -> "their house"."""
    out = []
    for i, word in enumerate(w.lower):
        nxt, prev = w.next(i), w.prev(i)
        if word == "their":
            if nxt in _BE:  # "their is" is never right; "their has been" the model judges
                bar = None if nxt in _BE_CERTAIN else BARS["en.their_there"]
                out.append(at(w, i, "there", "en.their_there", bar,
                              "“their” means belonging to them; here you need “there”."))
            elif nxt == "not" and w.next(i, 2).endswith("ing"):
                continue  # "their not being there"
            elif nxt in _NOT_AFTER_POSSESSIVE - {"the", "a", "an", "that", "all", "about", "here", "there", "been"} or \
                    (nxt.endswith("ing") and w.next(i, 2) in _DETERMINERS | _OBJECTS | {"to", "it", "out", "up", "home", "back"}):
                out.append(at(w, i, "they're", "en.their_theyre", BARS["en.their_theyre"],
                              "“their” is possessive; here you need “they're” (they are)."))
        elif word == "there" and prev not in _BE | _DETERMINERS | _NUMBERS | {"be", "been", "being", "in", "from", "over",
                                                    "up", "down", "out", "here", "and", "or", "to", "get", "got", "go",
                                                    "went", "stay", "#"}:
            if nxt == "own" or (nounish(nxt, counts) and not nxt.endswith(("ed", "ing")) and prev != ""):
                out.append(at(w, i, "their", "en.there_their", BARS["en.there_their"],
                              "“there” is a place; for belonging to them, write “their”."))
        elif word == "they're" and nxt in _BE_CERTAIN and w.prev(i) not in _BE:  # "They're was a fire": never right
            out.append(at(w, i, "there", "en.theyre_there", None, "“they're” means “they are”; here you need “there”."))
        elif word == "they're" and (nxt == "own" or (nounish(nxt, counts) and nxt not in _PREDICATIVE
                                                    and not nxt.endswith(("ed", "ing")) and _plain_end(w, i + 1, counts))):
            out.append(at(w, i, "their", "en.theyre_their", BARS["en.theyre_their"],
                          "“they're” means “they are”; the possessive is “their”."))
    return out


def _possessive_phrase(w: Words, counts) -> list[Proposal]:
    """"it's", "they're", "you're" or "there" before a noun phrase, where the possessive is
    meant: after "are"/"were" ("What are it's benefits", "These are they're best clothes"),
    after a preposition that takes no clause ("alongside it's coast", "to you're pet", "to
    there old parents", "in there place"), or before an adjective and a noun that end the
    phrase ("addresses it's internal developers"). Also "its had": never a possessive."""
    out = []
    for i, word in enumerate(w.lower):
        prev, nxt, after = w.prev(i), w.next(i), w.next(i, 2)
        if word == "its" and nxt == "had":
            out.append(at(w, i, "it's", "en.possessive_phrase", None,
                          "“its” is possessive; before “had”, write “it's” (it has)."))
            continue
        if word == "it's" and _superlative(nxt) and nounish(after, counts) and _plain_end(w, i + 2, counts):
            # "it's reddest area": "it is" + a superlative needs "the" ("it's the reddest"), or
            # "to" after it ("it's easiest to walk"); certain: the model copies "it's" (-2.7 nats)
            out.append(at(w, i, "its", "en.possessive_phrase", None, _POSSESSIVE_MESSAGE[word]))
            continue
        if word not in _POSSESSIVE_OF or not nounish(nxt, counts) or nxt.endswith(("ed", "ing")) \
                or nxt in _PREDICATIVE | _CARDINALS | _NOT_AFTER_POSSESSIVE:
            continue
        two = nounish(after, counts) and (_plain_end(w, i + 2, counts) or w.next(i, 3) in NOT_NOUNS)
        one = _plain_end(w, i + 1, counts)
        if word == "there":
            found = prev in ("to", "in", "into") and (one or two)
        else:
            found = (prev in _PLURAL_BE and i > 1) or (prev in _NP_PREPOSITIONS and (one or two)) or \
                (prev == "as" and w.prev(i - 1) == "such" and (one or two)) or \
                (two and prev not in _CLAUSE_START | _BE | _SAYING and not after.endswith(("ed", "ing")))
        if found:  # "are it's" is never "are it is" (the model: -2.95 nats for "What are its main benefits")
            bar = None if word == "it's" and prev in _PLURAL_BE else BARS["en.possessive_phrase"]
            out.append(at(w, i, _POSSESSIVE_OF[word], "en.possessive_phrase", bar, _POSSESSIVE_MESSAGE[word]))
    return out


def _superlative(word: str) -> bool:
    """An -est superlative; not "best", "most"...: "it's best practice", "it's most effective"."""
    return len(word) > 5 and word.endswith("est") and word not in ("interest", "request", "forest", "honest", "modest")


_POSSESSIVE_OF = {"it's": "its", "they're": "their", "you're": "your", "there": "their"}
_POSSESSIVE_MESSAGE = {
    "it's": "“it's” means “it is”; before a noun, the possessive is “its”.",
    "they're": "“they're” means “they are”; before a noun, the possessive is “their”.",
    "you're": "“you're” means “you are”; before a noun, the possessive is “your”.",
    "there": "“there” points to a place; for belonging use “their”.",
}
# "What are it's benefits": "are" is never followed by "it is", so a possessive is meant.
_PLURAL_BE = {"are", "were", "aren't", "weren't"}
# Prepositions that take a noun phrase and never a clause ("alongside it's coast", "to you're pet").
_NP_PREPOSITIONS = {"to", "alongside", "beside", "along", "around", "against", "among", "amongst", "between",
                    "beyond", "inside", "outside", "throughout", "via", "despite", "near", "beneath", "underneath"}
# Verbs that take a clause ("says it's good news"): "it's" after them is "it is".
_SAYING = {"says", "said", "say", "thinks", "think", "thought", "knows", "know", "knew", "hopes", "hope", "guess",
           "feel", "feels", "felt", "see", "sees", "saw", "found", "find", "finds", "seems", "seemed", "means",
           "meant", "heard", "hear", "hears", "realise", "realize", "realised", "realized", "agree", "agreed",
           "sure", "glad", "sorry", "afraid", "maybe", "perhaps", "hopefully", "probably", "surely", "whether",
           "where", "what", "how", "who", "unless", "once", "until", "till", "whenever", "wherever", "here"}
# "Your right, but", "Your wrong about": after a sentence-opening "Your" these are the predicate,
# though the model copies "Your" there (-7 nats).
_YOUR_PREDICATE = {"right", "wrong", "correct", "welcome", "sure", "kidding", "lucky", "joking"}


def _then_than(w: Words, counts) -> list[Proposal]:
    """"better then" -> "better than", "more expensive then" -> "than"."""
    out = []
    for i, word in enumerate(w.lower):
        if word == "than" and w.prev(i) in ("and", "since", "until", "till", "just", "back", "even", "from"):
            out.append(at(w, i, "then", "en.than_then", BARS["en.than_then"],
                          "Use “then” for time or order; “than” is for comparisons."))
        if word != "then" or w.next(i) == "":
            continue  # "I was stronger then.": at a clause's end it is time
        if w.prev(i) in _COMPARATIVES:
            out.append(at(w, i, "than", "en.then_than", BARS["en.then_than"],
                          "Use “than” in a comparison; “then” is about time."))
        elif (j := _comparative_before(w, i, counts)) is not None:
            out.append(at(w, i, "than", "en.comparative_then", BARS["en.comparative_then"],
                          f"“{w.items[j][0]}” makes this a comparison: use “than”; “then” is about time."))
    return out


def _comparative_before(w: Words, i: int, counts) -> int | None:
    """The comparative two to four words before "then" (word i) in its clause ("more people
    came then expected", "rather walk then drive", "much older now then"), if "then" can be
    "than" here: no word between opens another clause, no verb form follows "then" ("The
    older kids then left"), and no "if"/"when"/"once" comes before ("If you need more help
    then call me"): there it is time."""
    nxt = w.next(i)
    if nxt in _THEN_BEFORE or _verb_form(nxt) or w.prev(i) in ("", "#") or w.prev(i) in _THEN_AFTER \
            or any(x in _THEN_CONDITIONS for x in w.lower[:i]):
        return None
    for j in range(i - 2, max(i - 5, 0) - 1, -1):
        if w.next(j) in ("", "#") or w.lower[j + 1] in _CLAUSE_OPENERS - _ALL_SUBJECTS | {"than", "as"}:
            return None
        if w.lower[j] in _COMPARATIVES:
            return j
    return None


def _worse_than(w: Words, counts) -> list[Proposal]:
    """"worth than" and "worst than" are "worse than": certain unless "more worth than"."""
    out = []
    for i, word in enumerate(w.lower):
        if word in ("worth", "worst") and w.next(i) == "than" and w.prev(i) not in ("more", "less", "much", "greater", "no"):
            out.append(at(w, i, "worse", "en.worse_than", None,
                          "“{old} than” is a slip for the comparative: “worse than”."))
    return out


# "then" before these is about time or order ("more tests, then again", "then so be it").
_THEN_BEFORE = {"again", "so", "there", "on", "onwards", "back", "later", "what", "is", "was", "will", "would", "can",
                "could", "should", "must", "might", "shall", "may"}
# "may then seem", "was then in use": "then" after a verb's auxiliary is time.
_THEN_AFTER = _MODALS | _BE | {"will", "can", "shall", "may", "do", "does", "did", "be", "been", "being", "am"}
# A condition earlier in the sentence: "If you want more, then ask."
_THEN_CONDITIONS = {"if", "when", "once", "whenever", "unless", "first", "since", "until", "after"}


def _verb_form(word: str) -> bool:
    """A past tense, participle or -ing form ("left", "asked", "remaining"): after "then" it
    is the clause's verb."""
    return word in IRREGULAR and word != IRREGULAR[word][0] or (word.endswith(("ed", "ing")) and len(word) > 4)


def _to_too(w: Words, counts) -> list[Proposal]:
    """"too the shop" -> "to the shop"; "to much." -> "too much."; "me to." -> "me too."."""
    out = []
    for i, word in enumerate(w.lower):
        nxt = w.next(i)
        if word == "too" and (nxt in _DETERMINERS - {"every", "this", "these", "those"} or nxt in _OBJECTS):
            out.append(at(w, i, "to", "en.too_to", BARS["en.too_to"],
                          "“too” means also or excessively; here you need “to”."))
        elif word == "to" and nxt in _TOO_BEFORE_END and w.next(i, 2) in ("", "to", "for") and w.prev(i) in _TOO_AFTER:
            out.append(at(w, i, "too", "en.to_too", BARS["en.to_too"],
                          "“to” is a preposition; for excessively, write “too”."))
    return out


def _lose_loose(w: Words, counts) -> list[Proposal]:
    out = []
    for i, word in enumerate(w.lower):
        if word == "loose" and w.prev(i) in _LOSE_BEFORE and w.next(i) not in ("from", "of", "and", "on", "in"):
            out.append(at(w, i, "lose", "en.loose_lose", BARS["en.loose_lose"],
                          "“loose” means not tight; the verb is “lose”."))
        elif word == "lose" and w.prev(i) in _BREAK_LOOSE and w.next(i) in ("", "from", "and", "again", "#"):
            out.append(at(w, i, "loose", "en.lose_loose", None,  # "broke lose from": the verb cannot follow
                          "“lose” means to misplace; for free or not tight, write “loose”."))
        elif word == "lose" and w.prev(i) in _LOOSE_BEFORE and (w.next(i) in ("", "from", "of", "and", "on", "in")):
            out.append(at(w, i, "loose", "en.lose_loose", BARS["en.lose_loose"],
                          "“lose” is the verb (to misplace); for not tight or free, write “loose”."))
    return out


def _affect_effect(w: Words, counts) -> list[Proposal]:
    out = []
    for i, word in enumerate(w.lower):
        prev, nxt = w.prev(i), w.next(i)
        # The verb takes an object: "affect of", "affect on" and "the affect" are the noun.
        if word.endswith(("-affect", "-affects")):  # "side-affect"
            word, prev = word.split("-")[-1], "side"
        if word == "affect" and ((prev == "and" and w.prev(i - 1) == "cause") or
                                 (prev in ("in", "into") and w.prev(i - 1) in _BE | _IN_EFFECT_BEFORE)):
            out.append(at(w, i, "effect", "en.affect_noun", None,  # "cause and effect", "are in effect"
                          "“affect” is the verb; the noun is “effect”."))
        elif word in ("affect", "affects") and (det := _noun_position(w, i, counts)) is not None:
            # "an immediate affect on": before "of"/"on" no verb reading is left
            bar = None if nxt in ("of", "on", "upon") else BARS["en.affect_effect"]
            out.append(at(w, i, "e" + word[1:], "en.affect_noun", bar,
                          f"After “{w.items[det][0]}”, this is the noun: “{{new}}”; “affect” is the verb."))
        elif word in ("affect", "affects") and ((prev in _AFFECT_NOUN_BEFORE and (nxt == "" or nxt in FUNCTION_WORDS))
                                              or (nxt in ("of", "on") and prev not in _ALL_SUBJECTS | {"to"})
                                              or prev in ("in", "into", "took", "take", "takes", "taken", "taking")
                                              or (w.prev(i - 1) in _DETERMINERS | {"no", "any"} and i > 1
                                                  and nxt in ("", "of", "on", "upon", "is", "was", "and"))):
            new = w.lower[i][:-len(word)] + "e" + word[1:]
            out.append(at(w, i, new, "en.affect_effect", BARS["en.affect_effect"],
                          "“affect” is the verb; the noun is “effect”."))
        elif word == "effect" and prev in _EFFECT_VERB_ALSO_BEFORE and nxt in _PEOPLE:
            # "effect" as a verb brings something about, never people; the model copies "effect" (-9 nats)
            out.append(at(w, i, "affect", "en.effect_verb", None,
                          "“effect” as a verb means to bring about; to act on someone, write “affect”."))
        elif word in ("effect", "effected") and prev in _EFFECT_VERB_BEFORE and nxt in _EFFECT_VERB_AFTER \
                and not _BRING_ABOUT & {w.next(i, 2), w.next(i, 3)}:  # "could effect his escape": brought about
            out.append(at(w, i, "a" + word[1:], "en.effect_affect", BARS["en.effect_affect"],
                          "“effect” is the noun; the verb is “affect”."))
        elif word == "effected" and ((prev in {"was", "were", "is", "are", "been", "be"} and nxt == "by")
                                     or (prev in _HARMED and nxt in ("by", ""))):
            out.append(at(w, i, "affected", "en.effect_affect", None if prev in _HARMED else BARS["en.effect_affect"],
                          "“effected” means brought about; here you need “affected”."))
    return out


def _noun_position(w: Words, i: int, counts) -> int | None:
    """Where word i follows a determiner and at most two adjectives or degree words in its
    phrase ("an immediate affect", "the very negative affects") and ends the phrase, the
    determiner's index: the word is a noun there. None if an object or another phrase
    follows ("the students affect the outcome", "these changes affect us")."""
    nxt = w.next(i)
    if nxt == "#" or nxt not in FUNCTION_WORDS | {""} or nxt in _AFFECT_OBJECTS:
        return None
    for j in range(i - 1, max(i - 4, -1), -1):
        if w.next(j) != w.lower[j + 1]:
            return None  # punctuation between
        word = w.lower[j]
        if word in _DETERMINERS | {"no", "any", "some", "this", "that", "such", "what"}:
            return j if j < i - 1 else None  # "the affect of": the family above sees it
        if word in _NP_PREPOSITIONS | _PREPOSITIONS_ONLY and j < i - 1:
            return j  # "with immediate affects"
        if not (word in _DEGREE or "-" in word or (nounish(word, counts) and not plural_noun(word, counts))):
            return None
    return None


# "badly effected": nothing is brought about badly; certain.
_HARMED = {"badly", "deeply", "severely", "adversely", "negatively", "seriously", "heavily", "directly", "worst"}
_IN_EFFECT_BEFORE = {"be", "been", "remain", "remains", "remained", "go", "goes", "went", "gone", "come", "came", "comes",
                     "put", "puts", "stay", "stays"}
_DEGREE = {"very", "really", "more", "most", "much", "so", "too", "quite", "less", "least", "rather", "pretty"}
_AFFECT_OBJECTS = {"a", "an", "it", "this", "that", "these", "those", "all", "both", "each", "many", "some", "most", "what",
                   "who", "which", "any", "every", "no", "the", "my", "your", "his", "her", "our", "their", "its", "me",
                   "you", "him", "us", "them", "how", "whether", "everyone", "everybody", "anyone", "someone", "people"}
# What the verb "effect" brings about ("to effect a change", "could effect his escape"): after
# "effect" + a determiner they show the word is meant (43 such uses on the corpus, none "affect").
_BRING_ABOUT = {"change", "changes", "reform", "reforms", "escape", "rescue", "cure", "transfer", "settlement",
                "compromise", "reconciliation", "purpose", "purposes", "object", "objects", "reduction", "reductions",
                "saving", "savings", "improvement", "improvements", "entry", "entrance", "landing", "retreat",
                "arrangement", "agreement", "union", "exchange", "payment", "sale", "loan", "adjustment", "alteration",
                "transition", "transformation", "conversion", "release", "recovery", "repeal", "revolution",
                "restoration", "establishment", "passage", "junction", "capture", "arrest", "withdrawal", "separation",
                "accommodation", "rapprochement", "end", "ends", "shift", "turnaround", "merger", "takeover"}
# Before people these ask for the verb "affect": "to effect us", "won't effect everyone".
_EFFECT_VERB_ALSO_BEFORE = {"to", "shouldn't", "can't", "cannot", "couldn't", "wouldn't", "mustn't", "may", "might",
                            "will", "can", "won't", "doesn't", "don't", "didn't", "not", "could", "would", "should",
                            "must", "does", "did", "also", "really", "greatly", "deeply"}
_PEOPLE = {"us", "them", "me", "him", "you", "everyone", "everybody", "anyone", "anybody", "someone", "somebody",
           "people", "others", "children", "students", "patients", "customers", "users"}


def _verb_for_noun(w: Words, counts) -> list[Proposal]:
    """A verb written where a determiner asks for its noun ("our biggest complain", "the
    fullest extend of", "thanks for the responds", "a know problem"): the verb right after
    the determiner, or after one or two adjectives (adjective) or degree words, and ending the phrase (punctuation or a
    function word follows, and no object: "the rich complain about taxes", "let her choose
    the colour" stay)."""
    out = []
    for i, word in enumerate(w.lower):
        if word == "know" and w.prev(i) in ("a", "an", "the") and w.prev(i - 1) != "in" and nounish(w.next(i), counts) \
                and w.next(i, 2) in FUNCTION_WORDS | {"", "#"}:
            out.append(at(w, i, "known", "en.verb_for_noun", BARS["en.verb_for_noun"],
                          "“know” is a verb; before a noun you need the adjective “known”."))
            continue
        if word not in _NOUN_OF_VERB or w.items[i][0][0].isupper():
            continue
        nxt = w.next(i)
        if nxt == "#" or nxt not in FUNCTION_WORDS | {""} or nxt in _AFFECT_OBJECTS:
            continue
        j = i - 1
        while j >= max(i - 2, 0) and w.next(j) == w.lower[j + 1] and w.items[j][0].islower() and \
                (w.lower[j] in _DEGREE or adjective(w.lower[j], counts) and not _noun_too(w.lower[j], counts)):
            j -= 1
        noun = _NOUN_OF_VERB[word]
        if j < 0 or w.next(j) != w.lower[j + 1] or w.lower[j] not in _NOUN_DETERMINERS \
                or w.lower[i - 1] in _COLLECTIVE_BEFORE or noun == word:  # "the analyses"
            continue
        out.append(at(w, i, noun, "en.verb_for_noun", None,
                      f"“{{old}}” is a verb; after “{w.items[j][0]}” you need the noun “{noun}”."))
    return out


def _noun_too(word: str, counts) -> bool:
    """An adjective that is a noun as well: "the Secretary proposes", "in the main approve"."""
    return word == "main" or word.endswith("y") and counts.get(word[:-1] + "ies", 0) >= 0.1 * counts.get(word, 1)


# The verbs and their nouns, written for Redline: pairs a fluent writer mixes up because
# they look or sound alike ("complain"/"complaint", "extend"/"extent") or share a stem.
# Left out: verbs that are nouns too ("permit", "invite", "assist", "serve", "fail", "sell", "remove").
# Certain: the model copies the verb there (-8.6 nats for "thanks for the responses", -9.6
# for "the fullest extent of"), and on the corpus the context alone found one slip, nothing else.
_VERB_NOUN_PAIRS = """complain complaint, extend extent, intend intent, descend descent, respond response,
advise advice, devise device, believe belief, relieve relief, grieve grief, prove proof, breathe breath,
choose choice, receive receipt, weigh weight, succeed success, arrive arrival, deny denial, approve approval,
propose proposal, dispose disposal, survive survival, renew renewal, withdraw withdrawal,
pursue pursuit, depart departure, appear appearance, exist existence, occur occurrence, refer reference,
prefer preference, differ difference, perform performance, maintain maintenance, comply compliance,
accept acceptance, attend attendance, resist resistance, behave behaviour, seize seizure, decide decision,
explain explanation, describe description, solve solution, analyze analysis, analyse analysis,
emphasize emphasis, suggest suggestion, acquire acquisition, compete competition, inquire inquiry,
recognize recognition, admit admission, omit omission, submit submission, persist persistence,
insist insistence, obey obedience, perceive perception, grow growth"""
_NOUN_OF_VERB = {}
for _pair in _VERB_NOUN_PAIRS.split(","):
    _verb, _noun = _pair.split()
    _NOUN_OF_VERB[_verb] = _noun
    _plural = _noun[:-2] + "es" if _noun.endswith("is") else _noun[:-1] + "ies" if _noun.endswith("y") else _noun + "s"
    _NOUN_OF_VERB[_verb + "es" if _verb.endswith(("sh", "ch", "ss")) else _verb[:-1] + "ies"
                  if _verb.endswith("y") and _verb[-2] not in "aeiou" else _verb + "s"] = _plural
# Determiners after which a verb cannot stand ("her" is left out: "let her choose"; "this",
# "that" and "each" too: "phenomena that occur", "help this survive", "each weigh 500 kg").
_NOUN_DETERMINERS = {"a", "an", "the", "my", "your", "his", "its", "our", "their", "every"}
# "the rich complain", "the young succeed": "the" + an adjective that names people.
_COLLECTIVE_BEFORE = {"rich", "poor", "young", "old", "elderly", "wealthy", "sick", "dead", "living", "unemployed",
                      "homeless", "weak", "strong", "brave", "wise", "meek", "blind", "deaf", "faithful", "injured",
                      "wounded", "accused", "disabled", "oppressed", "powerful", "best", "brightest"}



def _fewer(w: Words, counts) -> list[Proposal]:
    """"less people" -> "fewer people": "less" is for amounts, "fewer" for things counted."""
    out = []
    for i, word in enumerate(w.lower):
        nxt = w.next(i)
        if word == "less" and plural_noun(nxt, counts) and w.prev(i) not in ("more", "or", "much"):
            out.append(at(w, i, "fewer", "en.fewer_less", BARS["en.fewer_less"],
                          f"Use “fewer” with things you count (“{w.items[i + 1][0]}”); “less” is for amounts."))
    return out


def _and_an(w: Words, counts) -> list[Proposal]:
    """"wait and hour" -> "wait an hour": "and" between a verb or preposition and a
    singular noun with a vowel sound, where the article belongs."""
    out = []
    for i, word in enumerate(w.lower):
        nxt = w.next(i)
        if word == "and" and w.prev(i) in _AND_AN_BEFORE and nxt in _AN_NOUNS and w.items[i + 1][0].islower():
            out.append(at(w, i, "an", "en.and_an", None,
                          f"“and” here looks like a typo for the article: “an {w.items[i + 1][0]}”."))
    return out


def _past_time(w: Words, counts) -> list[Proposal]:
    """A pronoun's present verb in a clause set in the past ("He go to school yesterday"
    -> "went"): the time and the verb in one clause, nothing between them that opens another."""
    out = []
    times = [m.start() for m in _PAST_TIME.finditer(w.text)]
    if not times or re.search(r"\b(?:since|will|every|usually|always|if)\b", w.text, re.IGNORECASE):
        return out
    for i, word in enumerate(w.lower[1:], 1):
        if w.prev(i) not in _ALL_SUBJECTS or word in FUNCTION_WORDS - {"go", "goes", "do", "does", "have", "has"}:
            continue
        start, end = w.items[i][1], w.items[i][2]
        near = [t for t in times if t >= end + 1]
        before = [t for t in times if t < w.items[i - 1][1]]
        between = w.lower[i + 1:]
        if near:
            between = [x for x, (_, s, _) in zip(w.lower[i + 1:], w.items[i + 1:]) if s < near[0]]
            if not between:
                continue  # "I remember yesterday": the time is the verb's object
        elif not before or w.text[before[-1]:start].count(",") > 1:
            continue
        else:
            between = [x for x, (_, s, _) in zip(w.lower, w.items) if before[-1] < s < w.items[i - 1][1]][1:]
        if any(x in _CLAUSE_OPENERS for x in between):
            continue
        if (new := _past(word, counts)) and new != word:
            time = (w.text[near[0]:] if near else w.text[before[-1]:]).split()[0].strip(".,;:!?")
            out.append(at(w, i, new, "en.past_time", BARS["en.past_time"],
                          f"“{time}” puts this in the past: use the past tense “{{new}}”."))
    return out


def _there_were(w: Words, counts) -> list[Proposal]:
    """"There was updates" -> "There were updates", "There is no easy answers" -> "are":
    "there" + a singular "be" + a plural noun, after a quantifier and describing words."""
    out = []
    for i, word in enumerate(w.lower[:-1]):
        nxt = w.next(i)
        if word == "there" and w.next(i, 1) in _SINGULAR_BE and w.prev(i) not in ("than", "from", "over", "up", "in"):
            k = 2
            if w.next(i, k) in ("so", "too", "how", "far") and w.next(i, k + 1) in ("many", "few", "more"):
                k += 1  # "There was so many"
            if w.next(i, k) in _MANY | _SOME:
                k += 1
            while k < 5 and adjective(w.next(i, k), counts) and w.items[i + k][0].islower():
                k += 1  # "There is no easy answers", "There was some serious problems"
            counted = w.next(i, k)
            ends = w.next(i, k + 1)  # "There was sales tax": a plural that modifies the noun after it
            if counted not in _AMOUNTS | {"", "#"} and w.items[i + k][0].islower() and plural_noun(counted, counts) and \
                    (ends in ("", "#") or ends in FUNCTION_WORDS or ends in NOT_NOUNS):
                new = _SINGULAR_BE[nxt]
                out.append(at(w, i + 1, new, "en.there_were", BARS["en.there_were"],
                              f"The subject comes after “there” and is plural (“{w.items[i + k][0]}”): use “{{new}}”."))
    return out


def _here_hear(w: Words, counts) -> list[Proposal]:
    """"I can't here you" -> "hear": "here" where a verb belongs, before what is heard."""
    out = []
    for i, word in enumerate(w.lower):
        if word == "here" and w.prev(i) in _HEAR_BEFORE and w.next(i) in _HEAR_AFTER:
            out.append(at(w, i, "hear", "en.here_hear", BARS["en.here_hear"],
                          "“here” is a place; the verb is “hear”."))
    return out


def _were_where(w: Words, counts) -> list[Proposal]:
    """"That's were they live" -> "where": "were" after a word that asks for a place."""
    out = []
    for i, word in enumerate(w.lower):
        if word == "were" and w.prev(i) in _WHERE_BEFORE and w.next(i) in _ALL_SUBJECTS | {"people"}:
            out.append(at(w, i, "where", "en.were_where", BARS["en.were_where"],
                          "“were” is a verb; for a place, write “where”."))
    return out


def _base_after(w: Words, counts) -> list[Proposal]:
    """"to went" -> "to go", "didn't gave" -> "didn't give", "can took" -> "can take":
    after "to", a modal or "do" comes the base form (of a verb whose past is no other word)."""
    out = []
    for i, word in enumerate(w.lower):
        prev = w.prev(i)
        if prev in _BASE_BEFORE and word in IRREGULAR and word not in _PAST_ALSO_A_WORD:
            base, past, participle = IRREGULAR[word]
            if word == past != participle or word in ("goes", "does", "has") or (word == past == participle != base and prev != "to"):
                if prev == "to" and word == participle:
                    continue  # "to" + participle is a noun phrase often enough ("to lost souls")
                out.append(at(w, i, base, "en.base_form", BARS["en.base_form"],
                              f"After “{w.items[i - 1][0]}”, use the base form “{{new}}”."))
    return out


def _participle_as_past(w: Words, counts) -> list[Proposal]:
    """"I seen it" -> "I saw it", "he done it" -> "he did it": a participle straight after
    its subject, with no "have" before it ("Have they seen it?" is right)."""
    out = []
    for i, word in enumerate(w.lower):
        if i and w.prev(i) in ("i", "we", "they", "he", "she") and word in IRREGULAR and word not in _PAST_ALSO_A_WORD:
            _, past, participle = IRREGULAR[word]
            if word == participle != past and w.prev(i - 1) not in _HAVE_BE:
                out.append(at(w, i, past, "en.participle_past", BARS["en.participle_past"],
                              "“{old}” needs “have” before it; for the past tense, write “{new}”."))
    return out


_HAVE_BE = {"have", "has", "had", "having", "be", "is", "are", "was", "were", "been", "being", "get", "got", "gets",
            "am", "'ve", "let", "make", "made", "see", "saw", "hear", "heard", "#"}


def _much(w: Words, counts) -> list[Proposal]:
    """"many information" -> "much information", "fewer advice" -> "less advice": amounts are not counted."""
    out = []
    for i, word in enumerate(w.lower):
        nxt = w.next(i)
        after = w.next(i, 2)  # "many wine and food festivals": the noun may be a modifier
        if word in ("many", "fewer") and nxt in _MASS and (after in ("", "#") or after in FUNCTION_WORDS - {"and", "or"}):
            new = "much" if word == "many" else "less"
            out.append(at(w, i, new, "en.much_many", None,
                          f"“{w.items[i + 1][0]}” is not counted: use “{{new}}”, not “{{old}}”."))
    return out


def _sound_alikes(w: Words, counts) -> list[Proposal]:
    """Words that sound like the one meant, where the next or previous word shows which:
    "wander if" -> "wonder", "to some extend" -> "extent", "walked passed the" -> "past",
    "at a lose" -> "loss", "I belief" -> "believe", "since two years" -> "for"."""
    out = []
    for i, word in enumerate(w.lower):
        prev, nxt = w.prev(i), w.next(i)
        new = bar = None
        if word in _WANDER and nxt in ("if", "whether", "why", "what", "how", "who", "where", "when"):
            new, bar, why = _WANDER[word], None, "“{old}” is to roam; to ask yourself is “{new}”."
        elif word == "extend" and prev in _DETERMINERS | {"some", "what", "which", "certain", "great", "large", "such",
                                                          "full", "lesser", "greater", "same"}:
            new, bar, why = "extent", None, "“extend” is a verb; after “{prev}” you need the noun “extent”."
        elif word == "passed" and (prev in ("the",) and w.prev(i - 1) in ("in", "of") or
                                   prev in _MOTION and nxt in _DETERMINERS | {"it", "me", "him", "her", "them", "us"}):
            new, bar, why = "past", BARS["en.passed_past"], "“passed” is the verb; for beyond or earlier, write “past”."
        elif word == "lose" and prev == "a" and w.prev(i - 1) in ("at", "no", "big", "huge", "total"):
            new, bar, why = "loss", None, "“lose” is a verb; the noun is “loss”."
        elif word in _NOUN_FOR_VERB and prev in _NOUN_FOR_VERB[word][1]:
            new, bar, why = _NOUN_FOR_VERB[word][0], None, "“{old}” is a noun; after “{prev}” you need the verb “{new}”."
        elif word == "since" and nxt in _NUMBER_WORDS and w.next(i, 2) in _DURATIONS and w.next(i, 3) != "ago":
            new, bar, why = "for", None, "For a length of time, use “for”; “since” takes a point in time."
        if new:
            out.append(at(w, i, new, "en.sound_alike", bar, why.replace("{prev}", w.items[i - 1][0] if i else "")))
    return out


_WANDER = {"wander": "wonder", "wandered": "wondered", "wandering": "wondering", "wanders": "wonders"}
_MOTION = {"walked", "walk", "walks", "walking", "drove", "drive", "drives", "driving", "ran", "run", "running", "went",
           "go", "goes", "going", "rushed", "raced", "flew", "sped", "moved", "hurried", "swam", "rode", "marched"}
_SUBJECT_PLURAL = {"i", "we", "they"}  # not "you": "give you advice"
_NOUN_FOR_VERB = {"belief": ("believe", _SUBJECT_PLURAL), "beliefs": ("believes", {"he", "she", "it"}),
                  "advice": ("advise", _SUBJECT_PLURAL), "advices": ("advises", {"he", "she", "it"}),
                  "breath": ("breathe", _SUBJECT_PLURAL | {"can't", "cannot", "couldn't"})}
_NUMBER_WORDS = {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "many", "several", "a", "few"}
_DURATIONS = {"years", "months", "weeks", "days", "hours", "minutes", "decades", "year", "month", "week", "day", "hour",
              "ages"}
_SINGULAR_BE = {"is": "are", "was": "were", "isn't": "aren't", "wasn't": "weren't"}
_AMOUNTS = {"lots", "loads", "tons", "plenty", "heaps", "means", "series", "species", "news", "odds"}
_SOME = {"no", "some", "any", "more", "numerous", "countless", "multiple", "various", "these", "those"}
_MANY = {"many", "several", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozens", "few"}
_HEAR_BEFORE = {"to", "can", "can't", "cannot", "could", "couldn't", "will", "would", "did", "didn't", "don't", "never",
}
_HEAR_AFTER = {"from", "that", "about", "you", "me", "him", "her", "them", "us", "it", "what", "anything", "nothing"}
_WHERE_BEFORE = {"that's", "this", "know", "knows", "knew", "wonder", "remember", "exactly", "place", "is", "see", "from",
                 "to"}
_BASE_BEFORE = {"to", "can", "could", "will", "would", "shall", "should", "may", "might", "must", "can't", "cannot",
                "couldn't", "won't", "wouldn't", "shouldn't", "didn't", "doesn't", "don't", "did", "does"}
# Irregular pasts that are also nouns or other verbs ("to saw wood", "to found a firm", "the left").
_PAST_ALSO_A_WORD = {"saw", "found", "left", "felt", "rose", "fell", "lay", "ground", "wound", "bore", "lit", "read",
                     "put", "cut", "cost", "set", "hit", "let", "shut", "spread", "hurt", "bid", "quit", "lead", "led",
                     "run", "ran", "shot", "sat", "become", "come", "is", "are", "been", "got"}
_MASS = {"information", "advice", "furniture", "equipment", "luggage", "baggage", "knowledge", "homework", "research",
         "evidence", "wine", "traffic", "news", "feedback", "progress", "weather", "software", "hardware", "money",
         "water", "music", "electricity", "pollution", "garbage", "rubbish", "vocabulary", "grammar", "stuff"}


BARS = {  # the model's least margin (nats) for each family, before s.min_margin
    "en.its_itis": -3.0, "en.itis_its": -2.0, "en.your_youre": -3.0, "en.youre_your": -3.0,
    "en.whose_whos": -3.0, "en.whos_whose": -3.0,
    "en.their_there": -6.0, "en.their_theyre": -3.0, "en.there_their": -3.0, "en.theyre_their": -3.0,
    "en.then_than": -3.0, "en.than_then": -3.0, "en.lose_loose": -3.0, "en.too_to": -3.0, "en.to_too": -8.0, "en.loose_lose": -3.0,
    "en.affect_effect": -7.0, "en.effect_affect": -8.0, "en.verb_for_noun": -3.0, "en.fewer_less": -8.0,
    "en.possessive_phrase": -3.0, "en.comparative_then": -3.0,
    "en.past_time": -3.0, "en.there_were": -6.0, "en.here_hear": -3.0, "en.were_where": -3.0, "en.base_form": -3.0, "en.participle_past": -3.0, "en.passed_past": -3.0,
}

_FINDERS = (_does_not, _apostrophes, _modal_of, _its_your, _their, _possessive_phrase, _then_than, _worse_than, _to_too, _lose_loose,
            _affect_effect, _verb_for_noun, _fewer, _and_an, _past_time, _there_were, _here_hear, _were_where, _base_after, _participle_as_past, _much,
            _sound_alikes)
