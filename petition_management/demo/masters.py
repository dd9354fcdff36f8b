"""Demo Settings, the unit tree and the category tree of a county-level bureau."""

import frappe

from petition_management.demo.users import demo_email

# Public holidays and make-up working days of 2026 (as announced for the demo; adjust on a real site).
HOLIDAYS_2026 = {
	"Day Off": [
		"2026-01-01",
		"2026-01-02",
		"2026-02-16",
		"2026-02-17",
		"2026-02-18",
		"2026-02-19",
		"2026-02-20",
		"2026-04-06",
		"2026-05-01",
		"2026-05-04",
		"2026-05-05",
		"2026-06-19",
		"2026-09-25",
		"2026-10-01",
		"2026-10-02",
		"2026-10-05",
		"2026-10-06",
		"2026-10-07",
	],
	"Make-up Working Day": [
		"2026-01-04",
		"2026-02-14",
		"2026-02-28",
		"2026-05-09",
		"2026-09-27",
		"2026-10-10",
	],
}

# (unit, type, parent, head login, leader login)
UNITS = (
	("县直部门", "Department", None, None, None),
	("住房和城乡建设局", "Department", "县直部门", "head-housing", "leader1"),
	("公安局", "Department", "县直部门", "head-police", "leader2"),
	("治安管理大队", "Brigade", "公安局", "head-police", "leader2"),
	("交警大队", "Brigade", "公安局", "head-police", "leader2"),
	("人力资源和社会保障局", "Department", "县直部门", "head-labour", "leader1"),
	("自然资源局", "Department", "县直部门", "head-land", "leader1"),
	("市场监督管理局", "Department", "县直部门", "head-market", "leader2"),
	("乡镇街道", "Township or Street", None, None, None),
	("城关街道办事处", "Township or Street", "乡镇街道", "head-street", "leader1"),
	("河西镇人民政府", "Township or Street", "乡镇街道", None, "leader2"),
)

# (category, parent, default unit, legal channel)
CATEGORIES = (
	("城乡建设", None, None, None),
	("房屋拆迁安置", "城乡建设", "住房和城乡建设局", None),
	("物业管理", "城乡建设", "住房和城乡建设局", None),
	("政法", None, None, None),
	("治安管理", "政法", "治安管理大队", None),
	("交通管理", "政法", "交警大队", None),
	("涉法涉诉", "政法", None, "Litigation"),
	("劳动和社会保障", None, None, None),
	("拖欠工资", "劳动和社会保障", "人力资源和社会保障局", None),
	("社会保险", "劳动和社会保障", "人力资源和社会保障局", None),
	("劳动争议", "劳动和社会保障", None, "Arbitration"),
	("国土资源", None, None, None),
	("土地征收", "国土资源", "自然资源局", None),
	("市场监管", None, "市场监督管理局", None),
	("行政行为争议", None, None, "Administrative Reconsideration"),
)


def complete_setup(context):
	"""Finish Frappe's setup wizard on a fresh demo site, so that staff go straight to the desk."""
	from frappe.desk.page.setup_wizard.setup_wizard import setup_complete

	if frappe.db.get_single_value("System Settings", "setup_complete"):
		return
	setup_complete(
		{
			"language": "English",
			"country": "China",
			"timezone": "Asia/Shanghai",
			"currency": "CNY",
			"full_name": "Demo Administrator",
			"email": "admin@demo.petition.local",
			"password": "Demo-Petition-2026",
		}
	)


def make_settings(context):
	settings = frappe.get_single("Petition Settings")
	if settings.holidays:
		return
	for day_type, days in HOLIDAYS_2026.items():
		for day in days:
			settings.append("holidays", {"holiday_date": day, "day_type": day_type, "description": "2026"})
	settings.flags.ignore_permissions = True
	settings.save()


def make_units(context):
	for name, unit_type, parent, head, leader in UNITS:
		if not frappe.db.exists("Handling Unit", name):
			is_group = int(any(row[2] == name for row in UNITS))
			frappe.get_doc(
				{
					"doctype": "Handling Unit",
					"unit_name": name,
					"unit_type": unit_type,
					"parent_handling_unit": parent,
					"is_group": is_group,
					"unit_head": demo_email(head) if head else None,
					"leader_in_charge": demo_email(leader) if leader else None,
					"email": None if is_group else context.en.company_email(),
					"phone": None if is_group else context.zh.phone_number(),
				}
			).insert(ignore_permissions=True)
		elif head:
			fill_in_head(name, demo_email(head))
		context.add("Handling Unit", name)


def fill_in_head(unit: str, head: str):
	"""A unit of an older demo gets its newly added demo head; a head set by hand stays."""
	if not frappe.db.get_value("Handling Unit", unit, "unit_head") and frappe.db.exists("User", head):
		frappe.db.set_value("Handling Unit", unit, "unit_head", head)


def make_categories(context):
	for name, parent, unit, channel in CATEGORIES:
		if not frappe.db.exists("Petition Category", name):
			frappe.get_doc(
				{
					"doctype": "Petition Category",
					"category_name": name,
					"parent_petition_category": parent,
					"is_group": int(any(row[1] == name for row in CATEGORIES)),
					"default_handling_unit": unit,
					"other_legal_channel": int(bool(channel)),
					"legal_channel": channel,
					"description": context.zh.sentence() if channel else None,
				}
			).insert(ignore_permissions=True)
		context.add("Petition Category", name)
