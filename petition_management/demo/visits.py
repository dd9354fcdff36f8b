"""Demo visits: daily reception, a leader's reception day, a leader's visit, group visits with their
elected representatives, visitors in special circumstances, and some answered on the spot.

Visits still open are registered as cases by the cases step (demo/cases.py)."""

import frappe
from frappe.utils import add_to_date, get_datetime, nowdate

from petition_management.demo.users import demo_email
from petition_management.petition_management.doctype.petition_settings.petition_settings import get_settings

DAILY, LEADER_DAY, LEADER_VISIT = "Daily Reception", "Leader's Reception Day", "Leader's Visit"
# The leader who receives visitors on each kind of leader's reception.
RECEIVING_LEADERS = {LEADER_DAY: "leader1", LEADER_VISIT: "leader2"}

# (reception type, category, subject, content, request, visitors, special: a/u/e, answer on the spot)
ZH_VISITS = (
	(
		DAILY,
		"拖欠工资",
		"建筑工地拖欠农民工工资",
		"在城东安置房项目干了八个月，包工头至今未结清工资。",
		"请督促施工单位支付工资。",
		1,
		"",
		None,
	),
	(
		DAILY,
		"房屋拆迁安置",
		"拆迁安置房迟迟未交付",
		"老房子三年前拆迁，约定两年内交付安置房，至今未交付。",
		"请尽快交付安置房或按月发放过渡费。",
		2,
		"e",
		None,
	),
	(
		LEADER_DAY,
		"土地征收",
		"土地征收补偿标准有异议",
		"村里耕地被征收，补偿标准比邻村低很多。",
		"请按统一标准补偿。",
		3,
		"",
		None,
	),
	(
		DAILY,
		"物业管理",
		"小区物业停水停电",
		"物业公司以催缴物业费为由停了整栋楼的水电。",
		"请责令物业恢复供水供电。",
		1,
		"a",
		None,
	),
	(
		DAILY,
		"拖欠工资",
		"超市倒闭拖欠员工工资",
		"超市突然关门，二十多名员工三个月工资没有拿到。",
		"请帮助追讨工资。",
		22,
		"",
		None,
	),
	(
		DAILY,
		"社会保险",
		"养老保险待遇核定有误",
		"办理退休时缴费年限少算了四年。",
		"请重新核定缴费年限。",
		1,
		"e",
		"已当场调取缴费记录，说明补录流程，信访人表示将按流程提交材料。",
	),
	(
		LEADER_VISIT,
		"房屋拆迁安置",
		"旧城改造片区居民集体反映安置问题",
		"旧城改造片区三十户居民对安置方案有意见。",
		"请召开居民座谈会重新商议安置方案。",
		30,
		"e",
		None,
	),
	(
		DAILY,
		"治安管理",
		"夜间烧烤摊扰民",
		"小区门口烧烤摊每天营业到凌晨两点，噪声和油烟严重。",
		"请依法整治。",
		1,
		"",
		"已当场联系城关街道和治安管理大队，答复本周内联合整治。",
	),
	(
		DAILY,
		"交通管理",
		"学校门口交通拥堵存在安全隐患",
		"上下学时段学校门口车辆乱停，孩子过马路很危险。",
		"请增设交通信号灯和护学岗。",
		2,
		"",
		None,
	),
	(
		DAILY,
		"拖欠工资",
		"装修公司拖欠工人工资",
		"在装修公司做木工半年，老板拖欠工资后失联。",
		"请帮助找到老板并追回工资。",
		6,
		"a",
		None,
	),
	(
		LEADER_DAY,
		"社会保险",
		"失地农民社保缴费补贴未落实",
		"征地时承诺的社保缴费补贴一直没有到位。",
		"请落实补贴政策。",
		8,
		"",
		None,
	),
	(
		DAILY,
		"市场监管",
		"网购保健品虚假宣传",
		"老人在直播间买了上万元保健品，宣传能治病，吃了没有效果。",
		"请查处商家并帮助退款。",
		1,
		"eu",
		None,
	),
	(
		DAILY,
		"物业管理",
		"电梯长期故障无人维修",
		"小区三号楼电梯停运两个月，楼里多位老人出行困难。",
		"请督促物业维修电梯。",
		4,
		"e",
		"已当场联系住房和城乡建设局物业科，答复三日内督促维修并回复。",
	),
	(
		DAILY,
		"土地征收",
		"征地后承包地面积登记错误",
		"确权登记时承包地少登记了一亩二分。",
		"请更正登记。",
		1,
		"",
		None,
	),
	(
		LEADER_VISIT,
		"拖欠工资",
		"工业园区企业集中欠薪",
		"园区两家企业停产，一百多名工人工资未发放，推选代表来访。",
		"请政府协调发放工资。",
		25,
		"a",
		None,
	),
	(
		DAILY,
		"社会保险",
		"医保异地报销手续复杂",
		"在外地住院，回来报销被要求补交多项材料。",
		"请简化报销手续。",
		1,
		"u",
		"已当场说明异地就医备案和报销所需材料，信访人表示理解。",
	),
	(
		DAILY,
		"房屋拆迁安置",
		"拆迁评估结果不公",
		"同一条街的房屋评估单价差别很大。",
		"请重新评估。",
		2,
		"",
		None,
	),
	(
		LEADER_DAY,
		"治安管理",
		"邻里纠纷多次报警未解决",
		"楼上住户长期在楼道堆放杂物，多次报警仍未解决。",
		"请派出所和社区共同调解。",
		1,
		"a",
		None,
	),
	(
		DAILY,
		"交通管理",
		"道路施工封闭影响商户经营",
		"道路封闭施工半年，沿街商户几乎没有生意。",
		"请加快施工进度并给予补偿。",
		12,
		"",
		None,
	),
	(
		DAILY,
		"市场监管",
		"农贸市场摊位费上涨过快",
		"农贸市场摊位费一年上涨一倍。",
		"请核查收费标准。",
		7,
		"",
		"已当场答复将由市场监督管理局核查收费依据，十个工作日内回复代表。",
	),
	(DAILY, "社会保险", "高龄津贴停发", "父亲九十二岁，高龄津贴从今年起停发。", "请恢复发放。", 1, "e", None),
	(
		DAILY,
		"拖欠工资",
		"物流公司拖欠司机运费",
		"给物流公司跑运输，三个月运费没有结算。",
		"请督促结算。",
		3,
		"",
		None,
	),
)

