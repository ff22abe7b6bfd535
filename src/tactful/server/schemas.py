"""Request and response bodies of the HTTP API (what clients write is strict: unknown fields are
rejected, so a misspelt option is an error instead of being silently ignored)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from tactful.models import Capability, Decision, Turn

_STRICT = ConfigDict(extra="forbid")


class DecideRequest(BaseModel):
    """One request to decide on: a text, or messages, optionally within a stored conversation."""

    # Exactly one of `text` and `messages`: enforced by the validator below, stated in the schema.
    model_config = ConfigDict(
        extra="forbid",
        # A null is "not given" to the validator, so each branch asks for its value's type too.
        json_schema_extra={
            "oneOf": [
                {"required": ["text"], "properties": {"text": {"type": "string"}}},
                {"required": ["messages"], "properties": {"messages": {"type": "array"}}},
            ]
        },
    )

    text: str | None = Field(
        default=None, min_length=1, description="One user message (instead of `messages`)."
    )
    messages: list[Turn] | None = Field(
        default=None,
        min_length=1,
        description="Messages as {role, content}. With `conversation_id`, only the new ones.",
        # At least one user turn: that is what is decided (checked when read, stated here).
        json_schema_extra={"contains": {"properties": {"role": {"const": "user"}}}},
    )
    conversation_id: str | None = Field(
        default=None,
        min_length=1,
        max_length=200,
        description="Stored conversation to continue: the new message(s) are appended to its "
        "turns and the decision is made on the whole conversation.",
    )
    capabilities: list[Capability] = Field(
        default_factory=list, description="What the deployment can do (browsing, tools, ...)."
    )
    profile: str | None = Field(
        default=None, description="Audience profile of the policy; the policy default if unset."
    )

    @model_validator(mode="after")
    def _one_input(self) -> DecideRequest:
        if (self.text is None) == (self.messages is None):
            raise ValueError("give either `text` or `messages`, not both or neither")
        if self.messages is not None and not any(m.role == "user" for m in self.messages):
            raise ValueError("`messages` needs at least one user turn: that is what is decided")
        return self


class DecideResponse(BaseModel):
    record_id: str = Field(description="Audit record id: quote it to appeal the decision.")
    conversation_id: str | None = Field(description="The conversation the decision belongs to.")
    turns: int = Field(description="How many messages the decision was made on.")
    decision: Decision


class ScreenRequest(BaseModel):
    """A batch in the `tactful screen` line format (DESIGN §8)."""

    model_config = _STRICT

    items: list[Any] = Field(
        min_length=1,
        description="Objects with `id` and `prompt` or `messages`; a bad item gets an error "
        "record and the rest are still screened.",
    )


class ScreenResponse(BaseModel):
    results: list[dict[str, Any]] = Field(description="One contract record per item, in order.")


class AppealRequest(BaseModel):
    """A user contests a decision."""

    model_config = _STRICT

    record_id: str = Field(min_length=1, max_length=36, description="The decision's record id.")
    reason: str = Field(min_length=1, max_length=4000, description="Why the decision seems wrong.")
    messages: list[Turn] | None = Field(
        default=None,
        description="The messages that were sent; needed only when the audit kept a hash.",
    )


class ResolveRequest(BaseModel):
    """A reviewer's ruling on an appeal."""

    model_config = _STRICT

    outcome: Literal["upheld", "overturned"] = Field(
        description="upheld: the decision stands; overturned: it was wrong."
    )
    note: str = Field(min_length=1, max_length=4000, description="Why, for the record.")
    reviewer: str = Field(
        default="reviewer", min_length=1, max_length=200, description="Who ruled."
    )


class ErrorBody(BaseModel):
    message: str
    type: str


class ErrorResponse(BaseModel):
    error: ErrorBody
