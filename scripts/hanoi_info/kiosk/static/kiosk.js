/* Hà Nội airport kiosk: the touch app in site/kiosk/index.html.
 *
 * Screens: attract -> language picker -> topic tiles -> page list -> reading
 * view. The kiosk keeps its own history (a stack of views) and never leaves
 * its page: links to other kiosk pages open in the reading view, every other
 * link opens a card with its QR code. After a time without input a countdown
 * appears; when it runs out the kiosk clears everything and returns to the
 * attract screen. A service worker (sw.js) precaches the whole build.
 *
 * URL parameters (for tests): ?idle=<seconds>&countdown=<seconds>.
 */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("k-data").textContent);
  var root = document.documentElement;
  var params = new URLSearchParams(location.search);
  var IDLE_MS = seconds("idle", data.idle_seconds) * 1000;
  var COUNTDOWN_MS = seconds("countdown", data.countdown_seconds) * 1000;
  var CYCLE_MS = 4000;
  var TICK_MS = 200;
  var TEXT_SIZES = 3;
  var BLANK = "blank.svg"; // what a QR image shows while it has no code to show
  var INPUT_EVENTS = ["pointerdown", "keydown", "wheel", "touchstart", "scroll"];

  var el = {
    attract: byId("k-attract"),
    shell: byId("k-shell"),
    main: byId("k-main"),
    status: byId("k-status"),
    languages: byId("k-languages"),
    lists: byId("k-lists"),
    reading: byId("k-reading"),
    article: byId("k-article"),
    takeQr: byId("k-takealong-qr"),
    takeUrl: byId("k-takealong-url"),
    idle: byId("k-idle"),
    countdown: byId("k-countdown"),
    qr: byId("k-qr"),
    qrImage: byId("k-qr-image"),
    qrLabel: byId("k-qr-label"),
    qrUrl: byId("k-qr-url"),
    greetings: Array.prototype.slice.call(document.querySelectorAll(".k-greeting")),
    startLines: Array.prototype.slice.call(document.querySelectorAll(".k-start__line")),
    needsLanguage: Array.prototype.slice.call(document.querySelectorAll("[data-needs-language]")),
    translatable: Array.prototype.slice.call(document.querySelectorAll("[data-t]"))
  };
  var hreflang = {};
  data.languages.forEach(function (language) { hreflang[language.code] = language.hreflang; });

  var state = freshState();
  var lastInput = now();
  var countdownEnd = 0;
  var navigation = 0; // increases with every navigation; late fragment loads are dropped
  var cycleTimer = 0;
  var cycleIndex = 0;
  var idleTimer = 0;
  var worker = null;
  var updatePending = false;

  function byId(id) { return document.getElementById(id); }
  function now() { return performance.now(); }
  function seconds(name, fallback) {
    var value = parseFloat(params.get(name));
    return value > 0 ? value : fallback;
  }
  function freshState() { return { lang: null, stack: [], size: 0 }; }
  function current() { return state.stack[state.stack.length - 1]; }
  function text(key) { return data.strings[state.lang || data.source][key]; }

  /* ---- strings ---------------------------------------------------- */

  function fill(node, key) {
    node.textContent = "";
    if (state.lang) {
      node.textContent = data.strings[state.lang][key];
      return;
    }
    data.languages.forEach(function (language, index) {
      if (index) {
        var separator = document.createElement("span");
        separator.className = "k-sep";
        separator.setAttribute("aria-hidden", "true");
        separator.textContent = " / ";
        node.appendChild(separator);
      }
      var span = document.createElement("span");
      span.lang = language.hreflang;
      span.textContent = data.strings[language.code][key];
      node.appendChild(span);
    });
  }

  function setLanguage(code) {
    state.lang = code;
    root.lang = code ? hreflang[code] : hreflang[data.source];
    el.translatable.forEach(function (node) { fill(node, node.dataset.t); });
    el.needsLanguage.forEach(function (node) { node.hidden = !code; });
    if (!code) el.lists.textContent = "";
  }

  function setSize(size) {
    state.size = size;
    if (size) root.dataset.size = String(size);
    else delete root.dataset.size;
  }

  function showStatus(message) {
    el.status.textContent = message || "";
  }

  /* ---- views ------------------------------------------------------ */

  function showView(view) {
    var views = el.main.querySelectorAll(".k-view");
    for (var i = 0; i < views.length; i++) views[i].hidden = views[i] !== view;
  }

  function settle(view, entry) {
    showView(view);
    showStatus("");
    window.scrollTo(0, entry.scroll || 0);
    var heading = view.querySelector("h1");
    if (heading) {
      heading.focus({ preventScroll: true });
      document.title = heading.textContent.trim() + " – " + text("slogan");
    }
  }

  function render(entry) {
    var token = ++navigation;
    if (entry.view === "languages") {
      setLanguage(null);
      settle(el.languages, entry);
    } else if (entry.view === "topics") {
      settle(el.lists.querySelector('[data-view="topics"]'), entry);
    } else if (entry.view === "topic") {
      settle(el.lists.querySelector('[data-view="topic"][data-topic="' + CSS.escape(entry.topic) + '"]'), entry);
    } else if (entry.view === "page") {
      showPage(entry, token);
    }
  }

  function navigate(entry) {
    var from = current();
    // A second touch on the same tile or entry while it opens does not stack a second copy.
    if (from && from.view === entry.view && from.topic === entry.topic && from.page === entry.page) return;
    if (from) from.scroll = window.scrollY;
    state.stack.push(entry);
    render(entry);
  }

  function back() {
    if (state.stack.length <= 1) {
      reset();
      return;
    }
    state.stack.pop();
    render(current());
  }

  function home() {
    if (!state.lang) {
      reset();
      return;
    }
    state.stack = [{ view: "languages" }, { view: "topics" }];
    render(current());
  }

  function pickLanguage() {
    state.stack = [{ view: "languages" }];
    render(current());
  }

  // Fragments of the shell (topic lists, page texts) are JSON: {"html": "…"}.
  function load(path) {
    return fetch(path).then(function (response) {
      if (!response.ok) throw new Error(path + ": HTTP " + response.status);
      return response.json();
    }).then(function (fragment) { return fragment.html; });
  }

  function chooseLanguage(code) {
    var token = ++navigation;
    load(code + "/index.json").then(function (html) {
      if (token !== navigation) return;
      el.lists.innerHTML = html;
      setLanguage(code);
      state.stack = [{ view: "languages" }, { view: "topics" }];
      render(current());
    }, function () {
      if (token === navigation) showStatus(text("loading_failed"));
    });
  }

  function pageEntry(id) {
    return el.lists.querySelector('.k-entry[data-page="' + CSS.escape(id) + '"]');
  }

  function notice(meta) {
    if (meta.status !== "missing" && meta.status !== "stale") return null;
    var box = document.createElement("div");
    box.className = "k-notice";
    box.setAttribute("role", "note");
    box.lang = hreflang[state.lang];
    var title = document.createElement("p");
    title.className = "k-notice__title";
    var body = document.createElement("p");
    if (meta.status === "missing") {
      title.textContent = text("not_translated_title");
      body.textContent = text("not_translated_text");
    } else {
      title.textContent = text("stale_title");
      body.textContent = text("stale_text").replace("{date}", meta.sourceUpdated);
    }
    box.appendChild(title);
    box.appendChild(body);
    return box;
  }

  function showPage(entry, token) {
    var button = pageEntry(entry.page);
    if (!button) return;
    var meta = button.dataset;
    load(meta.content).then(function (html) {
      if (token !== navigation) return;
      el.article.innerHTML = html;
      el.article.lang = meta.contentLang;
      var box = notice(meta);
      var title = el.article.querySelector("h1");
      if (box && title) title.insertAdjacentElement("afterend", box);
      var revised = document.createElement("p");
      revised.className = "k-revised";
      revised.lang = hreflang[state.lang];
      revised.textContent = text("last_revised").replace("{date}", meta.updated);
      (el.article.querySelector(".k-content") || el.article).insertAdjacentElement("afterend", revised);
      el.takeQr.src = meta.qr;
      el.takeUrl.textContent = meta.shortUrl;
      settle(el.reading, entry);
      if (entry.anchor && !entry.scroll) scrollToAnchor(entry.anchor);
    }, function () {
      if (token === navigation) showStatus(text("loading_failed"));
    });
  }

  function scrollToAnchor(id) {
    var target = document.getElementById(id);
    if (target && el.article.contains(target)) target.scrollIntoView({ block: "start" });
  }

  /* ---- links ------------------------------------------------------ */

  function followLink(link) {
    var href = link.getAttribute("href") || "";
    if (link.dataset.page) {
      if (pageEntry(link.dataset.page)) navigate({ view: "page", page: link.dataset.page, anchor: link.dataset.anchor });
      return;
    }
    if (link.dataset.qr) {
      showQr(link);
      return;
    }
    if (href.charAt(0) === "#" && href.length > 1) scrollToAnchor(decodeURIComponent(href.slice(1)));
    // Anything else does nothing: the kiosk never navigates.
  }

  function showQr(link) {
    var scope = link.closest("[lang]");
    el.qrImage.src = link.dataset.qr;
    el.qrLabel.textContent = link.textContent.trim();
    el.qrLabel.lang = scope ? scope.lang : root.lang;
    el.qrUrl.textContent = link.getAttribute("href");
    if (!el.qr.open) el.qr.showModal();
  }

  function closeQr() {
    if (el.qr.open) el.qr.close();
    el.qrImage.src = BLANK;
  }

  /* ---- attract screen ------------------------------------------------ */

  function showGreeting(index) {
    cycleIndex = index % el.greetings.length;
    el.greetings.forEach(function (node, i) { node.hidden = i !== cycleIndex; });
    el.startLines.forEach(function (node, i) { node.hidden = i !== cycleIndex; });
  }

  function startCycle() {
    stopCycle();
    showGreeting(0);
    cycleTimer = setInterval(function () { showGreeting(cycleIndex + 1); }, CYCLE_MS);
  }

  function stopCycle() {
    if (cycleTimer) clearInterval(cycleTimer);
    cycleTimer = 0;
  }

  function start() {
    if (!el.shell.hidden) return;
    stopCycle();
    el.attract.hidden = true;
    el.shell.hidden = false;
    el.main.hidden = false;
    state.stack = [{ view: "languages" }];
    render(current());
    lastInput = now();
    idleTimer = setInterval(tick, TICK_MS);
  }

  /* ---- idle reset ------------------------------------------------- */

  function onInput() {
    lastInput = now();
  }

  function tick() {
    var time = now();
    if (!el.idle.open) {
      if (time - lastInput < IDLE_MS) return;
      closeQr();
      countdownEnd = time + COUNTDOWN_MS;
      el.idle.showModal();
    }
    var left = Math.ceil((countdownEnd - time) / 1000);
    if (time >= countdownEnd) {
      reset();
      return;
    }
    el.countdown.textContent = String(left);
  }

  function continueSession() {
    if (el.idle.open) el.idle.close();
    lastInput = now();
  }

  function reset() {
    navigation++;
    if (idleTimer) clearInterval(idleTimer);
    idleTimer = 0;
    if (el.idle.open) el.idle.close();
    closeQr();
    el.lists.textContent = "";
    el.article.textContent = "";
    el.article.removeAttribute("lang");
    el.takeQr.src = BLANK;
    el.takeUrl.textContent = "";
    state = freshState();
    setLanguage(null);
    setSize(0);
    showStatus("");
    showView(el.languages);
    try {
      sessionStorage.clear();
      localStorage.clear();
    } catch (error) { /* storage unavailable: nothing to clear */ }
    history.replaceState(null, "", location.pathname + location.search);
    // The page lives for days: drop the timing entries of the fragments it fetched.
    if (performance.clearResourceTimings) performance.clearResourceTimings();
    el.shell.hidden = true;
    el.main.hidden = true; // one visible <main> at a time: the attract screen's
    el.attract.hidden = false;
    window.scrollTo(0, 0);
    document.title = text("slogan");
    if (document.activeElement && document.activeElement !== document.body) document.activeElement.blur();
    if (updatePending) {
      location.reload();
      return;
    }
    startCycle();
    if (worker) worker.update().catch(function () { /* offline: try at the next reset */ });
  }

  /* ---- offline ---------------------------------------------------- */

  function registerWorker() {
    if (!("serviceWorker" in navigator)) return;
    var controlled = !!navigator.serviceWorker.controller;
    if (controlled) document.body.dataset.offline = "ready";
    navigator.serviceWorker.addEventListener("controllerchange", function () {
      if (controlled) {
        // A new build took over: reload when nobody is using the kiosk.
        updatePending = true;
        if (!el.attract.hidden) location.reload();
      }
      controlled = true;
      document.body.dataset.offline = "ready";
    });
    navigator.serviceWorker.register("sw.js").then(function (registration) {
      worker = registration;
    }, function () { /* the kiosk still works online */ });
  }

  /* ---- events ----------------------------------------------------- */

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (el.idle.open) {
      // The countdown is modal: any touch on it (the button, the card, the
      // backdrop around it) means someone is still there.
      continueSession();
      return;
    }
    if (target === el.qr) {
      closeQr();
      return;
    }
    var link = target.closest("a");
    if (link) {
      event.preventDefault();
      followLink(link);
      return;
    }
    var control = target.closest("[data-action]");
    if (!control) return;
    switch (control.dataset.action) {
      case "start": start(); break;
      case "choose-language": chooseLanguage(control.dataset.lang); break;
      case "back": back(); break;
      case "home": home(); break;
      case "language": pickLanguage(); break;
      case "text-size": setSize((state.size + 1) % TEXT_SIZES); break;
      case "topic": navigate({ view: "topic", topic: control.dataset.topic }); break;
      case "page": navigate({ view: "page", page: control.dataset.page }); break;
      case "continue": continueSession(); break;
      case "close-qr": closeQr(); break;
    }
  });
  // No way off the kiosk: no middle-click tabs, no context menu, no dragging links out.
  document.addEventListener("auxclick", function (event) { event.preventDefault(); });
  document.addEventListener("contextmenu", function (event) { event.preventDefault(); });
  document.addEventListener("dragstart", function (event) { event.preventDefault(); });
  el.idle.addEventListener("cancel", function (event) {
    event.preventDefault();
    continueSession();
  });
  el.qr.addEventListener("close", function () { el.qrImage.src = BLANK; });
  INPUT_EVENTS.forEach(function (type) {
    window.addEventListener(type, onInput, { capture: true, passive: true });
  });

  setLanguage(null);
  startCycle();
  registerWorker();
})();
