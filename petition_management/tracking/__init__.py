"""Unified tracking: deadlines, reminders, extensions, supervision, return visits, reviews."""
