"""Fill Petition Transfer.lead_unit for the transfers made before the field: on every transfer of a case,
the unit of the case's active lead transfer (the oldest, as handling.transfers.lead_transfer takes it),
or none. One statement."""

import frappe

from petition_management.handling.transfers import TransferRole, TransferState


def execute():
	frappe.db.sql(
		"""
		update `tabPetition Transfer` transfer
		left join (
			select ranked.petition_case, ranked.unit from (
				select lead.petition_case, lead.unit,
					row_number() over (partition by lead.petition_case order by lead.creation, lead.name) as n
				from `tabPetition Transfer` lead
				where lead.transfer_role = %(lead)s and ifnull(lead.workflow_state, '') != %(withdrawn)s
			) ranked
			where ranked.n = 1
		) leads on leads.petition_case = transfer.petition_case
		set transfer.lead_unit = leads.unit
		where not (transfer.lead_unit <=> leads.unit)
		""",
		{"lead": TransferRole.LEAD, "withdrawn": TransferState.WITHDRAWN},
	)
