"""Security suite: the permission matrix, field-level leaks and bad input, all over HTTP.

These tests talk to a running web server for the test site (`bench serve`, or any server answering
http://<site>:8000; set PM_SECURITY_BASE_URL to use another address). They commit their records so that
the server process sees them, and delete them again when they finish.
"""
