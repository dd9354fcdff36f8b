"""The demo's clock: the steps of a demo case happen on the days staff would have taken them.

Inside `demo_clock()` the process runs at a moment of the past chosen with `clock.at(day, hour)`, so the
controllers record those days (accepted on, signed on, replied on, closed on...) and every timestamp
(creation, the workflow comments, the versions) follows. The clock never passes the real present, and
within one story (one case) it never goes back. Without freezegun (a dev dependency, installed by
scripts/lib.sh) every step happens now: the states are the same, only the overdue examples are missing.
"""

import datetime
from contextlib import contextmanager

import pytz
from frappe.utils import get_system_timezone, getdate, now_datetime

# Each reading of the clock moves it on by a millisecond, so that records made in one step keep their order.
TICK_SECONDS = 0.001


class DemoClock:
	def __init__(self, present: datetime.datetime, frozen=None):
		self.present = present
		self.frozen = frozen
		self.moment: datetime.datetime | None = None

	@property
	def today(self) -> datetime.date:
		return self.present.date()

	def new_story(self):
		"""The next steps belong to another case: the clock may go back in time once."""
		self.moment = None

	def at(self, day, hour: int = 9, minute: int = 0):
		"""Move to `hour`:`minute` on `day`, or to the present when that is later, or stay when that is
		earlier than the story's last step."""
		self.move(datetime.datetime.combine(getdate(day), datetime.time(hour, minute)))

	def move(self, moment: datetime.datetime):
		moment = min(moment, self.present)
		if self.moment and moment <= self.moment:
			return
		self.moment = moment
		if self.frozen:
			self.frozen.move_to(as_utc(moment))


def as_utc(moment: datetime.datetime) -> datetime.datetime:
	"""freezegun takes UTC; the site's dates are in its own time zone."""
	return pytz.timezone(get_system_timezone()).localize(moment).astimezone(pytz.utc)


@contextmanager
def demo_clock():
	present = now_datetime()
	try:
		from freezegun import freeze_time
	except ImportError:
		yield DemoClock(present)
		return
	freezer = freeze_time(as_utc(present), auto_tick_seconds=TICK_SECONDS)
	frozen = freezer.start()
	try:
		yield DemoClock(present, frozen)
	finally:
		freezer.stop()
