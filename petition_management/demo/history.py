"""Demo history: last year's petitions and the year's earlier ones, cross-level petitions among them, so
that the Cross-level Petitions report compares with something on a new site (the same period a year
earlier, or the previous period) and the appraisal has a past year to approve.

Each letter comes in on its day, in the past (clock.py): the reception registers it, the office marks a
cross-level petition with the higher level the petitioner went to, and the case goes its way through the
real Workflows: answered on the spot, not accepted (a matter for another legal channel) and archived, or
accepted, handled by a unit (with a co-handling unit for some), replied, visited again and archived
(lifecycle.walk_case). Runs once: the first letter is found again by its subject.
"""

import datetime
from typing import NamedTuple

import frappe
from frappe.utils import add_days, add_years, get_datetime, getdate, nowdate

from petition_management.demo.acting import acting_as, save_as, staff
from petition_management.demo.cases import (
	ACCEPT,
	APPROVE,
	ARCHIVE_REFUSAL,
	NOT_ACCEPT,
	ON_THE_SPOT,
	REFUSE,
	walk,
)
from petition_management.demo.clock import demo_clock
from petition_management.demo.lifecycle import Scenario, lead_unit_for, walk_case
from petition_management.demo.unit_work import unit_people
from petition_management.handling.transfers import lead_transfer
from petition_management.intake.cases import register_case
from petition_management.intake.identity import create_letter

CASE = "Petition Case"
LETTER = "Petition Letter"

# How a case goes: answered on the spot, not accepted and archived, or handled to its archive
SPOT = "spot"
REFUSED = "refused"
HANDLED = "handled"
CO_HANDLED = "co-handled"
SATISFACTION = ("Satisfied", "Basically Satisfied", "Dissatisfied")


class Story(NamedTuple):
	years_ago: int  # 1: last year's
	days_ago: int  # days before the same day of that year
	channel: str
	category: str
	subject: str
	content: str
	request: str
	higher_level: str | None  # the level a cross-level petitioner also went to
	path: str


STORIES = (
	Story(1, 300, "Post", "房屋拆迁安置", "反映棚户区改造补偿款未按期发放", "我户于去年签订棚改补偿协议，约定的第二期补偿款至今未发放。",
		"请求按协议发放补偿款。", "City", HANDLED),
	Story(1, 270, "Leader's Mailbox", "拖欠工资", "反映建筑工地拖欠农民工工资", "我们十二名工人在城南工地干了八个月，包工头拖欠工资共计三十余万元。",
		"请求帮助追讨欠薪。", "Province", CO_HANDLED),
	Story(1, 240, "Phone Call", "物业管理", "咨询小区公共收益的公示办法", "想了解小区电梯广告等公共收益应当如何向业主公示。",
		"请告知相关规定。", None, SPOT),
	Story(1, 210, "Post", "涉法涉诉", "对民事判决不服要求改判", "对法院就房屋买卖纠纷作出的判决不服，认为证据认定有误。",
		"请求撤销原判。", "City", REFUSED),
	Story(1, 180, "E-mail", "社会保险", "反映养老保险缴费年限认定有误", "我在原国有企业工作十年，社保系统只认定了六年。",
		"请求核实并更正缴费年限。", None, HANDLED),
	Story(1, 150, "Website Message", "交通管理", "反映学校门口上下学时段交通拥堵", "实验小学门口每天放学时车辆乱停，孩子过马路很危险。",
		"请求增派警力疏导。", "City", HANDLED),
	Story(1, 120, "Post", "劳动争议", "与用人单位解除劳动合同的补偿争议", "公司单方面解除劳动合同，只愿支付一个月工资作为补偿。",
		"请求按法律规定支付经济补偿。", None, REFUSED),
	Story(1, 90, "Website Message", "市场监管", "举报超市销售过期食品", "在城关某超市购买的牛奶已过保质期三天。",
		"请求依法查处。", None, CO_HANDLED),
	Story(1, 60, "Phone Call", "治安管理", "咨询办理居住证需要的材料", "刚来本县工作，想办理居住证，不清楚需要准备哪些材料。",
		"请告知办理流程。", None, SPOT),
	Story(1, 30, "Post", "土地征收", "反映征地补偿标准低于周边村", "我村被征收的耕地补偿标准比相邻村每亩低两千元。",
		"请求按同一标准补偿。", "National", HANDLED),
	Story(1, -20, "Post", "行政行为争议", "对行政处罚决定不服", "因门前经营被处以罚款，认为处罚过重。",
		"请求撤销处罚决定。", "City", REFUSED),
	Story(0, 250, "Post", "房屋拆迁安置", "反映安置房配套道路迟迟未修通", "安置小区入住一年多，通往主干道的道路仍未修通，雨天泥泞难行。",
		"请求尽快修通道路。", "City", HANDLED),
	Story(0, 160, "Leader's Mailbox", "拖欠工资", "反映商贸公司拖欠员工三个月工资", "公司以经营困难为由，已拖欠二十多名员工三个月工资。",
		"请求督促公司支付工资。", None, CO_HANDLED),
	Story(0, 90, "Phone Call", "物业管理", "咨询业主委员会的成立程序", "小区想成立业主委员会，不清楚需要哪些程序。",
		"请告知成立程序。", None, SPOT),
)  # fmt: skip


