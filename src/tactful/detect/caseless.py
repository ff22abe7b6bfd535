r"""Case-insensitive patterns, searched faster on ASCII text.

Python's `re` compares every character twice over under IGNORECASE (each side lower-cased), which
makes the detectors' long alternations about twice as slow as the same pattern without it. Most
requests are ASCII, and for ASCII text a pattern written in lower case finds the same matches in
the lower-cased text without IGNORECASE: lower-casing ASCII keeps every position, and each
character of such a pattern matches an ASCII character exactly when it matches its lower-case
form. So a `Caseless` pattern checks once, when compiled, that its source is of that kind, and
then searches ASCII text that way; any other text, or a pattern that does not qualify, is
searched as before. (Capitals in a pattern are lower-cased for its ASCII form: IGNORECASE
compiles them that way too.) Either way the match returned is the original pattern's, on the
original text (the same span, so the same evidence).

On ASCII text, a pattern whose every match contains one of a few plain strings (read from the
pattern itself by `tactful.detect.literals`) is not searched at all when the lower-cased text
contains none of them: most patterns match nothing in most texts, and a substring test is far
cheaper than a failed search of a long alternation; and the ASCII form's `\b`-led alternatives
open with their word instead, which `re` finds faster (`tactful.detect.literals.literal_first`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from tactful.detect.literals import literal_first, required_literals, split_for_has
from tactful.detect.presence import PRESENCE, any_present

#: Escapes that stand for the same characters with or without IGNORECASE, or for one character
#: that is not a letter.
_SAFE_ESCAPES = frozenset("bBdDsSwWAZntrfv")
_ASCII = [chr(i) for i in range(128)]


def ascii_form(source: str) -> str | None:
    """The pattern that, searched without IGNORECASE in lower-cased ASCII text, finds exactly
    what `source` finds with IGNORECASE in the text itself: `source` with its literal capitals
    in lower case (IGNORECASE compiles a capital as its lower case anyway). None when unsure:
    inline flags, escapes that could stand for a letter, non-ASCII case forms of ASCII letters,
    ranges that mix letters with other characters."""
    if re.search(r"\(\?[A-Za-z<-]", source.replace("(?<=", "").replace("(?<!", "")):
        return None  # inline flags, named groups: not read here
    out: list[str] = []
    in_class = False
    previous = ""
    i = 0
    while i < len(source):
        c = source[i]
        if c == "\\":
            nxt = source[i + 1 : i + 2]
            if nxt.isalnum() and nxt not in _SAFE_ESCAPES:
                return None  # \x41, \u…, \N{…}, back-references: could be a letter
            out.append(source[i : i + 2])
            previous = nxt if not nxt.isalnum() else ""
            i += 2
            continue
        if not c.isascii() and any(re.fullmatch(re.escape(c), a, re.IGNORECASE) for a in _ASCII):
            return None  # "ſ", "K", "ı", "İ": non-ASCII, yet equal to an ASCII letter
        if in_class:
            if c == "]" and previous not in ("[", "^"):
                in_class = False
            elif c == "-" and previous not in ("", "[", "^") and source[i + 1 : i + 2] != "]":
                # A range: safe only between letters of one case, or between non-letters.
                low, high = previous, source[i + 1 : i + 2]
                letters = low.isascii() and high.isascii() and low.isalpha() and high.isalpha()
                if letters and not (low.islower() == high.islower() and low <= high):
                    return None
                if not letters and (low.isalpha() or high.isalpha() or not low <= high < "A"):
                    return None
        elif c == "[":
            in_class = True
        out.append(c.lower() if "A" <= c <= "Z" else c)
        previous = c
        i += 1
    return None if in_class else "".join(out)


def folds(source: str) -> bool:
    """Whether `source` has an ASCII form (see `ascii_form`)."""
    return ascii_form(source) is not None


@dataclass(frozen=True)
class Caseless:
    """A pattern compiled with IGNORECASE, and its ASCII form when it has one."""

    pattern: re.Pattern[str]
    ascii: re.Pattern[str] | None
    #: On ASCII text, every match of `ascii` contains one of these (None: no such strings).
    needs: tuple[str, ...] | None = None
    #: Whether the gate asks the shared index (`tactful.detect.presence`) which strings the text
    #: holds: one pass that pays for itself on a request many patterns read, not on a sentence
    #: of a response that two or three patterns read.
    indexed: bool = True

    @classmethod
    def compile(cls, source: str, *, indexed: bool = True) -> Caseless:
        pattern = re.compile(source, re.IGNORECASE)
        form = ascii_form(source)
        if form is None:
            return cls(pattern, None, indexed=indexed)
        needs = required_literals(form)
        if needs is not None and indexed:
            PRESENCE.register(needs)
        return cls(pattern, re.compile(literal_first(form)), needs, indexed)

    @cached_property
    def parts(self) -> tuple[re.Pattern[str], ...] | None:
        """On ASCII text: the ASCII form's alternatives as a few faster patterns that match where
        it does, when they split so (`tactful.detect.literals.split_for_has`): what `has`
        searches, and where `search` and `spans` find the first match begins. Made on first
        use: the merged alternatives take `re` long to compile (made for every pattern, they
        added a third to the engine's start), and a process makes only those it searches."""
        form = ascii_form(self.pattern.pattern) if self.ascii is not None else None
        split = split_for_has(form) if form is not None else None
        return None if split is None else tuple(re.compile(p) for p in split)

    def __reduce__(self) -> tuple[object, tuple[str, bool]]:
        # Compiled again where it is unpickled, so that its strings are registered there.
        return (_recompile, (self.pattern.pattern, self.indexed))

    def _absent(self, lowered: str) -> bool:
        """Whether the ASCII form cannot match `lowered`: none of the strings it needs is there."""
        needs = self.needs
        if needs is None:
            return False
        if self.indexed:
            return not any_present(lowered, needs)
        return not any(map(lowered.__contains__, needs))

    def search(self, text: str, lowered: str) -> re.Match[str] | None:
        """`pattern.search(text)`; `lowered` is `text.lower()`."""
        if self.ascii is None or not text.isascii():
            return self.pattern.search(text)
        # `_absent` written out: this runs for every pattern of every detector on every text,
        # and the call was a tenth of the gate's cost.
        needs = self.needs
        if needs is not None and (
            PRESENCE.found(lowered).isdisjoint(needs)
            if self.indexed
            else not any(map(lowered.__contains__, needs))
        ):
            return None
        start = self._first(lowered)
        if start is None:
            return None
        # The same match in the text as written: no match starts earlier, so the search from
        # there (which still sees the characters before it) finds it first.
        return self.pattern.search(text, start)

    def _first(self, lowered: str) -> int | None:
        """Where the ASCII form's first match in `lowered` starts, or None. With `parts`, the
        first place one of them matches: the same place (some alternative matches there and
        none earlier), found by the faster parts; which alternative matches there is left to
        the caller's own search from that place."""
        assert self.ascii is not None
        if self.parts is None:
            found = self.ascii.search(lowered)
            return None if found is None else found.start()
        starts = [m.start() for p in self.parts if (m := p.search(lowered)) is not None]
        return min(starts, default=None)

    def has(self, text: str, lowered: str) -> bool:
        """Whether `pattern.search(text)` finds anything (no match object to rebuild)."""
        if self.ascii is None or not text.isascii():
            return self.pattern.search(text) is not None
        needs = self.needs  # `_absent` written out, as in `search`
        if needs is not None and (
            PRESENCE.found(lowered).isdisjoint(needs)
            if self.indexed
            else not any(map(lowered.__contains__, needs))
        ):
            return False
        if self.parts is not None:
            return any(p.search(lowered) is not None for p in self.parts)
        return self.ascii.search(lowered) is not None

    def spans(self, text: str, lowered: str) -> list[tuple[int, int]]:
        """The spans of `pattern.finditer(text)`: on ASCII text the ASCII form finds the same
        matches, one after another, in the lower-cased text."""
        if self.ascii is None or not text.isascii():
            return [m.span() for m in self.pattern.finditer(text)]
        if self._absent(lowered):
            return []
        if self.parts is None:
            return [m.span() for m in self.ascii.finditer(lowered)]
        # From the first match on (found by the faster parts): the same matches, one after
        # another, without the slow pattern's search through the text before it.
        start = self._first(lowered)
        return [] if start is None else [m.span() for m in self.ascii.finditer(lowered, start)]

    def remove(self, text: str, lowered: str) -> str:
        """`pattern.sub("", text)`: the same matches taken out."""
        return self.replace(text, lowered, "")

    def replace(self, text: str, lowered: str, by: str) -> str:
        """`pattern.sub(by, text)` for a plain replacement `by` (no backslash, so no group
        references or escapes): the same matches replaced."""
        if "\\" in by:
            raise ValueError("a plain replacement only")
        if self.ascii is None or not text.isascii():
            return self.pattern.sub(by, text)
        spans = self.spans(text, lowered)
        if not spans:
            return text
        kept: list[str] = []
        at = 0
        for start, end in spans:
            kept.append(text[at:start])
            at = end
        kept.append(text[at:])
        return by.join(kept)

    def matches(self, text: str, lowered: str) -> bool:
        """Whether `pattern.match(text)` finds anything."""
        if self.ascii is None or not text.isascii():
            return self.pattern.match(text) is not None
        return not self._absent(lowered) and self.ascii.match(lowered) is not None

    def match(self, text: str, lowered: str) -> re.Match[str] | None:
        """`pattern.match(text)`; `lowered` is `text.lower()`."""
        if self.ascii is None or not text.isascii():
            return self.pattern.match(text)
        if self._absent(lowered) or not self.ascii.match(lowered):
            return None
        return self.pattern.match(text)


def _recompile(source: str, indexed: bool) -> Caseless:
    return Caseless.compile(source, indexed=indexed)
