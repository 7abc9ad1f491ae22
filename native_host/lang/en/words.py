"""English word lists: the closed classes the guard, the speller, the rules and the
messages need. Written for Redline (not taken from another checker's rule files)."""

from __future__ import annotations

FUNCTION_WORDS = frozenset("""
a an the this that these those some any no every each either neither all both much many more most
few little less least several enough such what which whose whom who whatever whichever
i me my mine myself you your yours yourself yourselves he him his himself she her hers herself
it its itself we us our ours ourselves they them their theirs themselves one ones someone anyone
everyone something anything everything nothing somebody anybody everybody nobody
be am is are was were been being have has had having do does did doing done will would shall
should can could may might must ought need dare let get got gets getting
to of in on at for with by from about into onto upon over under above below between among through
during before after since until till against toward towards across along around behind beside
besides beyond within without throughout despite except like unlike than as per via off out up down
and or but nor so yet because although though while whereas if unless whether when whenever where
wherever why how then there here also too very really quite just only even still already again
not never ever always often sometimes usually rather almost perhaps maybe however therefore thus
moreover furthermore indeed instead else otherwise anyway now ago
's 't n't 're 've 'll 'd 'm
""".split())

CONTRACTED = ("s", "t", "m", "re", "ve", "ll", "d")  # what follows the apostrophe: "it's", "don't", "we'll"

# Closed compounds that learners write as two words, and that are (nearly) never right
# apart. "every one" and "some one" are, before "of" ("every one of them"): BEFORE_OF.
# Not here: "can not" (JFLEG dev's references join it a third of the time, BEA-2019
# dev's annotators never), "any one", "any more", "in deed", "no body" (right in "any one
# day", "in word and deed", "no body was found").
JOINED = {
    "my self": "myself", "your self": "yourself", "him self": "himself", "her self": "herself",
    "it self": "itself", "our selves": "ourselves", "your selves": "yourselves", "them selves": "themselves",
    "there fore": "therefore", "now a days": "nowadays", "with out": "without", "be cause": "because",
    "to gether": "together", "to morrow": "tomorrow", "every where": "everywhere", "some where": "somewhere",
    "every thing": "everything", "some body": "somebody", "every body": "everybody",
    "home work": "homework", "class mate": "classmate", "class mates": "classmates", "room mate": "roommate",
    "room mates": "roommates", "text book": "textbook", "text books": "textbooks", "week end": "weekend",
    "week ends": "weekends", "news paper": "newspaper", "news papers": "newspapers",
    "class room": "classroom", "class rooms": "classrooms", "whole heartedly": "wholeheartedly",
    "some thing": "something", "every one": "everyone", "some one": "someone",
}
BEFORE_OF = {"every one", "some one"}

ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "vs", "etc", "e.g", "i.e",
    "no", "fig", "al", "inc", "ltd", "co", "corp", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx", "dept", "est", "gen",
    "gov", "lt", "col", "capt", "sgt", "rev", "hon", "u.s", "u.k", "a.m", "p.m", "ph.d",
    "cf", "viz", "vol", "pp", "ca", "incl", "resp", "nos", "govt", "eds", "bros", "univ",
}

