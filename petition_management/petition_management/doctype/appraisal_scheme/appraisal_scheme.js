// Copyright (c) 2026, Petition Management contributors
// For license information, please see license.txt

// The server checks the scheme (weights, grades, items, veto conditions) on save.
frappe.ui.form.on("Appraisal Scheme", {
	refresh(frm) {
		const total = (frm.doc.metrics || []).reduce((sum, row) => sum + (row.weight || 0), 0);
		if (total) {
			frm.dashboard.add_comment(
				__("Weights add up to {0}; each metric counts in proportion to its weight.", [total]),
				"blue",
				true
			);
		}
	},
});
