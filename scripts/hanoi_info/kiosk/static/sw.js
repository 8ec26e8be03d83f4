/* Service worker of the Hà Nội airport kiosk. The build puts the line
 * `const VERSION = "…";` above this text, so that each build is a new worker.
 *
 * install:  precache every file that manifest.json lists (the whole kiosk);
 * activate: drop the caches of older builds and take over open pages;
 * fetch:    answer from the cache, the network only for what is not there,
 *           so the kiosk keeps working when the network (or the local
 *           server) is gone. */
"use strict";

var CACHE_PREFIX = "hanoi-kiosk-";
var CACHE = CACHE_PREFIX + VERSION;
var NEVER_CACHED = ["sw.js", "manifest.json"];
var SCOPE_PATH = new URL("./", self.location).pathname;
// The shell is cached under the address the browser opens ("./"), so that
// precaching revalidates what the first load fetched instead of fetching it again.
var SHELL = "./";

self.addEventListener("install", function (event) {
  event.waitUntil(
    fetch("manifest.json", { cache: "no-store" })
      .then(function (response) {
        if (!response.ok) throw new Error("manifest.json: HTTP " + response.status);
        return response.json();
      })
      .then(function (manifest) {
        if (manifest.version !== VERSION) {
          throw new Error("manifest.json belongs to build " + manifest.version + ", this worker to " + VERSION);
        }
        var requests = manifest.files
          .map(function (file) { return file.path; })
          .filter(function (path) { return NEVER_CACHED.indexOf(path) < 0; })
          .map(function (path) { return new Request(path === "index.html" ? SHELL : path, { cache: "no-cache" }); });
        return caches.open(CACHE).then(function (cache) { return cache.addAll(requests); });
      })
      .then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys()
      .then(function (names) {
        return Promise.all(names.map(function (name) {
          if (name.indexOf(CACHE_PREFIX) === 0 && name !== CACHE) return caches.delete(name);
          return null;
        }));
      })
      .then(function () { return self.clients.claim(); })
  );
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.indexOf(SCOPE_PATH) !== 0) return;
  var path = url.pathname.slice(SCOPE_PATH.length);
  if (NEVER_CACHED.indexOf(path) >= 0) return;
  // The kiosk is one page: every navigation inside it gets the shell.
  var key = request.mode === "navigate" || path === "" || path === "index.html" ? SHELL : path;
  event.respondWith(
    caches.open(CACHE)
      .then(function (cache) { return cache.match(key, { ignoreSearch: true }); })
      .then(function (cached) { return cached || fetch(request); })
  );
});
