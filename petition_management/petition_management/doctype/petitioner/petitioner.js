// Copyright (c) 2026, Petition Management contributors
// For license information, please see license.txt

frappe.ui.form.on("Petitioner", {
	refresh(frm) {
		frm.set_intro("");
		if (frm.is_new()) {
			petition_management_petitioner.check_duplicates(frm);
		}
	},
	full_name(frm) {
		petition_management_petitioner.check_duplicates_soon(frm);
	},
	region(frm) {
		petition_management_petitioner.check_duplicates_soon(frm);
	},
	phone(frm) {
		petition_management_petitioner.check_duplicates_soon(frm);
	},
});

const petition_management_petitioner = {
	reason_labels: {
		same_phone: __("same phone"),
		same_name_region: __("same name in the same region"),
		similar_name_region: __("similar name in the same region"),
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
				phone: frm.doc.phone || null,
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
