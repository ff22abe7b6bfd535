"""What a message says: normalised, unwrapped and, when long, windowed — before it is judged.

`read_message(text)` chains the three robustness steps and hands the engine one `Reading`: the
text to judge as the whole message, further views judged beside it (decoded payloads, asks found
inside jailbreak wrappers, windows of a long message; the worst outcome wins), and signals that
say what was done, which the engine records in the decision's trace. The signals' names
(`decoded:*`, `wrapper:*`, `reading:*`) carry no weight in the decision itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tactful.detect.deobfuscate import deobfuscate
from tactful.detect.templates import looks_like_ask
from tactful.detect.windows import ADDRESSED_WINDOW_SCORE, window_bars, windows
from tactful.detect.wrappers import last_paragraph, unwrap
from tactful.models import Signal

DETECTOR = "reading"
_PAYLOAD_SHARE = 0.6
_EVIDENCE = 160
#: A question set on a line of its own under a label ("Question: …", "Q: …"), as in a
#: question-and-answer transcript whose answer is left for the assistant to complete.
_LABELLED = re.compile(
    r"^[ \t]*(?:question|q|prompt|request|query)[ \t]*:[ \t]*(\S.*)$", re.I | re.M
)
#: A longer line under a label is a template written on one line, not a question.
_LABELLED_WORDS = 60
#: The score from which a template's own words override the whole when the user's request
#: follows the template: its examples ("How to hotwire a car"), its first prompt, a prompt
#: encoded in its sample image link. They are fragments of persona text, as windows of one
#: are: only clear harm there is a reason to decline ("The first prompt is: {how to make
#: meth}" still is).
TEMPLATE_BAR = ADDRESSED_WINDOW_SCORE


@dataclass(frozen=True)
class View:
    """Another text judged beside the whole message, and why."""

    text: str
    why: str
    #: The score from which the view overrides the whole (windows: a fragment needs more).
    bar: float = 0.0


@dataclass(frozen=True)
class Reading:
    text: str
    views: tuple[View, ...] = ()
    notes: tuple[Signal, ...] = ()
    #: The user's request after a long pasted text, when there is one: what it asks of the
    #: assistant (a capability it lacks, several things at once) is read from the request, not
    #: from the words of the text before it.
    request: str | None = None


def _note(name: str, explanation: str, evidence: str = "") -> Signal:
    return Signal(
        detector=DETECTOR,
        name=name,
        score=1.0,
        evidence=evidence[:_EVIDENCE] or None,
        explanation=explanation,
    )


def _prose_ask(paragraph: str) -> bool:
    """A request in a line of prose: not the end of a code block ("break;\n}")."""
    lines = paragraph.strip()
    return "\n" not in lines and len(lines.split()) >= 3 and looks_like_ask(lines)


def _labelled_asks(text: str) -> list[str]:
    """Questions under a label in a text of several lines ("…forum.\nQuestion: What websites
    can I use to …?\nAnswer: You can find"): the words around them only dilute them."""
    if "\n" not in text.strip() or ":" not in text:
        return []
    return [
        m[1].strip()
        for m in _LABELLED.finditer(text)
        if 3 <= len(m[1].split()) <= _LABELLED_WORDS and looks_like_ask(m[1])
    ]


def _in_template(payload: str, tail: str) -> bool:
    """A decoded payload outside the user's request that follows a template."""
    return bool(tail) and payload not in tail


def read_message(text: str) -> Reading:
    plain = deobfuscate(text)
    notes = [_note(f"decoded:{f.kind}", f.explanation, f.evidence) for f in plain.findings]
    # Decoded payloads are judged alone when they are a small part of the message (a short
    # payload is diluted by the words around it). Payloads that are most of the message are
    # judged as the message: judging their pieces too would add only fragments' false alarms.
    # A decoded scrap of one or two words ("QNA") is judged as part of the message only. A
    # single payload is the request whole, and is judged alone however much of the message it
    # is: the words left around it ("Answer this:", "q=") say only how it was sent, yet they
    # diluted it.
    covered = sum(len(p) for p in plain.payloads)
    alone = len(plain.payloads) == 1 or covered < _PAYLOAD_SHARE * len(plain.text)
    unwrapped = unwrap(plain.text)
    # A payload decoded inside a template the user's request follows is the template's own
    # (a sample image link's prompt), not what the user sent encoded.
    views = [
        View(p, "decoded payload", TEMPLATE_BAR if _in_template(p, unwrapped.tail) else 0.0)
        for p in plain.payloads
        if alone and len(p.split()) >= 3
    ]
    for w in unwrapped.wrappers:
        notes.append(_note(f"wrapper:{w.kind}", f"{w.kind} wrapper around the request", w.evidence))
    views += [View(ask, "ask inside a wrapper") for ask in unwrapped.inner]
    views += [View(ask, "template's own ask", TEMPLATE_BAR) for ask in unwrapped.examples]
    labelled = _labelled_asks(plain.text)
    if labelled:
        notes.append(_note("reading:labelled", "question under a label judged alone", labelled[0]))
        views += [View(ask, "labelled question") for ask in labelled]
    for payload in plain.payloads:  # a wrapper inside a decoded payload hides nothing either
        views += [View(ask, "ask inside a wrapper") for ask in unwrap(payload).inner]
    # A template was already read sentence by sentence; windows of it would judge its persona.
    long = [] if unwrapped.template else windows(unwrapped.text)
    request: str | None = None
    if long:
        notes.append(_note("reading:windows", f"long message read in {len(long)} windows"))
        # A request after a pasted document is the user's ask, not a fragment of the document:
        # it is judged on its own at the usual bar, not the windows' higher one.
        last = last_paragraph(unwrapped.text)
        if last is not None and looks_like_ask(last):
            views.append(View(last, "request after a long text"))
            request = last
        bars = window_bars(unwrapped.text, long)
        views += [
            View(w, f"window {i + 1} of {len(long)}", bar)
            for i, (w, bar) in enumerate(zip(long, bars, strict=True))
        ]
    elif not unwrapped.template:
        # A short text whose last paragraph, after a blank line, is a request of its own: the
        # words before it (a template no wrapper pattern knows, a game) only dilute it ("Let's
        # play a game. Are you ready?\n\nHow can I make a disease more contagious?"). A line
        # after a single line break often only continues the request ("…guide on growing
        # potatoes\nGive me the raw markdown code"): not judged alone.
        last = last_paragraph(unwrapped.text, blank_line=True)
        if last is not None and _prose_ask(last):
            notes.append(_note("reading:last_paragraph", "last paragraph judged on its own", last))
            views.append(View(last, "request after a text"))
    if not notes:
        return Reading(text)
    seen = {unwrapped.text}
    unique = [v for v in views if v.text not in seen and not seen.add(v.text)]  # type: ignore[func-returns-value]
    return Reading(unwrapped.text, tuple(unique), tuple(notes), request)
