"""Conversation state between requests: in process, or in SQLite / PostgreSQL (serve extra)."""

from tactful.state.store import (
    ConversationStore,
    MemoryConversationStore,
    SqlConversationStore,
)

__all__ = ["ConversationStore", "MemoryConversationStore", "SqlConversationStore"]
