/* How a refused form shows itself (docs/pages.md, "When a form is refused").

   htmx is told in base.html's htmx-config to swap 4xx answers: the server renders either the
   page again with its problems, or a message for #messages that lists them. This script, once
   for every form:
   - marks each field whose problem is written beside it (<p class="field-error" id="NAME-error">)
     with aria-invalid="true" and adds that text to its aria-describedby;
   - for a message swapped into #messages, writes each listed problem (<li data-field="NAME">)
     beside that field of the form that was sent, then marks it the same way;
   - moves focus to the message, so it is read out and in view;
   - says so when the server fails (5xx) or cannot be reached, instead of doing nothing. */
(function () {
  "use strict";
  var MESSAGE = ".flash.error, .error-message, .field-error[role=alert]";
  var ADDED = "data-added-error";

  function byName(scope, name) {
    var found = [];
    scope.querySelectorAll("[name]").forEach(function (el) {
      if (el.getAttribute("name") === name && el.type !== "hidden") { found.push(el); }
    });
    return found;
  }

  /* The inputs an error text belongs to: by input name ("severity_0_10-error"; a page may prefix
     its form, "supplement-name-error"), else by element id. */
  function controlsFor(key, scope) {
    var parts = key.split("-");
    for (var i = 0; i < parts.length; i++) {
      var found = byName(scope, parts.slice(i).join("-"));
      if (found.length) { return found; }
    }
    var el = document.getElementById(key);
    return el && el.type !== "hidden" ? [el] : [];
  }

  function describe(control, id) {
    var ids = (control.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
    if (ids.indexOf(id) === -1) { ids.push(id); }
    control.setAttribute("aria-describedby", ids.join(" "));
    control.setAttribute("aria-invalid", "true");
  }

  function markFields(root) {
    root.querySelectorAll(".field-error[id$='-error']").forEach(function (text) {
      var key = text.id.slice(0, -"-error".length);
      controlsFor(key, text.closest("form") || document).forEach(function (control) {
        describe(control, text.id);
      });
    });
  }

  function clearAdded(form) {
    form.querySelectorAll("[" + ADDED + "]").forEach(function (text) { text.remove(); });
    form.querySelectorAll("[aria-invalid=true]").forEach(function (control) {
      control.removeAttribute("aria-invalid");
    });
  }

  /* Where a field's error text goes: after its input, or after a group of choices. */
  function placeAfter(controls) {
    var first = controls[0];
    if (first.type === "radio" || first.type === "checkbox") {
      var group = first.closest("fieldset") || first.parentElement;
      return group.querySelector(".pills") || group.lastElementChild || group;
    }
    return first;
  }

  function writeBesideFields(message, form) {
    clearAdded(form);
    message.querySelectorAll("li[data-field]").forEach(function (item) {
      var name = item.getAttribute("data-field");
      var controls = byName(form, name);
      if (!controls.length) { return; }
      var text = document.createElement("p");
      text.className = "field-error";
      text.id = name + "-error";
      text.setAttribute(ADDED, "");
      text.textContent = item.textContent;
      var existing = document.getElementById(text.id);
      if (existing && !existing.hasAttribute(ADDED)) { existing.textContent = item.textContent; return; }
      placeAfter(controls).insertAdjacentElement("afterend", text);
    });
    markFields(form);
  }

  function focusMessage(root) {
    var message = root.querySelector(MESSAGE);
    if (!message) { return; }
    if (!message.hasAttribute("tabindex")) { message.setAttribute("tabindex", "-1"); }
    message.focus();
  }

  function say(text) {
    var messages = document.getElementById("messages");
    if (!messages) { return; }
    var box = document.createElement("div");
    box.className = "flash error";
    box.setAttribute("role", "alert");
    box.textContent = text;
    messages.replaceChildren(box);
    focusMessage(messages);
  }

  document.addEventListener("DOMContentLoaded", function () {
    markFields(document);
    focusMessage(document.querySelector("main") || document);
  });

  /* After a page (a boosted link or form: the body) or a message (#messages) is swapped in; a
     fragment swapped elsewhere (type-ahead, a banner) never takes the focus. */
  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail.target;
    if (!target || !target.isConnected) { return; }
    var sent = event.detail.requestConfig && event.detail.requestConfig.elt;
    var form = sent && sent.closest ? sent.closest("form") : null;
    if (target.id === "messages" && form && form.isConnected) {
      writeBesideFields(target, form);
    }
    markFields(target);
    if (target === document.body) {
      focusMessage(document.querySelector("main") || target);
    } else if (target.id === "messages") {
      focusMessage(target);
    }
  });

  document.addEventListener("htmx:responseError", function (event) {
    var status = event.detail.xhr ? event.detail.xhr.status : 0;
    say("NightCramps could not do this (server error " + status + "). Reload the page to see " +
        "what is stored, and try again.");
  });

  document.addEventListener("htmx:sendError", function () {
    say("NightCramps could not be reached. Check the connection and try again; nothing was sent.");
  });
}());
