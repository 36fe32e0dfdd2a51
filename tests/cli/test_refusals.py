"""khuyenhoc.cli.refusals: every reason a recording is refused (a value of the core) has words
in each language, naming the options a user types; the core's values carry no words."""

from __future__ import annotations

from datetime import date

import pytest

from khuyenhoc.cli.refusals import words
from khuyenhoc.core.rules import WHYS, Refusal, Refused
from khuyenhoc.words.i18n import set_lang

VALUES = {
    "task_id": "BGD-19", "on": date(2021, 11, 12), "today": date(2026, 12, 4), "plan": "KH 489", "first_year": 2020,
    "year": 2021, "years": [2020], "evidence": "Báo cáo số 1", "member": "ha-noi", "command": "done",
    "example": "ha-noi", "day": date(2021, 11, 15), "reason": "tasks.yaml", "typed": True, "default_from": None,
}  # fmt: skip


@pytest.mark.parametrize("why", WHYS)
def test_every_refusal_has_words_in_each_language(why: str) -> None:
    refusal = Refused(why, **VALUES).refusal
    assert refusal == Refusal(why, VALUES)
    try:
        set_lang("en")
        english = str(words(refusal))
        set_lang("vi")
        vietnamese = str(words(refusal))
    finally:
        set_lang("vi")
    assert english and vietnamese and english != vietnamese
    assert "{" not in english + vietnamese  # every placeholder filled


def test_a_refusal_is_worded_with_the_options_typed(kh) -> None:
    r = kh("done", "BGD-19", "-e", "Báo cáo", "--on", "05/12/2026", "--today", "04/12/2026", "--lang", "en")
    assert r.code == 2 and r.stderr == "kh: --on 2026-12-05 is in the future (today is 2026-12-04)\n"
