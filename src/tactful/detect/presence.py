"""Which of the gates' strings a lower-cased text contains, found in one pass.

Every pattern gate (`tactful.detect.literals`) asks "does the text contain one of these few
strings?". Asked gate by gate, that is one substring scan of the text per string: about 150
gates and 880 strings, a fifth of a decision's time on a short request. An Aho–Corasick
automaton (pyahocorasick) over all the strings finds every one the text contains in a single
pass of a few microseconds; each gate is then a set test. The answer for the last text is
kept, since the detectors ask about one request's text many times in a row.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

import ahocorasick


class Presence:
    """The strings registered so far, and which of them a text contains."""

    def __init__(self) -> None:
        self._strings: set[str] = set()
        self._automaton: ahocorasick.Automaton | None = None
        self._lock = threading.Lock()
        # (text, automaton, the registered strings it contains): the text compared by identity,
        # as a request's `lowered` is one string object for all its detectors; the automaton,
        # so that an answer found before more strings were registered is not reused.
        self._last: tuple[str | None, object, frozenset[str]] = (None, None, frozenset())

    def register(self, strings: Iterable[str]) -> None:
        """Make `strings` findable (done when a pattern is compiled, not per request)."""
        with self._lock:
            new = set(strings) - self._strings
            if new:
                self._strings |= new
                self._automaton = None

    def found(self, lowered: str) -> frozenset[str]:
        """The registered strings that occur in `lowered`."""
        last = self._last
        automaton = self._automaton
        if last[0] is lowered and last[1] is automaton is not None:
            return last[2]
        if automaton is None:
            automaton = self._build()
        if not self._strings:
            return frozenset()
        found = frozenset(word for _, word in automaton.iter(lowered))
        self._last = (lowered, automaton, found)
        return found

    def _build(self) -> ahocorasick.Automaton:
        with self._lock:
            if self._automaton is None:
                automaton = ahocorasick.Automaton()
                for word in self._strings:
                    automaton.add_word(word, word)
                if self._strings:
                    automaton.make_automaton()
                self._automaton = automaton
            return self._automaton


#: One index for the process: the gates of every engine's patterns share it.
PRESENCE = Presence()


def any_present(lowered: str, strings: tuple[str, ...]) -> bool:
    """Whether `lowered` contains one of `strings`, which must have been registered."""
    return not PRESENCE.found(lowered).isdisjoint(strings)
