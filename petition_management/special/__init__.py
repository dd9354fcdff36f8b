"""Leaders' reception days, key cases, emergency incidents, dispute screening and people's mediation.

Parties are described by type only ("neighbours", "employer and workers"); nothing here profiles or
watches persons or groups.
"""
