"""The policy file's schema. Every field has a description: `tactful policy summary` and the JSON
schema users see are generated from them."""

from __future__ import annotations

import re
import string
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from tactful.models import Capability, Kind, Reversibility, Severity

if TYPE_CHECKING:
    from tactful.detect.caseless import Caseless

_STRICT = ConfigDict(extra="forbid", frozen=True)

#: Placeholders a message template may use; anything else is a typo caught at load time.
PLACEHOLDERS = frozenset(
    {"task", "reason", "offer", "offers", "question", "declined", "helped", "professional", "note"}
)

_ID = r"^[a-z][a-z0-9_]*$"

#: MLCommons AILuminate hazard ids a category may map to.
MLCOMMONS_HAZARDS = frozenset(
    {"vcr", "ncr", "src", "cse", "ssh", "iwp", "ipv", "dfm", "hte", "prv", "spc_ele", "spc_fin",
     "spc_hlt", "spc_lgl", "sxc_prn"}
)  # fmt: skip


class Alternative(BaseModel):
    """Something the assistant can offer instead of what it declined."""

    model_config = _STRICT

    offer: str = Field(
        description="What the assistant can do instead, as a verb phrase completing 'I can …'."
    )
    rewrite: str | None = Field(
        default=None, description="A safer version of the request that keeps the user's goal."
    )


def _compiling(patterns: tuple[str, ...]) -> tuple[str, ...]:
    for i, pattern in enumerate(patterns):
        try:
            # As the detectors compile it (`Caseless`): `re` caches it, compiled once per process.
            re.compile(pattern, re.IGNORECASE)
        except re.error as exc:
            raise ValueError(f"pattern {i} does not compile: {exc}") from None
    return patterns


@lru_cache(maxsize=256)
def _any_of(patterns: tuple[str, ...]) -> Caseless:
    # Searched without IGNORECASE on ASCII text where the patterns allow it (the same matches);
    # imported here: tactful.detect imports this module.
    from tactful.detect.caseless import Caseless

    return Caseless.compile("|".join(f"(?:{p})" for p in patterns))


class Variant(BaseModel):
    """A narrower case of a category, with the words that fit it: the category's `task` and
    `reason` must cover all of it, and a broad category reads as the wrong reason for some
    requests ("I won't help sell illegal drugs" to someone asking how to shoplift)."""

    model_config = _STRICT

    when: tuple[str, ...] = Field(
        min_length=1,
        description="Regular expressions (case-insensitive); the first variant one of whose"
        " patterns matches the request gives the words.",
    )
    task: str = Field(description="What is declined, for this case (as the category's `task`).")
    reason: str = Field(description="The specific reason, for this case (as `reason`).")
    alternatives: tuple[str, ...] | None = Field(
        default=None, description="Ids of entries in `alternatives`; the category's if unset."
    )
    examples: tuple[str, ...] = Field(
        default=(),
        description="Requests that must take this variant (checked by `tactful policy check`).",
    )

    @field_validator("when")
    @classmethod
    def _patterns_compile(cls, patterns: tuple[str, ...]) -> tuple[str, ...]:
        return _compiling(patterns)

    def matches(self, text: str, lowered: str | None = None) -> bool:
        """Whether one of `when` matches (`lowered`: `text.lower()`, when the caller has it)."""
        return _any_of(self.when).has(text, text.lower() if lowered is None else lowered)


