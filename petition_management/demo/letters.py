"""Demo letters: every channel, named and anonymous, e-mails and referrals from a higher authority.

Each letter is found again by its subject, so running the demo twice adds nothing. Outcomes that open
a case are left to the case step; anonymous letters close themselves with "No Reply Required".
"""

import frappe
from frappe.utils import add_days, getdate, nowdate

from petition_management.intake.identity import create_letter

REFERRAL_AUTHORITY = "市信访局"

# (channel, category, subject, content, request, sender) — sender: "petitioner", "named", "anonymous"
ZH_LETTERS = (
	(
		"Post",
		"房屋拆迁安置",
		"关于旧城改造安置房迟迟未交付的来信",
		"我家于2023年签订拆迁安置协议，约定两年内交付安置房，至今仍未交房，过渡费也已停发三个月。",
		"请求尽快交付安置房并补发过渡费。",
		"petitioner",
	),
	(
		"Post",
		"物业管理",
		"反映小区物业擅自提高收费标准",
		"幸福家园小区物业公司未经业主大会同意，将物业费由每平方米1.2元提高到1.8元。",
		"请求责令物业公司恢复原收费标准。",
		"named",
	),
	(
		"Post",
		"治安管理",
		"举报某娱乐场所深夜噪音扰民",
		"城关街道人民路一家歌厅每晚营业到凌晨两点，音响声音很大，周边居民无法休息。",
		"请求依法查处。",
		"anonymous",
	),
	(
		"E-mail",
		"拖欠工资",
		"反映建筑工地拖欠农民工工资",
		"我们一行十二人在河西镇某工地务工，工程完工已三个月，包工头以甲方未付款为由拒付工资共计二十余万元。",
		"请求帮助追讨被拖欠的工资。",
		"petitioner",
	),
	(
		"E-mail",
		"社会保险",
		"咨询灵活就业人员养老保险补缴问题",
		"本人2010年至2015年在外地务工期间未缴纳养老保险，现回乡灵活就业，想了解能否补缴。",
		"请求答复补缴政策和办理流程。",
		"named",
	),
	(
		"E-mail",
		"市场监管",
		"举报超市销售过期食品",
		"本人在某超市购买的酸奶已过保质期三天，与店员交涉无果。",
		"请求查处并给予赔偿。",
		"anonymous",
	),
	(
		"Leader's Mailbox",
		"交通管理",
		"建议在学校门口增设交通信号灯",
		"实验小学门口路段上下学时段车流量大，学生过马路十分危险，已发生多起剐蹭事故。",
		"建议增设信号灯和减速带。",
		"named",
	),
	(
		"Leader's Mailbox",
		"土地征收",
		"反映土地征收补偿款分配不公",
		"村里征地补偿款分配方案未经村民代表大会讨论，部分外嫁女未分到补偿款。",
		"请求依法重新制定分配方案。",
		"petitioner",
	),
	(
		"Leader's Mailbox",
		"物业管理",
		"反映小区电梯长期故障无人维修",
		"小区3号楼电梯故障已一个多月，楼内多位老人上下楼困难。",
		"请求督促维修电梯。",
		"anonymous",
	),
	(
		"Website Message",
		"社会保险",
		"医保异地就医备案办理咨询",
		"父亲在省城住院治疗，想了解异地就医备案需要哪些材料，能否网上办理。",
		"请求告知办理方式。",
		"named",
	),
	(
		"Website Message",
		"市场监管",
		"反映农贸市场缺斤少两",
		"在城关农贸市场购买蔬菜多次发现缺斤少两，公平秤经常无人管理。",
		"请求加强市场监管。",
		"petitioner",
	),
	(
		"Website Message",
		"治安管理",
		"反映夜间有人在河堤非法捕鱼",
		"近期每晚都有人在河西大桥附近用电瓶电鱼。",
		"请求相关部门巡查制止。",
		"anonymous",
	),
	(
		"Fax",
		"劳动争议",
		"反映公司无故解除劳动合同",
		"本人在某公司工作八年，公司以经营困难为由解除劳动合同，未支付经济补偿。",
		"请求依法支付经济补偿金。",
		"named",
	),
	(
		"Fax",
		"行政行为争议",
		"对行政处罚决定有异议",
		"本人经营的小餐馆因门前堆放杂物被处以罚款五千元，认为处罚过重。",
		"请求重新核查处罚决定。",
		"petitioner",
	),
	(
		"Phone Call",
		"交通管理",
		"反映国道路段路灯损坏",
		"国道旁河西镇路段十余盏路灯损坏，夜间行车存在安全隐患。",
		"请求尽快修复路灯。",
		"named",
	),
	(
		"Phone Call",
		"拖欠工资",
		"反映餐馆拖欠服务员工资",
		"来电人称在某餐馆做服务员，老板拖欠两个月工资后关店失联。",
		"请求帮助追讨工资。",
		"anonymous",
	),
	(
		"Phone Call",
		"房屋拆迁安置",
		"咨询棚户区改造政策",
		"来电人询问本村是否列入今年棚户区改造范围以及补偿标准。",
		"请求答复。",
		"petitioner",
	),
	(
		"Referred by Higher Authority",
		"土地征收",
		"市信访局转送：反映征地未依法公告",
		"来信人反映所在村征收集体土地前未张贴征地公告，也未听取村民意见。",
		"请求依法核查。",
		"petitioner",
	),
	(
		"Referred by Higher Authority",
		"房屋拆迁安置",
		"市信访局转送：反映安置房质量问题",
		"来信人反映新交付的安置房墙体开裂、屋顶渗水，多次报修未果。",
		"请求督促施工单位维修。",
		"named",
	),
	(
		"Referred by Higher Authority",
		"涉法涉诉",
		"市信访局转送：反映民事判决执行难",
		"来信人称其胜诉的民间借贷案件判决生效已一年，被执行人至今未履行。",
		"请求督促执行。",
		"named",
	),
	(
		"Post",
		"劳动和社会保障",
		"反映企业未为职工缴纳社保",
		"本人所在的服装厂有三十余名职工，企业一直未为职工缴纳社会保险。",
		"请求责令企业依法缴纳。",
		"anonymous",
	),
	(
		"Post",
		"市场监管",
		"反映药店销售处方药不凭处方",
		"某药店长期不凭处方销售抗生素。",
		"请求依法查处。",
		"named",
	),
	(
		"E-mail",
		"行政行为争议",
		"对不动产登记办理结果有异议",
		"本人申请办理不动产转移登记被退回，理由说明不清。",
		"请求说明理由并重新受理。",
		"named",
	),
)

