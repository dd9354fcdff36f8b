"""The petition workers who got their roles before this release get the Module Profile "Petition Staff"
and the "Petitions" workspace as home, where they have none (setup/staff_desk.py)."""

from petition_management.setup.staff_desk import apply_to_existing_users


def execute():
	apply_to_existing_users()