class Category(BaseModel):
    """One thing the policy recognises: a harm, a capability limit, or an out-of-scope ask."""

    model_config = _STRICT

    kind: Kind = Field(description="harmful, impossible or out_of_scope.")
    title: str = Field(description="Short human title, shown in summaries.")
    description: str = Field(
        description="Plain-language description; also used to recognise the category."
    )
    severity: Severity = Field(
        default=Severity.MODERATE, description="Severity of the worst plausible outcome."
    )
    reversibility: Reversibility = Field(
        default=Reversibility.REVERSIBLE, description="Whether the worst outcome can be undone."
    )
    intent_may_lower: bool = Field(
        default=True,
        description="Whether a stated legitimate purpose may lower the action. Never for critical.",
    )
    mlcommons: str | None = Field(
        default=None, description="The MLCommons hazard id this category maps to, if any."
    )
    task: str = Field(
        description='What is declined, as a verb phrase completing "I won\'t …" / "I can\'t …".'
    )
    reason: str = Field(description="The specific reason, completing 'because …'.")
    alternatives: tuple[str, ...] = Field(
        default=(), description="Ids of entries in `alternatives`, best first."
    )
    game_moves: bool = Field(
        default=False,
        description="Whether this harm, done inside a made-up game and asking nothing of the"
        " real world ('steal a car in GTA V', 'kill someone in Call of Duty'), is a move of the"
        " game rather than an act: its patterns do not fire there and only a sure model flags"
        " it. Never for harms to the real people a game connects (grooming, scams, doxxing).",
    )
    variants: tuple[Variant, ...] = Field(
        default=(),
        description="Narrower cases with their own task, reason and alternatives, tried in"
        " order against the request; the category's own words when none matches.",
    )
    question: str | None = Field(
        default=None, description="The clarifying question to ask in a gray area."
    )
    professional: str | None = Field(
        default=None, description="Who can give a proper answer (out_of_scope): 'a doctor'."
    )
    note: str | None = Field(
        default=None, description="The one-line caveat used when complying with a note."
    )
    message: str | None = Field(
        default=None, description="Id of a template in `messages` to use instead of the default."
    )
    unlocked_by: tuple[Capability, ...] = Field(
        default=(),
        description="For impossible categories: capabilities that make the request possible.",
    )
    patterns: tuple[str, ...] = Field(
        default=(), description="Regular expressions (case-insensitive) that indicate the category."
    )
    requires: tuple[str, ...] = Field(
        default=(),
        description=(
            "Regular expressions (case-insensitive). When given, the classifier files a request"
            " under this category only if one of them matches it: child_sexual_abuse needs a"
            " minor in the request, so 'young adults aged 18-30' is never filed there."
        ),
    )
    also_requires: tuple[str, ...] = Field(
        default=(),
        description=(
            "Regular expressions (case-insensitive), a second precondition: when given, one of"
            " these must match too. child_sexual_abuse needs a minor and something sexual or"
            " grooming, so 'How do I get my child to sleep?' is never filed there."
        ),
    )
    note_patterns: tuple[str, ...] = Field(
        default=(),
        description=(
            "Regular expressions (case-insensitive). A request one of them matches that is not"
            " flagged still gets the category's `note`: 'I wish I was dead' asks for nothing"
            " harmful, and still needs the support line."
        ),
    )
    examples: tuple[str, ...] = Field(
        default=(), description="Requests that belong to the category; used to recognise it."
    )
    counter_examples: tuple[str, ...] = Field(
        default=(), description="Safe look-alikes that must not be taken for this category."
    )

    @field_validator("patterns", "requires", "also_requires", "note_patterns")
    @classmethod
    def _patterns_compile(cls, patterns: tuple[str, ...]) -> tuple[str, ...]:
        return _compiling(patterns)

    @field_validator("mlcommons")
    @classmethod
    def _known_hazard(cls, value: str | None) -> str | None:
        if value is not None and value not in MLCOMMONS_HAZARDS:
            raise ValueError(
                f"unknown MLCommons hazard {value!r}; one of {sorted(MLCOMMONS_HAZARDS)}"
            )
        return value

    def applies_to(self, text: str, lowered: str | None = None) -> bool:
        """Whether the category's preconditions (`requires`, `also_requires`), if any, allow it
        for this text (`lowered`: `text.lower()`, when the caller has it)."""
        low = text.lower() if lowered is None else lowered
        return all(
            _any_of(group).has(text, low) for group in (self.requires, self.also_requires) if group
        )

    def variant_for(self, text: str | None) -> Variant | None:
        """The first variant whose patterns match the request, if any."""
        if not text or not self.variants:
            return None
        low = text.lower()
        return next((v for v in self.variants if v.matches(text, low)), None)

    @model_validator(mode="after")
    def _kind_is_a_no(self) -> Category:
        if self.kind is Kind.NONE:
            raise ValueError("a category's kind is harmful, impossible or out_of_scope, not none")
        return self


class Caution(BaseModel):
    """A sensitive but legitimate kind of request: helped fully, with one short caveat (DESIGN
    §3, comply_with_note). Not a category: nothing is declined, so the decision's kind stays
    `none` and its category null; the caution's id is in the trace."""

    model_config = _STRICT

    title: str = Field(description="Short human title, shown in summaries.")
    description: str = Field(description="Plain-language description of what it covers.")
    note: str = Field(description="The one-line caveat shown with the answer.")
    patterns: tuple[str, ...] = Field(
        min_length=1,
        description="Regular expressions (case-insensitive); any match raises the caution.",
    )
    examples: tuple[str, ...] = Field(
        default=(), description="Requests that must raise it (checked by `tactful policy check`)."
    )
    counter_examples: tuple[str, ...] = Field(
        default=(),
        description="Look-alikes that must not raise it (checked by `tactful policy check`).",
    )

    @field_validator("patterns")
    @classmethod
    def _patterns_compile(cls, patterns: tuple[str, ...]) -> tuple[str, ...]:
        return _compiling(patterns)


