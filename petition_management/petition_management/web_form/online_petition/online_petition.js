// The web form /online-petition: attachments uploaded one by one before submitting, and the
// one-time confirmation page after it. Rendered by Jinja: the messages come from online_petition.py
// (Frappe refuses a template containing a dot followed by two underscores: write data["__onload"]).
frappe.ready(function () {
	const MSG = {{ pm_messages | tojson }};
	const LIMITS = {{ pm_upload | tojson }};
	const UPLOAD_METHOD = "/api/method/petition_management.api.portal.upload_attachment";
	const web_form = frappe.web_form;
	const uploads = [];
	let pending = 0;

	if (!document.querySelector('link[href^="/assets/petition_management/css/portal.css"]')) {
		const link = document.createElement("link");
		link.rel = "stylesheet";
		link.href = "/assets/petition_management/css/portal.css";
		document.head.appendChild(link);
	}

	// Frappe's web form labels are not tied to their inputs: tie them, so that screen readers name each
	// field (axe: label, select-name) and a click on a label focuses its input
	Object.values(web_form.fields_dict).forEach((control) => {
		const input = control.$input && control.$input.get(0);
		const label = control.$wrapper && control.$wrapper.find("label.control-label").get(0);
		if (!input || !label || input.type === "checkbox") return;
		input.id = input.id || "pm-field-" + control.df.fieldname;
		label.htmlFor = input.id;
	});

	// Frappe copies a text field's value into a hidden read-only area as HTML, where markup a visitor
	// types would run on this very page: show it there as plain text instead
	Object.values(web_form.fields_dict).forEach((control) => {
		if (!["Small Text", "Text", "Long Text"].includes(control.df.fieldtype)) return;
		control.set_disp_area = function (value) {
			if (this.disp_area) this.disp_area.textContent = this.value || value || "";
		};
	});

	const format = (text, ...values) => values.reduce((t, v, i) => t.split("{" + i + "}").join(v), text);
	const field = web_form.fields_dict.attachments_html;
	const box = document.createElement("div");
	box.className = "pm-portal pm-uploads";
	box.innerHTML = `
		<p class="pm-hint"></p>
		<input type="file" class="pm-file-input" multiple hidden>
		<button type="button" class="btn btn-default btn-sm pm-add-files"></button>
		<ul class="pm-file-list"></ul>
		<div class="pm-upload-error" role="alert"></div>`;
	box.querySelector(".pm-hint").textContent = MSG.upload_hint;
	box.querySelector(".pm-add-files").textContent = MSG.add_files;
	const input = box.querySelector(".pm-file-input");
	input.accept = LIMITS.extensions.map((e) => "." + e).join(",");
	const list = box.querySelector(".pm-file-list");
	const error = box.querySelector(".pm-upload-error");
	field.$wrapper.empty().append(box);

	box.querySelector(".pm-add-files").addEventListener("click", () => input.click());
	input.addEventListener("change", () => {
		error.textContent = "";
		Array.from(input.files).forEach(add_file);
		input.value = "";
	});

	function add_file(file) {
		const extension = (file.name.split(".").pop() || "").toLowerCase();
		if (!file.name.includes(".") || !LIMITS.extensions.includes(extension)) {
			return show_error(format(MSG.bad_type, file.name));
		}
		if (file.size > LIMITS.max_size) {
			return show_error(format(MSG.too_large, file.name, LIMITS.max_size / 1024 / 1024));
		}
		if (uploads.length + pending >= LIMITS.max_files) {
			return show_error(format(MSG.too_many, LIMITS.max_files));
		}
		const item = document.createElement("li");
		item.textContent = file.name + " — " + MSG.uploading;
		list.appendChild(item);
		pending += 1;
		const data = new FormData();
		data.append("file", file, file.name);
		const headers = { Accept: "application/json" };
		if (frappe.csrf_token) headers["X-Frappe-CSRF-Token"] = frappe.csrf_token;
		fetch(UPLOAD_METHOD, { method: "POST", body: data, headers: headers, credentials: "same-origin" })
			.then((response) =>
				response
					.json()
					.catch(() => ({}))
					.then((body) => ({ status: response.status, body: body }))
			)
			.then(({ status, body }) => {
				pending -= 1;
				if (status === 200 && body.message && body.message.token) {
					uploads.push(body.message);
					render_item(item, body.message);
					sync_tokens();
				} else {
					item.remove();
					show_error(
						status === 429
							? MSG.too_many_requests
							: server_message(body) || format(MSG.upload_failed, file.name)
					);
				}
			})
			.catch(() => {
				pending -= 1;
				item.remove();
				show_error(format(MSG.upload_failed, file.name));
			});
	}

	function render_item(item, upload) {
		item.textContent = upload.file_name + " ";
		const remove = document.createElement("button");
		remove.type = "button";
		remove.className = "btn btn-link btn-xs";
		remove.textContent = MSG.remove;
		remove.addEventListener("click", () => {
			uploads.splice(uploads.indexOf(upload), 1);
			item.remove();
			sync_tokens();
		});
		item.appendChild(remove);
	}

	function sync_tokens() {
		web_form.set_value("upload_tokens", JSON.stringify(uploads.map((u) => u.token)));
	}

	function show_error(text) {
		error.textContent = text;
	}

	function server_message(body) {
		try {
			const messages = JSON.parse(body._server_messages || "[]").map((m) => JSON.parse(m).message);
			// an inert document: nothing in the message can run or load
			const doc = new DOMParser().parseFromString(messages.join(" "), "text/html");
			return doc.body.textContent.trim();
		} catch (e) {
			return "";
		}
	}

	const validate = web_form.validate;
	web_form.validate = function () {
		if (pending) {
			frappe.msgprint(MSG.still_uploading);
			return false;
		}
		return validate ? validate.apply(this, arguments) : true;
	};

	const handle_success = web_form.handle_success.bind(web_form);
	web_form.handle_success = function (data) {
		const url = data && data["__onload"] && data["__onload"].confirmation_url;
		if (url) {
			window.location.href = url;
		} else {
			handle_success(data);
		}
	};
});
