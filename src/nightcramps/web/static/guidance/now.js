/* The cramp-now screen: one tap starts a timer, one tap stops it, one tap logs the cramp to the
   night its start time belongs to. ?speed=N runs the clock N times faster (for tests). */
(function () {
  "use strict";
  var NC = window.NightCramps;

  function clock(seconds) {
    var whole = Math.max(0, Math.floor(seconds));
    var m = Math.floor(whole / 60), s = whole % 60;
    return m + ":" + (s < 10 ? "0" : "") + s;
  }

  function nightLabel(iso) {
    var parts = iso.split("-").map(Number);
    var day = new Date(parts[0], parts[1] - 1, parts[2]);
    return day.toLocaleDateString(undefined, { weekday: "short", day: "numeric", month: "short" });
  }

  function init() {
    var root = document.getElementById("cramp-now");
    if (!root || root.getAttribute("data-ready")) { return; }
    root.setAttribute("data-ready", "1");
    var el = function (id) { return document.getElementById(id); };
    var all = function (selector) { return Array.prototype.slice.call(root.querySelectorAll(selector)); };
    var csrf = root.getAttribute("data-csrf");
    var speed = NC.speedOf(root);
    var state = { side: null, muscle: "calf", relief: [], effect: null, start: 0, seconds: 0, edited: false, timer: null, sent: false };

    function stage(id) {
      ["now-start", "now-timing", "now-done", "now-logged"].forEach(function (name) {
        el(name).hidden = name !== id;
      });
      el("now-help").hidden = id === "now-logged";
      el("now-muscle").hidden = id === "now-logged";
    }

    function elapsed() { return (Date.now() - state.start) / 1000 * speed; }

    function start(side) {
      state.side = side;
      state.start = Date.now();
      stage("now-timing");
      el("now-clock").textContent = "0:00";
      state.timer = window.setInterval(function () {
        el("now-clock").textContent = clock(elapsed());
      }, Math.max(20, Math.min(250, 250 / speed)));
      el("now-stop").focus();
    }

    function stop() {
      window.clearInterval(state.timer);
      state.seconds = Math.max(1, elapsed());
      el("now-duration").textContent = clock(state.seconds);
      el("now-minutes").value = String(Math.round(state.seconds / 60 * 100) / 100);
      var extra = el("now-extra");
      extra.insertBefore(el("now-muscle"), extra.firstChild);
      extra.appendChild(el("now-help"));
      el("now-help-title").firstChild.textContent = "What did you do? ";
      stage("now-done");
      el("now-done-title").focus();
    }

    function press(buttons, chosen) {
      buttons.forEach(function (b) { b.setAttribute("aria-pressed", b === chosen ? "true" : "false"); });
    }

    function showFindings(findings, headline) {
      var box = el("now-findings");
      box.textContent = "";
      if (!findings || !findings.length) { return; }
      var section = document.createElement("section");
      section.className = "now-flag urgency-" + findings[0].urgency.replace(/ /g, "-");
      section.setAttribute("role", "alert");
      var head = document.createElement("h2");
      head.textContent = headline;
      section.appendChild(head);
      findings.slice(0, 3).forEach(function (f) {
        var p = document.createElement("p");
        p.textContent = f.title + ". " + (f.detail ? f.detail + " " : "") + f.message + " (" + f.citation + ")";
        section.appendChild(p);
      });
      box.appendChild(section);
    }

    function log(severity) {
      if (state.sent) { return; }
      var seconds = state.seconds;
      if (state.edited) {
        var minutes = parseFloat(el("now-minutes").value);
        if (!(minutes > 0 && minutes <= 240)) {
          el("now-minutes").setAttribute("aria-invalid", "true");
          el("now-minutes").focus();
          return;
        }
        seconds = minutes * 60;
      }
      state.sent = true;
      all(".now-sev").forEach(function (b) { b.disabled = true; });
      var body = {
        started_at: new Date(state.start).toISOString(),
        duration_s: Math.round(seconds * 10) / 10,
        muscle: state.muscle,
        side: state.side,
        severity_0_10: severity,
        relief: state.relief.slice(),
        relief_effect: state.effect
      };
      NC.postJSON(root.getAttribute("data-api"), body, csrf).then(function (answer) {
        var text = el("now-logged-text");
        if (answer.ok) {
          var cramp = answer.data.cramp;
          text.textContent = "Logged on the night of " + nightLabel(cramp.night_of) + ": " +
            clock(seconds) + ", severity " + severity + " of 10. Try to get back to sleep.";
          el("now-night-link").setAttribute("href", answer.data.night_url);
          showFindings(answer.data.findings, answer.data.headline);
        } else if (answer.queued) {
          text.textContent = "No connection: saved on this phone. It will be logged when you are online again.";
        } else {
          state.sent = false;
          all(".now-sev").forEach(function (b) { b.disabled = false; });
          el("now-done-title").textContent = "Could not log it: " +
            ((answer.data && answer.data.detail) || "error " + answer.status);
          return;
        }
        stage("now-logged");
        el("now-logged-title").focus();
      });
    }

    all("[data-side]").forEach(function (b) {
      b.addEventListener("click", function () { start(b.getAttribute("data-side")); });
    });
    el("now-stop").addEventListener("click", stop);
    all("[data-relief]").forEach(function (b) {
      b.addEventListener("click", function () {
        var value = b.getAttribute("data-relief");
        var on = state.relief.indexOf(value) === -1;
        state.relief = on ? state.relief.concat([value]) : state.relief.filter(function (r) { return r !== value; });
        b.setAttribute("aria-pressed", on ? "true" : "false");
      });
    });
    var muscles = all("[data-muscle]");
    muscles.forEach(function (b) {
      b.addEventListener("click", function () { state.muscle = b.getAttribute("data-muscle"); press(muscles, b); });
    });
    var effects = all("[data-effect]");
    effects.forEach(function (b) {
      b.addEventListener("click", function () {
        var value = b.getAttribute("data-effect");
        state.effect = state.effect === value ? null : value;
        press(effects, state.effect ? b : null);
      });
    });
    el("now-minutes").addEventListener("input", function () { state.edited = true; });
    all("[data-severity]").forEach(function (b) {
      b.addEventListener("click", function () { log(parseInt(b.getAttribute("data-severity"), 10)); });
    });

    NC.flushQueue(csrf);
    window.addEventListener("online", function () { NC.flushQueue(csrf); });
    NC.registerServiceWorker();
  }

  NC.onReady(init);
})();
