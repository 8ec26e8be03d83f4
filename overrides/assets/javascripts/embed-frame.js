/* Hà Nội International Information: inside an embed view (/embed/<lang>/…/).
 *
 * Tells the page that embeds it how tall the content is, whenever that
 * changes: {type: "hanoi-embed:height", id, height} posted to the parent with
 * target "*" (the embedding site is not known; the message carries nothing
 * but the height and the id the loader put in the address, #hanoi-embed=<id>).
 * Uses no cookies and no storage, so it works in a sandboxed iframe with an
 * opaque origin. */
(function () {
  "use strict";

  if (window.parent === window) return;
  var match = /(?:^#|&)hanoi-embed=([A-Za-z0-9_-]{1,64})(?:&|$)/.exec(window.location.hash);
  var id = match ? match[1] : "";
  var root = document.documentElement;
  if (id) {
    // The loader sizes the frame to the content: no scroll bar, whose
    // appearing would change the width, and so the height, again.
    root.classList.add("hanoi-embed--sized");
  }
  var last = -1;

  function report() {
    var height = Math.ceil(root.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: "hanoi-embed:height", id: id, height: height }, "*");
  }

  if (typeof ResizeObserver === "function") {
    new ResizeObserver(report).observe(root);
  }
  window.addEventListener("load", report);
  report();
})();
