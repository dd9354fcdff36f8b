"""Pure business rules for petition work: deadlines, identity checks, repeat matching.

Standard library only; nothing here imports Frappe. Every rule violation is a
``RuleError`` whose ``template`` is a constant English format string (translated by
the Frappe layer) and whose ``values`` fill its ``{0}``, ``{1}``, ... placeholders.
"""


class RuleError(ValueError):
	"""A rule violation carrying a translatable message template and its values."""

	def __init__(self, template: str, *values: object) -> None:
		self.template = template
		self.values = values
		super().__init__(template.format(*values))

	@property
	def message(self) -> str:
		"""The formatted English message."""
		return str(self)
