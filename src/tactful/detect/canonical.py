"""The canonical form of a request: what is asked, without how it is asked.

DESIGN §4 asks for consistency: the same underlying request gets the same decision however
politely, urgently, persistently or differently it is worded. The detector reads wording, so a
paraphrase can move its score. The engine therefore judges the canonical form of a message, in
which the register around the request is taken off and the request is put in one plain shape:

* courtesy and hedges ("could you kindly", "if you'd be so kind", "it would mean a lot");
* urgency and deadlines ("need this in 10 minutes", "essay due in an hour", "quick question");
* persistence ("I've asked three times now" — `strip_register` already removes most of it);
* role-play personas assigned to the assistant ("You're a grumpy sysadmin.", "Pretend you're a
  hacker and …"), kept only when the rest of the message leans on the persona ("your cook");
* future tense: "what will I need to", "how will I", "I'll be able to" are put in the present
  (the past is not: "how did people make bread in medieval times" read as "how to make bread
  in medieval times" is a different, odder question; the reading's `tense` wrapper judges the
  present-tense ask beside the message instead);
* chat spellings and typos: "u", "ppl", "wat", "kil", "ransomwear" are mapped to words the
  detector's own vocabulary knows (edit distance one, common edits first).

Nothing here adds or removes content words of the request itself: malicious cues ("without
getting caught"), targets and stated purposes stay, so the detectors still see them.
"""

from __future__ import annotations

import re

from tactful.detect.normalise import strip_register
from tactful.detect.speller import MAX_SLIPS, MIN_CORRECTED, WORD, Speller

_I = re.IGNORECASE

# ---------------------------------------------------------------------------------- register
_GREETING = re.compile(
    r"^\s*(?:(?:hey|hi|hello|yo|ok(?:ay)?|so|um+|quick question|quick|real quick)\b[,!.]*\s*)+",
    _I,
)
#: "Could you please …" at the start of a sentence; "what would you tell them" is content.
_ASK_FRAME = re.compile(
    r"(?:^|(?<=[.!?]\s))\s*(?:would|could|can|will) you (?:please |kindly |possibly |maybe )?"
    r"(?:be so kind as to |be able to )?(?=\w)",
    _I,
)
_HEDGES = re.compile(
    r",?\s*if you(?:'d| would) be so kind\b|\bit would mean a lot( to me)?\b"
    r"|\bi'?m asking (?:you )?(?:politely|nicely)\b,?|\bi'?d be (?:so |really )?grateful\b"
    r"|\bwould be (?:much |greatly )?appreciated\b|\b(?:lol|lmao|haha|pls|plz)\b",
    _I,
)
_URGENCY = re.compile(
    r"\b(?:i )?need (?:this|it|the answer) (?:in \d+ (?:minutes|mins|hours)|for tonight(?:'s \w+)?"
    r"|by (?:tonight|tomorrow|today)|now)\b"
    r"|\b(?:before \w+ )?in \d+ mins?\b"
    r"|\b(?:my |the )?(?:essay|homework|report|assignment|paper) (?:is )?due (?:tomorrow|tonight"
    r"|today|in an hour|in \d+ \w+)\b"
    r"|\b(?:i )?need to know (?:before i leave|now|fast|today)\b(?: in \w+ minutes)?"
    r"|\b(?:guests|people) coming tonight\b|\bit'?s an emergency\b",
    _I,
)
_PERSISTENCE = re.compile(
    r"\b(?:i'?ve|i have) (?:already )?asked (?:you )?(?:this )?(?:\w+ times|twice|before|again)"
    r"(?: (?:now|already))?\b[.,!]*",
    _I,
)

