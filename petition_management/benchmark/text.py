"""Pools of Chinese text made with faker (zh_CN) once per run; the seed picks from them, which is
thousands of times faster than calling faker per row and gives the same widths."""

from dataclasses import dataclass

from faker import Faker

SUBJECT_TEMPLATES = (
	"关于{place}{topic}问题的反映",
	"反映{place}{topic}长期未解决",
	"请求解决{place}{topic}问题",
	"{place}居民反映{topic}",
	"投诉{company}{topic}",
	"咨询{topic}相关政策",
)
REGIONS = (
	"城关街道",
	"河西镇",
	"东城街道",
	"西岭镇",
	"南湖乡",
	"北山镇",
	"新区街道",
	"临江镇",
	"桃源乡",
	"青石镇",
)
REGION_CODES = (
	"110101",
	"310104",
	"330106",
	"420102",
	"440305",
	"510107",
	"610113",
	"320102",
	"370102",
	"230103",
)


@dataclass
class TextPools:
	names: list[str]
	addresses: list[str]
	subjects: list[str]
	contents: list[str]
	requests: list[str]
	replies: list[str]
	notes: list[str]


def make_pools(seed: int, categories: list[str], size: int = 3000) -> TextPools:
	fake = Faker("zh_CN")
	fake.seed_instance(seed)
	topics = [c.split(" ", 1)[-1] for c in categories]
	subjects = [
		fake.random_element(SUBJECT_TEMPLATES).format(
			place=fake.street_name(), topic=topics[i % len(topics)], company=fake.company()
		)
		for i in range(size)
	]
	return TextPools(
		names=[fake.name() for _ in range(size)],
		addresses=[fake.address().split(" ")[0] for _ in range(size)],
		subjects=subjects,
		contents=[
			"".join(f"<p>{fake.paragraph(nb_sentences=5)}</p>" for _ in range(1 + i % 3)) for i in range(size)
		],
		requests=[fake.sentence(nb_words=12) for _ in range(size)],
		replies=[f"<p>{fake.paragraph(nb_sentences=6)}</p>" for _ in range(size // 3)],
		notes=[fake.sentence(nb_words=10) for _ in range(size // 3)],
	)
