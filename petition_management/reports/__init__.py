"""Shared building blocks of the app's Script Reports, Number Cards and their drill-downs.

- `query`: the rows a user may see (the very conditions `frappe.get_list` applies) and list filters turned
  into SQL by Frappe itself, so a figure and the list behind it always count the same rows.
- `grouped`: counts grouped by channel, category, unit or month, one SQL statement whatever the number of
  cases, each cell carrying the list filters of the records it counts.
- `figures`: the case figures every report and card shares (open, overdue, due soon, concluded, ...).
- `cards`: the whitelisted methods of the Number Cards on the Petitions workspace.
"""
