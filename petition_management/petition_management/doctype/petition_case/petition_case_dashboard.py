from frappe import _


def get_data():
	return {
		"fieldname": "petition_case",
		"transactions": [
			{"label": _("Handling"), "items": ["Petition Transfer", "Petition Extension"]},
			{
				"label": _("Tracking"),
				"items": ["Petition Supervision", "Petition Return Visit", "Petition Review"],
			},
		],
	}
