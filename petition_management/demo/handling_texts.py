"""What the demo's units and office write while handling a case: the lead unit's handling opinion and
reply by category, a co-handling unit's, objections, returns for rework, return-visit notes, reasons for
non-acceptance and file numbers. Chinese for the Chinese cases,
English for the English ones."""

import frappe

# category: (the lead unit's handling opinion, its reply to the petitioner)
LEAD_REPLIES = {
	"物业管理": (
		"经我局会同街道办事处现场核查，反映的物业服务和收费问题基本属实。已约谈物业服务企业负责人，"
		"责令其限期整改，并将其纳入物业服务企业信用评价。",
		"您反映的问题经核查基本属实。物业服务企业已按要求整改，擅自调整的收费已恢复原标准，"
		"多收的费用将于本月内退还。",
	),
	"房屋拆迁安置": (
		"经我局会同征收实施单位核查，安置房交付延期及面积差异问题属实。已责成征收实施单位与信访人"
		"重新核对安置协议，按约定补足差价并书面明确交付时间。",
		"经核查，您反映的安置问题属实。征收实施单位已按安置协议重新核算，面积差价予以补偿，"
		"并书面承诺了交付时间。",
	),
	"治安管理": (
		"经调取出警记录、走访当事人及周边群众，反映情况基本属实。派出所已依法处理相关违法行为，"
		"并会同社区开展矛盾调解，列为重点关注。",
		"经核查，您反映的问题基本属实。公安机关已依法处理相关违法行为，并会同社区进行调解，"
		"今后将加强巡逻防控。",
	),
	"交通管理": (
		"经现场勘查，反映路段的交通组织问题属实。已会同相关部门优化交通组织、增设交通标志标线，"
		"并在高峰时段安排警力疏导。",
		"您反映的交通问题已处理：相关路段已优化交通组织并增设标志标线，高峰时段安排警力疏导。",
	),
	"拖欠工资": (
		"经劳动保障监察大队调查，用人单位拖欠工资问题属实。已下达劳动保障监察限期改正指令书，"
		"责令其在十五日内足额支付。",
		"经调查，您反映的拖欠工资问题属实。用人单位已按我局指令足额支付拖欠的工资，请注意查收。",
	),
	"社会保险": (
		"经社会保险经办机构核查，相关待遇（补贴）未按时发放，系资格认证信息未及时更新所致。"
		"已完成信息更新并补发应发款项。",
		"经核查，您反映的社会保险待遇问题已查明原因，相关信息已更新，应发款项已补发到账。",
	),
	"土地征收": (
		"经我局会同乡镇人民政府核查征地补偿方案及分配台账，补偿标准符合批准方案，"
		"但分配明细公示不充分。已责成村集体重新公示分配明细，接受群众监督。",
		"经核查，土地征收补偿标准符合批准的补偿方案。针对分配不透明的问题，已责成村集体"
		"重新公示分配明细，如有异议可向乡镇人民政府提出。",
	),
	"市场监管": (
		"经执法人员现场检查，反映的问题属实。已依法对经营者立案调查，责令其立即改正，并将依法处罚。",
		"经现场检查，您反映的问题属实。我局已依法对经营者立案调查并责令改正，处理结果将依法公示。",
	),
}
LEAD_REPLY = (
	"经核查，反映情况基本属实。已责成有关责任方限期整改，并将跟踪整改落实情况。",
	"经核查，您反映的问题基本属实，有关责任方已按要求整改。",
)
CO_REPLY = (
	"本单位配合牵头单位开展核查，已就职责范围内的问题提出处理意见，并送牵头单位汇总。",
	"本单位职责范围内的问题已处理完毕，处理情况已送牵头单位汇总答复。",
)
EN_LEAD_REPLY = (
	"We inspected the site with the street office and heard both sides. The complaint is founded in "
	"part; the party responsible was ordered to put it right within fifteen days.",
	"Your complaint was looked into and is founded in part. The party responsible has been ordered to "
	"put it right, and we have checked that it did.",
)
EN_CO_REPLY = (
	"We helped the lead unit check the facts and dealt with the part that is ours; our findings went to "
	"the lead unit for its summary.",
	"The part of your complaint that falls to us has been dealt with; the lead unit answers for all.",
)
REVIEW_NOTICE = {
	"zh": "如对本处理意见不服，可自收到之日起三十日内向上一级行政机关申请复查。",
	"en": "If you disagree with this reply, you may ask for a review within thirty days of receiving it.",
}
REWORK = {
	"zh": "处理依据：已补充相关法规条款及现场核查记录。",
	"en": "Basis: the rules applied and the inspection record are now cited.",
}
OBJECTION = {
	"zh": "反映事项属于其他部门的法定职责，不在本单位职责范围内，请重新确定承办单位。",
	"en": "The matter is another department's statutory duty; please route it to the competent unit.",
}
RETURN_REASON = {
	"zh": "处理意见未写明事实依据和政策依据，请补充后重新报送。",
	"en": "The opinion does not state the facts found and the rules applied; please complete it.",
}
# legal channel of the category: (reason, where the petitioner should turn); "" for any other matter
NON_ACCEPTANCE = {
	"Arbitration": ("该事项属于劳动争议，应依法申请劳动仲裁。", "县劳动人事争议仲裁委员会"),
	"Litigation": ("该事项属于应当通过诉讼解决的民事纠纷，依法不予受理。", "县人民法院"),
	"Administrative Reconsideration": ("该事项系对行政行为不服，应依法申请行政复议。", "县人民政府"),
	"": ("反映事项已由有权机关依法作出处理，信访人未提出新的事实和理由。", "原处理机关的上一级机关"),
}
# satisfaction: (method, note)
RETURN_VISITS = {
	"Satisfied": ("Phone", "电话回访，信访人对处理结果表示满意。"),
	"Basically Satisfied": ("In Person", "上门回访，信访人表示问题基本解决，希望继续跟踪后续整改。"),
	"Dissatisfied": ("Phone", "电话回访，信访人对处理结果不满意，已告知其可依法申请复查。"),
}


def language_of(case_subject: str) -> str:
	return "en" if (case_subject or "").isascii() else "zh"


def paragraphs(*texts: str) -> str:
	return "".join(f"<p>{frappe.utils.escape_html(text)}</p>" for text in texts)


def reply_texts(category: str | None, language: str, lead: bool) -> tuple[str, str]:
	if language == "en":
		return EN_LEAD_REPLY if lead else EN_CO_REPLY
	return LEAD_REPLIES.get(category, LEAD_REPLY) if lead else CO_REPLY


def unit_reply(category: str | None, language: str, lead: bool) -> dict:
	"""The handling opinion and the reply draft a unit writes on its reply receipt."""
	opinion, reply = reply_texts(category, language, lead)
	return {
		"handling_opinion": paragraphs(opinion),
		"reply_draft": paragraphs(reply, REVIEW_NOTICE[language]),
	}


def reworked_reply(category: str | None, language: str, lead: bool) -> dict:
	reply = reply_texts(category, language, lead)[1]
	return {"reply_draft": paragraphs(reply, REWORK[language], REVIEW_NOTICE[language])}


def archive_number(year: int) -> str:
	"""The next file number of the year: year, retention period, sequence."""
	prefix = f"{year}-长期-"
	taken = frappe.db.count("Petition Case", {"archive_number": ("like", f"{prefix}%")})
	return f"{prefix}{taken + 1:03d}"
