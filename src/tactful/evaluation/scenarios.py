"""Conversation scenarios and paraphrase families, written in YAML, run against an engine.

A scenario lists the turns of a conversation and, for each user turn, the actions acceptable at
that point. A family lists paraphrases of one request (politeness, urgency, role-play, tense,
typos) that must all get the same decision.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from tactful.engine import Engine
from tactful.errors import InputError
from tactful.models import Action, Decision

_STRICT = ConfigDict(extra="forbid", frozen=True)


class ScenarioTurn(BaseModel):
    model_config = _STRICT

    user: str | None = Field(default=None, description="A user message.")
    assistant: str | None = Field(default=None, description="An assistant reply.")
    expect: tuple[Action, ...] = Field(default=(), description="Acceptable actions (user turns).")
    category: str | None = Field(default=None, description="Expected category, if any.")

    @model_validator(mode="after")
    def _one_speaker(self) -> ScenarioTurn:
        if (self.user is None) == (self.assistant is None):
            raise ValueError("a turn has exactly one of `user` or `assistant`")
        if self.user is not None and not self.expect:
            raise ValueError("a user turn needs `expect`: the acceptable actions")
        return self


class Scenario(BaseModel):
    model_config = _STRICT

    name: str
    description: str = ""
    turns: tuple[ScenarioTurn, ...]


class Family(BaseModel):
    model_config = _STRICT

    family: str
    expect: tuple[Action, ...]
    category: str | None = Field(default=None, description="Expected category, if any.")
    paraphrases: tuple[str, ...] = Field(min_length=2)


def _load_list(path: Path) -> list[Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise InputError(f"{path}: {exc}") from None
    if not isinstance(data, list):
        raise InputError(f"{path}: expected a YAML list")
    return data


def load_scenarios(paths: Sequence[Path]) -> list[Scenario]:
    scenarios: list[Scenario] = []
    for path in _expand(paths):
        if path.name == "consistency.yaml":
            continue
        for i, item in enumerate(_load_list(path)):
            try:
                scenarios.append(Scenario.model_validate(item))
            except ValidationError as exc:
                raise InputError(f"{path}: scenario {i + 1}: {exc.errors()[0]['msg']}") from None
    return scenarios


def load_families(path: Path) -> list[Family]:
    families = []
    for i, item in enumerate(_load_list(path)):
        try:
            families.append(Family.model_validate(item))
        except ValidationError as exc:
            raise InputError(f"{path}: family {i + 1}: {exc.errors()[0]['msg']}") from None
    return families


def _expand(paths: Sequence[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        out.extend(sorted(p.glob("*.yaml")) if p.is_dir() else [p])
    return out


def run_scenario(engine: Engine, scenario: Scenario) -> list[dict[str, Any]]:
    """The decision at every user turn, against what the scenario accepts. A turn that is not
    accepted also says why, as far as the run can tell (see `_cause`)."""
    messages: list[dict[str, str]] = []
    results: list[dict[str, Any]] = []
    for turn in scenario.turns:
        if turn.assistant is not None:
            messages.append({"role": "assistant", "content": turn.assistant})
            continue
        assert turn.user is not None
        messages.append({"role": "user", "content": turn.user})
        decision = engine.decide(messages)
        ok = _accepted(turn, decision)
        row: dict[str, Any] = {
            "turn": len(messages),
            "user": turn.user,
            "expected": [a.value for a in turn.expect],
            "category": turn.category,
            "got": decision.action.value,
            "got_category": decision.category,
            "ok": ok,
        }
        if not ok:
            alone = engine.decide(turn.user)
            rule = _conversation_rule(decision)
            row.update(
                score=round(decision.score, 4),
                rule=rule,
                alone=f"{alone.action.value}/{alone.category}",
                signals=_fired(decision),
                cause=_cause(rule, _accepted(turn, alone), first=len(results) == 0),
            )
        results.append(row)
    return results


def _accepted(turn: ScenarioTurn, decision: Decision) -> bool:
    return decision.action in turn.expect and (
        turn.category is None or decision.category == turn.category
    )


def _conversation_rule(decision: Decision) -> str | None:
    names = [e.name for e in decision.trace if e.name.startswith("conversation: ")]
    return names[0].removeprefix("conversation: ") if names else None


def _fired(decision: Decision, limit: int = 6) -> list[str]:
    """The strongest signals behind the decision, as `detector.name[category]=score`."""
    signals = [e for e in decision.trace if e.step == "signal" and (e.score or 0.0) >= 0.1]
    signals.sort(key=lambda e: -(e.score or 0.0))
    return [f"{e.name}[{e.detail.split(' ')[0]}]={e.score}" if e.detail else f"{e.name}={e.score}"
            for e in signals[:limit]]  # fmt: skip


def _cause(rule: str | None, alone_ok: bool, *, first: bool) -> str:
    """Where a wrong turn goes wrong. A conversation rule that overrode a right stand-alone
    decision is the rules' fault; a first turn, or a later one no rule touched, was judged
    wrongly on its own (the detector) — unless the scenario needed a rule that did not fire,
    which only a reader can tell from the turn, so that case says both."""
    if rule is not None:
        return (
            "conversation rule overrode a right decision"
            if alone_ok
            else ("conversation rule applied, outcome still wrong")
        )
    if first:
        return "judged wrongly on its own (first turn)"
    return "judged wrongly on its own, no conversation rule applied"


def run_scenarios(engine: Engine, scenarios: Sequence[Scenario]) -> dict[str, Any]:
    per = {s.name: run_scenario(engine, s) for s in scenarios}
    passed = [name for name, turns in per.items() if all(t["ok"] for t in turns)]
    return {
        "scenarios": len(per),
        "passed": len(passed),
        "turns": sum(len(t) for t in per.values()),
        "turns_ok": sum(1 for t in per.values() for x in t if x["ok"]),
        "failures": {n: [x for x in t if not x["ok"]] for n, t in per.items() if n not in passed},
        "causes": dict(Counter(x["cause"] for t in per.values() for x in t if not x["ok"])),
    }


def run_consistency(engine: Engine, families: Sequence[Family]) -> dict[str, Any]:
    """Share of families whose paraphrases all get the same action (and an expected one)."""
    rows: list[dict[str, Any]] = []
    for fam in families:
        decisions = [engine.decide(p) for p in fam.paraphrases]
        actions = [d.action for d in decisions]
        rows.append({
            "family": fam.family,
            "consistent": len(set(actions)) == 1,
            "expected": all(a in fam.expect for a in actions),
            "actions": [a.value for a in actions],
            "categories": [d.category for d in decisions],
            "scores": [round(d.score, 4) for d in decisions],
        })  # fmt: skip
    n = len(rows) or 1
    return {
        "families": len(rows),
        "consistent_share": sum(1 for r in rows if r["consistent"]) / n,
        "expected_share": sum(1 for r in rows if r["expected"]) / n,
        "inconsistent": [r for r in rows if not r["consistent"] or not r["expected"]],
    }
