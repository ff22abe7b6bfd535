"""Service settings: every field can be set by an environment variable `TACTFUL_<NAME>`."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from tactful.audit.redact import RequestMode


class Settings(BaseSettings):
    """How `tactful serve` runs. Defaults are the embedded set-up: SQLite, no upstream."""

    model_config = SettingsConfigDict(env_prefix="TACTFUL_", extra="forbid", frozen=True)

    policy: Path | None = Field(
        default=None, description="Policy YAML to decide under; the bundled policy when unset."
    )
    audit_url: str = Field(
        default="sqlite:///tactful-audit.db",
        description="SQLAlchemy URL of the audit database (sqlite:///file or "
        "postgresql+psycopg://user:pass@host/db).",
    )
    audit_request: RequestMode = Field(
        default=RequestMode.REDACTED,
        description="What the audit record keeps of each request: full, redacted or hash.",
    )
    audit_hash_key: SecretStr | None = Field(
        default=None, description="Key for the HMAC in hash mode (plain SHA-256 when unset)."
    )
    state_url: str | None = Field(
        default=None,
        description="SQLAlchemy URL for conversation state; `memory` keeps it in process; "
        "unset uses the audit database.",
    )
    state_ttl_seconds: float = Field(
        default=3600.0, gt=0, description="Conversation state unused this long is forgotten."
    )
    api_key: SecretStr | None = Field(
        default=None,
        description="When set, the public endpoints (decide, screen, chat) require this key.",
    )
    admin_api_key: SecretStr | None = Field(
        default=None,
        description="Key for reviewer and admin endpoints; they are closed when it is unset.",
    )
    upstream_base_url: str | None = Field(
        default=None,
        description="OpenAI-compatible base URL the proxy forwards to, e.g. "
        "https://api.example.com/v1.",
    )
    upstream_api_key: SecretStr | None = Field(
        default=None, description="Bearer key sent to the upstream."
    )
    upstream_timeout_seconds: float = Field(
        default=120.0, gt=0, description="How long to wait for the upstream."
    )
    retry_over_refusal: bool = Field(
        default=False,
        description="When the upstream refuses a request tactful judged safe, retry once with "
        "guidance saying the request is acceptable.",
    )
    max_body_bytes: int = Field(
        default=1_000_000, gt=0, description="Larger request bodies get 413."
    )
    max_batch: int = Field(default=1000, gt=0, description="Most items in one /v1/screen call.")
    request_timeout_seconds: float = Field(
        default=30.0, gt=0, description="A decision taking longer than this answers 504."
    )
    cors_origins: list[str] = Field(
        default_factory=list, description="Origins allowed by CORS; empty turns CORS off."
    )
    log_request_text: bool = Field(
        default=False, description="Write request text to the logs (off: only ids and sizes)."
    )
    decide_threads: int = Field(
        default=4,
        gt=0,
        description="Decisions computed at once; further requests wait their turn in order. "
        "The engine holds the GIL, so more threads add contention, not throughput.",
    )
    db_pool_size: int = Field(default=5, gt=0, description="Database connections kept open.")
    db_max_overflow: int = Field(
        default=45, ge=0, description="Extra connections opened under load."
    )

    def hash_key(self) -> bytes | None:
        return self.audit_hash_key.get_secret_value().encode() if self.audit_hash_key else None
