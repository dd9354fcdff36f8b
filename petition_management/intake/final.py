"""Final matters at intake: after a re-review the matter is closed for good (终结). A new petition of the
same person on the same matter is flagged as final and not accepted again.

It uses the identity rules of the repeat look-up (intake/repeats.py: same Petitioner record, ID number
or phone) and the same matching rules (rules/repeats.py: same category or similar content), but reads
the final cases of these people directly: the repeat look-up only looks at open cases and at those
received within the Settings' repeat window, while a final matter stays final however old it is.
Only indexed columns are read (Petition Party.petitioner, Petition Case.name).
"""

import frappe

from petition_management.intake.repeats import (
	as_candidate,
	incoming_petition,
	same_people,
	set_identity_keys,
)
from petition_management.rules.repeats import rank_candidates

MAX_FINAL_CASES = 200


def final_cases_of(people: list[str]) -> list[dict]:
	"""The final cases these people are parties to, with each case's identity keys."""
	if not people:
		return []
	cases = frappe.db.sql(
		"""SELECT DISTINCT c.name, c.category, c.subject, c.content, c.received_on
		FROM `tabPetition Party` party
		JOIN `tabPetition Case` c ON c.name = party.parent
		WHERE party.parenttype = 'Petition Case' AND party.petitioner IN %(people)s AND c.is_final = 1
		ORDER BY c.received_on DESC
		LIMIT %(limit)s""",
		{"people": people, "limit": MAX_FINAL_CASES},
		as_dict=True,
	)
	if not cases:
		return []
	parties = frappe.db.sql(
		"""SELECT party.parent, party.petitioner AS name, p.id_number, p.phone_normalized
		FROM `tabPetition Party` party
		LEFT JOIN `tabPetitioner Identity` p ON p.name = party.petitioner
		WHERE party.parenttype = 'Petition Case' AND party.parent IN %(cases)s""",
		{"cases": [case.name for case in cases]},
		as_dict=True,
	)
	for case in cases:
		people_of_case = [p for p in parties if p.parent == case.name]
		set_identity_keys(case, people_of_case)
	return cases


def final_matters(petitioners: list[str], category: str | None = None, text: str | None = None) -> list[str]:
	"""The names of the final cases that the new petition repeats (same person, same matter), best first."""
	petitioners = [p for p in petitioners or [] if p]
	cases = final_cases_of(same_people(petitioners)) if petitioners else []
	if not cases:
		return []
	candidates = [
		as_candidate(
			case,
			" ".join(filter(None, (case.subject, case.content))),
			is_open=False,
			is_final=True,
		)
		for case in cases
	]
	incoming = incoming_petition(petitioners, category, text)
	return [match.case_name for match in rank_candidates(incoming, candidates, limit=len(candidates))]