EN_VISITS = (
	(
		DAILY,
		"拖欠工资",
		"Unpaid wages at a garment workshop",
		"The workshop closed and owes us two months of wages.",
		"Please help us get paid.",
		1,
		"",
		None,
	),
	(
		LEADER_DAY,
		"房屋拆迁安置",
		"Resettlement flat smaller than agreed",
		"The flat we received is twelve square metres smaller than the agreement.",
		"Please correct the allocation.",
		2,
		"e",
		None,
	),
	(
		DAILY,
		"物业管理",
		"Leaking roof not repaired by the management company",
		"Rain comes through the roof of building 5 and the company does nothing.",
		"Please order the repair.",
		1,
		"",
		"Explained on the spot that the housing bureau will inspect the roof this week.",
	),
	(
		DAILY,
		"社会保险",
		"Pension stopped after a move",
		"My pension stopped after I moved back to the county.",
		"Please restore the payments.",
		1,
		"u",
		None,
	),
	(
		LEADER_VISIT,
		"土地征收",
		"Villagers question the land compensation",
		"Forty households say the compensation was paid to the wrong accounts; their representatives came.",
		"Please audit the payments.",
		40,
		"",
		None,
	),
	(
		DAILY,
		"治安管理",
		"Karaoke bar noise late at night",
		"The karaoke bar under our flat is loud until three in the morning.",
		"Please enforce the noise rules.",
		1,
		"a",
		None,
	),
	(
		DAILY,
		"交通管理",
		"Missing pedestrian crossing near the hospital",
		"Patients cross six lanes with no crossing near the county hospital.",
		"Please paint a crossing and add lights.",
		2,
		"e",
		"Explained on the spot that the traffic brigade has scheduled the crossing for next month.",
	),
	(
		DAILY,
		"市场监管",
		"Expired food sold at a supermarket",
		"I bought expired milk twice at the same supermarket.",
		"Please inspect the supermarket.",
		1,
		"",
		None,
	),
)

SPECIAL_FIELDS = {"a": "is_agitated", "u": "is_unwell", "e": "is_elderly"}
# What the officer did, with a colleague's name from the row's language.
CARE_NOTES = {
	"zh": "已安排座位和饮水，通知{0}到场陪同并做好安抚。",
	"en": "Offered a seat and water; {0} from the office stayed with the visitors.",
}


def make_visits(context):
	petitioners = frappe.get_all("Petitioner", order_by="creation asc", pluck="name", limit=60)
	if not petitioners:
		return
	rows = [(row, context.zh, "zh") for row in ZH_VISITS] + [(row, context.en, "en") for row in EN_VISITS]
	for index, (row, fake, lang) in enumerate(rows):
		name = frappe.db.get_value("Petition Visit", {"subject": row[2]})
		if not name:
			name = make_visit(index, row, CARE_NOTES[lang].format(fake.name()), petitioners).name
		context.add("Petition Visit", name)


def make_visit(index: int, row: tuple, care_note: str, petitioners: list[str]):
	reception_type, category, subject, content, request, visitors, special, answer = row
	visit = frappe.new_doc("Petition Visit")
	visit.update(
		{
			"visit_datetime": visit_time(index),
			"reception_officer": demo_user("reception"),
			"reception_type": reception_type,
			"receiving_leader": demo_user(RECEIVING_LEADERS[reception_type])
			if reception_type in RECEIVING_LEADERS
			else None,
			"number_of_visitors": visitors,
			"category": category if frappe.db.exists("Petition Category", category) else None,
			"subject": subject,
			"content": f"<p>{content}</p>",
			"request": request,
		}
	)
	for flag in special:
		visit.set(SPECIAL_FIELDS[flag], 1)
	if special:
		visit.special_notes = care_note
	# a group lists its elected representatives, others the people who came
	listed = min(visitors, get_settings().max_representatives, 1 + index % 5)
	for petitioner in pick(petitioners, index, listed):
		visit.append("petitioners", {"petitioner": petitioner})
	if answer:
		visit.outcome = "Answered on the Spot"
		visit.on_the_spot_answer = answer
	visit.insert(ignore_permissions=True)
	return visit


def visit_time(index: int):
	"""Working hours on one of the last sixty days."""
	morning = get_datetime(f"{nowdate()} 08:30:00")
	return add_to_date(morning, days=-(1 + index * 2 % 60), hours=index % 8, minutes=index * 7 % 60)


def pick(petitioners: list[str], index: int, count: int) -> list[str]:
	start = index * 3 % len(petitioners)
	return [petitioners[(start + k) % len(petitioners)] for k in range(min(count, len(petitioners)))]


def demo_user(login: str) -> str:
	user = demo_email(login)
	return user if frappe.db.exists("User", user) else "Administrator"