# (channel, category, subject, content, request, sender)
EN_LETTERS = (
	(
		"E-mail",
		"社会保险",
		"Pension transfer for a returning worker",
		"I worked in another province for ten years and want to move my pension account here.",
		"Please tell me which documents are needed.",
		"named",
	),
	(
		"E-mail",
		"物业管理",
		"Water supply cut off in our building",
		"Our building has had no running water for four days and the property company does not answer.",
		"Please restore the water supply.",
		"anonymous",
	),
	(
		"Post",
		"交通管理",
		"Request for a pedestrian crossing on River Road",
		"Children cross River Road to reach the school and there is no crossing.",
		"Please paint a crossing and add a sign.",
		"petitioner",
	),
	(
		"Website Message",
		"市场监管",
		"Misleading prices at a supermarket",
		"Shelf prices differ from the prices charged at the till.",
		"Please inspect the shop.",
		"named",
	),
	(
		"Referred by Higher Authority",
		"拖欠工资",
		"Referred: unpaid wages at a logistics company",
		"Twenty drivers say they have not been paid for two months.",
		"Please help recover the wages.",
		"named",
	),
	(
		"Fax",
		"劳动争议",
		"Overtime not paid by a factory",
		"The factory asks us to work twelve-hour shifts without overtime pay.",
		"Please investigate.",
		"anonymous",
	),
	(
		"Phone Call",
		"治安管理",
		"Noise from a building site at night",
		"Pile driving goes on after midnight near Xinhua Street.",
		"Please stop the night work.",
		"named",
	),
)


def make_letters(context):
	petitioners = frappe.get_all(
		"Petitioner Identity",
		fields=["petitioner as name", "address"],
		order_by="creation asc",
		limit=len(ZH_LETTERS),
	)
	rows = [(row, context.zh) for row in ZH_LETTERS] + [(row, context.en) for row in EN_LETTERS]
	for index, (row, fake) in enumerate(rows):
		name = frappe.db.get_value("Petition Letter", {"subject": row[2]})
		if not name:
			name = make_letter(index, row, fake, petitioners).name
		context.add("Petition Letter", name)


def make_letter(index: int, row: tuple, fake, petitioners: list):
	channel, category, subject, content, request, sender = row
	received_on = getdate(add_days(nowdate(), -(index * 2 % 45) - 1))
	letter = frappe._dict(
		{
			"channel": channel,
			"received_on": received_on,
			"category": category if frappe.db.exists("Petition Category", category) else None,
			"subject": subject,
			"content": f"<p>{content}</p>",
			"request": request,
		}
	)
	set_sender(letter, sender, fake, petitioners[index % len(petitioners)] if petitioners else None)
	if channel == "Referred by Higher Authority":
		letter.update(
			{
				"referral_authority": REFERRAL_AUTHORITY,
				"referral_reference": f"市信转〔{received_on.year}〕{index + 1}号",
				"referral_deadline": add_days(received_on, 10),
			}
		)
	return create_letter(letter, ignore_permissions=True)


def set_sender(letter, sender: str, fake, petitioner):
	"""A linked petitioner, a named sender with an address, or an anonymous one (a name at most)."""
	if sender == "petitioner" and petitioner:
		letter.petitioner = petitioner.name
		letter.sender_address = petitioner.address or fake.address()
		return
	if sender == "anonymous":
		# An anonymous letter is signed at most with a name; an anonymous e-mail has no display name
		if letter.channel != "E-mail":
			letter.sender_name = fake.name() if fake.boolean() else None
		letter.sender_email = fake.free_email() if letter.channel == "E-mail" else None
		return
	letter.sender_name = fake.name()
	letter.sender_address = fake.address()
	letter.sender_phone = fake.phone_number()
	if letter.channel in ("E-mail", "Website Message"):
		letter.sender_email = fake.free_email()