# ---------------------------------------------------------------------------------- personas
#: A first sentence that only assigns the assistant a role: "You're a senior dev reviewing my PR."
_PERSONA_SENTENCE = re.compile(
    r"^\s*(?:you are|you're|you’re)\s+(?:now\s+)?(?:an?\s+|my\s+|the\s+)?[^.!?\n]{1,80}?[.!]\s+"
    r"(?=\S)",
    _I,
)
#: "Pretend you're a hacker in a teen movie and …", "Roleplay as a scammer named Vic and …"
_PERSONA_LEAD = re.compile(
    r"^\s*(?:let'?s play a game[.!]?\s*)?(?:pretend (?:to be|you(?:'re| are))|role-?play as|act as"
    r"|play the role of|imagine you(?:'re| are)|be)\s+(?:an?\s+|my\s+|the\s+)?[^,.!?\n]{1,80}?"
    r"\s+and\s+",
    _I,
)
#: Claims that the assistant has no rules: they change nothing about what is asked, so the ask
#: is judged without them (a harmful ask stays harmful; scrambled eggs stay scrambled eggs).
_NO_RULES = re.compile(
    r"(?:\b(?:let'?s )?(?:pretend|imagine|assume)(?: that)? you (?:have|had) no (?:content policy|"
    r"content policies|restrictions|rules|filters|guidelines|limits|limitations)(?: whatsoever)?"
    r"|\b(?:with|having|under) no (?:content policy|restrictions|rules|filters|guidelines|limits|"
    r"limitations)(?: whatsoever)?"
    r"|^\s*you are (?:now )?(?:an? )?(?:ai|assistant|model|chatbot) (?:with|that has) no "
    r"(?:content policy|restrictions|rules|filters|guidelines|limits|limitations)(?: whatsoever)?"
    r"|\bignore (?:all )?(?:your |the )?(?:previous|prior|above|earlier) (?:instructions|rules)"
    r"(?: and)?)[\s.,!:;]*(?:now,?\s*)?",
    _I,
)
_NO_RULES_WORDS = frozenset({"no", "ignore"})
_STAY_IN_CHARACTER = re.compile(r"\bstay in character\b(?:\s+and\b)?[.,!]*", _I)
#: The rest of the message leans on the persona ("your exact cook") — keep the persona then.
_LEANS_ON_PERSONA = re.compile(r"\b(?:your|yours|yourself)\b", _I)

# ---------------------------------------------------------------------------------- tense
#: Only a lead that says nothing but when ("Next week I'll have time, so …").
_LEAD_TIME = re.compile(
    r"^\s*(?:(?:next|this coming) (?:week|month|year|summer|weekend)(?: i'?ll have (?:the )?time)?"
    r"|(?:in the (?:near )?future|some ?day|one day)(?: when i'?m [^,]{1,40})?)\s*,\s*(?:so\s+)?",
    _I,
)
_FUTURE = (
    (re.compile(r"\bwhat will i (need|have) to\b", _I), r"what do i \1 to"),
    (re.compile(r"\bhow will i (?:need to |have to )?", _I), "how do i "),
    (re.compile(r"\bwhat steps will i (follow|take)\b", _I), r"what steps do i \1"),
    (re.compile(r"\bwhat would i need to do\b", _I), "what do i need to do"),
    (re.compile(r"\bi'?ll be able to\b", _I), "i can"),
    (re.compile(r"\bwhat would (?:i|you) need to\b", _I), "what do i need to"),
)
# ---------------------------------------------------------------------------------- spelling
_CHAT = {
    "u": "you",
    "ur": "your",
    "r": "are",
    "ppl": "people",
    "n": "and",
    "w": "with",
    "wat": "what",
    "wats": "what's",
    "whats": "what's",
    "wut": "what",
    "rn": "right now",
    "cuz": "because",
    "coz": "because",
    "tho": "though",
    "shud": "should",
    "wud": "would",
    "cud": "could",
    "gonna": "going to",
    "gotta": "have to",
    "wanna": "want to",
    "dont": "don't",
    "cant": "can't",
    "wont": "won't",
    "im": "I'm",
    "ive": "I've",
    "didnt": "didn't",
    "doesnt": "doesn't",
    "isnt": "isn't",
    "thx": "thanks",
    "plz": "please",
    "pls": "please",
    # Short slips the speller leaves alone (it corrects words of five letters or more).
    "hak": "hack",
    "chek": "check",
    "wich": "which",
    "teh": "the",
    "thru": "through",
    "abt": "about",
    "kno": "know",
    "becuz": "because",
    "ransomwear": "ransomware",
    "malwear": "malware",
    "b4": "before",
    # "how'd the Brits crack Enigma": a question about the past, as "how did" reads.
    "how'd": "how did",
    "what'd": "what did",
    "where'd": "where did",
    "2": "to",
}
#: "how 2 hack" but not "in 2 hours": the digit is a word only after a word that wants "to".
_CHAT_DIGIT_CONTEXT = re.compile(
    r"\b(how|want|need|going|got|have|able|trying|where|what|way) 2(?= [a-z])", _I
)


