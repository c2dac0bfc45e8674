/* The browser's time zone, wherever a page needs it (accounts/_timezone.html loads this on every
   page; plain browser JavaScript, no build step):
   - the notice "Your time zone: …" sends it to the server, which takes it as the zone of a person
     this browser made until they confirm one, and names it as the zone list does; the notice then
     says where its zone comes from, or offers the browser's beside it;
   - the sign-up form sends it in a hidden field;
   - the profile's zone list puts it first and offers it in one tap.
   Everything here only improves pages that work without it. */
(function () {
  "use strict";

  function browserZone() {
    try { return Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { return ""; }
  }

  function each(root, selector, action) {
    Array.prototype.forEach.call(root.querySelectorAll(selector), action);
  }

  function show(root, selector, visible) {
    each(root, selector, function (el) { el.hidden = !visible; });
  }

  function setText(root, selector, text) {
    each(root, selector, function (el) { el.textContent = text; });
  }

  /* The calendar date now in a zone ("2026-12-01"), to tell whether a page drawn in another zone
     may show another day. */
  function dateIn(zone) {
    try {
      return new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
    } catch (e) { return ""; }
  }

  /* Kept across htmx page swaps (which run this file again): whether the person has touched the
     page since it was drawn (then it is not reloaded under them). */
  var state = window.NightCrampsTimezone;
  var first = !state;
  if (first) {
    state = window.NightCrampsTimezone = { touched: false };
    ["pointerdown", "keydown", "input"].forEach(function (type) {
      document.addEventListener(type, function () { state.touched = true; }, true);
    });
  }

  function notice(zone) {
    var root = document.getElementById("tz-notice");
    if (!root || root.getAttribute("data-ready")) { return; }
    root.setAttribute("data-ready", "1");
    state.touched = false;
    var before = root.getAttribute("data-zone");
    fetch(root.getAttribute("data-browser-url"), {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRF-Token": root.getAttribute("data-csrf") || "" },
      body: JSON.stringify({ timezone: zone })
    }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (answer) {
      if (!answer) { return; }
      root.hidden = Boolean(answer.confirmed);
      if (answer.confirmed) { return; }
      setText(root, "[data-tz-current]", answer.timezone);
      each(root, "[data-tz-current-value]", function (input) { input.value = answer.timezone; });
      root.setAttribute("data-zone", answer.timezone);
      var same = answer.browser === answer.timezone;
      // The words are drawn from the start, only hidden, so that showing them moves nothing
      // on the page (a tap aimed below the notice must not land elsewhere).
      each(root, "[data-tz-source]", function (el) { el.classList.toggle("tz-pending", !same); });
      if (answer.browser && !same) {
        setText(root, "[data-tz-browser-name]", answer.browser);
        each(root, "[data-tz-browser-value]", function (input) { input.value = answer.browser; });
      }
      show(root, "[data-tz-browser]", Boolean(answer.browser) && !same);
      if (answer.changed && before && dateIn(before) !== dateIn(answer.timezone)) {
        // The page was drawn on the old zone's calendar and may show another day (a page drawn
        // without the person, data-zone empty, used no zone at all).
        if (state.touched) { show(root, "[data-tz-reload]", true); } else { window.location.reload(); }
      }
    }).catch(function () { /* offline: the notice still shows the zone in use */ });
  }

  function signup(zone) {
    each(document, "form[action='/signup']", function (form) {
      if (form.getAttribute("data-tz-ready")) { return; }
      form.setAttribute("data-tz-ready", "1");
      each(form, "[data-tz-browser-value]", function (input) { input.value = zone; });
      setText(form, "[data-tz-browser-name]", zone);
      show(form, "[data-tz-browser]", true);
    });
  }

  /* The list's name for the browser's zone: itself, or the zone an old name (Asia/Calcutta) now
     belongs to. */
  function listed(options, zone) {
    for (var i = 0; i < options.length; i += 1) {
      var old = (options[i].getAttribute("data-aliases") || "").split(" ");
      if (options[i].value === zone || old.indexOf(zone) !== -1) { return options[i]; }
    }
    return null;
  }

  function picker(zone) {
    each(document, "[data-tz-picker]", function (root) {
      if (root.getAttribute("data-ready")) { return; }
      root.setAttribute("data-ready", "1");
      var input = root.querySelector("input[list]");
      var list = input && document.getElementById(input.getAttribute("list"));
      var option = list && listed(list.querySelectorAll("option"), zone);
      if (!option) { return; }
      list.insertBefore(option, list.firstElementChild);
      option.label = option.label + " (this browser)";
      setText(root, "[data-tz-browser-name]", option.value);
      show(root, "[data-tz-browser]", input.value !== option.value);
      each(root, "[data-tz-use-browser]", function (button) {
        button.addEventListener("click", function () {
          input.value = option.value;
          show(root, "[data-tz-browser]", false);
          input.focus();
        });
      });
    });
  }

  function init() {
    var zone = browserZone();
    if (!zone) { return; }
    notice(zone);
    signup(zone);
    picker(zone);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
  if (first) {
    // htmx swaps boosted pages in without a new load; run on what it brings.
    document.addEventListener("htmx:load", init);
  }
}());
