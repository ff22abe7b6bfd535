"""Load a policy from YAML with errors that name the file and the line."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError

from tactful.errors import PolicyError, Problem
from tactful.policy.schema import Policy, reference_problems

DEFAULT_POLICY = "default.yaml"


def load_policy(path: str | Path) -> Policy:
    """Read and validate a policy file; raises PolicyError listing every problem found."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PolicyError(
            str(path), [Problem(f"cannot read file: {exc.strerror or exc}")]
        ) from None
    except UnicodeDecodeError as exc:
        raise PolicyError(str(path), [Problem(f"not UTF-8 text: {exc.reason}")]) from None
    return parse_policy(text, str(path))


def parse_policy(text: str, file: str = "<policy>") -> Policy:
    yaml = YAML(typ="rt")
    try:
        document = yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        raise PolicyError(
            file, [Problem(f"invalid YAML: {exc.problem or exc}", line=line)]
        ) from None
    if not isinstance(document, CommentedMap):
        raise PolicyError(file, [Problem("the policy must be a mapping at the top level", line=1)])
    try:
        policy = Policy.model_validate(_plain(document), context={"defer_references": True})
    except ValidationError as exc:
        raise PolicyError(file, [_problem(document, err) for err in exc.errors()]) from None
    problems = [
        Problem(message, ".".join(map(str, loc)), _line_of(document, loc))
        for loc, message in reference_problems(policy)
    ]
    if problems:
        raise PolicyError(file, problems)
    return policy


@lru_cache(maxsize=1)
def default_policy() -> Policy:
    """The policy that ships with the package.

    Read by libyaml (PyYAML's C loader) rather than ruamel's round-trip loader, which keeps the
    line of every node for error messages at a tenth of a second per start: this file is ours,
    and a unit test checks that both loaders read it as the same document. Should it ever fail
    to validate, it is read again the slow way for the lines."""
    file = f"tactful/policy/{DEFAULT_POLICY}"
    text = resources.files("tactful.policy").joinpath(DEFAULT_POLICY).read_text(encoding="utf-8")
    try:
        policy = Policy.model_validate(fast_yaml(text), context={"defer_references": True})
    except (yaml.YAMLError, ValidationError):
        return parse_policy(text, file)
    if reference_problems(policy):
        return parse_policy(text, file)
    return policy


def fast_yaml(text: str) -> Any:
    """The YAML document as plain Python values, read by libyaml when PyYAML has it."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(text, Loader=loader)


def _problem(document: CommentedMap, error: Any) -> Problem:
    loc = tuple(error["loc"])
    message = str(error["msg"])
    if error["type"] == "extra_forbidden":
        message = f"unknown key {loc[-1]!r}" if loc else message
    elif error["type"] == "missing":
        message = f"missing required key {loc[-1]!r}" if loc else message
    message = message.removeprefix("Value error, ")
    return Problem(message, ".".join(map(str, loc)), _line_of(document, loc))


def _line_of(document: Any, loc: tuple[Any, ...]) -> int | None:
    """1-based line of the deepest node of `loc` that exists in the document."""
    node = document
    line: int | None = None
    for key in loc:
        if isinstance(node, CommentedMap) and key in node:
            line = node.lc.key(key)[0] + 1
            node = node[key]
        elif isinstance(node, CommentedSeq) and isinstance(key, int) and 0 <= key < len(node):
            line = node.lc.item(key)[0] + 1
            node = node[key]
        else:
            break
    if line is None and isinstance(document, CommentedMap):
        line = document.lc.line + 1
    return line


def _plain(node: Any) -> Any:
    """Round-trip YAML containers to plain dicts and lists for pydantic."""
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    return node