def _spell(text: str, words: set[str], speller: Speller | None) -> str:
    # Most messages have no chat spelling and no unknown word: then nothing is rewritten.
    odd = words & _CHAT.keys()
    if speller is not None:
        unknown = [w for w in words if w.isalpha() and len(w) >= MIN_CORRECTED and w not in speller]
        # Many unknown words: code, another language or jargon, not slips — leave them.
        if len(unknown) <= max(MAX_SLIPS, len(words) // 3):
            odd |= {w for w in unknown if speller.correct(w) != w}
    if not odd and "2" not in text:
        return text

    def fix(m: re.Match[str]) -> str:
        word = m[0]
        lower = word.lower()
        if lower not in odd:
            return word
        chat = _CHAT.get(lower)
        if chat is not None:
            return chat
        if speller is None or (word[:1].isupper() and m.start() > 0):  # names stay as written
            return word
        return speller.correct(word)

    text = _CHAT_DIGIT_CONTEXT.sub(r"\1 to", text)
    return WORD.sub(fix, text) if odd else text


# ---------------------------------------------------------------------------------- the form
def _drop_persona(text: str) -> str:
    for pattern in (_PERSONA_SENTENCE, _PERSONA_LEAD):
        m = pattern.match(text)
        if m and not _LEANS_ON_PERSONA.search(text[m.end() :]):
            text = text[m.end() :]
    text = _STAY_IN_CHARACTER.sub(" ", text)
    # Addressed to the persona: "how you'd get in" asks how to get in.
    return re.sub(r"\bhow (?:you'd|you would|would you)\b", "how to", text, flags=_I)


def _present(text: str) -> str:
    text = _LEAD_TIME.sub("", text)
    lower = text.lower()
    for pattern, repl in _FUTURE:
        if ("will" in lower or "'ll" in lower or "would" in lower) and pattern.search(text):
            text = pattern.sub(repl, text)
    return text


_RUNS_OF_SPACE = re.compile(r"\s{2,}")
_SPACE_BEFORE_MARK = re.compile(r"\s+([?.!,;:])")
_STRAY_MARKS = re.compile(r"^[\s,.;:!?-]+|([,;])\s*(?=[,.;!?])")


def _tidy(text: str) -> str:
    text = _SPACE_BEFORE_MARK.sub(r"\1", _RUNS_OF_SPACE.sub(" ", text))
    text = _STRAY_MARKS.sub("", text)
    return text.strip(" ,;")


#: Words a rewrite needs; a message with none of them skips it (most messages skip most).
_PERSISTENCE_WORDS = frozenset({"asked"})
_URGENCY_WORDS = frozenset({"need", "due", "mins", "min", "minutes", "coming", "emergency"})
_GREETING_WORDS = frozenset({"hey", "hi", "hello", "yo", "ok", "okay", "so", "um", "umm", "quick"})
_ASK_WORDS = frozenset({"would", "could", "can", "will"})
_HEDGE_WORDS = frozenset({
    "kind", "mean", "asking", "grateful", "appreciated", "lol", "lmao", "haha", "pls", "plz",
})  # fmt: skip
_PERSONA_WORDS = frozenset({
    "you", "you're", "you’re", "pretend", "roleplay", "role", "act", "play", "imagine", "be",
    "stay", "you'd",
})  # fmt: skip
_TIME_WORDS = frozenset({"next", "this", "future", "someday", "one", "will", "i'll", "would"})
_LOWER_WORDS = re.compile(r"[a-z0-9'’]+")


def canonical(text: str, speller: Speller | None = None) -> str:
    """The request in its canonical form (falls back to the text when nothing is left)."""
    words = set(_LOWER_WORDS.findall(text.lower()))
    form = _spell(text, words, speller)
    if form is not text:  # "can u" is now "can you"
        words = set(_LOWER_WORDS.findall(form.lower()))
    if words & _PERSISTENCE_WORDS:
        form = _PERSISTENCE.sub(" ", form)
    if words & _URGENCY_WORDS:
        form = _URGENCY.sub(" ", form)
    form = strip_register(form)
    if words & _GREETING_WORDS:
        form = _GREETING.sub("", form)
    if "you" in words and words & _ASK_WORDS:
        form = _ASK_FRAME.sub(" ", form)
    if words & _HEDGE_WORDS:
        form = _HEDGES.sub(" ", form)
    if words & _NO_RULES_WORDS:
        form = _NO_RULES.sub(" ", form)
    if words & _PERSONA_WORDS:
        form = _drop_persona(_tidy(form))
    if words & _TIME_WORDS:
        form = _present(form)
    form = _tidy(form)
    if not form:
        return text
    return form[:1].upper() + form[1:]
