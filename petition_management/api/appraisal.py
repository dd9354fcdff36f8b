"""Unit appraisal actions for the desk: the cases behind a figure, Recompute, and running a period."""

import frappe
from frappe import _
from frappe.utils import cint, getdate

from petition_management.appraisal import APPRAISAL, RUN, AppraisalState, can_compute
from petition_management.appraisal.figures import case_names
from petition_management.appraisal.runs import execute_run
from petition_management.petition_management.doctype.petition_appraisal.petition_appraisal import (
	AppraisalError,
	AppraisalFrozenError,
)
from petition_management.rules.appraisal import Figure
from petition_management.utils.translation import APP_CONTEXT


class NotAllowedToComputeError(frappe.PermissionError):
	pass


def _check_can_compute():
	if not can_compute():
		frappe.throw(
			_("Only the Petition Office or a supervisor may compute appraisals."),
			NotAllowedToComputeError,
			title=_("Not Permitted", context=APP_CONTEXT),
		)


@frappe.whitelist()
def case_names_for_figure(appraisal: str, figure: str) -> list[str]:
	"""The names of the cases behind one figure of an appraisal: those it kept when it left Draft (under
	review or approved), else the cases as they are now (a Draft)."""
	doc = frappe.get_doc(APPRAISAL, appraisal)
	doc.check_permission("read")
	if figure not in Figure.ALL:
		frappe.throw(_("{0} is not a figure of an appraisal.").format(frappe.bold(figure)), AppraisalError)
	kept = doc.kept_case_names(figure)
	if kept is not None:
		return kept
	return case_names(
		figure,
		doc.unit,
		getdate(doc.from_date),
		getdate(doc.to_date),
		getdate(doc.figures_as_of or doc.to_date),
		cint(doc.window_days) or doc.window(),
	)


@frappe.whitelist(methods=["POST"])
def recompute_appraisal(appraisal: str) -> None:
	"""Gather the figures again and rescore; only while the appraisal is a Draft."""
	doc = frappe.get_doc(APPRAISAL, appraisal)
	doc.check_permission("write")
	_check_can_compute()
	if doc.workflow_state == AppraisalState.APPROVED:
		frappe.throw(
			_("Appraisal {0} is approved: its figures are frozen and cannot be recomputed.").format(
				frappe.bold(doc.name)
			),
			AppraisalFrozenError,
			title=_("Appraisal Approved"),
		)
	if doc.workflow_state not in (None, "", AppraisalState.DRAFT):
		frappe.throw(
			_(
				"Appraisal {0} is under review; the Director must send it back to Draft before it is recomputed."
			).format(frappe.bold(doc.name)),
			AppraisalError,
			title=_("Appraisal Under Review"),
		)
	doc.gather_figures()
	doc.save()


@frappe.whitelist(methods=["POST"])
def run_appraisals(run: str) -> None:
	"""Create or recompute the appraisals of every unit for the run's period, and rank them."""
	doc = frappe.get_doc(RUN, run)
	doc.check_permission("write")
	frappe.has_permission(APPRAISAL, "create", throw=True)
	_check_can_compute()
	execute_run(doc)
