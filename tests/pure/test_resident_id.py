"""Tests for resident ID numbers and phone numbers."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from petition_management.rules.resident_id import (
	CHECK_CHARS,
	PhoneError,
	ResidentId,
	ResidentIdError,
	check_digit,
	is_valid_phone,
	is_valid_resident_id,
	mask_id_number,
	mask_phone,
	normalize_phone,
	validate_phone,
	validate_resident_id,
)

TODAY = date(2025, 6, 1)


# --- check digit and valid numbers ----------------------------------------------------------------


def test_published_example_is_valid():
	result = validate_resident_id("11010519491231002X", TODAY)
	assert result == ResidentId(
		number="11010519491231002X", birth_date=date(1949, 12, 31), gender="Female", region_code="110105"
	)
	assert check_digit("11010519491231002") == "X"


@pytest.mark.parametrize(
	("number", "birth_date", "gender", "region"),
	[
		("44030519900101123X", date(1990, 1, 1), "Male", "440305"),
		("510107200511184566", date(2005, 11, 18), "Female", "510107"),
		("310101200002290015", date(2000, 2, 29), "Male", "310101"),
	],
)
def test_valid_numbers(number, birth_date, gender, region):
	result = validate_resident_id(number, TODAY)
	assert (result.birth_date, result.gender, result.region_code) == (birth_date, gender, region)
	assert result.number == number


def test_check_digits_computed_by_hand():
	# 1*7+1*9+0*10+1*5+0*8+5*4+1*2+9*1+4*6+9*3+1*7+2*9+3*10+1*5+0*8+0*4+2*2 = 167; 167 % 11 = 2 -> "X"
	assert check_digit("11010519491231002") == CHECK_CHARS[2] == "X"
	assert check_digit("00000000000000000") == "1"


def test_lower_case_x_full_width_digits_and_whitespace_are_accepted():
	assert validate_resident_id("  11010519491231002x\n", TODAY).number == "11010519491231002X"
	full_width = "１１０１０５１９４９１２３１００２Ｘ"
	assert validate_resident_id(full_width, TODAY).number == "11010519491231002X"


def test_is_valid_resident_id():
	assert is_valid_resident_id("11010519491231002X", TODAY)
	assert not is_valid_resident_id("110105194912310021", TODAY)


# --- each kind of failure -------------------------------------------------------------------------


def _error(value, today=TODAY):
	with pytest.raises(ResidentIdError) as err:
		validate_resident_id(value, today)
	return err.value


def test_wrong_length():
	err = _error("11010519491231002")
	assert err.template == ResidentIdError.LENGTH
	assert str(err) == "A resident ID number must be 18 characters long, not 17"
	assert _error("").values == (0,)
	assert _error("110105194912310021X").values == (19,)


@pytest.mark.parametrize(
	"value", ["1101051949123100XX", "11010519491231002Y", "1101O519491231002X", "11010519491231 02X"]
)
def test_bad_characters(value):
	err = _error(value)
	assert err.template == ResidentIdError.CHARACTERS
	assert str(err) == "A resident ID number must be 17 digits followed by a digit or X"


def test_not_text():
	err = _error(110105194912310021)
	assert str(err) == "A resident ID number must be text, not int"


def _with_check(first17):
	return first17 + check_digit(first17)


def test_birth_date_not_real():
	err = _error(_with_check("11010519490231002"))
	assert err.template == ResidentIdError.NOT_A_DATE
	assert str(err) == "The birth date in the resident ID number, 1949-02-31, is not a real date"
	assert _error(_with_check("11010519011301002")).template == ResidentIdError.NOT_A_DATE
	assert _error(_with_check("11010520230229002")).template == ResidentIdError.NOT_A_DATE


def test_birth_date_in_the_future():
	err = _error(_with_check("11010520250602002"))
	assert err.template == ResidentIdError.FUTURE_BIRTH
	assert err.values == ("2025-06-02",)
	assert validate_resident_id(_with_check("11010520250601002"), TODAY).birth_date == TODAY


def test_birth_date_before_1900():
	err = _error(_with_check("11010518991231002"))
	assert err.template == ResidentIdError.EARLY_BIRTH
	assert str(err) == "The birth date in the resident ID number, 1899-12-31, is before 1900-01-01"


def test_wrong_check_digit():
	err = _error("110105194912310021")
	assert err.template == ResidentIdError.CHECK_DIGIT
	assert err.values == ()


def test_check_digit_needs_17_digits():
	for bad in ("1101051949123100", "1101051949123100X", None):
		with pytest.raises(ResidentIdError) as err:
			check_digit(bad)
		assert err.value.template == ResidentIdError.FIRST17


def test_today_defaults_to_the_real_date():
	assert validate_resident_id("11010519491231002X").gender == "Female"


# --- masking --------------------------------------------------------------------------------------


def test_mask_id_number():
	assert mask_id_number("11010519491231002X") == "110*************2X"
	assert mask_id_number("11010519491231002x") == "110*************2X"
	assert mask_id_number("E1234567") == "E12***67"
	assert mask_id_number("12345") == "*****"
	assert mask_id_number(None) == ""
	assert mask_id_number("") == ""
	assert validate_resident_id("11010519491231002X", TODAY).masked == "110*************2X"


def test_mask_phone():
	assert mask_phone("13800138000") == "138****8000"
	assert mask_phone("+86 138-0013-8000") == "138****8000"
	assert mask_phone("010-12345678") == "*********78"
	assert mask_phone("12") == "**"
	assert mask_phone(None) == ""
	assert mask_phone("") == ""


# --- phone numbers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
	("raw", "normalized"),
	[
		("138 0013 8000", "13800138000"),
		("+86 138 0013 8000", "13800138000"),
		("008613800138000", "13800138000"),
		("8613800138000", "13800138000"),
		("(010) 1234-5678", "01012345678"),
		("０７５５－８１２３４５６７", "075581234567"),
		("", ""),
		(None, ""),
	],
)
def test_normalize_phone(raw, normalized):
	assert normalize_phone(raw) == normalized


@pytest.mark.parametrize(
	"value",
	["13800138000", "+86 199 1234 5678", "010-12345678", "0755-8123456", "0371-12345678", "0086 15912345678"],
)
def test_valid_phones(value):
	assert is_valid_phone(value)
	assert validate_phone(value) == normalize_phone(value)


@pytest.mark.parametrize(
	"value", ["12800138000", "1380013800", "138001380001", "12345678", "0012345678", "phone"]
)
def test_invalid_phones(value):
	assert not is_valid_phone(value)
	with pytest.raises(PhoneError) as err:
		validate_phone(value)
	assert err.value.template == PhoneError.INVALID
	assert str(err.value).startswith(f"{value} is not a valid phone number")


@pytest.mark.parametrize("value", [None, "", "   "])
def test_phone_required(value):
	with pytest.raises(PhoneError) as err:
		validate_phone(value)
	assert str(err.value) == "A phone number is required"


# --- properties -----------------------------------------------------------------------------------

BIRTH_DATES = st.dates(min_value=date(1900, 1, 1), max_value=TODAY)
DIGITS = st.text(alphabet="0123456789", min_size=1, max_size=1)


@st.composite
def first17s(draw):
	"""17 digits: a region code, a real birth date and a 3-digit sequence number."""
	region = draw(st.text(alphabet="0123456789", min_size=6, max_size=6))
	born = draw(BIRTH_DATES)
	sequence = draw(st.text(alphabet="0123456789", min_size=3, max_size=3))
	return f"{region}{born:%Y%m%d}{sequence}"


@settings(max_examples=200, deadline=None)
@given(first17s())
def test_appending_the_check_digit_gives_a_valid_id(first17):
	number = first17 + check_digit(first17)
	result = validate_resident_id(number, TODAY)
	assert result.number == number
	assert result.birth_date.strftime("%Y%m%d") == first17[6:14]
	assert result.gender == ("Male" if int(first17[16]) % 2 else "Female")


@settings(max_examples=200, deadline=None)
@given(first17s(), st.sampled_from(CHECK_CHARS))
def test_any_other_last_char_is_invalid(first17, last):
	if last == check_digit(first17):
		last = CHECK_CHARS[(CHECK_CHARS.index(last) + 1) % len(CHECK_CHARS)]
	with pytest.raises(ResidentIdError) as err:
		validate_resident_id(first17 + last, TODAY)
	assert err.value.template == ResidentIdError.CHECK_DIGIT


@settings(max_examples=100, deadline=None)
@given(first17s(), st.integers(min_value=0, max_value=16), DIGITS)
def test_a_single_digit_typo_is_caught(first17, position, digit):
	number = first17 + check_digit(first17)
	typo = number[:position] + digit + number[position + 1 :]
	if typo != number:
		assert not is_valid_resident_id(typo, TODAY)