class Profile(BaseModel):
    """An audience profile: how readily requests are flagged and how far stated intent counts."""

    model_config = _STRICT

    description: str = Field(description="Who this profile is for.")
    flag_threshold: float = Field(
        default=0.5, ge=0.0, le=1.0, description="Score at or above which a request is flagged."
    )
    gray_band: float = Field(
        default=0.2,
        ge=0.0,
        le=1.0,
        description="Width of the band below the threshold where a note or a question is added.",
    )
    intent_trust: float = Field(
        default=0.5, ge=0.0, le=1.0, description="How much a stated purpose lowers the risk."
    )
    category_thresholds: dict[str, float] = Field(
        default_factory=dict, description="Per-category flag thresholds overriding the default."
    )

    @field_validator("category_thresholds")
    @classmethod
    def _in_range(cls, value: dict[str, float]) -> dict[str, float]:
        for key, threshold in value.items():
            if not 0.0 <= threshold <= 1.0:
                raise ValueError(f"threshold for {key!r} must be within 0..1, got {threshold}")
        return value

    def threshold(self, category: str | None) -> float:
        if category is None:
            return self.flag_threshold
        return self.category_thresholds.get(category, self.flag_threshold)


class Policy(BaseModel):
    """A whole policy: categories, what to offer instead, profiles and message templates."""

    model_config = _STRICT

    name: str = Field(description="Name of the policy.")
    version: str = Field(description="Version recorded with every decision.")
    description: str = Field(default="", description="What the policy is for.")
    default_profile: str = Field(default="public", description="Profile used when none is given.")
    profiles: dict[str, Profile] = Field(description="Audience profiles by id.")
    alternatives: dict[str, Alternative] = Field(
        default_factory=dict, description="Offers by id, referenced from categories."
    )
    messages: dict[str, str] = Field(
        default_factory=dict,
        description="Message templates by id; placeholders in braces, e.g. {task}, {reason}.",
    )
    categories: dict[str, Category] = Field(description="Categories by stable id.")
    cautions: dict[str, Caution] = Field(
        default_factory=dict,
        description="Sensitive but legitimate requests, helped with one short caveat, by id.",
    )

    @field_validator("profiles", "alternatives", "messages", "categories", "cautions")
    @classmethod
    def _ids_are_identifiers(cls, value: dict[str, Any]) -> dict[str, Any]:
        for key in value:
            if not re.match(_ID, key):
                raise ValueError(f"id {key!r} must be lower_snake_case (letters, digits, _)")
        return value

    @model_validator(mode="after")
    def _references_resolve(self, info: ValidationInfo) -> Policy:
        if info.context and info.context.get("defer_references"):
            return self
        problems = reference_problems(self)
        if problems:
            raise ValueError(
                "; ".join(f"{'.'.join(map(str, loc))}: {msg}" for loc, msg in problems)
            )
        return self

    def category(self, category_id: str) -> Category:
        return self.categories[category_id]

    def profile(self, name: str | None) -> Profile:
        return self.profiles[name or self.default_profile]


def reference_problems(policy: Policy) -> list[tuple[tuple[str | int, ...], str]]:
    """Cross-references that do not resolve, each with its location in the document."""
    problems: list[tuple[tuple[str | int, ...], str]] = []
    if policy.default_profile not in policy.profiles:
        problems.append(
            (("default_profile",), f"unknown profile {policy.default_profile!r}; "
             f"defined: {sorted(policy.profiles)}")
        )  # fmt: skip
    for cid, category in policy.categories.items():
        for i, alt in enumerate(category.alternatives):
            if alt not in policy.alternatives:
                problems.append(
                    (("categories", cid, "alternatives", i), f"unknown alternative {alt!r}")
                )
        for v, variant in enumerate(category.variants):
            for i, alt in enumerate(variant.alternatives or ()):
                if alt not in policy.alternatives:
                    where = ("categories", cid, "variants", v, "alternatives", i)
                    problems.append((where, f"unknown alternative {alt!r}"))
        if category.message is not None and category.message not in policy.messages:
            problems.append(
                (("categories", cid, "message"), f"unknown message {category.message!r}")
            )
        if category.note_patterns and not (category.kind is Kind.HARMFUL and category.note):
            problems.append(
                (("categories", cid, "note_patterns"), "note patterns need a harmful category"
                 " with a `note`")
            )  # fmt: skip
        if category.unlocked_by and category.kind is not Kind.IMPOSSIBLE:
            problems.append(
                (("categories", cid, "unlocked_by"), "only impossible categories are unlocked")
            )
    for cid in policy.cautions:
        if cid in policy.categories:
            problems.append((("cautions", cid), f"{cid!r} is already a category id"))
    for pid, profile in policy.profiles.items():
        for cid in profile.category_thresholds:
            if cid not in policy.categories:
                problems.append(
                    (("profiles", pid, "category_thresholds", cid), f"unknown category {cid!r}")
                )
    for mid, template in policy.messages.items():
        for name in _placeholders(template):
            if name not in PLACEHOLDERS:
                problems.append(
                    (("messages", mid), f"unknown placeholder {{{name}}}; "
                     f"allowed: {', '.join(sorted(PLACEHOLDERS))}")
                )  # fmt: skip
    return problems


def _placeholders(template: str) -> list[str]:
    try:
        return [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]
    except ValueError:
        return ["<unbalanced braces>"]
