r"""Words a pattern cannot match without, and patterns that open with their words.

Two ways to spare Python's `re` work on the many patterns the detectors and the grader search.

First, most of these patterns find nothing in most texts, and `re` tries every alternative of a
long pattern at every position before it says so. Yet almost every match of such a pattern
contains one of a few plain strings ("sarin", "ricin", …): when the text contains none of them,
the pattern cannot match and need not run. `str.__contains__` on a short
text costs tens of nanoseconds, a failed search of a long alternation microseconds.

The strings are read from the pattern's own parse tree (the `re` module's parser), never written
by hand, so they cannot drift from the pattern. The reading is conservative: every match of the
pattern contains one of the strings returned, or None is returned. (Unsure parts, such as
character classes or optional pieces, simply contribute nothing.)

Second, `re` skips quickly to where a pattern can start only when every alternative opens with
a plain character; an alternative that opens with `\b` is tried at every position instead (a
long list of `\bword` alternatives is about eight times slower). `literal_first` moves the
boundary behind the word: `\bsorry` and `sorry(?<!\wsorry)` match the same text, since before
a word character `\b` only says that no word character comes first (and before a mark, that one
does: `'(?<=\w')s`). Groups in front are first multiplied out in the order `re` tries them
(`\b(?:a|b)?c` as `\bac|\bbc|\bc`), so that the words come first.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
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


_WORD_RUN = re.compile(r"[a-z0-9_]+")
_QUANTIFIERS = ("?", "*", "+", "{")
#: A class of a few marks that are neither word characters nor special ("[:;]").
_MARKS = re.compile(r"\[([^\w\\\]\[^\-.$*+?{}|()]{1,4})\]")
#: How deep groups are distributed (each level multiplies the alternatives).
_MAX_DEPTH = 3
#: How much longer than its source a rewritten pattern may grow. Distributing nested groups
#: multiplies alternatives, and `re` compiles in Python at some microseconds per character: the
#: twenty policy patterns that grew past this (up to 13x, 35,000 characters) took 0.3 s to
#: compile as rewritten and 0.02 s as written, while the rewrite saved under 2 ms of searching
#: over 4,000 requests (session 14) - a cost every process paid at start or on first use.
MAX_GROWTH = 3
_SPECIAL = frozenset("\\.^$*+?{}[]|()")


def literal_first(source: str) -> str:
    r"""`source` with its top-level alternatives opening with plain characters rather than
    `\b` or a group (see the module's docstring): the same matches, at the same spans, found
    faster. Unchanged unless every alternative then opens with a plain character."""
    alternatives = _top_level_alternatives(source)
    if alternatives is None:
        return source
    rewritten = [_word_first(d) for a in alternatives for d in _distributed(a)]
    # Only when then every alternative opens with a plain character: that is what lets `re`
    # skip ahead. Rewriting some of them only was slower as often as faster (measured on the
    # benchmark's prompts and sentences): "i(?<!\wi)" runs its look-behind at every "i".
    if not all(map(_plain, rewritten)):
        return source
    joined = "|".join(rewritten)
    return joined if len(joined) <= MAX_GROWTH * len(source) else source


def split_for_has(source: str) -> tuple[str, ...] | None:
    r"""`source` as patterns one of which finds a match exactly where it does, for a yes-or-no
    search and for where the first match begins. First its alternatives that open with a plain
    character (rewritten as `literal_first` does), merged on their opening characters
    (`merged`); then, if any, those anchored at the start ("^\W*no"); then any others. A
    pattern matches somewhere exactly when one of its alternatives does, and each part is fast
    on its own where the whole is not (one alternative that opens otherwise keeps `re` from
    skipping ahead). None unless most alternatives open with a plain character, or when
    nothing would change (`literal_first` does as well)."""
    alternatives = _top_level_alternatives(source)
    if alternatives is None:
        return None
    led: list[str] = []
    anchored: list[str] = []
    other: list[str] = []
    for a in alternatives:
        for w in map(_word_first, _distributed(a)):
            if _plain(w):
                led.append(w)
            elif w.startswith("^"):
                anchored.append(w)
            else:
                other.append(w)
    if not led or len(other) >= len(led):
        return None  # searched apart, the others would cost about what the merging saves
    merged_led = merged(led)
    if not anchored and not other and merged_led == "|".join(led):
        return None
    parts = (merged_led, *("|".join(part) for part in (anchored, other) if part))
    if sum(map(len, parts)) > MAX_GROWTH * len(source):
        return None  # as `literal_first`: compiled, it would cost more than it saves
    return parts


def merged(alternatives: list[str]) -> str:
    r"""The alternatives as one pattern that matches somewhere exactly when one of them does,
    those that open with the same plain character merged behind it, level by level
    ("sorry(?<!\wsorry)|so(?<!\wso) there|why" as "so(?:rry(?<!\wsorry)|(?<!\wso) there)|why").

    `re` tries the alternatives at a position one after another: a list of a hundred word-led
    alternatives is tried a hundred times at each letter, merged only those that open with the
    text's own letters. Taking a common literal opening out in front changes which text the
    alternatives match in no way; it can change which of them matches first at a position
    (one merged later is tried sooner), so this is for a yes-or-no search only."""
    groups: dict[str, list[str]] = {}
    others: list[str] = []
    for a in alternatives:
        # A plain first character is a literal unless a quantifier follows it ("s?").
        if _plain(a) and not a.startswith(_QUANTIFIERS, 1):
            groups.setdefault(a[0], []).append(a[1:])
        else:
            others.append(a)
    out: list[str] = []
    for first, rests in groups.items():
        inner = rests[0] if len(rests) == 1 else merged(rests)
        # "n(?:o(?:t|pe))" as "no(?:t|pe)": a group of one alternative needs no group.
        one = len(rests) == 1 or len(_top_level_alternatives(inner) or ()) == 1
        out.append(first + inner if one else f"{first}(?:{inner})")
    return "|".join([*out, *others])


def _distributed(alternative: str, depth: int = 0) -> list[str]:
    r"""`(?:X|Y)Z` as `XZ`, `YZ`, and `(?:X)?Z` as `XZ`, `Z`, in the order `re` tries them (a
    greedy `?` tries the group first), behind a leading `\b` too; else as is. Nested groups are
    distributed a few levels deep."""
    lead = "\\b" if alternative.startswith("\\b") else ""
    body = alternative[len(lead) :]
    while lead and body.startswith("\\b"):  # \b\b is \b
        body = body[2:]
    marks = _MARKS.match(body) if lead else None
    if marks is not None and not body.startswith(_QUANTIFIERS, marks.end()):
        # \b[:;] as \b:|\b; (one character: at most one of them can match at a position).
        return [f"{lead}{m}{body[marks.end() :]}" for m in marks.group(1)]
    if depth < _MAX_DEPTH and body.startswith("(?:"):
        end = _group_end(body, 0)
        if end is not None:
            inner = _top_level_alternatives(body[3 : end - 1])
            rest = body[end:]
            if rest.startswith("?") and not rest.startswith(("??", "?+")):
                inner, rest = (None if inner is None else [*inner, ""]), rest[1:]
            elif rest.startswith(_QUANTIFIERS):
                inner = None
            if inner is not None:
                return [d for x in inner for d in _distributed(f"{lead}{x}{rest}", depth + 1)]
    return [lead + body]


def _plain(alternative: str) -> bool:
    return alternative[:1] != "" and alternative[0] not in _SPECIAL


def _word_first(alternative: str) -> str:
    """The alternative opening with its first character, if it opens with a boundary and a
    plain character."""
    if not alternative.startswith("\\b"):
        return alternative
    run = _WORD_RUN.match(alternative, 2)
    if run is None:
        mark = alternative[2:3]
        if (
            not _plain(mark)
            or mark.isalnum()
            or mark == "_"
            or alternative.startswith(_QUANTIFIERS, 3)
        ):
            return alternative
        # Before a character that is no word character, \b says a word character comes first.
        return f"{mark}(?<=\\w{re.escape(mark)}){alternative[3:]}"
    word, rest = run.group(0), alternative[run.end() :]
    if rest.startswith(_QUANTIFIERS):  # "agents?": the last letter is optional, not fixed
        word, rest = word[:-1], word[-1:] + rest
    if not word:
        return alternative
    return _led(word, rest)


def _led(word: str, rest: str) -> str:
    # Before a word character, \b is (?<!\w); checked after the word, it looks one further back.
    return f"{word}(?<!\\w{word}){rest}"


def _structure(source: str, start: int = 0) -> Iterator[tuple[int, str, int]]:
    """(index, character, depth after it) for each "(", ")" and "|" of a pattern's source from
    `start`, outside escapes and character classes; a final (len, "", -1) if a class is left
    open. The one reading of a pattern's grouping that the two helpers below share."""
    depth, i, in_class = 0, start, False
    while i < len(source):
        c = source[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            # A "]" straight after "[" or "[^" is a member, not the end.
            if c == "]" and source[i - 1] != "[" and source[i - 2 : i] != "[^":
                in_class = False
        elif c == "[":
            in_class = True
        elif c in "()|":
            depth += {"(": 1, ")": -1, "|": 0}[c]
            yield i, c, depth
        i += 1
    if in_class:
        yield len(source), "", -1


def _group_end(source: str, start: int) -> int | None:
    """The index just past the group that opens at `source[start]` ("("), or None."""
    for i, c, depth in _structure(source, start):
        if c == ")" and depth == 0:
            return i + 1
        if not c:
            return None
    return None


def _top_level_alternatives(source: str) -> list[str] | None:
    """`source` split at the `|` outside any group or class; None if it does not parse so."""
    parts: list[str] = []
    begin, depth = 0, 0
    for i, c, depth in _structure(source):
        if depth < 0:
            return None
        if c == "|" and depth == 0:
            parts.append(source[begin:i])
            begin = i + 1
    if depth != 0:
        return None
    parts.append(source[begin:])
    return parts
