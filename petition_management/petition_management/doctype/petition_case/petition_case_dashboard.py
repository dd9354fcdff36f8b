from frappe import _


def get_data():
	return {
		"fieldname": "petition_case",
		"transactions": [{"label": _("Handling"), "items": ["Petition Transfer"]}],
	}
