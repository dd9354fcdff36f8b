"""Demo Petitioners: residents of the demo county's townships with valid resident IDs, a few foreign
visitors with passports, two people with no ID on file, and two look-alikes that the likely-duplicate
check points out (a shared family phone; the same name in the same township).

The identity of each demo person (ID number, birth date, gender) comes from a local random generator
seeded by the person's position, so a re-run finds the same people whatever the shared fakers drew
before; names, phones and addresses come from the context's fakers.
"""

import datetime
import random

import frappe

from petition_management.intake.identity import create_petitioner
from petition_management.rules.resident_id import check_digit, is_valid_phone

# Townships of the demo county (see masters.UNITS) and real-looking county codes of the same prefecture.
REGIONS = ("城关街道", "河西镇", "东城街道", "柳林镇", "石桥乡")
COUNTY_CODES = ("410521", "410522", "410526")
RESIDENTS = 32
FOREIGN_VISITORS = 4
# People who gave no ID number: (name, township)
WITHOUT_ID = (("王秀兰", "石桥乡"), ("李桂英", "柳林镇"))
GIVEN_NAMES = {
	"Male": (
		"建国",
		"志强",
		"伟",
		"军",
		"勇",
		"海涛",
		"明",
		"国强",
		"德福",
		"振华",
		"浩",
		"宇航",
		"永刚",
		"立新",
	),
	"Female": (
		"秀英",
		"桂兰",
		"丽娟",
		"淑珍",
		"玉梅",
		"芳",
		"静",
		"婷",
		"红霞",
		"春燕",
		"雪梅",
		"晓丽",
		"慧",
		"凤英",
	),
}
EARLIEST_BIRTH = datetime.date(1942, 1, 1)
LATEST_BIRTH = datetime.date(2004, 12, 31)


def make_petitioners(context):
	residents = [make_resident(context, index) for index in range(RESIDENTS)]
	for index in range(FOREIGN_VISITORS):
		make_foreign_visitor(context, index)
	for full_name, region in WITHOUT_ID:
		make_without_id(context, full_name, region)
	make_look_alikes(context, residents)
	frappe.clear_messages()  # the likely-duplicate notes of the look-alikes are meant for a person at a form


def resident_identity(index: int, gender: str | None = None) -> tuple[str, str]:
	"""(resident ID number, gender) of demo resident ``index``, the same on every run."""
	rng = random.Random(f"petitioner-{index}")
	born = EARLIEST_BIRTH + datetime.timedelta(days=rng.randrange((LATEST_BIRTH - EARLIEST_BIRTH).days))
	gender = gender or rng.choice(("Male", "Female"))
	sequence = rng.randrange(0, 100) * 10 + rng.choice(
		(1, 3, 5, 7, 9) if gender == "Male" else (0, 2, 4, 6, 8)
	)
	first17 = f"{rng.choice(COUNTY_CODES)}{born:%Y%m%d}{sequence:03d}"
	return first17 + check_digit(first17), gender


def make_resident(context, index: int) -> str:
	number, gender = resident_identity(index)
	region = REGIONS[index % len(REGIONS)]
	return insert_once(
		context,
		{"id_type": "PRC Resident ID", "id_number": number},
		{
			"full_name": chinese_name(context, gender),
			"phone": mobile(context),
			"email": context.zh.free_email() if index % 4 == 0 else None,
			"address": street_address(context, region),
			"region": region,
		},
	)


def make_foreign_visitor(context, index: int) -> str:
	rng = random.Random(f"visitor-{index}")
	female = index % 2
	return insert_once(
		context,
		{"id_type": "Passport", "id_number": f"{rng.choice('ACEFGKLM')}{rng.randrange(10**7, 10**8)}"},
		{
			"full_name": context.en.name_female() if female else context.en.name_male(),
			"gender": "Female" if female else "Male",
			"phone": mobile(context) if index % 2 == 0 else None,
			"email": context.en.email(),
			"address": street_address(context, REGIONS[0]),
			"region": REGIONS[0],
			"notes": "Foreign resident; asked for replies in English.",
		},
	)


def make_without_id(context, full_name: str, region: str) -> str:
	return insert_once(
		context,
		{"id_type": "None", "full_name": full_name, "region": region},
		{"gender": "Female", "address": street_address(context, region)},
	)


def make_look_alikes(context, residents: list[str]):
	"""A relative who gives the family's phone, and a namesake in the same township."""
	first = frappe.db.get_value("Petitioner", residents[0], ["region", "full_name"], as_dict=True)
	first.phone = frappe.db.get_value("Petitioner Identity", residents[0], "phone")
	second = frappe.db.get_value("Petitioner", residents[1], ["region", "full_name", "gender"], as_dict=True)
	relative, gender = resident_identity(RESIDENTS)
	insert_once(
		context,
		{"id_type": "PRC Resident ID", "id_number": relative},
		{
			"full_name": chinese_name(context, gender),
			"phone": first.phone,
			"address": street_address(context, first.region),
			"region": first.region,
		},
	)
	namesake, _ = resident_identity(RESIDENTS + 1, second.gender)
	insert_once(
		context,
		{"id_type": "PRC Resident ID", "id_number": namesake},
		{
			"full_name": second.full_name,
			"phone": mobile(context),
			"address": street_address(context, second.region),
			"region": second.region,
		},
	)


def insert_once(context, identity: dict, values: dict) -> str:
	"""The Petitioner with this identity, created when it is not there yet."""
	if identity.get("id_number"):
		name = frappe.db.get_value("Petitioner Identity", identity, "petitioner")
	else:
		name = frappe.db.get_value(
			"Petitioner", {k: v for k, v in identity.items() if k != "id_type"}, "name"
		)
	if not name:
		name = create_petitioner({**identity, **values}, ignore_permissions=True).name
	context.add("Petitioner", name)
	return name


def chinese_name(context, gender: str) -> str:
	return context.zh.last_name() + context.zh.random_element(GIVEN_NAMES[gender])


def mobile(context) -> str | None:
	for _attempt in range(5):
		number = context.zh.phone_number()
		if is_valid_phone(number):
			return number
	return None


def street_address(context, region: str) -> str:
	return f"{region}{context.zh.street_name()}{context.zh.random_int(1, 200)}号"
