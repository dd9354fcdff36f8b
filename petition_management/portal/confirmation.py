"""The one-time confirmation page of a submission: the only place the access code is ever shown.

After the insert the code is kept in Redis for a few minutes under the hash of a random key; the web
form sends the visitor to /petition-confirmation?key=...; the first visit takes the code out (GETDEL),
so a second visit, a shared link or the browser history shows nothing.
"""

import hashlib
import json
import secrets

import frappe

CONFIRMATION_SECONDS = 15 * 60
ROUTE = "/petition-confirmation"


def _cache_key(key: str) -> str:
	digest = hashlib.sha256((key or "").encode("utf-8")).hexdigest()
	return frappe.cache.make_key(f"petition_management:portal_confirmation:{digest}")


def remember(details: dict) -> str:
	"""Keep the details for one visit; return the URL of the confirmation page."""
	key = secrets.token_urlsafe(24)
	frappe.cache.set(_cache_key(key), json.dumps(details), ex=CONFIRMATION_SECONDS)
	return f"{ROUTE}?key={key}"


def take(key: str | None) -> dict | None:
	"""The details, once; None when the key is unknown, used or expired."""
	if not key or len(key) > 64:
		return None
	value = frappe.cache.getdel(_cache_key(key))
	return json.loads(value) if value else None
