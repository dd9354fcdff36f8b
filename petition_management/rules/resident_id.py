"""PRC resident identity numbers (GB 11643-1999) and mainland phone numbers.

Validation, normalization and masking of the identifiers petitioners give, so that
forms can check them and lists can show them masked.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from petition_management.rules import RuleError

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"
EARLIEST_BIRTH_DATE = date(1900, 1, 1)

_ID_PATTERN = re.compile(r"[0-9]{17}[0-9X]")
_FIRST17_PATTERN = re.compile(r"[0-9]{17}")
_MOBILE_PATTERN = re.compile(r"1[3-9][0-9]{9}")
_LANDLINE_PATTERN = re.compile(r"0[1-9][0-9]{8,10}")
_COUNTRY_CODES = ("0086", "86")


class ResidentIdError(RuleError):
	"""A resident ID number that is malformed or fails its check digit."""

	NOT_TEXT = "A resident ID number must be text, not {0}"
	LENGTH = "A resident ID number must be 18 characters long, not {0}"
	CHARACTERS = "A resident ID number must be 17 digits followed by a digit or X"
	FIRST17 = "The first 17 characters of a resident ID number must be digits"
	NOT_A_DATE = "The birth date in the resident ID number, {0}, is not a real date"
	FUTURE_BIRTH = "The birth date in the resident ID number, {0}, is in the future"
	EARLY_BIRTH = "The birth date in the resident ID number, {0}, is before 1900-01-01"
	CHECK_DIGIT = (
		"The check digit of the resident ID number does not match; please check the number for typing errors"
	)


class PhoneError(RuleError):
	"""A phone number that is neither a mainland mobile nor a landline number."""

	REQUIRED = "A phone number is required"
	INVALID = (
		"{0} is not a valid phone number: enter an 11-digit mobile number starting with 1, "
		"or a landline number with its area code starting with 0"
	)


@dataclass(frozen=True)
class ResidentId:
	"""A validated resident ID number and what it encodes."""

	number: str
	birth_date: date
	gender: str
	region_code: str

	@property
	def masked(self) -> str:
		"""The number with all but the first 3 and last 2 characters hidden."""
		return mask_id_number(self.number)


def _clean(value: object) -> str:
	"""NFKC-normalized text (full-width digits become ASCII) without surrounding space."""
	return unicodedata.normalize("NFKC", str(value)).strip()


def check_digit(first17: str) -> str:
	"""The GB 11643-1999 check character ("0"-"9" or "X") for the first 17 digits."""
	if not isinstance(first17, str) or not _FIRST17_PATTERN.fullmatch(first17):
		raise ResidentIdError(ResidentIdError.FIRST17)
	total = sum(int(digit) * weight for digit, weight in zip(first17, WEIGHTS, strict=True))
	return CHECK_CHARS[total % 11]


def _birth_date(number: str, today: date) -> date:
	"""The birth date encoded in digits 7-14, checked to be real and plausible."""
	text = f"{number[6:10]}-{number[10:12]}-{number[12:14]}"
	try:
		born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
	except ValueError:
		raise ResidentIdError(ResidentIdError.NOT_A_DATE, text) from None
	if born < EARLIEST_BIRTH_DATE:
		raise ResidentIdError(ResidentIdError.EARLY_BIRTH, text)
	if born > today:
		raise ResidentIdError(ResidentIdError.FUTURE_BIRTH, text)
	return born


def validate_resident_id(value: str, today: date | None = None) -> ResidentId:
	"""Check an 18-character resident ID number and return what it encodes."""
	if not isinstance(value, str):
		raise ResidentIdError(ResidentIdError.NOT_TEXT, type(value).__name__)
	number = _clean(value).upper()
	if len(number) != 18:
		raise ResidentIdError(ResidentIdError.LENGTH, len(number))
	if not _ID_PATTERN.fullmatch(number):
		raise ResidentIdError(ResidentIdError.CHARACTERS)
	born = _birth_date(number, today or date.today())
	if check_digit(number[:17]) != number[17]:
		raise ResidentIdError(ResidentIdError.CHECK_DIGIT)
	gender = "Male" if int(number[16]) % 2 else "Female"
	return ResidentId(number=number, birth_date=born, gender=gender, region_code=number[:6])


def is_valid_resident_id(value: str, today: date | None = None) -> bool:
	"""True when ``validate_resident_id`` accepts the value."""
	try:
		validate_resident_id(value, today)
	except ResidentIdError:
		return False
	return True


def _mask(text: str, head: int, tail: int) -> str:
	"""Keep ``head`` leading and ``tail`` trailing characters, star the rest."""
	if len(text) <= head + tail:
		return "*" * len(text)
	return text[:head] + "*" * (len(text) - head - tail) + text[len(text) - tail :]


def mask_id_number(value: str | None) -> str:
	"""Show only the first 3 and last 2 characters, e.g. ``110*************2X``."""
	if not value:
		return ""
	return _mask(_clean(value).upper(), 3, 2)


def mask_phone(value: str | None) -> str:
	"""Mobiles as ``138****8000``; other numbers show only their last 2 digits."""
	if not value:
		return ""
	digits = normalize_phone(value)
	if _MOBILE_PATTERN.fullmatch(digits):
		return _mask(digits, 3, 4)
	return _mask(digits or _clean(value), 0, 2)


def normalize_phone(value: str | None) -> str:
	"""Digits only, without a +86 / 0086 / 86 prefix in front of a mobile number."""
	if not value:
		return ""
	digits = "".join(ch for ch in _clean(value) if "0" <= ch <= "9")
	for code in _COUNTRY_CODES:
		rest = digits[len(code) :]
		if digits.startswith(code) and _MOBILE_PATTERN.fullmatch(rest):
			return rest
	return digits


def is_valid_phone(value: str | None) -> bool:
	"""A mainland mobile (1[3-9] + 9 digits) or a landline (0 + area code, 10-12 digits)."""
	digits = normalize_phone(value)
	return bool(_MOBILE_PATTERN.fullmatch(digits) or _LANDLINE_PATTERN.fullmatch(digits))


def validate_phone(value: str | None) -> str:
	"""Return the normalized phone number, or raise ``PhoneError``."""
	if value is None or not _clean(value):
		raise PhoneError(PhoneError.REQUIRED)
	if not is_valid_phone(value):
		raise PhoneError(PhoneError.INVALID, _clean(value))
	return normalize_phone(value)
