"""The bad-input corpus of the workflows: actions out of order or by the wrong role, extensions, reviews
and return visits, transfers and supervision."""

import frappe

from petition_management.tests.security.bad_input_values import (
	HD,
	OF,
	D,
	H,
	L,
	R,
	extension,
	review,
)

WORKFLOW: list[tuple] = [
	# --- workflow actions out of order or by the wrong role ----------------------------------------------
	("case-start-before-acceptance", OF, "workflow", ("Petition Case", "@case_registered", "Start Handling")),
	(
		"case-propose-by-reception",
		R,
		"workflow",
		("Petition Case", "@case_registered", "Propose Acceptance Decision"),
	),
	(
		"case-self-approval",
		"keeper",
		"workflow",
		("Petition Case", "@case_pending_own", "Approve Acceptance"),
		"SelfApprovalError",
	),
	(
		"case-accept-a-refusal",
		D,
		"workflow",
		("Petition Case", "@case_pending_refusal", "Approve Acceptance"),
	),
	("case-unknown-action", OF, "workflow", ("Petition Case", "@case_registered", "Make It Disappear")),
	(
		"transfer-reply-before-receipt",
		H,
		"workflow",
		("Petition Transfer", "@transfer_issued", "Submit Reply"),
	),
	(
		"transfer-head-signs-no-reply",
		HD,
		"workflow",
		("Petition Transfer", "@transfer_acknowledged", "Sign as Unit Head"),
	),
	(
		"transfer-handler-signs",
		H,
		"workflow",
		("Petition Transfer", "@transfer_acknowledged", "Sign as Unit Head"),
	),
	(
		"transfer-leader-signs-first",
		L,
		"workflow",
		("Petition Transfer", "@transfer_issued", "Sign as Leader"),
	),
	(
		"transfer-office-accepts-draft",
		OF,
		"workflow",
		("Petition Transfer", "@transfer_acknowledged", "Accept Reply"),
	),
	(
		"transfer-objection-late",
		H,
		"workflow",
		("Petition Transfer", "@transfer_late", "Object"),
		"ObjectionError",
	),
	(
		"transfer-objection-no-reason",
		H,
		"workflow",
		("Petition Transfer", "@transfer_issued", "Object"),
		"ObjectionError",
	),
	("extension-approved-by-handler", H, "workflow", ("Petition Extension", "@extension_pending", "Approve")),
	("extension-rejected-no-reason", D, "workflow", ("Petition Extension", "@extension_pending", "Reject")),
	("appraisal-approved-by-office", OF, "workflow", ("Petition Appraisal", "@appraisal_review", "Approve")),
	# --- extensions ------------------------------------------------------------------------------------------
	("extension-0-days", H, "create", ("Petition Extension", extension(days=0))),
	("extension-31-days", H, "create", ("Petition Extension", extension(days=31))),
	("extension-abc-days", H, "create", ("Petition Extension", extension(days="abc"))),
	("extension-negative-days", H, "create", ("Petition Extension", extension(days=-5))),
	("extension-fractional-days", H, "create", ("Petition Extension", extension(days="2.5"))),
	(
		"extension-case-not-handled",
		OF,
		"create",
		("Petition Extension", extension(petition_case="@case_registered")),
	),
	(
		"extension-case-missing",
		OF,
		"create",
		("Petition Extension", extension(petition_case="PC-0000-99999")),
	),
	# --- reviews and return visits -------------------------------------------------------------------------
	(
		"review-window-closed",
		OF,
		"create",
		("Petition Review", review(petition_case="@case_closed_long_ago")),
	),
	("review-before-reply", OF, "create", ("Petition Review", review(petition_case="@case_handling"))),
	("review-twice", OF, "create", ("Petition Review", review(petition_case="@case_closed_reviewed"))),
	(
		"re-review-before-review",
		OF,
		"create",
		("Petition Review", review(petition_case="@case_closed_reviewed", review_type="Re-review")),
	),
	("review-requested-future", OF, "create", ("Petition Review", review(requested_on="2099-01-01"))),
	("review-type-unknown", OF, "create", ("Petition Review", review(review_type="Appeal"))),
	(
		"return-visit-open-case",
		OF,
		"create",
		(
			"Petition Return Visit",
			{"petition_case": "@case_handling", "status": "Scheduled", "visit_date": frappe.utils.nowdate()},
		),
	),
	(
		"return-visit-done-in-future",
		OF,
		"create",
		(
			"Petition Return Visit",
			{
				"petition_case": "@case_closed",
				"status": "Completed",
				"visit_date": "2099-01-01",
				"method": "Phone",
				"satisfaction": "Satisfied",
			},
		),
	),
	# --- transfers and supervision -------------------------------------------------------------------------
	(
		"transfer-due-after-case",
		OF,
		"create",
		(
			"Petition Transfer",
			{
				"petition_case": "@case_extensible",
				"unit": "@unit_b",
				"transfer_role": "Co-handling Unit",
				"due_date": "2099-01-01",
			},
		),
	),
	(
		"transfer-due-abc",
		OF,
		"create",
		(
			"Petition Transfer",
			{
				"petition_case": "@case_extensible",
				"unit": "@unit_b",
				"transfer_role": "Co-handling Unit",
				"due_date": "abc",
			},
		),
	),
	(
		"transfer-second-lead",
		OF,
		"create",
		(
			"Petition Transfer",
			{"petition_case": "@case_handling", "unit": "@unit_b", "transfer_role": "Lead Unit"},
		),
	),
	(
		"transfer-unit-missing",
		OF,
		"create",
		(
			"Petition Transfer",
			{
				"petition_case": "@case_extensible",
				"unit": "_T Sec No Such Unit",
				"transfer_role": "Co-handling Unit",
			},
		),
	),
	(
		"supervision-closed-case",
		OF,
		"create",
		(
			"Petition Supervision",
			{"petition_case": "@case_closed", "unit": "@unit_a", "reason": "Other", "instructions": "x"},
		),
	),
	(
		"supervision-due-in-past",
		OF,
		"create",
		(
			"Petition Supervision",
			{
				"petition_case": "@case_handling",
				"unit": "@unit_a",
				"reason": "Other",
				"instructions": "x",
				"response_due": "2000-01-01",
			},
		),
	),
	(
		"supervision-other-unit-responds",
		"head-b",
		"update",
		("Petition Supervision", "@supervision_a", {"response": "_T Sec 不是我们单位"}),
	),
]
