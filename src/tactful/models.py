"""The domain: what a request looks like coming in and what a decision looks like going out.

Everything here is a frozen pydantic model, so a value can be hashed, compared, logged and sent
over the wire as JSON without a custom encoder. Inputs a user writes forbid unknown fields.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, field_validator


class Action(StrEnum):
    """The six things tactful can tell an assistant to do (DESIGN §3)."""

    COMPLY = "comply"
    COMPLY_WITH_NOTE = "comply_with_note"
    PARTIAL = "partial"
    REDIRECT = "redirect"
    CLARIFY = "clarify"
    REFUSE = "refuse"

    @property
    def helps(self) -> bool:
        """Whether the assistant goes on to answer the request in full."""
        return self in (Action.COMPLY, Action.COMPLY_WITH_NOTE)


class Kind(StrEnum):
    """Which kind of "no" a decision is about (DESIGN §2)."""

    NONE = "none"
    HARMFUL = "harmful"
    IMPOSSIBLE = "impossible"
    OUT_OF_SCOPE = "out_of_scope"


class Severity(StrEnum):
    """Severity of the worst plausible outcome; ordered low < moderate < high < critical."""

    LOW = "low"
    MODERATE = "moderate"
    HIGH = "high"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.LOW: 0, Severity.MODERATE: 1, Severity.HIGH: 2, Severity.CRITICAL: 3}


class Reversibility(StrEnum):
    """Whether the worst outcome can be undone; irreversible outcomes raise the bar."""

    REVERSIBLE = "reversible"
    IRREVERSIBLE = "irreversible"


class Availability(StrEnum):
    """How easy the requested information is to find elsewhere."""

    COMMON = "common"  # encyclopedic, a search away
    SPECIALISED = "specialised"  # needs expertise or scattered sources
    RESTRICTED = "restricted"  # a recipe that is not openly available


class Detail(StrEnum):
    """What the request asks for: concepts and defence through to working, targeted detail."""

    CONCEPTUAL = "conceptual"  # what / why / how it works, history
    DEFENSIVE = "defensive"  # detect, prevent, protect, recognise
    GENERAL = "general"  # neither clearly conceptual nor operational
    PROCEDURAL = "procedural"  # step by step, quantities, how to make or do
    TARGETED = "targeted"  # working code or steps against a named target

    @property
    def rank(self) -> int:
        return _DETAIL_RANK[self]


_DETAIL_RANK = {
    Detail.DEFENSIVE: 0,
    Detail.CONCEPTUAL: 0,
    Detail.GENERAL: 1,
    Detail.PROCEDURAL: 2,
    Detail.TARGETED: 3,
}


class Capability(StrEnum):
    """What a deployment can do; each one removes a class of "impossible" requests."""

    BROWSING = "browsing"  # live data from the web
    TOOLS = "tools"  # acts on external systems (email, calendars, APIs)
    MEMORY = "memory"  # remembers past conversations
    DATA_ACCESS = "data_access"  # reads the user's databases or files
    CODE_EXECUTION = "code_execution"
    IMAGE_INPUT = "image_input"
    IMAGE_OUTPUT = "image_output"
    AUDIO = "audio"
    PHYSICAL = "physical"  # controls devices in the physical world


class Role(StrEnum):
    USER = "user"
    ASSISTANT = "assistant"
    SYSTEM = "system"
    TOOL = "tool"


_FROZEN = ConfigDict(frozen=True, extra="forbid")


class Turn(BaseModel):
    """One message of a conversation."""

    model_config = _FROZEN

    role: Role = Field(description="Who wrote the message.")
    content: str = Field(description="The message text.")


class DeploymentContext(BaseModel):
    """What the deployment declares about itself and its audience."""

    model_config = _FROZEN

    capabilities: frozenset[Capability] = Field(
        default=frozenset(), description="What the assistant can do beyond text in, text out."
    )
    profile: str | None = Field(
        default=None,
        description="Audience profile (a key of the policy's `profiles`); None uses the default.",
    )
    purpose: str | None = Field(
        default=None, description="A purpose the user declared for the whole session."
    )


class Conversation(BaseModel):
    """The input to a decision: every turn so far plus the deployment context."""

    model_config = _FROZEN

    turns: tuple[Turn, ...] = Field(description="All turns in order; the last user turn is judged.")
    context: DeploymentContext = Field(default_factory=DeploymentContext)
    id: str | None = Field(default=None, description="Conversation id, for state and audit.")

    @field_validator("turns")
    @classmethod
    def _has_user_turn(cls, turns: tuple[Turn, ...]) -> tuple[Turn, ...]:
        if not any(t.role is Role.USER for t in turns):
            raise ValueError("a conversation needs at least one user turn")
        return turns

    @classmethod
    def of(cls, text: str, context: DeploymentContext | None = None) -> Conversation:
        """A one-message conversation."""
        return cls(
            turns=(Turn(role=Role.USER, content=text),), context=context or DeploymentContext()
        )

    @property
    def last_user_text(self) -> str:
        for turn in reversed(self.turns):
            if turn.role is Role.USER:
                return turn.content
        raise AssertionError("validated: a conversation has a user turn")


Score = Annotated[float, Field(ge=0.0, le=1.0)]


class Signal(BaseModel):
    """One thing a detector noticed. Scores are always in 0..1; nothing found is no signal."""

    model_config = ConfigDict(frozen=True)

    detector: str = Field(description="The configured id of the detector that produced it.")
    name: str = Field(description="What was noticed, e.g. `category`, `purpose`, `no_memory`.")
    score: Score = Field(description="Strength or probability, 0..1.")
    category: str | None = Field(default=None, description="Policy category it points to.")
    evidence: str | None = Field(default=None, description="The text that triggered it.")
    part: int | None = Field(default=None, description="Index of the compound part, if any.")
    explanation: str = Field(default="", description="Why it fired, in plain words.")


class Intent(BaseModel):
    """What the user said they want the answer for, and cues of intent to harm."""

    model_config = ConfigDict(frozen=True)

    purpose: str | None = Field(default=None, description="Stated legitimate purpose, if any.")
    malicious_cues: tuple[str, ...] = Field(default=(), description="e.g. named_target, evasion.")


class Factors(BaseModel):
    """The factors every decision records (DESIGN §4)."""

    model_config = ConfigDict(frozen=True)

    severity: Severity
    probability: Score = Field(description="Chance that fulfilling it leads to the outcome.")
    reversibility: Reversibility
    intent: Intent
    availability: Availability
    operational_detail: Detail


class Part(BaseModel):
    """One part of a compound request and what was decided for it."""

    model_config = ConfigDict(frozen=True)

    text: str
    action: Action
    kind: Kind
    category: str | None = None


class TraceEntry(BaseModel):
    """One step of how the decision was reached: a signal that fired or a rule that applied."""

    model_config = ConfigDict(frozen=True)

    step: str = Field(description="`signal` or `rule`.")
    name: str
    detail: str = ""
    score: float | None = None


class Decision(BaseModel):
    """What to do with a request, why, and the words to show. A value, never an exception."""

    model_config = ConfigDict(frozen=True)

    action: Action
    kind: Kind
    category: str | None
    flagged: bool = Field(description="The request is harmful under the policy.")
    score: Score = Field(description="Calibrated probability behind `flagged`.")
    factors: Factors
    reason: str | None = Field(description="The specific reason, in plain words.")
    alternatives: tuple[str, ...] = Field(default=(), description="What can be done instead.")
    rewrite: str | None = Field(default=None, description="A safer version of the request.")
    message: str | None = Field(description="Text shown to the user; None when complying.")
    parts: tuple[Part, ...] = Field(default=(), description="Per-part outcomes of a compound.")
    trace: tuple[TraceEntry, ...] = Field(default=())
    profile: str
    policy_version: str
    engine_version: str

    def screen_record(self, id_: Any) -> dict[str, Any]:
        """The line `tactful screen` writes (DESIGN §8); its keys are a public contract."""
        return {
            "id": id_,
            "action": self.action.value,
            "kind": self.kind.value,
            "category": self.category,
            "flagged": self.flagged,
            "score": round(self.score, 4),
            "message": self.message,
        }
