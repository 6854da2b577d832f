"""The result of judging one typed answer: the contract between checker and front ends."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

#: "error": the checker itself failed on this answer (a bug, not the student's mistake); front ends
#: say so, name the item on stderr with ``detail``, and do not count it as an attempt
Status = Literal["correct", "incorrect", "invalid", "error"]


@dataclass(frozen=True)
class Verdict:
    """What the checker concluded about one answer.

    ``interpreted`` is how the answer was read, in Unicode (None when it could not
    be parsed); ``message`` is for a person, in the requested language;
    ``convention`` names an accepted alternative convention (e.g. the Jacobian
    row 2xᵀ) and ``mistake`` the id of a recognised classic error; ``column`` is
    the 1-based column of a parse problem; ``detail`` is, for status "error" only,
    the exception's type and summary (for one line on stderr, never for the student).
    """

    item: str
    status: Status
    interpreted: str | None
    message: str
    convention: str | None = None
    mistake: str | None = None
    column: int | None = None
    detail: str | None = None

    @property
    def correct(self) -> bool:
        return self.status == "correct"

    def to_json(self) -> dict[str, object]:
        """The verdict as JSON fields; ``detail`` appears only on an "error" verdict."""
        data = asdict(self)
        data["verdict"] = data.pop("status")
        if data["detail"] is None:
            del data["detail"]
        return data
