/* NightCramps: the cautions that apply to this person (/now/for-you), loaded into the cramp-now
   screen and the remedies' pages. The pages say the general cautions themselves, so when this
   cannot load (offline at 3 a.m., signed out) it stays quiet: no message, no focus taken. */
(function () {
  "use strict";
  function load(box) {
    var url = box.getAttribute("data-for-you");
    if (!url || !window.fetch) { return; }
    fetch(url, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) { return response.ok ? response.text() : ""; })
      .then(function (html) { if (html.trim()) { box.innerHTML = html; } })
      .catch(function () { /* offline or unreachable: the general cautions are on the page */ });
  }
  function start() {
    document.querySelectorAll("[data-for-you]").forEach(load);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
