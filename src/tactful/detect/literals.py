"""Words a pattern cannot match without: a substring test that rules a search out cheaply.

Most of the detectors' and the grader's patterns find nothing in most texts, and Python's `re`
tries every alternative of a long pattern at every position before it says so. Yet almost every
match of such a pattern contains one of a few plain strings ("sarin", "ricin", …): when the text
contains none of them, the pattern cannot match and need not run. `str.__contains__` on a short
text costs tens of nanoseconds, a failed search of a long alternation microseconds.

The strings are read from the pattern's own parse tree (the `re` module's parser), never written
by hand, so they cannot drift from the pattern. The reading is conservative: every match of the
pattern contains one of the strings returned, or None is returned. (Unsure parts, such as
character classes or optional pieces, simply contribute nothing.)
"""

from __future__ import annotations

import importlib
import re
from typing import Any

#: A single character is in nearly every text, so it rules nothing out: no gate then.
MIN_LENGTH = 2
#: More strings than this cost more to test, on the texts tactful reads, than the failed
#: searches they save.
MAX_STRINGS = 48

Literals = frozenset[str]


def required_literals(source: str) -> tuple[str, ...] | None:
    """Strings one of which every match of `source` (searched as written, no flags) contains,
    or None when no such strings of at least MIN_LENGTH characters were found."""
    try:
        # The parser `re.compile` itself uses (private: a Python without it gets no gates).
        parser = importlib.import_module("re._parser")
        constants = importlib.import_module("re._constants")
    except ImportError:  # pragma: no cover
        return None
    try:
        tree = parser.parse(source)
    except re.error:  # not a pattern: compiling it fails elsewhere
        return None
    items = list(tree)
    if items and items[0][0] is constants.AT and items[0][1] is constants.AT_BEGINNING:
        # Anchored at the start: a failed search tries one position, cheaper than the test.
        return None
    found = _Reader(constants).sequence(items)
    if found is None or len(found) > MAX_STRINGS or min(map(len, found)) < MIN_LENGTH:
        return None
    # A string that holds another of them is present only if that one is: test the shorter.
    return tuple(sorted(f for f in found if not any(g != f and g in f for g in found)))


class _Reader:
    """Walks the parse tree; each method returns strings one of which every match of its node
    contains, or None."""

    def __init__(self, c: Any) -> None:
        self.c = c

    def sequence(self, items: list[tuple[Any, Any]]) -> Literals | None:
        """A sequence matches all of its items, so any one item's strings will do: the best of
        them is kept (the longest shortest string, then the fewest strings)."""
        c = self.c
        best: Literals | None = None
        run: list[str] = []

        def keep(candidate: Literals | None) -> None:
            nonlocal best
            if candidate is not None and (best is None or _rank(candidate) > _rank(best)):
                best = candidate

        for op, av in items:
            if op is c.LITERAL:
                run.append(chr(av))  # consecutive literals are one contiguous string
                continue
            keep(frozenset(["".join(run)]) if run else None)
            run = []
            if op is c.SUBPATTERN:  # (group, add_flags, del_flags, pattern)
                keep(self.sequence(list(av[3])) if not av[1] and not av[2] else None)
            elif op is c.ATOMIC_GROUP:
                keep(self.sequence(list(av)))
            elif op is c.BRANCH:  # every alternative must name its strings
                alternatives = [self.sequence(list(b)) for b in av[1]]
                if all(a is not None for a in alternatives):
                    keep(frozenset().union(*(a for a in alternatives if a is not None)))
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] >= 1:
                keep(self.sequence(list(av[2])))
            elif op is c.ASSERT:
                # A positive lookahead or lookbehind also matches inside the text searched.
                keep(self.sequence(list(av[1])))
            # Anything else (classes, any character, anchors, negative assertions) may match
            # without a fixed string: it adds nothing, and ends the current run of literals.
        keep(frozenset(["".join(run)]) if run else None)
        return best


def _rank(strings: Literals) -> tuple[int, int]:
    return (min(map(len, strings)), -len(strings))
