"""Unit appraisal on the site: the figures gathered from cases and transfers (figures.py), the runs that
appraise every unit of a period and rank them (runs.py), and who may see which appraisal
(permissions.py). The formulas are pure Python in petition_management/rules/appraisal/.

The labels of the Select options in the scheme and appraisal DocTypes are the labels of the pure
module's codes; the maps below turn one into the other.
"""

import frappe

from petition_management.rules.appraisal import Figure, Rate

APPRAISAL = "Petition Appraisal"
SCHEME = "Appraisal Scheme"
RUN = "Appraisal Run"

# The Select options of Appraisal Scheme Veto.operator, as comparison operators of the pure module.
OPERATOR_BY_LABEL = {
	"At Least": ">=",
	"More Than": ">",
	"At Most": "<=",
	"Less Than": "<",
	"Equal To": "=",
}
RATE_BY_LABEL = {label: code for code, label in Rate.LABELS.items()}
FIGURE_BY_LABEL = {label: code for code, label in Figure.LABELS.items()}
CODE_BY_LABEL = {**FIGURE_BY_LABEL, **RATE_BY_LABEL}

# Who gathers figures, recomputes appraisals and runs a period.
COMPUTING_ROLES = frozenset({"Petition Office", "Petition Supervisor", "System Manager"})


class AppraisalState:
	"""The states of the shipped Workflow "Petition Appraisal" (setup/workflows/petition_appraisal.json)."""

	DRAFT = "Draft"
	UNDER_REVIEW = "Under Review"
	APPROVED = "Approved"


def can_compute(user: str | None = None) -> bool:
	user = user or frappe.session.user
	return user == "Administrator" or bool(COMPUTING_ROLES & set(frappe.get_roles(user)))
