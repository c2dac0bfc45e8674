/* NightCramps service worker: keeps the bedtime routine and the cramp-now screen working offline
   once they have been opened. Only the pages and files listed here are handled (network first,
   the cached copy when offline); every other request goes to the network untouched. */
"use strict";
var CACHE = "nightcramps-guidance-v1";
var OFFLINE = [
  "/routine",
  "/routine?routine=seated",
  "/routine?routine=nhs-wall",
  "/now",
  "/static/app.css",
  "/static/vendor/htmx-2.0.11.min.js",
  "/static/forms.js",
  "/static/guidance/offline.js",
  "/static/guidance/routine.js",
  "/static/guidance/now.js",
  "/static/guidance/calf-wall.svg",
  "/static/guidance/hamstring-step.svg",
  "/static/guidance/calf-towel.svg",
  "/static/guidance/hamstring-seated.svg",
  "/static/guidance/nhs-wall.svg"
];

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(CACHE)
      .then(function (cache) { return cache.addAll(OFFLINE); })
      .then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys()
      .then(function (keys) {
        return Promise.all(keys.filter(function (k) { return k !== CACHE; }).map(function (k) { return caches.delete(k); }));
      })
      .then(function () { return self.clients.claim(); })
  );
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") { return; }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  var key = url.pathname + url.search;
  if (OFFLINE.indexOf(key) === -1) { return; }
  event.respondWith(
    fetch(request)
      .then(function (response) {
        if (response.ok && !response.redirected) {
          var copy = response.clone();
          caches.open(CACHE).then(function (cache) { cache.put(request, copy); });
        }
        return response;
      })
      .catch(function () {
        return caches.match(request).then(function (hit) { return hit || caches.match(key); });
      })
  );
});
