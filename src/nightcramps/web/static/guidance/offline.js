/* NightCramps guidance: posting logs that survive being offline, and the service worker.
   A log that cannot reach the server is kept in localStorage and sent when the page is next
   opened online (or when the connection comes back). No build step; plain browser JavaScript. */
(function () {
  "use strict";
  if (window.NightCramps) { return; }
  var QUEUE_KEY = "nightcramps.pending";

  function readQueue() {
    try { return JSON.parse(localStorage.getItem(QUEUE_KEY) || "[]"); } catch (e) { return []; }
  }
  function writeQueue(items) {
    try { localStorage.setItem(QUEUE_KEY, JSON.stringify(items)); } catch (e) { /* storage full or blocked */ }
  }

  function send(url, body, csrf) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRF-Token": csrf || "" },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        return { ok: response.ok, status: response.status, data: data, queued: false };
      });
    });
  }

  /* POST JSON; when the network fails, queue it and resolve with {queued: true}. */
  function postJSON(url, body, csrf) {
    return send(url, body, csrf).catch(function () {
      var items = readQueue();
      items.push({ url: url, body: body });
      writeQueue(items);
      return { ok: false, status: 0, data: null, queued: true };
    });
  }

  /* Send queued logs; those the server refuses as invalid (4xx) are dropped, not retried forever. */
  function flushQueue(csrf) {
    var items = readQueue();
    if (!items.length || !navigator.onLine) { return Promise.resolve(0); }
    writeQueue([]);
    var sent = 0;
    return items.reduce(function (chain, item) {
      return chain.then(function () {
        return send(item.url, item.body, csrf).then(function (result) {
          if (result.ok) { sent += 1; }
          else if (result.status >= 500) { writeQueue(readQueue().concat([item])); }
        }).catch(function () { writeQueue(readQueue().concat([item])); });
      });
    }, Promise.resolve()).then(function () { return sent; });
  }

  function registerServiceWorker() {
    if ("serviceWorker" in navigator && window.isSecureContext) {
      navigator.serviceWorker.register("/sw.js").catch(function () { /* offline support is optional */ });
    }
  }

  function speedOf(element) {
    var fromUrl = parseFloat(new URLSearchParams(window.location.search).get("speed") || "");
    var value = fromUrl || parseFloat(element.getAttribute("data-speed") || "1") || 1;
    return Math.min(Math.max(value, 0.01), 1000);
  }

  function onReady(fn) {
    if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", fn); }
    else { fn(); }
  }

  window.NightCramps = {
    postJSON: postJSON,
    flushQueue: flushQueue,
    pendingCount: function () { return readQueue().length; },
    registerServiceWorker: registerServiceWorker,
    speedOf: speedOf,
    onReady: onReady
  };
})();
