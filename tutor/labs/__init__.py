"""The labs: one small deterministic numpy experiment per question.

``LABS`` maps a lab id to its :class:`~tutor.labs.base.LabSpec`. Importing this
package imports no numpy or plotext: lab modules import them inside functions.
"""

from __future__ import annotations

from tutor.labs import batchnorm, init, network, optimizers, softmax, tanh, training
from tutor.labs.base import LabResult, LabSpec, Param, ParamError, View

LABS: dict[str, LabSpec] = {
    spec.id: spec
    for spec in (
        tanh.SPEC,
        softmax.SPEC,
        network.SPEC,
        optimizers.SPEC,
        init.SPEC,
        batchnorm.SPEC,
        training.SPEC,
    )
}


def get_lab(lab_id: str) -> LabSpec:
    """The lab with this id; KeyError naming the known ids otherwise."""
    try:
        return LABS[lab_id]
    except KeyError:
        raise KeyError(f"no lab {lab_id!r}: choose one of {', '.join(LABS)}") from None


def lab_for_question(number: int) -> LabSpec | None:
    """The lab of question ``number``, for the app's question screens."""
    return next((spec for spec in LABS.values() if spec.question == number), None)


__all__ = [
    "LABS",
    "LabResult",
    "LabSpec",
    "Param",
    "ParamError",
    "View",
    "get_lab",
    "lab_for_question",
]
