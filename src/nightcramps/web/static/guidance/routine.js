/* The guided bedtime routine: walks through each stretch with a timer, then logs itself.
   ?speed=N runs the clock N times faster (for tests). Plain browser JavaScript, no build step. */
(function () {
  "use strict";
  var NC = window.NightCramps;

  function buildPhases(stretches) {
    var phases = [];
    stretches.forEach(function (s, i) {
      phases.push({ kind: "prepare", stretch: i, secs: s.prepare_s, label: "Get into position" });
      for (var rep = 1; rep <= s.reps; rep += 1) {
        phases.push({ kind: "hold", stretch: i, rep: rep, secs: s.hold_s, label: "Hold the stretch" });
        if (rep < s.reps) {
          phases.push({ kind: "rest", stretch: i, rep: rep, secs: s.rest_s, label: "Relax" });
        }
      }
    });
    return phases;
  }

  function init() {
    var root = document.getElementById("routine");
    if (!root || root.getAttribute("data-ready")) { return; }
    root.setAttribute("data-ready", "1");
    var data = JSON.parse(document.getElementById("routine-data").textContent);
    var csrf = root.getAttribute("data-csrf");
    var speed = NC.speedOf(root);
    var phases = buildPhases(data.stretches);
    var total = phases.reduce(function (sum, p) { return sum + p.secs; }, 0);
    var el = function (id) { return document.getElementById(id); };
    var startButton = el("routine-start"), pauseButton = el("routine-pause"), skipButton = el("routine-skip");
    var state = { index: -1, elapsed: 0, done: 0, active: 0, running: false, last: 0, timer: null };

    function show(phase) {
      var stretch = data.stretches[phase.stretch];
      el("step-count").textContent = "Stretch " + (phase.stretch + 1) + " of " + data.stretches.length + ": ";
      el("step-title").textContent = stretch.title;
      var img = el("step-img");
      if (img.getAttribute("src") !== stretch.illustration) {
        img.setAttribute("src", stretch.illustration);
        img.setAttribute("alt", stretch.alt);
      }
      el("phase").textContent = phase.label;
      el("phase").className = "phase phase-" + phase.kind;
      el("rep").textContent = phase.kind === "prepare" ? "" :
        (phase.kind === "hold" ? "Hold " : "Rest after hold ") + phase.rep + " of " + stretch.reps;
      el("announce").textContent = stretch.title + ": " + phase.label;
      if (phase.kind === "hold" && speed === 1 && navigator.vibrate) { navigator.vibrate(150); }
    }

    function render() {
      var phase = phases[state.index];
      if (!phase) { return; }
      el("countdown").textContent = String(Math.max(0, Math.ceil(phase.secs - state.elapsed)));
      el("progress").value = Math.min(total, state.done + state.elapsed);
    }

    function enter(index) {
      state.index = index;
      state.elapsed = 0;
      if (index >= phases.length) { finish(); return; }
      show(phases[index]);
      render();
    }

    function tick() {
      var now = performance.now();
      var delta = (now - state.last) / 1000 * speed;
      state.last = now;
      if (!state.running) { return; }
      state.elapsed += delta;
      state.active += delta;
      while (state.index < phases.length && state.elapsed >= phases[state.index].secs) {
        var carry = state.elapsed - phases[state.index].secs;
        state.done += phases[state.index].secs;
        enter(state.index + 1);
        if (state.index >= phases.length) { return; }
        state.elapsed = carry;
      }
      render();
    }

    function start() {
      state.running = true;
      state.last = performance.now();
      startButton.hidden = true;
      pauseButton.hidden = false;
      skipButton.hidden = false;
      enter(0);
      state.timer = window.setInterval(tick, Math.max(20, Math.min(250, 200 / speed)));
    }

    function togglePause() {
      state.running = !state.running;
      state.last = performance.now();
      pauseButton.textContent = state.running ? "Pause" : "Resume";
      el("phase").textContent = state.running ? phases[state.index].label : "Paused";
    }

    function skip() {
      var current = phases[state.index].stretch;
      var next = state.index;
      while (next < phases.length && phases[next].stretch === current) {
        state.done += phases[next].secs;
        next += 1;
      }
      enter(next);
    }

    function finish() {
      window.clearInterval(state.timer);
      state.running = false;
      pauseButton.hidden = true;
      skipButton.hidden = true;
      el("progress").value = total;
      el("countdown").textContent = "0";
      el("step-count").textContent = "";
      el("step-title").textContent = "All done";
      el("phase").textContent = "Well done. Sleep well.";
      el("rep").textContent = "";
      var minutes = Math.max(0.1, Math.round(state.active / 6) / 10);
      var body = { routine: data.slug, duration_min: minutes, finished_at: new Date().toISOString() };
      var result = el("routine-result");
      result.textContent = "Logging…";
      NC.postJSON(root.getAttribute("data-api"), body, csrf).then(function (answer) {
        if (answer.ok) {
          result.textContent = "Logged: " + data.name + ", " + minutes + " min, for tonight.";
          try { localStorage.setItem("nightcramps.stretched", answer.data.day); } catch (e) { /* ignore */ }
        } else if (answer.queued) {
          result.textContent = "You are offline: saved on this device, and it will be logged when you are back online.";
        } else {
          result.textContent = "Could not log it: " + ((answer.data && answer.data.detail) || "error " + answer.status) +
            ". Use the button below to log it by hand.";
        }
      });
    }

    startButton.addEventListener("click", start);
    pauseButton.addEventListener("click", togglePause);
    skipButton.addEventListener("click", skip);

    var reminder = JSON.parse(el("reminder-data").textContent);
    try {
      if (reminder.remind_at) { localStorage.setItem("nightcramps.reminder", reminder.remind_at); }
      else { localStorage.removeItem("nightcramps.reminder"); }
    } catch (e) { /* storage blocked */ }
    var reminderInput = el("remind-at");
    if (reminderInput && reminderInput.form) {
      reminderInput.form.addEventListener("submit", function () {
        try { localStorage.setItem("nightcramps.reminder", reminderInput.value); } catch (e) { /* ignore */ }
      });
    }

    NC.flushQueue(csrf);
    window.addEventListener("online", function () { NC.flushQueue(csrf); });
    NC.registerServiceWorker();
  }

  NC.onReady(init);
})();
