"""Fields only the system sets (status, who and when): a client's values for them are ignored."""


def keep_system_fields(doc, fieldnames, initial_status: str | None = None) -> bool:
	"""Give `fieldnames` their stored values again (a new record: none, and `initial_status`), unless the
	system itself is saving (`doc.flags.system_update`). Return True when the values were reset."""
	if doc.flags.system_update:
		return False
	before = doc.get_doc_before_save()
	for fieldname in fieldnames:
		doc.set(fieldname, before.get(fieldname) if before else None)
	if not before and initial_status:
		doc.status = initial_status
	return True


def save_as_system(doc) -> None:
	"""Save `doc` with the system fields it was given (status, who and when) kept, not reset."""
	doc.flags.system_update = True
	try:
		doc.save()
	finally:
		doc.flags.system_update = False
