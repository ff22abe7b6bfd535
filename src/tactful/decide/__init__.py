"""Decision: factors → one of six actions, with the rule that chose it."""

from tactful.decide.factors import CUE_FEATURES, Assessment, Stacker, assess
from tactful.decide.rules import OFF_TOPIC, Outcome, choose
from tactful.models import Action

#: Actions from most to least helpful; "worse" means further along.
ACTION_ORDER: tuple[Action, ...] = (
    Action.COMPLY,
    Action.COMPLY_WITH_NOTE,
    Action.PARTIAL,
    Action.CLARIFY,
    Action.REDIRECT,
    Action.REFUSE,
)


def worse(a: Outcome, b: Outcome) -> Outcome:
    """The less helpful of two outcomes (the first on a tie)."""
    return b if ACTION_ORDER.index(b.action) > ACTION_ORDER.index(a.action) else a


__all__ = [
    "ACTION_ORDER",
    "CUE_FEATURES",
    "OFF_TOPIC",
    "Assessment",
    "Outcome",
    "Stacker",
    "assess",
    "choose",
    "worse",
]
