"""tactful: decide when and how an AI assistant should say no — and when it should not."""

from tactful._version import __version__
from tactful.engine import Engine
from tactful.errors import (
    InputError,
    InputTooLargeError,
    ModelError,
    PolicyError,
    RegistryError,
    TactfulError,
)
from tactful.limits import Limits
from tactful.models import (
    Action,
    Capability,
    Conversation,
    Decision,
    DeploymentContext,
    Factors,
    Kind,
    Signal,
    Turn,
)
from tactful.policy import Policy, default_policy, load_policy

__all__ = [
    "Action",
    "Capability",
    "Conversation",
    "Decision",
    "DeploymentContext",
    "Engine",
    "Factors",
    "InputError",
    "InputTooLargeError",
    "Kind",
    "Limits",
    "ModelError",
    "Policy",
    "PolicyError",
    "RegistryError",
    "Signal",
    "TactfulError",
    "Turn",
    "__version__",
    "default_policy",
    "load_policy",
]
