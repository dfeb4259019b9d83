"""Language and document date."""

from __future__ import annotations

from actorgraph.dates import parse_date, parse_explicit_date
from actorgraph.detect import detect_date, detect_language


def test_languages():
    assert (
        detect_language(
            "Der Präsident traf sich am Mittwoch mit dem Generalsekretär der Vereinten Nationen."
        ).language
        == "de"
    )
    assert (
        detect_language(
            "The president met the Secretary-General of the United Nations on Wednesday."
        ).language
        == "en"
    )
    assert (
        detect_language("Le président a rencontré le secrétaire général des Nations unies mercredi.").language
        == "fr"
    )
    assert detect_language("12 34 !!").language is None


def test_date_precision_is_kept():
    assert parse_explicit_date("2024").precision == "year"
    assert parse_explicit_date("2024-07").iso == "2024-07"
    assert parse_explicit_date("3. Juli 2024").iso == "2024-07-03"
    assert parse_explicit_date("July 2024").precision == "month"
    assert parse_explicit_date("am Mittwoch") is None


def test_relative_dates_need_a_base():
    from datetime import datetime

    assert parse_date("last year", languages=("en",)) is None
    assert parse_date("last year", languages=("en",), base=datetime(2024, 7, 3)).iso.startswith("2023")


def test_dateline_not_body_years():
    assert detect_date("ASTANA, 3. Juli 2024 – Der Präsident reiste ab.", language="de").iso == "2024-07-03"
    assert detect_date("ASTANA – UN Secretary-General António Guterres arrived.", language="en") is None
    assert (
        detect_date(
            "The UN Plaza was inaugurated in May 2019. Kazakhstan joined on March 2, 1992.", language="en"
        )
        is None
    )
