"""NIP PNS (Perka BKN 22/2007) and NI PPPK validation."""

import datetime as dt

import pytest

from kinerja.org.nip import (
    NipError,
    Sex,
    check_agrees,
    format_nip,
    parse_ni_pppk,
    parse_nip,
)

TODAY = dt.date(2026, 11, 25)


def test_the_example_nip_parses_into_its_parts():
    parsed = parse_nip("19860926 201505 1 001", today=TODAY)
    assert parsed.number == "198609262015051001"
    assert parsed.birth_date == dt.date(1986, 9, 26)
    assert parsed.appointment == dt.date(2015, 5, 1)
    assert parsed.sex == Sex.MALE
    assert parsed.serial == 1
    assert parsed.display == "19860926 201505 1 001"


@pytest.mark.parametrize(
    ("raw", "birth", "sex"),
    [
        ("198609262015051001", dt.date(1986, 9, 26), Sex.MALE),
        ("19920229 201403 2 015", dt.date(1992, 2, 29), Sex.FEMALE),
        ("197001012000011999", dt.date(1970, 1, 1), Sex.MALE),
        ("20080725 202608 2 001", dt.date(2008, 7, 25), Sex.FEMALE),  # appointed at 18
    ],
)
def test_valid_nips_are_accepted(raw, birth, sex):
    parsed = parse_nip(raw, today=TODAY)
    assert parsed.birth_date == birth
    assert parsed.sex == sex


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", "NIP wajib diisi"),
        ("1986092620150510", "NIP harus 18 digit (tertulis 16 digit)"),
        ("1986092620150510011", "NIP harus 18 digit (tertulis 19 digit)"),
        ("19860926201505100A", "NIP hanya boleh berisi angka"),
        ("198602302015051001", "tanggal lahir 30-02-1986 tidak ada"),
        ("199002292012122999", "tanggal lahir 29-02-1990 tidak ada"),
        ("198613262015051001", "tanggal lahir 26-13-1986 tidak ada"),
        ("198609002015051001", "tanggal lahir 00-09-1986 tidak ada"),
        ("198609262015131001", "NIP: bulan pengangkatan CPNS 13 tidak valid (01–12)"),
        ("198609262015001001", "NIP: bulan pengangkatan CPNS 00 tidak valid (01–12)"),
        ("198609262004051001", "NIP: pengangkatan sebelum usia 18 tahun"),
        ("198609262027011001", "NIP: tanggal pengangkatan di masa depan"),
        ("198609262015053001", "NIP: digit ke-15 (jenis kelamin) harus 1 (pria) atau 2 (wanita)"),
        ("198609262015051000", "NIP: nomor urut harus 001–999"),
    ],
)
def test_invalid_nips_are_refused_with_the_reason(raw, message):
    with pytest.raises(NipError) as error:
        parse_nip(raw, today=TODAY)
    assert str(error.value) == message


def test_a_nip_must_agree_with_the_recorded_birth_date_and_sex():
    parsed = parse_nip("198609262015051001", today=TODAY)
    check_agrees(parsed, birth_date=dt.date(1986, 9, 26), sex="L")
    with pytest.raises(NipError) as wrong_date:
        check_agrees(parsed, birth_date=dt.date(1986, 9, 27), sex="L")
    assert "berbeda dengan tanggal lahir pegawai (27-09-1986)" in str(wrong_date.value)
    with pytest.raises(NipError) as wrong_sex:
        check_agrees(parsed, birth_date=None, sex="P")
    assert str(wrong_sex.value) == "jenis kelamin dalam NIP (pria) berbeda dengan data pegawai"


def test_valid_ni_pppk_parses():
    parsed = parse_ni_pppk("19900512 2022 2 1 2 014", today=TODAY)
    assert parsed.birth_date == dt.date(1990, 5, 12)
    assert parsed.appointment == dt.date(2022, 1, 1)
    assert parsed.sex == Sex.FEMALE
    assert parsed.serial == 14


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("199005122022111014", "NI PPPK: digit ke-13 (kode PPPK) harus 2"),
        ("199005122022201014", "NI PPPK: digit ke-14 (tahap pengadaan) harus 1–9"),
        (
            "199005122022213014",
            "NI PPPK: digit ke-15 (jenis kelamin) harus 1 (pria) atau 2 (wanita)",
        ),
        ("199005122022211000", "NI PPPK: nomor urut harus 001–999"),
        ("199002302022211014", "tanggal lahir 30-02-1990 tidak ada"),
        ("199005122030211014", "NI PPPK: tahun pengangkatan di masa depan"),
        ("199005122005211014", "NI PPPK: pengangkatan sebelum usia 18 tahun"),
        ("19900512202221101", "NI PPPK harus 18 digit (tertulis 17 digit)"),
    ],
)
def test_invalid_ni_pppk_are_refused_with_the_reason(raw, message):
    with pytest.raises(NipError) as error:
        parse_ni_pppk(raw, today=TODAY)
    assert str(error.value) == message


def test_format_nip_groups_8_6_1_3():
    assert format_nip("198609262015051001") == "19860926 201505 1 001"
