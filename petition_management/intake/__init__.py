"""Intake: turning visits and letters into cases, and noting repeat petitions."""
