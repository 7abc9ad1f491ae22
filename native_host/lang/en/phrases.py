"""Phrases that are wrong or padded as a whole, whatever the words around them: a word
its neighbour already says ("return back", "ATM machine"), a noun English does not count
("informations", "an advice"), an adjective with no verb before it ("I afraid"), a double
negative ("don't know nothing", "Nobody told me nothing", "shouldn't not go"), "very" before a word that is already extreme ("very
unique"), and a compound before a noun that takes hyphens ("a two hour drive", "a well
known author").

Written from grammar and usage guides for Redline. Where a phrase is right in some
sentences ("a software" is wrong, "as an evidence of" old usage; a compound after its
noun) the model judges it (a bar, as in confusables.py); the rest are certain (bar None).
Each family was run over 140,000 sentences of ../shared/data/corpus (Wikipedia, speeches,
e-mails, books) and narrowed where native writers use it ("sum total", "but however this
may be", "this one step further", "You happy girl!").
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from .context import Proposal, Words, at, cased, non_overlapping, nounish
from .words import FUNCTION_WORDS

# A word its neighbour already says: (phrase, what is left). Not "close proximity", "past
# history", "future plans", "in PDF format", "each and every", "first began", "mutual
# cooperation", "small in size", "mixed together", "connected together", "first time ever", "major breakthrough": native writers use them (Wikipedia, speeches, web text).
_REDUNDANT = {
    "return back": "return", "returned back": "returned", "returning back": "returning", "returns back": "returns",
    "revert back": "revert", "reverted back": "reverted", "reverting back": "reverting",
    "repeat again": "repeat", "repeated again": "repeated",
    "free gift": "gift", "free gifts": "gifts", "added bonus": "bonus",
    "unexpected surprise": "surprise", "true fact": "fact", "true facts": "facts",
    "combine together": "combine", "combined together": "combined", "merge together": "merge",
    "merged together": "merged", "collaborate together": "collaborate", "cooperate together": "cooperate",
    "attach together": "attach", "ascend up": "ascend", "descend down": "descend",
    "over exaggerate": "exaggerate", "over exaggerated": "exaggerated", "overexaggerate": "exaggerate",
    "overexaggerated": "exaggerated", "new innovation": "innovation", "new innovations": "innovations",
    "armed gunman": "gunman", "armed gunmen": "gunmen", "consensus of opinion": "consensus",
    "general consensus": "consensus", "exact replica": "replica", "famous celebrity": "celebrity",
    "former alumnus": "alumnus", "former alumni": "alumni",
    "might perhaps": "might", "hollow tube": "tube", "unintended mistake": "mistake",
    "postpone until later": "postpone", "basic fundamentals": "fundamentals", "advance warning": "warning",
    "ATM machine": "ATM", "ATM machines": "ATMs", "PIN number": "PIN", "PIN numbers": "PINs", "LCD display": "LCD",
    "HIV virus": "HIV", "ISBN number": "ISBN", "UPC code": "UPC", "RAM memory": "RAM", "VIN number": "VIN",
    "GPS system": "GPS", "LAN network": "LAN", "CPU unit": "CPU",
    "end result": "result", "end results": "results", "advance planning": "planning",
    "originally born": "born", "bare naked": "naked", "bouquet of flowers": "bouquet",
    "joint collaboration": "collaboration", "final outcome": "outcome", "regular routine": "routine",
    "fellow colleague": "colleague", "fellow colleagues": "colleagues", "frozen ice": "ice",
    "share in common": "share", "past memories": "memories",
    "reply back": "reply", "replied back": "replied", "warn in advance": "warn", "warned in advance": "warned",
    "plan ahead in advance": "plan ahead", "associate together": "associate", "associated together": "associated",
    "brief in duration": "brief", "bitter in taste": "bitter", "salsa sauce": "salsa", "chai tea": "chai",
    "naan bread": "naan", "over-exaggerate": "exaggerate", "over-exaggerated": "exaggerated",
    "autobiography of his life": "autobiography", "autobiography of her life": "autobiography",
    "autobiography of my life": "autobiography", "biography of his life": "biography",
    "biography of her life": "biography",
    # Our own reading of usage guides, each used 0-2 times in ../shared/data/corpus (21M
    # words) and never in CWEB dev: a word the other already says.
    "approximately about": "about", "about approximately": "approximately", "knots per hour": "knots",
    "please RSVP": "RSVP", "RSVP please": "RSVP", "completely unanimous": "unanimous", "audible to the ear": "audible",
    "cacophony of sound": "cacophony", "cacophony of sounds": "cacophony", "mutually interdependent": "interdependent",
    "interdependent on each other": "interdependent", "oral conversation": "conversation",
    "oral conversations": "conversations", "crisis situation": "crisis", "exactly identical": "identical",
    "at this point in time": "at this point", "unintentional mistake": "mistake",
    "unintentional mistakes": "mistakes", "fellow classmate": "classmate", "fellow classmates": "classmates",
    "fellow teammate": "teammate", "fellow teammates": "teammates", "old antique": "antique", "old antiques": "antiques",
    "necessary requirement": "requirement", "necessary requirements": "requirements",
    "advance reservation": "reservation", "advance reservations": "reservations", "free gratis": "free",
    "plus also": "plus", "pursue after": "pursue",
}
# The other forms of the verbs above: "combining together", "merges together".
_REDUNDANT |= {f"{stem}{ending} {rest}": stem + ending
               for stems, rest, endings in ((("combin", "merg", "collaborat", "cooperat", "associat"), "together",
                                             ("es", "ing", "ed")), (("revert", "return"), "back", ("s", "ing", "ed")))
               for stem in stems for ending in endings}
# A verb that already says "again", "back", "around" or "in value", in all its forms.
_REDUNDANT |= {f"{verb} {rest}": verb for verbs, rest in (
    ("reiterate reiterates reiterated reiterating recur recurs recurred recurring", "again"),
    ("respond responds responded responding repay repays repaid repaying regress regresses regressed regressing",
     "back"),
    ("circulate circulates circulated circulating", "around"),
    ("depreciate depreciates depreciated depreciating", "in value")) for verb in verbs.split()}


def _any_of(phrases) -> re.Pattern:
    """Any of `phrases` as whole words, any case, the longest first."""
    alternatives = "|".join(sorted(map(re.escape, phrases), key=len, reverse=True))
    return re.compile(r"(?<![\w'’-])(" + alternatives + r")(?![\w'’-])", re.IGNORECASE)


_REDUNDANT_RE = _any_of(_REDUNDANT)
# Redundant only before a quantity ("approximately about 19 days").
_BEFORE_A_NUMBER = {"approximately about", "about approximately"}
_A_NUMBER = re.compile(r" (?:\d|a |an |half|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|"
                       r"thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|a hundred|a thousand)", re.IGNORECASE)
# Set phrases misheard as other words (what is written, what the phrase is); the words
# written are never meant: "for all intensive purposes", "nip it in the butt".
_MISHEARD = {
    "for all intensive purposes": "for all intents and purposes", "nip it in the butt": "nip it in the bud",
    "one in the same": "one and the same", "case and point": "case in point", "escape goat": "scapegoat",
    "deep seeded": "deep-seated", "tow the line": "toe the line", "statue of limitations": "statute of limitations",
    "wet your appetite": "whet your appetite", "peak my interest": "pique my interest",
    "peaked my interest": "piqued my interest", "peaks my interest": "piques my interest",
    "sneak peak": "sneak peek", "baited breath": "bated breath", "free reign": "free rein", "mute point": "moot point",
    "all of the sudden": "all of a sudden", "by in large": "by and large", "make due with": "make do with",
    "slight of hand": "sleight of hand", "piece of mind": "peace of mind", "wreck havoc": "wreak havoc",
    "wrecked havoc": "wreaked havoc", "chalk full": "chock-full", "doggy dog world": "dog-eat-dog world",
    "in the mist of": "in the midst of", "tongue and cheek": "tongue in cheek", "beckon call": "beck and call",
    "on tender hooks": "on tenterhooks", "taken for granite": "taken for granted", "hunger pains": "hunger pangs",
    "first come, first serve": "first come, first served", "in another words": "in other words",
    "a shoe in": "a shoo-in", "damp squid": "damp squib", "irregardless": "regardless", "supposably": "supposedly",
    "expresso": "espresso", "very known": "very well known", "in regards of": "in regard to",
    "in regards to": "in regard to", "regarding to": "regarding", "could care less": "couldn't care less",
    "now and days": "nowadays", "a whole nother": "a whole other",
    "the reason is because": "the reason is that", "on the same token": "by the same token",
    "in the same vain": "in the same vein", "vocal chords": "vocal cords", "scot free": "scot-free",
    "scotch free": "scot-free", "hay day": "heyday", "pass mustard": "pass muster", "bare in mind": "bear in mind",
    "bare with me": "bear with me", "bare with us": "bear with us", "sort of speak": "so to speak",
    "extract revenge": "exact revenge", "of the upmost importance": "of the utmost importance",
    "peaked my curiosity": "piqued my curiosity", "peak my curiosity": "pique my curiosity",
    "wet my appetite": "whet my appetite",
    "self-depreciating": "self-deprecating", "self depreciating": "self-deprecating",
    "make ends meat": "make ends meet", "spurt of the moment": "spur of the moment", "tie me over": "tide me over",
    "tie us over": "tide us over", "tie them over": "tide them over", "per say": "per se", "deep-seeded": "deep-seated",
    "a shoe-in": "a shoo-in", "hair-brained": "harebrained", "hair brained": "harebrained",
    "nerve wrecking": "nerve-racking", "nerve-wrecking": "nerve-racking", "low and behold": "lo and behold",
    "all be it": "albeit", "conversate": "converse", "undoubtably": "undoubtedly", "et all": "et al.",
    "passer-bys": "passers-by", "passerbys": "passersby",
    **{f"{relative}-in-laws": f"{relative}s-in-law"
       for relative in ("brother", "sister", "mother", "father", "son", "daughter")},
    **{f"peaked {whose} {what}": f"piqued {whose} {what}"
       for whose in ("his", "her", "their", "our", "your") for what in ("interest", "curiosity")},
}
_MISHEARD_RE = _any_of(_MISHEARD)
# "comprised (mainly) of", "comprises of".
_COMPRISE = re.compile(r"(?<![\w'’-])(comprised)(?= (?:[a-z]+ly )?of\b)|(?<![\w'’-])(comprises|comprise|comprising)( of)\b",
                       re.IGNORECASE)
_CLOCK = re.compile(r"(?<![\w.])(\d{1,2}(?:[:.]\d\d)?\s?(?:(a)\.?m\.?|(p)\.?m\.?))(\s+(?:in\s+the\s+(morning|afternoon|evening|night)|at\s+(night)))"
                    r"(?![\w'’-])", re.IGNORECASE)
# "5 o'clock pm": o'clock with a.m./p.m. says the hour twice.
_FULL_HOUR = re.compile(r"(?<=\d)(:00)(?= o['’]clock)")  # "5:00 o'clock"
_OCLOCK_AMPM = re.compile(r"o['’]clock(\s+(a\.m\.|p\.m\.|am|pm|AM|PM|A\.M\.|P\.M\.))(?![\w])")

# Nouns English does not count: never plural, never after "a"/"an".
_MASS = {"information", "advice", "furniture", "equipment", "luggage", "baggage", "homework", "feedback",
         "software", "hardware", "evidence", "research", "weather", "news", "music",
         "electricity", "garbage", "rubbish", "machinery", "scenery", "clothing", "jewelry", "jewellery"}
_MASS_PLURALS = {"informations", "advices", "furnitures", "equipments", "luggages", "baggages", "homeworks",
                 "feedbacks", "softwares", "hardwares", "musics", "electricities", "garbages", "rubbishes",
                 "machineries", "sceneries", "clothings", "jewelries", "jewelleries", "knowledges"}

# Adjectives that need a verb before them and are no verb themselves: "I afraid" -> "I am afraid".
_PREDICATIVE_ONLY = {"afraid", "sorry", "glad", "aware", "unaware", "able", "unable", "ashamed", "alive", "asleep",
                     "happy", "hungry", "thirsty", "unhappy", "careful", "sure"}
_BE = {"i": "am", "you": "are", "we": "are", "they": "are", "he": "is", "she": "is", "it": "is"}
_CLAUSE_START = {"", "and", "but", "so", "because", "if", "when", "that", "since", "though", "although", "as",
                 "while", "now", "then", "think", "hope", "know", "guess", "said", "say", "says"}

_NEGATIVE_ANY = {"nothing": "anything", "nobody": "anybody", "nowhere": "anywhere", "none": "any"}
_AUXILIARIES = {"is", "was", "are", "were", "will", "would", "can", "could", "has", "had", "have", "should", "does",
                "did", "do", "may", "might", "must", "shall"}
_VERBS_BEFORE_NOTHING = {"have", "has", "had", "got", "get", "do", "did", "need"}
_NOT_BETWEEN = {"for", "with", "to", "about", "from", "in", "on", "at", "of", "by", "is", "was", "be", "been", "a",
                "the", "and", "or", "but", "mean", "means", "meant", "matter", "doing", "say", "said"}

# Adjectives that already say "very": "very unique" -> "unique".
_EXTREME = {"unique", "perfect", "excellent", "huge", "enormous", "gigantic", "tiny", "delicious", "horrible",
            "terrified", "vital", "crucial", "dead", "absolute", "filthy", "massive", "minuscule", "overjoyed",
            "petrified", "astounded", "disgusting", "stunning", "colossal", "immense", "enraged", "elated", "horrified",
            "spotless", "flawless", "pointless", "worthless", "phenomenal",
            "awful", "fantastic", "terrific", "amazing", "awesome", "furious", "exhausted", "starving", "freezing",
            "boiling", "impossible", "identical", "infinite", "superb", "spectacular", "magnificent", "outstanding",
            "fabulous", "gorgeous", "hilarious", "ideal", "priceless", "unbelievable", "incredible", "devastated",
            "ecstatic"}

_NUMBERS = {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen",
            "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty",
            "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand"}
_UNITS = {"year", "month", "week", "day", "hour", "minute", "second", "mile", "kilometer", "kilometre", "foot",
          "inch", "meter", "metre", "page", "story", "storey", "person", "man", "point", "part", "game",
          "bedroom", "room", "course", "star", "door", "lane", "dollar", "pound", "euro", "night", "gallon", "liter",
          "litre", "ton", "tonne", "acre", "yard", "kilogram", "gram", "ounce", "centimeter", "centimetre",
          "millimeter", "millimetre", "degree", "seat", "piece", "member", "step", "stage", "megapixel", "gigabyte",
          "megabyte", "terabyte", "block", "volt", "watt", "cylinder", "speed", "hole", "inning", "lap"}
# Two- to four-word modifiers hyphenated before a noun ("a full-time job"), open after it
# ("she works full time"); the noun must follow. Not "first class" ("the first class
# graduated": a noun).
_COMPOUNDS = {("full", "time"), ("part", "time"), ("long", "term"), ("short", "term"), ("real", "time"),
              ("last", "minute"), ("up", "to", "date"), ("state", "of", "the", "art"), ("face", "to", "face"),
              ("step", "by", "step"), ("day", "to", "day"), ("long", "distance"), ("middle", "aged"),
              ("high", "quality"), ("low", "cost"), ("high", "level"), ("low", "level"), ("one", "way"),
              ("open", "minded"), ("well", "known"), ("well", "written"), ("well", "designed"), ("well", "paid"),
              ("well", "educated"), ("well", "trained"), ("well", "organized"), ("well", "organised"),
              ("well", "established"), ("well", "defined"), ("well", "documented"), ("well", "funded"),
              ("well", "respected"), ("well", "informed"), ("well", "behaved"), ("well", "dressed"),
              ("well", "deserved"), ("well", "made"), ("well", "meaning"), ("so", "called"), ("high", "speed"),
              ("world", "class"), ("user", "friendly"), ("time", "consuming"),
              ("record", "breaking"), ("hard", "working"), ("good", "looking"), ("long", "standing"),
              ("far", "reaching"), ("large", "scale")}
# Certain: those the corpus writes hyphenated after a determiner and before a word that
# is no function word at least 12 times and apart at most 1 in 20 ("the so-called
# experts" 114 : 0, "a well-known author" 251 : 11, "middle-aged" 75 : 4, "long-standing"
# 29 : 1, "long-term" 16 : 0, "well-trained" 15 : 0, "far-reaching" 20 : 1). Not "built
# in" (12 : 0, but "the many built in accordance with"), "large scale" ("on such a large scale elicited"), "brand new" (18 : 6), "left hand" (45 : 32), "right
# hand" (72 : 44), "first class" (85 : 5, but "the first class graduated"): judged.
_HYPHENATED_IN_CORPUS = {("so", "called"), ("well", "known"), ("middle", "aged"), ("long", "standing"),
                         ("long", "term"), ("well", "trained"), ("far", "reaching")}
_COMPOUND_FIRST = {c[0] for c in _COMPOUNDS}
# "an English speaking guide": a language + "speaking" before a noun (not before a
# language: "the English speaking French" is the English who speak it).
_LANGUAGES = {"English", "French", "German", "Spanish", "Italian", "Portuguese", "Russian", "Chinese", "Japanese",
              "Arabic", "Dutch", "Greek", "Hindi", "Korean", "Polish", "Swedish", "Turkish", "Danish", "Norwegian",
              "Finnish", "Hungarian", "Czech", "Hebrew", "Persian", "Swahili", "Mandarin", "Cantonese", "Welsh",
              "Irish", "Catalan", "Romanian", "Ukrainian", "Vietnamese", "Thai", "Indonesian", "Malay", "Tamil",
              "Bengali", "Urdu", "Punjabi", "Gaelic", "Latin", "Yiddish", "Tagalog", "Filipino", "Flemish", "Basque"}
_DIGITS = re.compile(r"\s+\d+(?:[.,]\d+)*\s+")
# After a number and a unit, a measure word, not a noun: "a 6 foot tall man" is "6-foot-tall".
_MEASURED = {"tall", "long", "wide", "high", "deep", "thick", "away", "ago", "later", "earlier", "apart", "ahead",
             "behind", "old", "older", "younger", "square", "per", "each"}
_AGE_UNITS = "year|month|week|day"
_HALF_HYPHENATED = re.compile(
    r"(?<![\w'’-])(?:(?:\d+|" + "|".join(sorted(_NUMBERS | {"one"}, key=len, reverse=True)) + r")-(?:" + _AGE_UNITS
    + r")s? old|(?:\d+|" + "|".join(sorted(_NUMBERS | {"one"}, key=len, reverse=True)) + r") (?:" + _AGE_UNITS
    + r")s?-old)(?![\w'’-])", re.IGNORECASE)
_BEFORE_COMPOUND = {"a", "an", "the", "this", "that", "these", "those", "my", "your", "his", "her", "its", "our",
                    "their", "every", "each", "another", "any", "some", "no", "more", "most", "very", "two",
                    "three", "four", "five", "many", "several", "other", "new", "first"}
_AFTER_PREPOSITION = {"in", "on", "at", "for", "over", "to", "into", "from", "by", "with", "of"}

# The model's least margin (nats) for the families it can judge. It cannot judge the
# others: it scores "ATM machine" -> "ATM" -11, "didn't see nobody" -> "anybody" -11 and
# "very unique" -> "unique" -8 (it copies what it reads), so those are certain.
BARS = {"en.mass_article": -6.0, "en.compound_hyphen": -6.0}


def proposals(text: str, counts: Mapping[str, int] | None) -> list[Proposal]:
    """Every proposal for `text`, in order, none overlapping."""
    w = Words(text)
    found = (_redundant(text) + _misheard(text) + _comprise(text) + _mass(w, counts) + _pronoun_verb(w) + _double_comparative(w) + _missing_be(w) + _double_negative(w) + _extreme(w)
             + _compound(w, counts))
    return non_overlapping(found)


def _redundant(text: str) -> list[Proposal]:
    """"return back" -> "return", "ATM machine" -> "ATM", "7 a.m. in the morning" -> "7 a.m."."""
    out = []
    for m in _REDUNDANT_RE.finditer(text):
        old = m.group()
        key = next(k for k in _REDUNDANT if k.lower() == old.lower())
        if key.isupper() or key.split()[0].isupper():
            if not old.split()[0].isupper():
                continue  # "pin number", "ram memory": not the acronym
        if re.match(r" and " + re.escape(old.split()[-1]) + r"\b", text[m.end():], re.IGNORECASE):
            continue  # "to recur again and again"
        if key in _BEFORE_A_NUMBER and not _A_NUMBER.match(text, m.end()):
            continue  # "we reason approximately about its behaviour": "about" a preposition
        new = cased(_REDUNDANT[key], old, text)
        if old.lower().startswith(new.lower() + " "):
            said = old[len(new) + 1:]  # "return back", "knots per hour", "at this point in time"
        elif old.lower().endswith(" " + new.lower()):
            said = old[:-len(new) - 1]  # "free gift", "please RSVP"
        else:
            said = old.split()[0]  # "ATM machines" -> "ATMs"
        said = f"“{said}”"
        out.append(Proposal(m.start(), m.end(), new, "en.redundant", None,
                            f"{said} repeats what “{new}” already says.", "style"))
    for m in _CLOCK.finditer(text):
        out.append(Proposal(m.start(), m.end(), m.group(1), "en.redundant", None,
                            f"“{'a.m.' if m.group(2) else 'p.m.'}” already says “{m.group(4).strip()}”.", "style"))
    for m in _FULL_HOUR.finditer(text):
        out.append(Proposal(m.start(1), m.end(1), "", "en.redundant", None,
                            f"“o'clock” already says the full hour: drop “{m.group(1)}”.", "style"))
    for m in _OCLOCK_AMPM.finditer(text):
        out.append(Proposal(m.start(1), m.end(), "", "en.redundant", None,
                            f"“o'clock” already says the hour: drop “{m.group(2)}”.", "style"))
    return out


def _comprise(text: str) -> list[Proposal]:
    """"is comprised of" -> "is composed of", "comprises of" -> "comprises": the whole
    comprises its parts, so "comprise" takes no "of" (usage guides; the corpus writes
    "composed of" 402 times, "consists of" 441, "comprised of" once)."""
    out = []
    for m in _COMPRISE.finditer(text):
        word = m.group(1) or m.group(2)
        if m.group(1):
            new = cased("composed", word, text)
            out.append(Proposal(m.start(1), m.end(1), new, "en.comprised_of", None,
                                f"The whole comprises its parts; “{word} of” is wrong: write “{new} of” (or “consists of”).",
                                "word-choice"))
        else:
            out.append(Proposal(m.start(3), m.end(3), "", "en.comprised_of", None,
                                f"“{word}” takes no “of”: “the book comprises ten chapters”.", "word-choice"))
    return out


def _misheard(text: str) -> list[Proposal]:
    """"for all intensive purposes" -> "for all intents and purposes": a set phrase misheard."""
    out = []
    for m in _MISHEARD_RE.finditer(text):
        old = m.group()
        new = cased(next(v for k, v in _MISHEARD.items() if k.lower() == old.lower()), old, text)
        if new.endswith(".") and text[m.end():m.end() + 1] == ".":
            new = new[:-1]  # "et all." -> "et al.", not "et al.."
        out.append(Proposal(m.start(), m.end(), new, "en.set_phrase", None,
                            f"The set phrase is “{new}”, not “{old}”." if " " in old else
                            f"“{old}” is not standard English: write “{new}”.", "word-choice"))
    return out


def _mass(w: Words, counts) -> list[Proposal]:
    """"informations" -> "information"; "an advice." -> "advice": nouns English does not count."""
    out = []
    for i, word in enumerate(w.lower):
        if word in _MASS_PLURALS and w.items[i][0].islower():
            new = word[:-3] + "y" if word.endswith("ies") else word[:-2] if word.endswith(("shes",)) else word[:-1]
            out.append(at(w, i, new, "en.mass_plural", None,
                          f"“{new}” has no plural: write “{new}”.", "grammar"))
        elif word in ("a", "an") and w.next(i) in _MASS and w.items[i + 1][0].islower() and \
                w.text[w.items[i][1] - 1:w.items[i][1]].strip() == "" and not _glued(w.text, w.items[i + 1][2]):
            after = w.next(i, 2)
            if after in ("", "#") or (after in FUNCTION_WORDS and after not in ("and", "or")):
                noun = w.items[i + 1][0]
                start, end = w.items[i][1], w.items[i + 1][1]
                out.append(Proposal(start, end, "", "en.mass_article", BARS["en.mass_article"],
                                    f"“{noun}” is not counted: drop “{w.items[i][0]}” (or write “a piece of {noun}”).",
                                    "grammar"))
    return out


def _glued(text: str, end: int) -> bool:
    """A word that goes on past `end` as a name or address: "news.gnome.org", "news-based"."""
    return text[end:end + 1] == "-" or (text[end:end + 1] == "." and text[end + 1:end + 2].isalnum())


def _pronoun_verb(w: Words) -> list[Proposal]:
    """"they was" -> "they were", "she have" -> "she has", "I is" -> "I am": "be" and "have"
    after a subject pronoun. Not after a word that sets the verb's form ("did she have",
    "let it be"), and not "were" after a singular subject ("if he were": the subjunctive)."""
    out = []
    for i, word in enumerate(w.lower[1:], 1):
        subject = w.prev(i)
        right = _PRONOUN_VERB.get(subject, {}).get(word)
        before = w.items[i - 2][0] if i >= 2 and w.prev(i - 1) not in ("", "#") else ""
        if not right or w.prev(i - 1) in _SETS_THE_FORM | {"and", "or", "nor", "but", "except"} \
                or (subject == "i" and (w.items[i - 1][0] != "I" or before[:1].isupper())) \
                or (subject == "you" and w.prev(i - 1) == "thank"):
            continue  # "my team and I are", "anyone but you has", "i is the imaginary unit", "Juan Carlos I is"
        if subject in ("you", "it") and w.prev(i - 1) not in _CLAUSE_START | {"#"}:
            continue  # "the book I gave you is", "made it are": an object, not the subject
        out.append(at(w, i, right, "en.pronoun_verb", None,
                      f"With “{w.items[i - 1][0]}”, use “{{new}}”, not “{{old}}”.", "grammar"))
    return out


_PLURAL_VERBS = {"is": "are", "was": "were", "am": "are", "has": "have", "isn't": "aren't", "wasn't": "weren't",
                 "hasn't": "haven't", "doesn't": "don't"}
_PRONOUN_VERB = {
    "i": {"is": "am", "are": "am", "has": "have", "isn't": "am not", "hasn't": "haven't"},
    "you": _PLURAL_VERBS, "we": _PLURAL_VERBS, "they": _PLURAL_VERBS,
    **{p: {"are": "is", "am": "is", "have": "has", "aren't": "isn't", "haven't": "hasn't"} for p in ("he", "she", "it")},
}
# After these a verb keeps its base form or the pronoun is an object: "does she have", "let it be".
_SETS_THE_FORM = {"do", "does", "did", "doesn't", "didn't", "don't", "will", "would", "can", "could", "should", "may",
                  "might", "must", "shall", "won't", "wouldn't", "can't", "couldn't", "shouldn't", "let", "lets",
                  "make", "makes", "made", "help", "helps", "to", "have", "has", "had", "see", "saw", "hear", "heard",
                  "watch", "watched", "than", "as"}
_COMPARATIVE_ADJECTIVES = {"better", "worse", "easier", "harder", "bigger", "smaller", "larger", "faster", "slower",
                           "cheaper", "higher", "lower", "longer", "shorter", "stronger", "weaker", "happier", "healthier",
                           "safer", "simpler", "wider", "deeper", "closer", "greater", "nicer", "clearer", "busier",
                           "richer", "poorer", "heavier", "lighter", "quicker", "warmer", "colder", "hotter", "cooler",
                           "smarter", "louder", "quieter", "funnier", "prettier", "uglier"}
_LINKING_VERBS = {"is", "are", "was", "were", "be", "been", "being", "am", "it's", "that's", "seems", "seem", "seemed",
                  "looks", "look", "looked", "feel", "feels", "felt", "become", "becomes", "became", "get", "gets",
                  "got", "getting", "sounds", "sound", "much"}
_QUESTION_START = {"", "#", "what", "when", "where", "why", "how", "who", "which", "and", "but", "or"}
_SUPERLATIVES = {c[:-2] + "est" for c in _COMPARATIVE_ADJECTIVES - {"better", "worse"}} | {"best", "worst"}


def _double_comparative(w: Words) -> list[Proposal]:
    """"more easier" -> "easier", "most biggest" -> "biggest": the ending already compares.
    Not "more older people" (more people who are older): nothing may follow but "than",
    punctuation or a function word."""
    out = []
    for i, word in enumerate(w.lower[:-1]):
        nxt, after = w.next(i), w.next(i, 2)
        prev = w.prev(i)
        linked = prev in _LINKING_VERBS and w.prev(i - 1) not in _QUESTION_START  # "it is more easier", not "when is more better"
        if (word == "more" and nxt in _COMPARATIVE_ADJECTIVES or word == "most" and nxt in _SUPERLATIVES) and \
                (after in ("", "#") or after in FUNCTION_WORDS) and (linked or prev in ("a", "an", "the", "much", "even", "far")):
            start, end = w.items[i][1], w.items[i + 1][1]
            out.append(Proposal(start, end, "", "en.double_comparative", None,
                                f"“{w.items[i + 1][0]}” already compares: drop “{w.items[i][0]}”.", "grammar"))
    return out


def _missing_be(w: Words) -> list[Proposal]:
    """"I afraid" -> "I am afraid": a subject, then an adjective that needs a verb."""
    out = []
    for i, word in enumerate(w.lower[:-1]):
        nxt = w.next(i)
        if word in _BE and nxt in _PREDICATIVE_ONLY and w.prev(i) in _CLAUSE_START and not w.items[i][0].isupper() \
                or word == "i" and nxt in _PREDICATIVE_ONLY and w.prev(i) in _CLAUSE_START:
            after = w.next(i, 2)
            if not (after in ("", "#") or after in FUNCTION_WORDS) or nxt == "sure" and after not in ("", "#", "that", "about", "of", "if"):
                continue  # "You happy girl!", "I sure hope so": no clause here
            old = w.items[i][0]
            out.append(at(w, i, f"{old} {_BE[word]}", "en.missing_be", None,
                          f"“{w.items[i + 1][0]}” needs a verb: “{old} {_BE[word]} {w.items[i + 1][0]}”.", "grammar"))
    return out


def _double_negative(w: Words) -> list[Proposal]:
    """"don't know nothing" -> "don't know anything", "didn't have no time" -> "any time":
    a negated verb, then a negative word that is its object (not the subject of a new
    clause: "I can't believe nobody came")."""
    out = []
    for i, word in enumerate(w.lower):
        between, after = w.prev(i), w.next(i)
        if i < 2 or between in _NOT_BETWEEN | {"", "#"} or \
                (between in FUNCTION_WORDS and between not in _VERBS_BEFORE_NOTHING):
            continue
        negative = w.prev(i - 1)
        if not (negative.endswith("n't") or negative in ("not", "never", "cannot")):
            continue
        if word in _NEGATIVE_ANY and (after in ("", "#") or after in FUNCTION_WORDS - _AUXILIARIES):
            new = _NEGATIVE_ANY[word]
        elif word == "no" and (after == "one" or nounish(after, None)) and w.next(i, 2) not in _AUXILIARIES:
            new = "any"
        else:
            continue
        out.append(at(w, i, new, "en.double_negative", None,
                      f"“{w.items[i - 2][0]}” is already negative: write “{new}”, not “{w.items[i][0]}”.",
                      "grammar"))
    return out + _negative_subject(w) + _not_twice(w)


_NEGATIVE_SUBJECTS = {"nobody", "nothing", "none", "no one", "no-one"}
_VERBS_AFTER_NEGATIVE_SUBJECT = {"had", "has", "have", "did", "does", "got", "gets", "get"}
_OBJECT_PRONOUNS = {"me", "him", "her", "us", "them", "you"}


def _negative_subject(w: Words) -> list[Proposal]:
    """"Nobody told me nothing" -> "anything", "No one gave us no help" -> "any": a
    negative subject opening the clause, its verb, and a negative object. The verb must be
    a plain one, not "is" ("Nothing is nothing")."""
    out = []
    for i, word in enumerate(w.lower[:-2]):
        two = word == "no" and w.next(i) == "one"
        if not (word in _NEGATIVE_SUBJECTS or two) or w.prev(i) not in _CLAUSE_START or w.prev(i) in ("that", "think"):
            continue
        k = 2 if two else 1
        verb = w.next(i, k)
        if verb in ("", "#") or verb in FUNCTION_WORDS and verb not in _VERBS_AFTER_NEGATIVE_SUBJECT \
                or verb.endswith("ing"):
            continue
        k += 1
        if w.next(i, k) in _OBJECT_PRONOUNS:
            k += 1
        target, after = w.next(i, k), w.next(i, k + 1)
        if target in _NEGATIVE_ANY and (after in ("", "#") or after in FUNCTION_WORDS - _AUXILIARIES):
            new = _NEGATIVE_ANY[target]
        elif target == "no" and nounish(after, None) and w.next(i, k + 2) not in _AUXILIARIES:
            new = "any"
        else:
            continue
        out.append(at(w, i + k, new, "en.double_negative", None,
                      f"“{w.text[w.items[i][1]:w.items[i + (1 if two else 0)][2]]}” is already negative: "
                      f"write “{new}”, not “{w.items[i + k][0]}”.", "grammar"))
    return out


# Negated auxiliaries before "not" + a verb ("shouldn't not go"); not "can't not" /
# "couldn't not" (an idiom: "I couldn't not laugh").
_NOT_TWICE = {"don't", "doesn't", "didn't", "shouldn't", "wouldn't", "won't", "mustn't"}


def _not_twice(w: Words) -> list[Proposal]:
    """"You shouldn't not go" -> "You shouldn't go": one negative is enough."""
    out = []
    for i, word in enumerate(w.lower[:-2]):
        verb = w.next(i, 2)
        if word in _NOT_TWICE and w.next(i) == "not" and verb not in ("", "#") and w.items[i + 2][0].islower() \
                and (verb not in FUNCTION_WORDS or verb in ("be", "have", "do")):
            start, end = w.items[i + 1][1], w.items[i + 2][1]
            out.append(Proposal(start, end, "", "en.double_negative", None,
                                f"“{w.items[i][0]}” is already negative: drop “{w.items[i + 1][0]}”.", "grammar"))
    return out


def _extreme(w: Words) -> list[Proposal]:
    """"very unique" -> "unique": the adjective is already as strong as it gets."""
    out = []
    for i, word in enumerate(w.lower[:-1]):
        if word == "very" and w.next(i) in _EXTREME and w.prev(i) not in ("the", "not"):
            adjective = w.items[i + 1][0]
            start, end = w.items[i][1], w.items[i + 1][1]
            out.append(Proposal(start, end, "", "en.extreme_adjective", None,
                                f"“{adjective}” is already as strong as it gets: drop “{w.items[i][0]}”.", "style"))
    return out


def _compound(w: Words, counts) -> list[Proposal]:
    """"a two hour drive" -> "a two-hour drive", "a 40 hour week" -> "a 40-hour week", "a
    well known author" -> "a well-known author", "an English speaking guide" -> "an
    English-speaking guide": a compound between a determiner and its noun takes hyphens."""
    out = []
    for i, word in enumerate(w.lower):
        prev, digits = w.prev(i), _digits_before(w, i)
        if (prev in _NUMBERS or digits) and word in _UNITS and \
                (w.lower[i - 1] if digits else w.prev(i - 1)) in _BEFORE_COMPOUND - _NUMBERS:
            # "a two hour drive", "a 5 year old boy", "a five year old" (a noun itself)
            first = i if digits else i - 1
            span = (i - first) + (2 if w.next(i) == "old" else 1)
            needs_noun = w.next(i) != "old"  # a singular unit after a number only modifies: certain before a noun
        elif prev in _BEFORE_COMPOUND and word in _COMPOUND_FIRST:  # "a full time job"
            if prev == "the" and w.prev(i - 1) in _AFTER_PREPOSITION:
                continue  # "in the long term", "at the last minute"
            span = next((len(c) for c in _COMPOUNDS
                         if c[0] == word and all(w.next(i, k) == c[k] for k in range(1, len(c)))), 0)
            first, needs_noun = i, True
        elif word == "speaking" and w.items[i - 1][0] in _LANGUAGES and prev != "#" and i >= 2 \
                and (w.items[i + 1][0] if i + 1 < len(w.items) else "") not in _LANGUAGES \
                and w.prev(i - 1) in _BEFORE_COMPOUND | _AFTER_PREPOSITION | {"", "#"}:
            first, span, needs_noun = i - 1, 2, True  # "an English speaking guide", "in French speaking countries"
        else:
            continue
        if not span or any(w.next(first + k) in ("", "#") for k in range(span - 1)):
            continue  # no compound, or punctuation inside it
        noun = w.next(first, span)
        if needs_noun and not (nounish(noun, counts) and not noun.endswith(("ly", "ing")) and noun not in _MEASURED):
            continue  # "she works full time.", "in real time using", "a 6 foot tall man"
        if digits and w.lower[i - 1] not in ("a", "an") and noun.endswith("s") and not noun.endswith("ss"):
            continue  # "the 27 member states", "the 182,000 page images": a number of them
        start, end = digits or w.items[first][1], w.items[first + span - 1][2]
        old = w.text[start:end]
        if any(x[:1].isupper() for x in old.split()[1:]):
            continue  # "the Five Year Plan": a name
        new = "-".join(old.split())
        sure = digits is not None or old.split()[0].lower() in _NUMBERS or word == "speaking" \
            or tuple(old.lower().split()) in _HYPHENATED_IN_CORPUS
        out.append(Proposal(start, end, new, "en.compound_hyphen", None if sure else BARS["en.compound_hyphen"],
                            f"Before a noun, “{old}” takes hyphens: “{new}”.", "punctuation"))
    return out + _half_hyphenated(w.text)


def _digits_before(w: Words, i: int) -> int | None:
    """Where a number written in digits stands right before word i ("a 40 hour week"), if one does."""
    if i < 1:
        return None
    gap = w.text[w.items[i - 1][2]:w.items[i][1]]
    if not _DIGITS.fullmatch(gap) or re.fullmatch(r"\s*1[5-9]\d\d\s*|\s*20\d\d\s*", gap):
        return None  # "A4 page", "the 1959 stage musical": no number of units
    return w.items[i - 1][2] + len(gap) - len(gap.lstrip())


def _half_hyphenated(text: str) -> list[Proposal]:
    """"a two-year old boy" -> "two-year-old", "a 5 year-old" -> "5-year-old": an age takes
    both hyphens or none."""
    out = []
    for m in _HALF_HYPHENATED.finditer(text):
        old = m.group()
        new = re.sub(r"[\s-]+", "-", old)
        out.append(Proposal(m.start(), m.end(), new, "en.compound_hyphen", None,
                            f"An age written as one word takes both hyphens: “{new}”.", "punctuation"))
    return out
