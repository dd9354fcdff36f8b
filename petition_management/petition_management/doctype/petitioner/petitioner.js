// Copyright (c) 2026, Petition Management contributors
// For license information, please see license.txt

frappe.ui.form.on("Petitioner", {
	refresh(frm) {
		frm.set_intro("");
		if (frm.is_new()) {
			petition_management_petitioner.check_duplicates(frm);
		} else {
			petition_management_petitioner.add_identity_button(frm);
		}
	},
	before_save(frm) {
		frm.pm_was_new = frm.is_new();
	},
	after_save(frm) {
		// a new record: the ID number, phone and address go on its identity next
		if (frm.pm_was_new) {
			frm.pm_was_new = false;
			petition_management_petitioner.open_identity(frm);
		}
	},
	full_name(frm) {
		petition_management_petitioner.check_duplicates_soon(frm);
	},
	region(frm) {
		petition_management_petitioner.check_duplicates_soon(frm);
	},
});

const petition_management_petitioner = {
	reason_labels: {
		same_phone: __("same phone"),
		same_name_region: __("same name in the same region"),
		similar_name_region: __("similar name in the same region"),
	},

	// The ID number, phone and address are on the Petitioner Identity, which only the office roles read.
	add_identity_button(frm) {
		if (!frappe.model.can_read("Petitioner Identity")) {
			return;
		}
		frm.add_custom_button(__("Identity"), () => petition_management_petitioner.open_identity(frm));
	},

	open_identity(frm) {
		if (!frappe.model.can_read("Petitioner Identity")) {
			return;
		}
		frappe.db.exists("Petitioner Identity", frm.doc.name).then((exists) => {
			if (exists) {
				frappe.set_route("Form", "Petitioner Identity", frm.doc.name);
			} else if (frappe.model.can_create("Petitioner Identity")) {
				frappe.new_doc("Petitioner Identity", { petitioner: frm.doc.name });
			}
		});
	},

	check_duplicates_soon: frappe.utils.debounce((frm) => {
		petition_management_petitioner.check_duplicates(frm);
	}, 400),

	check_duplicates(frm) {
		if (!frm.is_new() || !frm.doc.full_name) {
			return;
		}
		frappe.call({
			method: "petition_management.api.petitioner.find_likely_duplicates",
			args: {
				full_name: frm.doc.full_name,
				region: frm.doc.region || null,
				exclude: frm.doc.name,
			},
			callback(r) {
				petition_management_petitioner.show_duplicates(frm, r.message || []);
			},
		});
	},

	show_duplicates(frm, matches) {
		if (!frm.is_new()) {
			return;
		}
		if (!matches.length) {
			frm.set_intro("");
			return;
		}
		const items = matches.map((m) => {
			const label = frappe.utils.escape_html(`${m.full_name} (${m.name})`);
			const details = [m.region, m.id_number_masked, m.phone_masked]
				.filter(Boolean)
				.map((v) => frappe.utils.escape_html(v))
				.join(" · ");
			const reasons = m.reasons
				.map((code) => petition_management_petitioner.reason_labels[code] || code)
				.join(", ");
			const href = `/app/petitioner/${encodeURIComponent(m.name)}`;
			return `<li><a href="${href}">${label}</a> ${details}: ${reasons}</li>`;
		});
		frm.set_intro(
			`${__("Possible duplicates: this person may already be registered.")}<ul>${items.join("")}</ul>`,
			"orange"
		);
	},
};
