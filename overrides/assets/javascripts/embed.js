/* Hà Nội International Information: embed loader for other sites.
 *
 * Paste where the page should appear:
 *   <a data-hanoi-embed="https://<site>/embed/en/tourism/…/" href="https://<site>/en/tourism/…/">Title</a>
 *   <script async src="https://<site>/assets/javascripts/embed.js"></script>
 * (a <div data-hanoi-embed="…"></div> works too). Each placeholder becomes a
 * sandboxed iframe whose height follows its content: the embedded page posts
 * {type: "hanoi-embed:height", id, height} to its parent, and only messages
 * from the iframe this script created, carrying its id, are accepted.
 * Only embeds of the site this script comes from are loaded. No cookies, no
 * storage, no other requests. */
(function () {
  "use strict";

  var MESSAGE_TYPE = "hanoi-embed:height";
  var SANDBOX = "allow-scripts allow-popups allow-popups-to-escape-sandbox";
  var MAX_HEIGHT = 100000;
  var INITIAL_HEIGHT = 480;

  if (window.hanoiEmbed && typeof window.hanoiEmbed.scan === "function") {
    // The snippet was pasted twice: one loader serves the whole page.
    window.hanoiEmbed.scan();
    return;
  }

  var script = document.currentScript;
  if (!script || !script.src) return;
  // This file is <site>/assets/javascripts/embed.js.
  var siteRoot = new URL("../../", script.src).href;
  var embedRoot = siteRoot + "embed/";
  var siteOrigin = new URL(siteRoot).origin;
  var frames = Object.create(null);
  var counter = 0;

  function newId() {
    counter += 1;
    return "hanoi-embed-" + counter + "-" + Math.floor(Math.random() * 0x100000000).toString(36);
  }

  function sandboxedWithoutOrigin(frame) {
    if (!frame.hasAttribute("sandbox")) return false;
    return frame.getAttribute("sandbox").split(/\s+/).indexOf("allow-same-origin") === -1;
  }

  function create(placeholder) {
    var value = placeholder.getAttribute("data-hanoi-embed") || placeholder.getAttribute("href") || "";
    var source;
    try {
      source = new URL(value, document.baseURI);
    } catch (error) {
      return;
    }
    source.hash = "";
    if (source.href.indexOf(embedRoot) !== 0) return;
    var id = newId();
    source.hash = "hanoi-embed=" + id;
    var frame = document.createElement("iframe");
    frame.src = source.href;
    frame.title = placeholder.getAttribute("data-title") || (placeholder.textContent || "").trim() || "Hà Nội";
    frame.setAttribute("sandbox", SANDBOX);
    frame.setAttribute("data-hanoi-embed-id", id);
    frame.style.display = "block";
    frame.style.width = "100%";
    frame.style.maxWidth = "100%";
    frame.style.border = "0";
    frame.style.height = INITIAL_HEIGHT + "px";
    frames[id] = frame;
    placeholder.parentNode.replaceChild(frame, placeholder);
  }

  function scan() {
    var placeholders = document.querySelectorAll("[data-hanoi-embed]");
    for (var i = 0; i < placeholders.length; i += 1) {
      create(placeholders[i]);
    }
  }

  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || typeof data !== "object" || data.type !== MESSAGE_TYPE || typeof data.id !== "string") return;
    var frame = frames[data.id];
    if (!frame || event.source !== frame.contentWindow) return;
    var expectedOrigin = sandboxedWithoutOrigin(frame) ? "null" : siteOrigin;
    if (event.origin !== expectedOrigin) return;
    var height = data.height;
    if (typeof height !== "number" || !isFinite(height) || height < 0 || height > MAX_HEIGHT) return;
    frame.style.height = Math.ceil(height) + "px";
  });

  window.hanoiEmbed = { scan: scan };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", scan);
  } else {
    scan();
  }
})();
