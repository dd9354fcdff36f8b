"""A case the office proposes not to accept, with the body to turn to; the director approves and the
notice of non-acceptance is written on the case and prints to PDF, in Chinese."""

import other_paths


def test_case_not_accepted_with_its_notice(staff, steps):
	other_paths.not_accepted_with_notice(staff, steps)
