/* After signing out on a shared device, forget what this browser kept for offline use: the
   service worker's cached pages (they can show a reminder time) and NightCramps' local storage. */
(function () {
  "use strict";
  if (!/[?&]signed_out=1\b/.test(window.location.search)) { return; }
  try {
    Object.keys(localStorage)
      .filter(function (key) { return key.indexOf("nightcramps") === 0; })
      .forEach(function (key) { localStorage.removeItem(key); });
  } catch (e) { /* storage blocked: nothing was kept */ }
  if (window.caches) {
    caches.keys().then(function (keys) {
      keys.filter(function (key) { return key.indexOf("nightcramps") === 0; })
        .forEach(function (key) { caches.delete(key); });
    });
  }
  if (navigator.serviceWorker) {
    navigator.serviceWorker.getRegistrations().then(function (registrations) {
      registrations.forEach(function (registration) { registration.unregister(); });
    });
  }
}());
