from __future__ import annotations

import pytest

from tutor.i18n import lang_from_locale, resolve_lang, strings, t


def test_both_tables_have_the_same_keys() -> None:
    assert set(strings("ru")) == set(strings("en"))


def test_placeholders_agree_between_languages() -> None:
    import string

    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    for key, en in strings("en").items():
        assert fields(en) == fields(strings("ru")[key]), key


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "en"),
        ({"LANG": "ru_RU.UTF-8"}, "ru"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "C"}, "en"),
        ({"LANG": "en_US.UTF-8", "LC_ALL": "ru_RU.UTF-8"}, "ru"),
        ({"LANG": "ru_RU.UTF-8", "LC_MESSAGES": "en_GB.UTF-8"}, "en"),
        ({"LANGUAGE": "ru:en", "LANG": "en_US.UTF-8"}, "ru"),
        ({"LANGUAGE": "", "LANG": "ru_UA.UTF-8"}, "ru"),
    ],
)
def test_locale(env: dict[str, str], expected: str) -> None:
    assert lang_from_locale(env) == expected


def test_flag_beats_env_beats_locale() -> None:
    env = {"DLTUTOR_LANG": "ru", "LANG": "en_US.UTF-8"}
    assert resolve_lang(None, env) == "ru"
    assert resolve_lang("en", env) == "en"
    assert resolve_lang(None, {"DLTUTOR_LANG": "xx", "LANG": "ru_RU.UTF-8"}) == "ru"


def test_t_formats_and_falls_back() -> None:
    assert t("show.step", "en", k=2, n=5) == "Step 2 of 5"
    assert t("show.step", "ru", k=2, n=5) == "Шаг 2 из 5"
    assert t("no.such.key", "ru") == "no.such.key"
