"""Text normalisation before detection."""

from __future__ import annotations

import re

from tactful.detect.caseless import Caseless

# Politeness, urgency and persistence change nothing about what is asked, so they are removed
# before detection: the same request gets the same decision however it is pleaded. "Right now"
# goes only as a plea ("right now, no time!"): in "what's the weather right now?" it is what
# makes the ask impossible.
_REGISTER = Caseless.compile(
    r"\b(please|pls|plz|kindly|thank you( so much| very much)?( in advance)?|thanks( so much| a lot"
    r"| in advance)?|many thanks|much appreciated|i('d| would) (really )?appreciate (it|that|your "
    r"help)|urgent(ly)?|asap|as soon as possible|right away|right now(?=\s*[,!])|immediately"
    r"|quickly|hurry( up)?"
    r"|no time to (explain|waste)|i don'?t have (much )?time|i('m| am) begging( you)?|i beg you"
    r"|it'?s urgent|this is urgent|i really need (this|you to)|i need this (now|today)"
    r"|for the love of god|come on|seriously|i('ve| have) (already )?asked (you )?(this )?"
    r"((\w+|\d+) times|before|already|several times|again|repeatedly)( (now|already))?|again,?"
    r"|one more time|i insist|just(?! curious))\b[,!]*|!{2,}",
)
_LEFTOVER = re.compile(r"\s+([?.!,;:])|([?.!])\s*[.,;]+(?=\s|$)|^[\s.,;:!?]+")


_SPACES = re.compile(r"\s{2,}")


def strip_register(text: str) -> str:
    # Searched caseless: on ASCII text, without IGNORECASE in the lower-cased text (the same
    # matches, replaced the same way).
    stripped = _SPACES.sub(" ", _REGISTER.replace(text, text.lower(), " ")).strip(" ,")
    stripped = _LEFTOVER.sub(lambda m: m.group(1) or m.group(2) or "", stripped).strip(" ,")
    return stripped or text
