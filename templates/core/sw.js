// The portal's service worker (served by core.views_offline.service_worker at /sw.js, scope "/").
// - keeps the app shell (vendored CSS/JS, the portal's scripts) and answers static files from the cache;
// - pages: the network first; without signal, the copy the phone kept of an entry form it opened before
//   (offline-queue.js puts those in the "portal-pages" cache), else the 待发送 page;
// - an entry form posted natively whose request fails for lack of network is put in the queue (offline-store.js)
//   and the person is taken to the 待发送 page: nothing typed is lost.
"use strict";
var VERSION = "{{ version|escapejs }}";
var SHELL = "portal-shell-" + VERSION;
var PAGES = "portal-pages";
var SHELL_URLS = [{% for url in shell %}"{{ url|escapejs }}", {% endfor %}"{{ offline_url|escapejs }}"];
var OFFLINE_URL = "{{ offline_url|escapejs }}";
var STATIC_PREFIX = "{{ static_prefix|escapejs }}";
importScripts("{{ store_url|escapejs }}");

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(SHELL).then(function (cache) {
    return cache.addAll(SHELL_URLS);
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf("portal-shell-") === 0 && name !== SHELL;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

function queueFromRequest(request) {
  return request.formData().then(function (data) {
    var fields = self.PortalOfflineStore.fieldsOf(data);
    var key = self.PortalOfflineStore.valueOf(fields, "idempotency_key");
    if (!key) { throw new Error("no idempotency key"); }
    return self.PortalOfflineStore.put({
      key: key,
      user: self.PortalOfflineStore.valueOf(fields, "offline_user"),
      url: new URL(request.url).pathname + new URL(request.url).search,
      title: "",
      fields: fields,
      created_at: new Date().toISOString(),
      status: "pending",
      message: ""
    });
  }).then(function () {
    return Response.redirect(OFFLINE_URL + "?queued=1", 303);
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  if (request.method === "POST" && request.mode === "navigate") {
    var copy = request.clone();
    event.respondWith(fetch(request).catch(function () {
      return queueFromRequest(copy).catch(function () { return Response.error(); });
    }));
    return;
  }
  if (request.method !== "GET") { return; }
  if (url.pathname.indexOf(STATIC_PREFIX) === 0) {
    event.respondWith(caches.match(request).then(function (hit) { return hit || fetch(request); }));
    return;
  }
  if (request.mode === "navigate") {
    event.respondWith(fetch(request).catch(function () {
      return caches.open(PAGES).then(function (cache) {
        return cache.match(request, { ignoreVary: true });
      }).then(function (hit) {
        return hit || caches.match(OFFLINE_URL, { ignoreSearch: true });
      }).then(function (hit) {
        return hit || new Response("{{ no_copy_text|escapejs }}", {
          status: 503, headers: { "Content-Type": "text/plain; charset=utf-8" }
        });
      });
    }));
  }
});
