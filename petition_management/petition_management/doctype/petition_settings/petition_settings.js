// Copyright (c) 2026, Petition Management contributors
// For license information, please see license.txt

frappe.ui.form.on("Petition Settings", {
	refresh(frm) {
		frm.set_intro(
			__("Time limits count calendar days unless Day Basis says working days."),
			"blue"
		);
	},
});

frappe.ui.form.on("Petition Holiday", {
	holiday_date(frm, cdt, cdn) {
		const row = locals[cdt][cdn];
		const clash = (frm.doc.holidays || []).find(
			(r) => r.name !== row.name && r.holiday_date === row.holiday_date
		);
		if (row.holiday_date && clash) {
			frappe.show_alert({
				message: __("This date is already listed in row {0}.", [clash.idx]),
				indicator: "orange",
			});
		}
	},
});
