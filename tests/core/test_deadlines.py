"""Every deadline form of the plans and its obvious variants."""

from datetime import date

import pytest

from khuyenhoc.core.deadlines import DeadlineError, parse_deadline, quarter_end


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("Quý I năm 2021", date(2021, 3, 31)),
        ("Quý II năm 2020", date(2020, 6, 30)),
        ("Quý III năm 2020", date(2020, 9, 30)),
        ("Quý IV năm 2021", date(2021, 12, 31)),
        ("quý 2/2021", date(2021, 6, 30)),
        ("Quý 4 năm 2022", date(2022, 12, 31)),
        ("trong quý II năm 2020", date(2020, 6, 30)),
        ("hoàn thành trong quý IV năm 2020", date(2020, 12, 31)),
        ("  Quý   II\nnăm 2021. ", date(2021, 6, 30)),  # as split across lines in a PDF
        ("31/12/2021", date(2021, 12, 31)),
        ("ngày 5/3/2022", date(2022, 3, 5)),
        ("trước ngày 31/12/2021", date(2021, 12, 30)),
        ("trước ngày 01/01/2022", date(2021, 12, 31)),
        ("tháng 6 năm 2021", date(2021, 6, 30)),
        ("tháng 2/2024", date(2024, 2, 29)),
        ("năm 2023", date(2023, 12, 31)),
    ],
)
def test_one_off_deadlines(text: str, due: date) -> None:
    deadline = parse_deadline(text)
    assert deadline.kind == "once"
    assert deadline.on == due


def test_nfd_input_reads_like_nfc() -> None:
    import unicodedata

    assert parse_deadline(unicodedata.normalize("NFD", "Quý III năm 2021")).on == date(2021, 9, 30)


@pytest.mark.parametrize(
    ("text", "year", "due"),
    [
        ("15/11 hằng năm", 2021, date(2021, 11, 15)),
        ("15/11 hàng năm", 2022, date(2022, 11, 15)),
        # "trước ngày X" is read strictly: due the day before X.
        ("trước ngày 30/10 hằng năm", 2020, date(2020, 10, 29)),
        ("trước ngày 01/03 hằng năm", 2024, date(2024, 2, 29)),
        ("trước ngày 01/03 hằng năm", 2023, date(2023, 2, 28)),
        ("29/02 hằng năm", 2023, date(2023, 2, 28)),
    ],
)
def test_yearly_deadlines(text: str, year: int, due: date) -> None:
    deadline = parse_deadline(text)
    assert deadline.yearly
    assert deadline.due_in(year) == due


@pytest.mark.parametrize("text", [None, "", "  ", "thường xuyên", "Thường xuyên."])
def test_standing_duties_have_no_deadline(text: str | None) -> None:
    deadline = parse_deadline(text)
    assert deadline.standing and deadline.on is None


@pytest.mark.parametrize(
    "text",
    ["sớm nhất có thể", "Quý V năm 2021", "quý II", "30/02/2021", "32/10 hằng năm", "tháng 13 năm 2021", "2021"],
)
def test_unknown_or_impossible_phrases_are_errors(text: str) -> None:
    with pytest.raises(DeadlineError):
        parse_deadline(text)


def test_quarter_ends() -> None:
    assert [quarter_end(2021, q) for q in (1, 2, 3, 4)] == [
        date(2021, 3, 31), date(2021, 6, 30), date(2021, 9, 30), date(2021, 12, 31),
    ]  # fmt: skip
