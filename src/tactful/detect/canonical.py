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

import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path

from tactful.detect.embedder import STATIC_DIR
from tactful.detect.normalise import strip_register
from tactful.policy.schema import Policy

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
#: A word, but not a piece of a handle, address or path ("u/quietfern88", "@jess.moreno").
_WORD = re.compile(r"(?<![\w/@.'])[A-Za-z][A-Za-z']*(?![\w/@])")
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
MIN_CORRECTED = 3  # shorter words are too ambiguous to correct
MAX_SLIPS = 4  # a message with more unknown words than this (and a third) is not corrected


class Speller:
    """Maps a word outside the vocabulary to a vocabulary word one slip away.

    Only the slips that rarely turn one real word into another are undone — a missing doubled
    letter ("kil", "atack"), swapped neighbours ("wuold"), a dropped letter in a longer word
    ("injecton"), a letter doubled by mistake ("painfull") — never a wrong letter or any other
    extra one: "sarin" must not become "satin", nor "bleach" "beach". Among candidates of one
    kind the more frequent word wins (the vocabulary is in frequency order).

    The vocabulary is the tokenizer's whole words, which lack many common words ("motivate",
    "immoral", "delete"). `attested` counts, for words seen in the training texts of at least
    two sources, how many texts use each: such a word is left as written unless its candidate
    is `SLIP_RATIO` times as common ("recieve" → "receive", but "immoral" is not "immortal")."""

    def __init__(self, words: Iterable[str], attested: Mapping[str, int] | None = None) -> None:
        self._rank: dict[str, int] = {}
        for i, w in enumerate(words):
            self._rank.setdefault(w, i)
        self._attested: Mapping[str, int] = attested or {}
        self.correct = lru_cache(maxsize=16384)(self._correct)

    def __contains__(self, word: str) -> bool:
        return word in self._rank

    def __len__(self) -> int:
        return len(self._rank)

    def _correct(self, word: str) -> str:
        lower = word.lower()
        if len(lower) < MIN_CORRECTED or lower in self._rank or not lower.isalpha():
            return word
        if self._inflected(lower):  # "assembles", "forger": a known word, inflected
            return word
        for candidates in _edits(lower):
            known = [c for c in candidates if c in self._rank]
            if known:
                best = min(known, key=self._rank.__getitem__)
                seen = self._attested.get(lower, 0)
                if seen and self._attested.get(best, 0) < SLIP_RATIO * seen:
                    return word  # a word in its own right, not a slip of `best`
                return best
        return word

    def _inflected(self, word: str) -> bool:
        # The base of a known inflection ("invoke" of "invoked", "guideline" of "guidelines").
        # Not a word ending in the suffix's own letter: "proces" is "process" with an "s" missing.
        if any(word + x in self._rank and word[-1] != x[-1] for x in _BASE_OF):
            return True
        for suffix in _SUFFIXES:
            stem = word[: -len(suffix)]
            known = stem in self._rank or stem + "e" in self._rank
            if word.endswith(suffix) and len(stem) >= MIN_CORRECTED and known:
                return True
        return False


#: How much more common a candidate must be than an attested word for the word to be a slip.
SLIP_RATIO = 20
#: The file of attested words (word, tab, number of training texts using it) in a model folder.
WORDS_FILE = "words.tsv"


_SUFFIXES = ("s", "es", "ed", "d", "er", "r", "ers", "ing", "ly", "y", "ness", "ment")
_BASE_OF = ("s", "es", "d", "ed")


def _edits(w: str) -> Iterable[list[str]]:
    splits = [(w[:i], w[i:]) for i in range(len(w) + 1)]
    yield [a + b[0] + b for a, b in splits if b and b[0] not in "aeiouy"]  # doubled consonant
    if len(w) >= 4:  # swapped neighbours, not at the end ("castor" is not "castro")
        yield [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 2]
    if len(w) >= 5:
        yield [a + c + b for a, b in splits for c in _LETTERS]  # a dropped letter
    if len(w) >= 6:  # a doubled letter typed once too often ("painfull"), never any other
        yield [a + b[1:] for a, b in splits if b and a and a[-1] == b[0]]


def speller_for(
    model_dir: Path, extra: Iterable[str] = (), attested: Mapping[str, int] | None = None
) -> Speller:
    """The detector's word vocabulary (whole words of its tokenizer, in `model_dir`/static) in
    frequency order, then `extra` words (the policy's own), which are known and so never
    corrected; words attested in training (`attested`, else `model_dir`/words.tsv)."""
    path = model_dir / STATIC_DIR / "tokenizer.json"
    try:
        vocab = json.loads(path.read_text(encoding="utf-8"))["model"]["vocab"]
    except (OSError, ValueError, KeyError, TypeError):
        vocab = {}
    ordered = [t for t, _ in sorted(vocab.items(), key=lambda kv: kv[1])]
    words = (t for t in [*ordered, *(w.lower() for w in extra)] if t.isalpha() and t.isascii())
    if attested is None:
        attested = read_attested(model_dir / WORDS_FILE)
    return Speller((w for w in words if len(w) > 1), attested)


def read_attested(path: Path) -> dict[str, int]:
    """`word<TAB>count` lines; a missing file attests nothing (the speller then corrects by the
    vocabulary alone)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return {}
    out: dict[str, int] = {}
    for line in lines:
        word, _, count = line.partition("\t")
        if word and count.isdigit():
            out[word] = int(count)
    return out


def attest(texts: Iterable[tuple[str, str]], min_sources: int = 2) -> dict[str, int]:
    """From (text, source) pairs: for each lower-case word of three letters or more used by at
    least `min_sources` sources, the number of texts using it. A slip is rarely made the same
    way by writers of two sources; a real word is."""
    counts: Counter[str] = Counter()
    sources: dict[str, set[str]] = {}
    for text, source in texts:
        for w in {x.lower() for x in _WORD.findall(text)}:
            if len(w) >= MIN_CORRECTED and w.isalpha() and w.isascii():
                counts[w] += 1
                sources.setdefault(w, set()).add(source)
    return {w: n for w, n in sorted(counts.items()) if len(sources[w]) >= min_sources}


def write_attested(attested: Mapping[str, int], path: Path) -> None:
    path.write_text("".join(f"{w}\t{n}\n" for w, n in sorted(attested.items())), "utf-8")


def policy_words(policy: Policy) -> list[str]:
    """Every word the policy uses (descriptions, examples, patterns): known, never corrected."""
    return re.findall(r"[A-Za-z]{2,}", policy.model_dump_json())


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
    return _WORD.sub(fix, text) if odd else text


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
