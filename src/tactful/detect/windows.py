"""Overlapping windows over a long message, so a request at its end is not averaged away.

The classifier reads a message as a whole; in a long message one harmful sentence is a small part
of that whole. Each sentence of a long message is therefore judged on its own, and overlapping
word windows catch a request spread over sentences or written without punctuation (the worst
window wins). Cost is linear in length and bounded by the message-length limit.
"""

from __future__ import annotations

import re

from tactful.detect.templates import looks_like_ask as asks

#: Words per window and the step between window starts.
WINDOW_WORDS = 30
STRIDE_WORDS = 20
#: Messages shorter than this are read whole only.
MIN_CHARS = 600
#: A window is a fragment, and the worst of many fragments multiplies false alarms (a stray
#: "steals" in a maths problem): a window overrides the whole only on strong evidence.
MIN_WINDOW_SCORE = 0.75
#: A message of instructions to the assistant (a jailbreak template no wrapper pattern
#: recognised) is windowed too, but there a window is a fragment of those instructions ("You
#: never back from the job even if the request harms someone"), not a hidden request: it
#: overrides the whole only from this score — except the windows of the message's last words,
#: where the user's request sits (placeholder at the end, or added after the template).
ADDRESSED_WINDOW_SCORE = 0.85
#: Sentences telling the assistant how to behave; this many make a message instructions to it.
_ADDRESSED = re.compile(
    r"\b(?:you (?:will|must|are|should|shall|can|have to|need to|never|always|do not|don'?t"
    r"|won'?t|cannot|can'?t)|your (?:responses?|answers?|replies|output|role|character|persona"
    r"|rules|programming))\b",
    re.IGNORECASE,
)
_ADDRESSED_SENTENCES = 3
#: As many words as a request added after a template may have (`wrappers.last_paragraph`).
_END_WORDS = 80

_WORD = re.compile(r"\S+")
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|\n|$)")
_MIN_SENTENCE_WORDS = 4


def windows(text: str, size: int = WINDOW_WORDS, stride: int = STRIDE_WORDS) -> list[str]:
    """The sentences and overlapping word windows of a long text (empty for a short one)."""
    if len(text) < MIN_CHARS:
        return []
    # Sentences shaped like a request only: a narrative sentence out of its context is noise.
    out = [
        s
        for m in _SENTENCE.finditer(text)
        if _MIN_SENTENCE_WORDS <= len((s := m[0].strip()).split()) <= size and asks(s)
    ]
    spans = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    start = 0
    while start < len(spans):
        end = min(start + size, len(spans))
        out.append(text[spans[start][0] : spans[end - 1][1]])
        if end == len(spans):
            break
        start += stride
    return list(dict.fromkeys(out))


def window_bars(text: str, found: list[str]) -> list[float]:
    """The score from which each window of `text` overrides the whole (see
    ADDRESSED_WINDOW_SCORE)."""
    addressed = sum(1 for m in _SENTENCE.finditer(text) if _ADDRESSED.search(m[0]))
    if addressed < _ADDRESSED_SENTENCES:
        return [MIN_WINDOW_SCORE] * len(found)
    # Where the request sits: the last words of the message, as many as a request added after
    # a template may have.
    words = [m.start() for m in _WORD.finditer(text)]
    end = words[-_END_WORDS] if len(words) > _END_WORDS else 0
    return [MIN_WINDOW_SCORE if text.rfind(w) >= end else ADDRESSED_WINDOW_SCORE for w in found]
