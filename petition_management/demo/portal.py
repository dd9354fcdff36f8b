"""Demo online petitions: submitted through the portal, one of them anonymous.

Each is found again by its subject, so running the demo twice adds nothing. A demo petition gets a
known access code (DEMO-0000-0000-000n) so that the status page can be tried on a demo site; real
submissions always get a random one. They are submitted in Chinese, so that the notices to these
petitioners are too.

The public statistics need no demo records of their own: the demo's cases are few, so the page shows
how small figures are hidden ("<5", Petition Settings' threshold).
"""

import frappe
from frappe.translate import print_language

# (category, subject, content, request, anonymous)
ONLINE_PETITIONS = (
	(
		"物业管理",
		"网上信访：小区电梯长期故障无人维修",
		"阳光花园3号楼电梯自今年八月以来多次停运，物业公司一直以维修资金未到位为由拖延维修，老人上下楼十分困难。",
		"请求督促物业公司尽快维修电梯。",
		False,
	),
	(
		"拖欠工资",
		"网上信访：餐饮店拖欠两个月工资",
		"本人在城关街道一家餐饮店做服务员，店主以经营困难为由拖欠九月、十月两个月工资共计六千元。",
		"请求帮助追回被拖欠的工资。",
		False,
	),
	(
		"市场监管",
		"网上信访：农贸市场电子秤缺斤短两",
		"河西镇农贸市场多个摊位的电子秤明显不准，一斤只有八两左右。",
		"请求对市场计量器具进行检查。",
		True,
	),
)
DEMO_CODE = "DEMO-0000-0000-{0:04d}"


def make_online_petitions(context):
	for index, row in enumerate(ONLINE_PETITIONS, start=1):
		name = frappe.db.get_value("Online Petition", {"subject": row[1]})
		if not name:
			name = make_online_petition(index, row, context.zh).name
		context.add("Online Petition", name)


def make_online_petition(index: int, row: tuple, fake):
	category, subject, content, request, anonymous = row
	petition = frappe.new_doc("Online Petition")
	petition.update(
		{
			"is_anonymous": int(anonymous),
			"category": category if frappe.db.exists("Petition Category", category) else None,
			"subject": subject,
			"content": content,
			"request": request,
		}
	)
	if not anonymous:
		petition.update(
			{
				"full_name": fake.name(),
				"phone": f"139{index:08d}",
				"email": f"online-petitioner-{index}@example.com",
				"address": fake.address(),
			}
		)
	petition.flags.access_code = DEMO_CODE.format(index)
	# submitted on the Chinese website: the petitioner's notices (utils/notices.py) are in Chinese
	with print_language("zh"):
		return petition.insert(ignore_permissions=True)
