"""The citizens' portal: online submission, tracking by number and access code, public statistics."""
