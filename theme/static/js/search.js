// Progressive enhancement: turns #search into Pagefind's search box and runs the
// query from ?q= (the header's plain search form sends it). Without JavaScript the
// page links to the archive instead. A big blog's index comes in parts: the first
// bundle's parts.json lists the others, and Pagefind merges them into one search.
window.addEventListener("DOMContentLoaded", function () {
  var container = document.getElementById("search");
  if (!container || typeof PagefindUI === "undefined") return;
  var bundlePath = container.getAttribute("data-bundle-path");
  var partsUrl = new URL(bundlePath + "parts.json", window.location.href);

  function start(otherParts) {
    var ui = new PagefindUI({
      element: "#search",
      bundlePath: bundlePath,
      mergeIndex: otherParts.map(function (part) {
        return { bundlePath: new URL(part, partsUrl).pathname };
      }),
      showImages: false,
      resetStyles: false
    });
    // Pagefind's box has only a placeholder; give it a name screen readers announce.
    var input = container.querySelector("input");
    if (input) input.setAttribute("aria-label", "Search this site");
    var query = new URLSearchParams(window.location.search).get("q");
    if (query) ui.triggerSearch(query);
  }

  fetch(partsUrl)
    .then(function (response) { return response.ok ? response.json() : []; })
    .catch(function () { return []; })
    .then(function (parts) { start(Array.isArray(parts) ? parts : []); });
});
