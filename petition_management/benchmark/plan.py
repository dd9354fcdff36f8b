"""Who petitions about what, when and to which unit: the skeleton of N cases over three years, drawn once
(chronologically, from one seeded generator) and kept in compact arrays.

Spreads: more cases on working days, a mild seasonal swing and 30% growth over the three years;
categories and units follow a Zipf-like law (a few busy units, a long tail); 22% of cases come from a
petitioner who already had a case (a repeat petition, noted on the earlier case), 70% of them about the
same category; 4% are group petitions with 2 to 5 petitioners.
"""

import math
import random
from array import array
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import accumulate

REPEAT_SHARE = 0.22
SAME_CATEGORY_REPEAT = 0.7
GROUP_SHARE = 0.04
CATEGORY_UNIT_SHARE = 0.75
REPEAT_GAP_DAYS = 90
STAGES = 10  # stage 1 is every 10th case: an N/10 archive with the same spreads


@dataclass
class Plan:
	start: date
	today: date
	day: array = field(repr=False)  # days after start
	category: array = field(repr=False)  # index into the categories
	unit: array = field(repr=False)  # index into the units (the lead unit)
	petitioner: array = field(repr=False)  # the first petitioner (index)
	extras: dict[int, list[int]] = field(repr=False)  # group cases: the other petitioners
	notes: dict[int, list[int]] = field(repr=False)  # case -> the later cases repeating it
	text: array = field(repr=False)  # which subject and content (a same-category repeat reuses its case's)
	petitioners: int = 0

	@property
	def n(self) -> int:
		return len(self.day)

	def received_on(self, i: int) -> date:
		return self.start + timedelta(days=self.day[i])

	@staticmethod
	def stage(i: int) -> int:
		return 1 if i % STAGES == 0 else 2

	def petitioners_of(self, i: int) -> list[int]:
		return [self.petitioner[i], *self.extras.get(i, ())]


def zipf_weights(count: int, s: float, rng: random.Random) -> list[float]:
	weights = [1 / (k + 1) ** s for k in range(count)]
	rng.shuffle(weights)
	return weights


def day_weights(start: date, days: int) -> list[float]:
	weights = []
	for d in range(days):
		day = start + timedelta(days=d)
		weekday = 0.3 if day.weekday() >= 5 else 1.0
		season = 1 + 0.15 * math.cos(2 * math.pi * (day.timetuple().tm_yday - 75) / 365)
		weights.append((1 + 0.3 * d / days) * weekday * season)
	return weights


def make_plan(n: int, categories: int, units: int, category_unit: list[int], today: date, seed: int) -> Plan:
	rng = random.Random(seed)
	start = date(today.year - 3, today.month, min(today.day, 28))
	days = (today - start).days + 1
	day = array("H", sorted(rng.choices(range(days), weights=day_weights(start, days), k=n)))
	category_w = list(accumulate(zipf_weights(categories, 0.9, rng)))
	unit_w = list(accumulate(zipf_weights(units, 0.8, rng)))
	plan = Plan(start, today, day, array("H"), array("H"), array("I"), {}, {}, array("I"))
	cases_per_gap = max(1.0, n / days * REPEAT_GAP_DAYS)

	def pick(count: int, cumulative: list[float]) -> int:
		return rng.choices(range(count), cum_weights=cumulative)[0]

	for i in range(n):
		j = i - 1 - int(rng.expovariate(1 / cases_per_gap)) if rng.random() < REPEAT_SHARE else -1
		if j >= 0:
			plan.petitioner.append(plan.petitioner[j])
			same = rng.random() < SAME_CATEGORY_REPEAT
			plan.category.append(plan.category[j] if same else pick(categories, category_w))
			plan.text.append(plan.text[j] if same else rng.getrandbits(30))
			plan.notes.setdefault(j, []).append(i)
		else:
			plan.petitioner.append(plan.petitioners)
			plan.petitioners += 1
			plan.category.append(pick(categories, category_w))
			plan.text.append(rng.getrandbits(30))
		if rng.random() < GROUP_SHARE:
			extra = rng.randint(1, 4)
			plan.extras[i] = list(range(plan.petitioners, plan.petitioners + extra))
			plan.petitioners += extra
		by_category = rng.random() < CATEGORY_UNIT_SHARE
		plan.unit.append(category_unit[plan.category[i]] if by_category else pick(units, unit_w))
	return plan


def petitioner_stages(plan: Plan) -> bytearray:
	"""1 for a petitioner with a case in stage 1 (inserted with it), else 2."""
	stages = bytearray([2]) * plan.petitioners
	for i in range(0, plan.n, STAGES):
		for p in plan.petitioners_of(i):
			stages[p] = 1
	return stages
