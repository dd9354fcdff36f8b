"""The masters of a benchmark run: 200 handling units in 10 groups (a leader in charge per group, a unit
head per 10 units), 50 categories in 8 groups (each pointing to a unit), an office user, a reception
officer and a unit handler tied to one unit by a User Permission: the people the daily digest goes to."""

import frappe

from petition_management.benchmark import MARK
from petition_management.handling.assignment import add_handler_to_unit

UNIT_GROUPS = (
	"县直部门",
	"公安系统",
	"乡镇街道",
	"城市管理",
	"教育卫健",
	"自然资源",
	"交通水利",
	"市场金融",
	"社会事务",
	"开发园区",
)
UNIT_KINDS = ("局", "大队", "办事处", "中心", "所", "站", "委员会", "人民政府")
UNIT_TYPES = ("Department", "Brigade", "Office", "Township or Street", "Other")
CATEGORY_GROUPS = {
	"城乡建设": ("房屋拆迁安置", "物业管理", "住房保障", "建筑质量", "城市规划", "燃气供热"),
	"政法": ("治安管理", "交通管理", "执法监督", "消防安全", "社区矫正"),
	"劳动和社会保障": ("拖欠工资", "社会保险", "养老待遇", "工伤认定", "就业服务", "劳动争议"),
	"国土资源": ("土地征收", "土地确权", "矿产开发", "林地纠纷", "宅基地"),
	"农业农村": ("农村土地承包", "村务公开", "惠农补贴", "农田水利", "集体资产"),
	"教育卫健": ("入学招生", "教师待遇", "医疗纠纷", "医保报销", "食品安全", "疫苗接种"),
	"环境保护": ("噪声污染", "大气污染", "水体污染", "垃圾处理", "油烟扰民", "工地扬尘"),
	"市场监管": ("消费维权", "价格投诉", "商品质量", "网络交易", "特种设备", "广告违法", "企业登记"),
}
USER_DOMAIN = "pm-bench.example.com"
RECEPTION_USER = f"reception@{USER_DOMAIN}"
HANDLER_USER = f"handler@{USER_DOMAIN}"
OFFICE_USER = f"office@{USER_DOMAIN}"


def unit_names(count: int = 200) -> list[str]:
	return [
		f"{MARK}{i:03d} {UNIT_GROUPS[i % len(UNIT_GROUPS)]}{UNIT_KINDS[i % len(UNIT_KINDS)]}"
		for i in range(1, count + 1)
	]


def group_unit_names() -> list[str]:
	return [f"{MARK} {group}" for group in UNIT_GROUPS]


def category_names() -> list[str]:
	"""The leaf categories, in order."""
	return [f"{MARK} {leaf}" for leaves in CATEGORY_GROUPS.values() for leaf in leaves]


def make_units(count: int = 200) -> list[str]:
	"""Units in groups; each group has a leader in charge, every 10 units share a unit head."""
	groups = group_unit_names()
	for group in groups:
		insert_if_missing("Handling Unit", group, {"unit_name": group, "is_group": 1, "unit_type": "Other"})
	leaders = [make_user(f"leader{k}@{USER_DOMAIN}", "Petition Leader") for k in range(len(groups))]
	heads = [make_user(f"head{k}@{USER_DOMAIN}", "Petition Unit Head") for k in range((count + 9) // 10)]
	units = unit_names(count)
	for i, unit in enumerate(units):
		insert_if_missing(
			"Handling Unit",
			unit,
			{
				"unit_name": unit,
				"parent_handling_unit": groups[(i + 1) % len(groups)],
				"unit_type": UNIT_TYPES[i % len(UNIT_TYPES)],
				"is_active": 1,
				"unit_head": heads[i // 10],
				"leader_in_charge": leaders[(i + 1) % len(groups)],
			},
		)
	return units


def make_categories(units: list[str]) -> list[str]:
	leaves = category_names()
	for group, children in CATEGORY_GROUPS.items():
		parent = f"{MARK} {group}"
		insert_if_missing("Petition Category", parent, {"category_name": parent, "is_group": 1})
		for child in children:
			name = f"{MARK} {child}"
			default_unit = units[(leaves.index(name) * 4) % len(units)]
			insert_if_missing(
				"Petition Category",
				name,
				{
					"category_name": name,
					"parent_petition_category": parent,
					"default_handling_unit": default_unit,
				},
			)
	return leaves


def insert_if_missing(doctype: str, name: str, values: dict):
	if not frappe.db.exists(doctype, name):
		frappe.get_doc({"doctype": doctype, **values}).insert(ignore_permissions=True)


def make_user(email: str, role: str) -> str:
	if not frappe.db.exists("User", email):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": email.split("@")[0].title(),
				"send_welcome_email": 0,
				"user_type": "System User",
			}
		).insert(ignore_permissions=True)
	user = frappe.get_doc("User", email)
	if role not in {r.role for r in user.roles}:
		user.add_roles(role)
	return email


def tie_handler_to_unit(user: str, unit: str):
	"""The handler's one unit (the User Permission a Unit Handler belongs to a unit by)."""
	frappe.db.delete("User Permission", {"user": user, "allow": "Handling Unit", "for_value": ("!=", unit)})
	add_handler_to_unit(user, unit)
	frappe.clear_cache(user=user)


def make_masters(unit_count: int = 200) -> dict:
	units = make_units(unit_count)
	categories = make_categories(units)
	make_user(OFFICE_USER, "Petition Office")
	reception = make_user(RECEPTION_USER, "Petition Reception Officer")
	handler = make_user(HANDLER_USER, "Petition Unit Handler")
	return {"units": units, "categories": categories, "reception": reception, "handler": handler}