ARTICLES = {"a", "an", "the"}
DETERMINERS = ARTICLES | {"this", "that", "these", "those", "some", "any", "my", "your", "his", "her", "its", "our", "their"}
PREPOSITIONS = {
    "about", "above", "across", "after", "against", "along", "among", "around", "at", "before", "behind", "below",
    "beside", "between", "by", "during", "except", "for", "from", "in", "inside", "into", "like", "near", "of", "off",
    "on", "onto", "out", "over", "since", "through", "to", "toward", "towards", "under", "until", "up", "upon",
    "with", "within", "without",
}
SINGULAR_SUBJECTS = {"he", "she", "it", "this", "that", "everyone", "everybody", "someone", "somebody", "nobody", "each"}
PLURAL_SUBJECTS = {"i", "you", "we", "they", "these", "those"}
AUXILIARIES = {"is", "are", "was", "were", "am", "be", "been", "being", "has", "have", "had", "do", "does", "did"}
CONFUSABLES = {
    "their": "belonging to them", "there": "in or at that place", "they're": "they are",
    "its": "belonging to it", "it's": "it is", "your": "belonging to you", "you're": "you are",
    "then": "next, at that time", "than": "for comparisons", "to": "direction or infinitive", "too": "also, excessively",
    "affect": "a verb: to influence", "effect": "usually a noun: a result", "lose": "to misplace", "loose": "not tight",
    "whose": "belonging to whom", "who's": "who is", "accept": "to receive", "except": "excluding",
    "weather": "rain or sun", "whether": "if", "quiet": "silent", "quite": "rather", "were": "past of are",
    "where": "a place", "wear": "to have on", "here": "this place", "hear": "with your ears", "know": "to be aware",
    "no": "negative", "of": "belonging", "off": "not on", "buy": "to purchase", "by": "next to, via",
    "advice": "a noun", "advise": "a verb", "passed": "went by", "past": "before now", "piece": "a part", "peace": "no war",
    "principal": "main, or a head", "principle": "a rule", "fewer": "for countable things", "less": "for amounts",
    "much": "for amounts", "many": "for countable things", "lend": "to give for a while", "borrow": "to take for a while",
}
# Common irregular verbs: base past participle.
IRREGULAR = {}
for _line in """be was been|become became become|begin began begun|break broke broken|bring brought brought|build built built
buy bought bought|catch caught caught|choose chose chosen|come came come|cost cost cost|do did done|draw drew drawn
drink drank drunk|drive drove driven|eat ate eaten|fall fell fallen|feel felt felt|fight fought fought|find found found
fly flew flown|forget forgot forgotten|get got gotten|give gave given|go went gone|grow grew grown|have had had
hear heard heard|hold held held|keep kept kept|know knew known|lead led led|leave left left|lend lent lent|lose lost lost
make made made|mean meant meant|meet met met|pay paid paid|put put put|read read read|ride rode ridden|ring rang rung
rise rose risen|run ran run|say said said|see saw seen|sell sold sold|send sent sent|shake shook shaken|shine shone shone
shoot shot shot|show showed shown|sing sang sung|sit sat sat|sleep slept slept|speak spoke spoken|spend spent spent
stand stood stood|steal stole stolen|swim swam swum|take took taken|teach taught taught|tell told told|think thought thought
throw threw thrown|understand understood understood|wake woke woken|wear wore worn|win won won|write wrote written
withdraw withdrew withdrawn|forgive forgave forgiven|forbid forbade forbidden|freeze froze frozen|hide hid hidden
blow blew blown|arise arose arisen|overcome overcame overcome|undertake undertook undertaken|mistake mistook mistaken
swear swore sworn|tear tore torn|shrink shrank shrunk|sink sank sunk|seek sought sought|hang hung hung|dig dug dug
strike struck struck|deal dealt dealt|flee fled fled|slide slid slid|spin spun spun|sweep swept swept|bend bent bent""".replace("\n", "|").split("|"):
    _base, _past, _pp = _line.split()
    for _form in (_base, _past, _pp, _base + "s", _base + "ing"):
        IRREGULAR.setdefault(_form, (_base, _past, _pp))
IRREGULAR.update({"does": IRREGULAR["do"], "goes": IRREGULAR["go"], "has": IRREGULAR["have"], "is": IRREGULAR["be"], "are": IRREGULAR["be"]})

PUNCT_NAMES = {",": "comma", ".": "period", "!": "exclamation mark", "?": "question mark", ";": "semicolon",
               ":": "colon", "'": "apostrophe", "’": "apostrophe", '"': "quotation mark", "-": "hyphen", "—": "dash"}
