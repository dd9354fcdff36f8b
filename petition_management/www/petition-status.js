// /petition-status: look a petition up, then ask for a review or rate it (petition_management.api.portal).
(function () {
	const page = document.querySelector(".pm-status-page");
	if (!page) return;
	const MSG = JSON.parse(document.getElementById("pm-messages").textContent);
	const form = document.getElementById("pm-status-form");
	const result = document.getElementById("pm-status-result");
	let pair = { tracking_number: page.dataset.number || "", access_code: "" };

	function call(method, args) {
		const headers = {
			Accept: "application/json",
			"Content-Type": "application/x-www-form-urlencoded; charset=UTF-8",
		};
		if (window.frappe && frappe.csrf_token) headers["X-Frappe-CSRF-Token"] = frappe.csrf_token;
		return fetch("/api/method/petition_management.api.portal." + method, {
			method: "POST",
			headers: headers,
			body: new URLSearchParams(args),
			credentials: "same-origin",
		}).then((response) =>
			response
				.json()
				.catch(() => ({}))
				.then((body) => ({ status: response.status, body: body }))
		);
	}

	function text_of(html) {
		return new DOMParser().parseFromString(html || "", "text/html").body.textContent.trim();
	}

	function server_message(body) {
		try {
			const messages = JSON.parse(body._server_messages || "[]").map((m) => JSON.parse(m).message);
			return text_of(messages.join(" "));
		} catch (e) {
			return "";
		}
	}

	function show_alert(container, text) {
		let box = container.querySelector(".pm-alert");
		if (!box) {
			box = document.createElement("p");
			box.className = "pm-alert";
			box.setAttribute("role", "alert");
			container.appendChild(box);
		}
		box.textContent = text;
	}

	function show(reply, container) {
		const html = reply.body && reply.body.message && reply.body.message.html;
		if (html) {
			// rendered and escaped on the server (templates/portal/*.html)
			result.innerHTML = html;
			wire_actions();
			result.scrollIntoView({ behavior: "smooth", block: "start" });
		} else if (reply.status === 429) {
			show_alert(container, MSG.too_many_requests);
		} else {
			show_alert(container, server_message(reply.body) || MSG.failed);
		}
	}

	function busy(button, on) {
		if (!button) return;
		button.disabled = on;
		if (on) {
			button.dataset.label = button.textContent;
			button.textContent = MSG.working;
		} else if (button.dataset.label) {
			button.textContent = button.dataset.label;
		}
	}

	function wire_actions() {
		result.querySelectorAll("form.pm-action").forEach((action) => {
			action.addEventListener("submit", (event) => {
				event.preventDefault();
				if (!action.reportValidity()) return;
				const button = action.querySelector("button[type=submit]");
				const args = Object.assign({}, pair, Object.fromEntries(new FormData(action)));
				busy(button, true);
				call(action.dataset.method, args)
					.then((reply) => show(reply, action))
					.catch(() => show_alert(action, MSG.failed))
					.finally(() => busy(button, false));
			});
		});
	}

	if (form) {
		form.addEventListener("submit", (event) => {
			event.preventDefault();
			const data = new FormData(form);
			pair = {
				tracking_number: (data.get("tracking_number") || "").trim(),
				access_code: (data.get("access_code") || "").trim(),
			};
			if (!pair.tracking_number || !pair.access_code) {
				form.reportValidity();
				return;
			}
			const button = form.querySelector("button[type=submit]");
			busy(button, true);
			call("petition_status", pair)
				.then((reply) => {
					const alert = form.querySelector(".pm-alert");
					if (alert) alert.remove();
					show(reply, form);
				})
				.catch(() => show_alert(form, MSG.failed))
				.finally(() => busy(button, false));
		});
	}

	wire_actions();
})();