def received_on(story: Story, today) -> datetime.date:
	"""The story's day: that many days before `today`'s date in its year, never later than yesterday."""
	day = getdate(add_days(add_years(today, -story.years_ago), -story.days_ago))
	return min(day, getdate(add_days(today, -1)))


def make_history(context):
	if frappe.db.exists(LETTER, {"subject": STORIES[0].subject}):
		return
	today = getdate(nowdate())  # before the clock goes back in time
	stories = sorted((received_on(story, today), story) for story in STORIES)
	with demo_clock() as clock:
		for index, (day, story) in enumerate(stories):
			clock.new_story()
			case = tell(clock, day, story, index, context)
			context.add(CASE, case)


def tell(clock, day: datetime.date, story: Story, index: int, context) -> str:
	clock.move(get_datetime(f"{day} 09:00:00"))
	with acting_as(staff("reception")):
		letter = create_letter(
			{
				"channel": story.channel,
				"received_on": day,
				"category": story.category if frappe.db.exists("Petition Category", story.category) else None,
				"subject": story.subject,
				"content": f"<p>{story.content}</p>",
				"request": story.request,
				"sender_name": context.zh.name(),
				"sender_address": context.zh.address(),
			}
		)
		context.add(LETTER, letter.name)
		clock.move(get_datetime(f"{day} 09:30:00"))
		letter.db_set({"outcome": "Registered as a Case", "status": "Closed"})
		case = register_case(letter)
	if story.higher_level:
		clock.move(get_datetime(f"{day} 10:00:00"))
		save_as(staff("office"), CASE, case, {"cross_level": 1, "cross_level_to": story.higher_level})
	if story.path == SPOT:
		walk(clock, case, day, (ON_THE_SPOT,))
	elif story.path == REFUSED:
		walk(clock, case, day, (NOT_ACCEPT, REFUSE, ARCHIVE_REFUSAL))
	else:
		walk(clock, case, day, (ACCEPT, APPROVE))
		handle(clock, case, story, index, context)
	return case


def handle(clock, name: str, story: Story, index: int, context):
	"""The accepted case to its archive: a lead unit the demo staffs, a co-handling unit for some."""
	case = frappe._dict(
		frappe.db.get_value(
			CASE, name, ["name", "subject", "category", "accepted_on", "suggested_unit"], as_dict=True
		)
	)
	case.lead = lead_transfer(name)
	case.lead_unit = case.lead.unit if case.lead else lead_unit_for(case, index)
	if not unit_people(case.lead_unit):
		return
	scenario = Scenario(
		"Archived",
		"Reply Accepted",
		"Reply Accepted" if story.path == CO_HANDLED else None,
		satisfaction=SATISFACTION[index % len(SATISFACTION)],
	)
	for transfer in walk_case(clock, case, scenario, index):
		context.add("Petition Transfer", transfer)
