"""Text normalisation before detection."""

from __future__ import annotations

import re

# Politeness, urgency and persistence change nothing about what is asked, so they are removed
# before detection: the same request gets the same decision however it is pleaded.
_REGISTER = re.compile(
    r"\b(please|pls|plz|kindly|thank you( so much)?( in advance)?|thanks( a lot)?|urgent(ly)?|asap"
    r"|as soon as possible|right away|immediately|i('m| am) begging( you)?|i beg you|it'?s urgent"
    r"|this is urgent|i really need (this|you to)|i need this now|for the love of god|come on"
    r"|i('ve| have) asked (you )?(this )?(before|already|several times|again)|again,?"
    r"|one more time|i insist)\b[,!]*|!{2,}",
    re.IGNORECASE,
)


def strip_register(text: str) -> str:
    stripped = re.sub(r"\s{2,}", " ", _REGISTER.sub(" ", text)).strip(" ,")
    return stripped or text
