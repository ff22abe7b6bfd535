"""The audit trail: one append-only, hash-chained record per decision, and appeals against them.

Needs the `serve` extra (SQLAlchemy, Alembic); `import tactful` does not import it.
"""

from tactful.audit.appeals import Appeals, AppealStatus, ConflictError, NotFoundError
from tactful.audit.chain import Break, Verdict, verify
from tactful.audit.redact import RequestMode, redact
from tactful.audit.store import AuditConfig, AuditStore

__all__ = [
    "AppealStatus",
    "Appeals",
    "AuditConfig",
    "AuditStore",
    "Break",
    "ConflictError",
    "NotFoundError",
    "RequestMode",
    "Verdict",
    "redact",
    "verify",
]
