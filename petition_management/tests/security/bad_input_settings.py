"""The bad-input corpus of the Petition Settings, the special work (reception, incidents, screening,
mediation) and the appraisal."""

from petition_management.tests.security import fixtures as fx
from petition_management.tests.security.bad_input_values import (
	HD,
	OF,
	R,
	dispute,
	mediation,
)

SETTINGS_AND_SPECIAL: list[tuple] = [
	# --- settings ------------------------------------------------------------------------------------------
	(
		"settings-negative-days",
		OF,
		"update",
		("Petition Settings", "Petition Settings", {"acceptance_days": -5}),
	),
	("settings-zero-days", OF, "update", ("Petition Settings", "Petition Settings", {"handling_days": 0})),
	(
		"settings-abc-days",
		OF,
		"update",
		("Petition Settings", "Petition Settings", {"max_extension_days": "abc"}),
	),
	(
		"settings-huge-days",
		OF,
		"update",
		("Petition Settings", "Petition Settings", {"review_request_days": 99999}),
	),
	(
		"settings-fraction",
		OF,
		"update",
		("Petition Settings", "Petition Settings", {"group_visit_threshold": 1.5}),
	),
	(
		"settings-day-basis-unknown",
		OF,
		"update",
		("Petition Settings", "Petition Settings", {"day_basis": "Moon Days"}),
	),
	(
		"settings-holiday-abc",
		OF,
		"update",
		(
			"Petition Settings",
			"Petition Settings",
			{"holidays": [{"holiday_date": "abc", "day_type": "Day Off"}]},
		),
	),
	# --- special work, appraisal ---------------------------------------------------------------------------
	(
		"mediation-id-number-in-text",
		HD,
		"create",
		("Mediation Case", mediation(dispute_description=f"申请人身份证 {fx.SECRET_ID}")),
		"PersonalDataError",
	),
	(
		"mediation-phone-in-subject",
		HD,
		"create",
		("Mediation Case", mediation(subject=f"联系 {fx.SECRET_PHONE}")),
	),
	(
		"mediation-mediator-missing",
		HD,
		"create",
		("Mediation Case", mediation(mediator="nobody@sec.test.local")),
	),
	("mediation-opened-abc", HD, "create", ("Mediation Case", mediation(opened_on="abc"))),
	(
		"round-not-half-month",
		HD,
		"create",
		("Dispute Screening Round", {"unit": "@unit_a", "period_start": "2015-01-05"}),
	),
	(
		"round-phone-in-dispute",
		HD,
		"update",
		("Dispute Screening Round", "@round_a", {"disputes": [dispute(f"电话 {fx.SECRET_PHONE}")]}),
	),
	(
		"incident-people-negative",
		R,
		"create",
		(
			"Emergency Incident",
			{"incident_time": "2026-01-01 10:00:00", "place": "x", "situation": "x", "number_of_people": -5},
		),
	),
	(
		"incident-in-future",
		R,
		"create",
		("Emergency Incident", {"incident_time": "2099-01-01 10:00:00", "place": "x", "situation": "x"}),
	),
	(
		"appraisal-year-abc",
		OF,
		"create",
		(
			"Petition Appraisal",
			{"unit": "@unit_a", "scheme": "@scheme", "period_type": "Year", "year": "abc"},
		),
	),
	(
		"appraisal-quarter-9",
		OF,
		"create",
		(
			"Petition Appraisal",
			{
				"unit": "@unit_a",
				"scheme": "@scheme",
				"period_type": "Quarter",
				"year": 2015,
				"period_number": 9,
			},
		),
	),
	(
		"appraisal-duplicate",
		OF,
		"create",
		(
			"Petition Appraisal",
			{"unit": "@unit_a", "scheme": "@scheme", "period_type": "Year", "year": fx.OLD_YEAR},
		),
	),
	(
		"schedule-ends-before-start",
		OF,
		"create",
		(
			"Reception Schedule",
			{
				"schedule_name": "_T Sec 倒序",
				"from_date": "2031-05-31",
				"to_date": "2031-05-01",
				"rota": [{"leader": "@leader_user", "weekday": "Monday", "place": "x"}],
			},
		),
	),
]
