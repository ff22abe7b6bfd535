"""Policy: what is declined, why, and what to offer instead (a validated YAML file)."""

from tactful.policy.loader import default_policy, load_policy, parse_policy
from tactful.policy.schema import Alternative, Category, Policy, Profile

__all__ = [
    "Alternative",
    "Category",
    "Policy",
    "Profile",
    "default_policy",
    "load_policy",
    "parse_policy",
]
