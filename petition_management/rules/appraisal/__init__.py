"""Unit appraisal (绩效考评): the figures of a unit's work in a period, the score a scheme gives them, the
one-vote veto, grades, ranking and the lists of units to commend and to watch.

Standard library only. The site gathers the same figures with one grouped SQL query per figure
(petition_management/appraisal/figures.py); ``count_figures`` (reference.py) is the reference definition
that those queries follow, and the bench tests check that both agree.

By topic:

- codes.py: the codes of the figures, rates, item types and periods, and the scoring constants;
- checks.py: ``AppraisalError`` and the checks of the input;
- periods.py: the dates and labels of the periods;
- definitions.py: the definitions of the figures, one case or transfer at a time;
- reference.py: the reference count of a unit's figures (its docstring defines every figure);
- scheme.py: the scheme (weights, bonus and penalty items, veto conditions, grade bands);
- scoring.py: the rates and the score (its docstring gives the scoring rules);
- ranking.py: the ranking and the units to commend and to watch.

Import the public names from here: ``from petition_management.rules.appraisal import score``.
"""

from petition_management.rules.appraisal.checks import AppraisalError, validate_window_days
from petition_management.rules.appraisal.codes import (
	FULL_MARKS,
	ITEM_BASES,
	MANUAL,
	MAX_WINDOW_DAYS,
	OPERATORS,
	SATISFIED_VALUES,
	SCORE_DIGITS,
	VETO_FIGURES,
	Figure,
	ItemType,
	PeriodType,
	Rate,
)
from petition_management.rules.appraisal.definitions import (
	is_decided_on_time,
	is_due_for_settlement,
	is_resolved_once,
	is_satisfied,
	is_settled_on_time,
	is_transfer_overdue,
	settled_on,
)
from petition_management.rules.appraisal.periods import as_of_date, period_dates, period_label
from petition_management.rules.appraisal.ranking import RankEntry, commend_and_watch, rank
from petition_management.rules.appraisal.reference import (
	CaseRow,
	SupervisionRow,
	TransferRow,
	case_sets,
	count_figures,
)
from petition_management.rules.appraisal.scheme import (
	GradeBand,
	Item,
	Scheme,
	VetoCondition,
	grade_for,
	lowest_grade,
	metric_weights,
	validate_grades,
	validate_weights,
)
from petition_management.rules.appraisal.scoring import (
	ScoreLine,
	ScoreResult,
	percentage,
	rates,
	score,
	weighted_score,
)

__all__ = [
	"FULL_MARKS",
	"ITEM_BASES",
	"MANUAL",
	"MAX_WINDOW_DAYS",
	"OPERATORS",
	"SATISFIED_VALUES",
	"SCORE_DIGITS",
	"VETO_FIGURES",
	"AppraisalError",
	"CaseRow",
	"Figure",
	"GradeBand",
	"Item",
	"ItemType",
	"PeriodType",
	"RankEntry",
	"Rate",
	"Scheme",
	"ScoreLine",
	"ScoreResult",
	"SupervisionRow",
	"TransferRow",
	"VetoCondition",
	"as_of_date",
	"case_sets",
	"commend_and_watch",
	"count_figures",
	"grade_for",
	"is_decided_on_time",
	"is_due_for_settlement",
	"is_resolved_once",
	"is_satisfied",
	"is_settled_on_time",
	"is_transfer_overdue",
	"lowest_grade",
	"metric_weights",
	"percentage",
	"period_dates",
	"period_label",
	"rank",
	"rates",
	"score",
	"settled_on",
	"validate_grades",
	"validate_weights",
	"validate_window_days",
	"weighted_score",
]
