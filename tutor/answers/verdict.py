"""The result of judging one typed answer: the contract between checker and front ends."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

Status = Literal["correct", "incorrect", "invalid"]


@dataclass(frozen=True)
class Verdict:
    """What the checker concluded about one answer.

    ``interpreted`` is how the answer was read, in Unicode (None when it could not
    be parsed); ``message`` is for a person, in the requested language;
    ``convention`` names an accepted alternative convention (e.g. the Jacobian
    row 2xᵀ) and ``mistake`` the id of a recognised classic error; ``column`` is
    the 1-based column of a parse problem.
    """

    item: str
    status: Status
    interpreted: str | None
    message: str
    convention: str | None = None
    mistake: str | None = None
    column: int | None = None

    @property
    def correct(self) -> bool:
        return self.status == "correct"

    def to_json(self) -> dict[str, object]:
        data = asdict(self)
        data["verdict"] = data.pop("status")
        return data
