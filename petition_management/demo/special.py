"""Demo leaders' reception days, key cases, emergency incidents, dispute screening and mediation.

Each topic is a module of its own: demo/reception_days.py, key_cases.py, incidents.py and disputes.py
(screening and mediation); this step runs them in order.
Running it again adds nothing twice.
"""

from petition_management.demo.disputes import make_mediation, make_screening
from petition_management.demo.incidents import make_incidents
from petition_management.demo.key_cases import make_key_cases
from petition_management.demo.reception_days import make_reception


def make_special(context):
	make_reception(context)
	make_key_cases(context)
	make_incidents(context)
	make_screening(context)
	make_mediation(context)
