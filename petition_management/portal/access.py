"""Tracking numbers and access codes of online petitions (no Frappe import: pure and testable).

The tracking number names the submission; the access code proves that the visitor is its petitioner.
Only a salted PBKDF2 hash of the code is stored. The code has 80 random bits, written in Crockford's
base32 (no I, L, O, U) in groups of four, so that it can be read out and typed without ambiguity.
"""

import hashlib
import hmac
import secrets
from datetime import date

CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 16  # 16 symbols of 5 bits: 80 random bits
CODE_GROUP = 4
# Crockford's reading of the letters a person may type for a digit
CODE_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})
HASH_SCHEME = "pbkdf2_sha256"
HASH_ITERATIONS = 100_000
SALT_BYTES = 16
TRACKING_PREFIX = "WS"
TRACKING_RANDOM_DIGITS = 6
MAX_INPUT_LENGTH = 64

_dummy_hash: str | None = None


def new_access_code() -> str:
	"""A fresh code, e.g. `7K3M-Q9XA-2BDF-H8RT`."""
	symbols = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
	return "-".join(symbols[i : i + CODE_GROUP] for i in range(0, CODE_LENGTH, CODE_GROUP))


def normalize_access_code(code: str | None) -> str:
	"""The code as stored: upper case, without spaces or dashes, look-alike letters read as digits."""
	text = (code or "")[:MAX_INPUT_LENGTH].upper().translate(CODE_LOOKALIKES)
	return "".join(ch for ch in text if ch not in " -\t\r\n")


def hash_access_code(code: str, salt: bytes | None = None, iterations: int = HASH_ITERATIONS) -> str:
	"""`pbkdf2_sha256$iterations$salt$hash` of the normalized code, with a fresh salt unless given."""
	salt = salt if salt is not None else secrets.token_bytes(SALT_BYTES)
	digest = _derive(normalize_access_code(code), salt, iterations)
	return f"{HASH_SCHEME}${iterations}${salt.hex()}${digest.hex()}"


def verify_access_code(code: str | None, stored: str | None) -> bool:
	"""Whether `code` matches `stored`, compared in constant time.

	Without a stored hash (an unknown tracking number) the code is checked against a dummy hash, so
	that both answers cost the same work."""
	if not stored:
		stored, known = dummy_hash(), False
	else:
		known = True
	try:
		scheme, iterations, salt_hex, digest_hex = stored.split("$")
		salt, expected = bytes.fromhex(salt_hex), bytes.fromhex(digest_hex)
		iterations = int(iterations)
	except ValueError:
		return False
	if scheme != HASH_SCHEME:
		return False
	derived = _derive(normalize_access_code(code), salt, iterations)
	return hmac.compare_digest(derived, expected) and known


def dummy_hash() -> str:
	global _dummy_hash
	if _dummy_hash is None:
		_dummy_hash = hash_access_code(new_access_code())
	return _dummy_hash


def _derive(code: str, salt: bytes, iterations: int) -> bytes:
	return hashlib.pbkdf2_hmac("sha256", code.encode("utf-8"), salt, iterations)


def new_tracking_number(on: date) -> str:
	"""`WS` + the submission date + six random digits, e.g. `WS20261128407135`."""
	digits = secrets.randbelow(10**TRACKING_RANDOM_DIGITS)
	return f"{TRACKING_PREFIX}{on:%Y%m%d}{digits:0{TRACKING_RANDOM_DIGITS}d}"


def normalize_tracking_number(number: str | None) -> str:
	text = (number or "")[:MAX_INPUT_LENGTH].upper()
	return "".join(ch for ch in text if ch.isalnum())
