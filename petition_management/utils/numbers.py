"""Small checks on raw form input, before Frappe casts it to the field's type."""


def is_whole_number(value) -> bool:
	"""True for 15 or "15"; False for 3.5, "3.5", "abc", True, None or an empty string."""
	if isinstance(value, bool) or value is None:
		return False
	if isinstance(value, int):
		return True
	if isinstance(value, float):
		return value.is_integer()
	if isinstance(value, str):
		text = value.strip()
		return text.lstrip("-").isdigit()
	return False
