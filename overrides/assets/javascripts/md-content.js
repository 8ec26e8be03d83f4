/* Material for MkDocs 9.8.1 (partials/javascripts/content.html), moved out of
 * the page for the Content-Security-Policy: with content.tabs.link, selects the
 * tabs the reader chose before; and checks the tab an address's #anchor names. */
(function () {
  var features = JSON.parse(document.getElementById("__config").textContent).features || [];
  if (features.indexOf("content.tabs.link") >= 0) {
    var tabs = __md_get("__tabs");
    if (Array.isArray(tabs)) e: for (var set of document.querySelectorAll(".tabbed-set")) {
      var labels = set.querySelector(".tabbed-labels");
      for (var tab of tabs) for (var label of labels.getElementsByTagName("label")) if (label.innerText.trim() === tab) {
        var input = document.getElementById(label.htmlFor);
        input.checked = !0;
        continue e;
      }
    }
  }
  var target = document.getElementById(location.hash.slice(1));
  target && target.name && (target.checked = target.name.startsWith("__tabbed_"));
})();
