// Offline field entry, on every signed-in page (base.html loads it after offline-store.js):
// - registers the service worker (/sw.js) and keeps a copy of each entry form page opened (<form data-offline-form>),
//   so the form opens without signal;
// - gives each render of an entry form its own idempotency key (the copy served from the cache is rendered
//   once on the server, so its key cannot be trusted);
// - a form submitted without signal is stored in the phone's queue (IndexedDB, photos as Blobs) instead;
// - the queue is sent, in order, on load and when the signal returns, with a fresh CSRF token and each record's
//   own key: an item is removed only once the server has it (saved now, or saved before: the same key), and an
//   item the server refuses stays, marked 需修改 with the server's message, until the person opens and fixes it;
// - shows 待发送 N 条 (#offline-pending) and, on /offline/, the list of what waits (#offline-list).
(function () {
  "use strict";
  var store = window.PortalOfflineStore;
  var body = document.body;
  var user = body.getAttribute("data-user") || "";
  var PAGES = "portal-pages";
  var banner = document.getElementById("offline-pending");
  var list = document.getElementById("offline-list");
  var sending = false;

  function text(name) {
    var holder = banner || list;
    return (holder && holder.getAttribute("data-text-" + name)) || "";
  }

  function newKey() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var bytes = crypto.getRandomValues(new Uint8Array(16)), hex = "";
    bytes[6] = (bytes[6] & 15) | 64;
    bytes[8] = (bytes[8] & 63) | 128;
    bytes.forEach(function (b, i) { hex += (b + 256).toString(16).slice(1) + ([3, 5, 7, 9].indexOf(i) >= 0 ? "-" : ""); });
    return hex;
  }

  function mine(items) {
    return items.filter(function (item) { return String(item.user) === String(user); });
  }

  function showAlert(before, kind, message) {
    var alert = document.createElement("div");
    alert.className = "alert alert-" + kind;
    alert.setAttribute("role", "status");
    alert.setAttribute("data-offline-alert", "");
    alert.textContent = message;
    before.parentNode.insertBefore(alert, before);
    window.scrollTo(0, 0);
    return alert;
  }

  // --- what waits: the banner and the /offline/ list ----------------------------------------------------------
  function refresh() {
    if (!store || !user) { return Promise.resolve(); }
    return store.all().then(function (items) {
      items = mine(items);
      if (banner) {
        banner.querySelector("[data-offline-count]").textContent = String(items.length);
        banner.hidden = items.length === 0;
      }
      if (list) { drawList(items); }
    });
  }

  function drawList(items) {
    var empty = document.getElementById("offline-empty");
    list.textContent = "";
    if (empty) { empty.hidden = items.length > 0; }
    items.forEach(function (item) {
      var row = document.createElement("li");
      row.className = "list-group-item";
      row.setAttribute("data-offline-item", item.key);
      var head = document.createElement("div");
      head.className = "d-flex justify-content-between gap-2";
      var title = document.createElement("strong");
      title.textContent = item.title || text("untitled");
      var badge = document.createElement("span");
      badge.className = "badge " + (item.status === "invalid" ? "text-bg-danger" : "text-bg-warning");
      badge.textContent = item.status === "invalid" ? text("invalid") : text("pending");
      head.appendChild(title);
      head.appendChild(badge);
      row.appendChild(head);
      var when = document.createElement("div");
      when.className = "small text-muted";
      when.textContent = new Date(item.created_at).toLocaleString("zh-CN");
      row.appendChild(when);
      if (item.message) {
        var message = document.createElement("div");
        message.className = "small text-danger";
        message.textContent = item.message;
        row.appendChild(message);
      }
      var actions = document.createElement("div");
      actions.className = "mt-2 d-flex gap-2";
      var open = document.createElement("a");
      open.className = "btn btn-sm btn-outline-primary";
      open.href = item.url + "#offline-edit=" + encodeURIComponent(item.key);
      open.textContent = text("open");
      var remove = document.createElement("button");
      remove.type = "button";
      remove.className = "btn btn-sm btn-outline-danger";
      remove.setAttribute("data-offline-remove", item.key);
      remove.textContent = text("remove");
      actions.appendChild(open);
      actions.appendChild(remove);
      row.appendChild(actions);
      list.appendChild(row);
    });
  }

  document.addEventListener("click", function (event) {
    var remove = event.target.closest("[data-offline-remove]");
    if (remove && window.confirm(text("confirm-remove"))) {
      store.remove(remove.getAttribute("data-offline-remove")).then(refresh);
    }
    if (event.target.closest("[data-offline-send]")) { send(); }
  });

  // --- sending -------------------------------------------------------------------------------------------------
  function errorsOf(html, status) {
    var page = new DOMParser().parseFromString(html, "text/html");
    var messages = [];
    page.querySelectorAll("main .alert-danger div, main .invalid-feedback, main .errorlist li").forEach(function (node) {
      var message = node.textContent.trim();
      if (message && messages.indexOf(message) < 0) { messages.push(message); }
    });
    if (!messages.length) {
      var alert = page.querySelector("main .alert-danger, main h1");
      messages.push(alert ? alert.textContent.trim() : text("refused") + " " + status);
    }
    return messages.join("；");
  }

  function isLogin(response) {
    var login = body.getAttribute("data-login") || "/login/";
    return response.redirected && new URL(response.url).pathname.indexOf(login) === 0;
  }

  // One item. Resolves true to go on with the next item, false to stop (no signal, signed out, server trouble).
  function sendOne(item, token) {
    var data = new FormData();
    item.fields.forEach(function (field) {
      if (typeof field[1] === "string") { data.append(field[0], field[1]); } else {
        data.append(field[0], field[1], field[1].name || "photo");
      }
    });
    data.set("csrfmiddlewaretoken", token);
    data.set("idempotency_key", item.key);
    return fetch(item.url, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-CSRFToken": token, "Idempotency-Key": item.key }
    }).then(function (response) {
      if (isLogin(response)) { return false; }
      if (response.ok) { return store.remove(item.key).then(function () { return true; }); }
      if ([400, 403, 404, 409, 413].indexOf(response.status) >= 0) {
        return response.text().then(function (html) {
          item.status = "invalid";
          item.message = errorsOf(html, response.status);
          return store.put(item).then(function () { return true; });
        });
      }
      return false;
    }, function () { return false; });
  }

  function send() {
    if (sending || !navigator.onLine || !store || !user) { return Promise.resolve(); }
    sending = true;
    return store.all().then(function (items) {
      items = mine(items).filter(function (item) { return item.status === "pending"; });
      if (!items.length) { return null; }
      return fetch(body.getAttribute("data-offline-session"), {
        credentials: "same-origin", cache: "no-store", headers: { Accept: "application/json" }
      }).then(function (response) {
        if (!response.ok || response.redirected) { throw new Error("signed out"); }
        return response.json();
      }).then(function (session) {
        if (String(session.user) !== String(user)) { return null; }
        return items.reduce(function (previous, item) {
          return previous.then(function (go) { return go && sendOne(item, session.csrf_token); });
        }, Promise.resolve(true));
      });
    }).catch(function () { return null; }).then(function () {
      sending = false;
      return refresh();
    });
  }

  // --- the entry forms -----------------------------------------------------------------------------------------
  function fill(form, item) {
    var files = {};
    item.fields.forEach(function (field) {
      var element = form.elements[field[0]];
      if (!element) { return; }
      if (typeof field[1] !== "string") {
        (files[field[0]] = files[field[0]] || new DataTransfer()).items.add(field[1]);
      } else if (element instanceof RadioNodeList || element.type === "checkbox" || element.type === "radio") {
        (element instanceof RadioNodeList ? Array.prototype.slice.call(element) : [element]).forEach(function (e) {
          if (e.type === "checkbox" || e.type === "radio") { e.checked = e.value === field[1] || e.checked; } else { e.value = field[1]; }
        });
      } else if (element.type !== "file") {
        element.value = field[1];
      }
    });
    Object.keys(files).forEach(function (name) { form.elements[name].files = files[name].files; });
    form.querySelector("[data-offline-key]").value = item.key;
    form.setAttribute("data-offline-editing", item.key);
    form.querySelectorAll("input, select, textarea").forEach(function (e) { e.dispatchEvent(new Event("change", { bubbles: true })); });
    if (item.message) { showAlert(form, "danger", item.message); }
  }

  function queue(form, submitter) {
    var data;
    try { data = new FormData(form, submitter); } catch (e) { data = new FormData(form); }
    var key = form.querySelector("[data-offline-key]").value;
    return store.put({
      key: key,
      user: user,
      url: form.getAttribute("action") || window.location.pathname + window.location.search,
      title: form.getAttribute("data-offline-form"),
      fields: store.fieldsOf(data),
      created_at: new Date().toISOString(),
      status: "pending",
      message: ""
    });
  }

  function setUpForm(form) {
    var keyInput = form.querySelector("[data-offline-key]");
    if (!keyInput || !store) { return; }
    keyInput.value = newKey();
    var editing = (window.location.hash.match(/^#offline-edit=(.+)$/) || [])[1];
    if (editing) {
      store.get(decodeURIComponent(editing)).then(function (item) { if (item) { fill(form, item); } });
    }
    form.addEventListener("submit", function (event) {
      if (event.defaultPrevented) { return; }
      var edited = form.getAttribute("data-offline-editing");
      if (navigator.onLine) {
        if (edited) {  // sent now by the form itself: off the queue first (the service worker re-queues it if it fails)
          event.preventDefault();
          store.remove(edited).then(function () { HTMLFormElement.prototype.submit.call(form); });
        }
        return;
      }
      event.preventDefault();
      queue(form, event.submitter).then(function () {
        document.querySelectorAll("[data-offline-alert]").forEach(function (a) { a.remove(); });
        showAlert(form, "success", text("queued"));
        form.reset();
        form.removeAttribute("data-offline-editing");
        keyInput.value = newKey();
        return refresh();
      }, function () {
        showAlert(form, "danger", text("store-failed"));
      });
    });
  }

  // --- start ---------------------------------------------------------------------------------------------------
  window.PortalOffline = { send: send, sendOne: sendOne, refresh: refresh };
  if (!user) {  // signed out: the copies of the pages are personal, the queue is kept for its owner's next visit
    if (window.caches) { caches.delete(PAGES); }
    return;
  }
  var forms = document.querySelectorAll("form[data-offline-form]");
  forms.forEach(setUpForm);
  if (window.location.search.indexOf("queued=1") >= 0 && list) { showAlert(list, "success", text("queued")); }
  var ready = [];
  var worker = body.getAttribute("data-sw");
  if (worker && "serviceWorker" in navigator) {
    ready.push(navigator.serviceWorker.register(worker, { scope: "/" }).then(function () {
      return navigator.serviceWorker.ready;
    }).then(function () {
      // ready comes when the worker activates; it controls this page only once its clients.claim() is done.
      if (navigator.serviceWorker.controller) { return null; }
      return new Promise(function (resolve) {
        navigator.serviceWorker.addEventListener("controllerchange", resolve, { once: true });
      });
    }));
  }
  if (forms.length && window.caches && navigator.onLine) {
    ready.push(caches.open(PAGES).then(function (cache) {
      return cache.add(window.location.pathname + window.location.search);
    }));
  }
  Promise.all(ready).then(function () {
    document.documentElement.setAttribute("data-offline-ready", "1");
  }, function () { return null; });
  window.addEventListener("online", send);
  refresh().then(send);
})();
