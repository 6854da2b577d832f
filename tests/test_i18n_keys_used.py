"""Every i18n key the code asks for exists in both languages (a missing key prints itself on screen)."""

from __future__ import annotations

import re
from pathlib import Path

from tutor.i18n import _STRINGS as STRINGS

ROOT = Path(__file__).resolve().parent.parent / "tutor"
#: t("key", …) / both("key") with a literal key, or an f-string key's literal prefix
CALL = re.compile(r"""\b(?:t|both)\(\s*(f?)(["'])([\w.]+)(\{?)""")


def test_every_literal_key_exists() -> None:
    missing = []
    for path in sorted(ROOT.rglob("*.py")):
        for m in CALL.finditer(path.read_text(encoding="utf-8")):
            is_f, key, braced = m.group(1), m.group(3), m.group(4)
            for lang in ("en", "ru"):
                if is_f and braced:
                    if not any(k.startswith(key) for k in STRINGS[lang]):
                        missing.append(f"{path.relative_to(ROOT)}: {key}… ({lang})")
                elif key not in STRINGS[lang] and "." in key:
                    missing.append(f"{path.relative_to(ROOT)}: {key} ({lang})")
    assert not missing, missing
