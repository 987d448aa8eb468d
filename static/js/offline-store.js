// The phone's queue of records filled in without signal: one IndexedDB store, keyed by the record's idempotency
// key, shared by the pages (offline-queue.js) and the service worker (sw.js). An item:
//   {key, user, url, title, fields: [[name, value or File]], created_at, status: "pending" | "invalid", message}
(function (scope) {
  "use strict";
  var DB = "portal-offline", STORE = "queue";

  function open() {
    return new Promise(function (resolve, reject) {
      var request = scope.indexedDB.open(DB, 1);
      request.onupgradeneeded = function () {
        request.result.createObjectStore(STORE, { keyPath: "key" });
      };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  function run(mode, work) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(STORE, mode), result;
        var request = work(tx.objectStore(STORE));
        if (request) { request.onsuccess = function () { result = request.result; }; }
        tx.oncomplete = function () { db.close(); resolve(result); };
        tx.onerror = tx.onabort = function () { db.close(); reject(tx.error); };
      });
    });
  }

  scope.PortalOfflineStore = {
    put: function (item) { return run("readwrite", function (s) { return s.put(item); }); },
    get: function (key) { return run("readonly", function (s) { return s.get(key); }); },
    remove: function (key) { return run("readwrite", function (s) { return s.delete(key); }); },
    all: function () {
      return run("readonly", function (s) { return s.getAll(); }).then(function (items) {
        return (items || []).sort(function (a, b) { return a.created_at < b.created_at ? -1 : 1; });
      });
    },
    // The form's fields as stored: files as Blobs (File), the CSRF token left out (a fresh one is sent).
    fieldsOf: function (formData) {
      var fields = [];
      formData.forEach(function (value, name) {
        if (name === "csrfmiddlewaretoken") { return; }
        if (typeof value !== "string" && !value.size && !value.name) { return; }  // an empty file input
        fields.push([name, value]);
      });
      return fields;
    },
    valueOf: function (fields, name) {
      for (var i = 0; i < fields.length; i += 1) { if (fields[i][0] === name) { return fields[i][1]; } }
      return "";
    }
  };
})(self);
