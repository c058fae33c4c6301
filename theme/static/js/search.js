// Progressive enhancement: turns #search into Pagefind's search box and runs the
// query from ?q= (the header's plain search form sends it). Without JavaScript the
// page links to the archive instead.
window.addEventListener("DOMContentLoaded", function () {
  var container = document.getElementById("search");
  if (!container || typeof PagefindUI === "undefined") return;
  var ui = new PagefindUI({
    element: "#search",
    bundlePath: container.getAttribute("data-bundle-path"),
    showImages: false,
    resetStyles: false
  });
  // Pagefind's box has only a placeholder; give it a name screen readers announce.
  var input = container.querySelector("input");
  if (input) input.setAttribute("aria-label", "Search this site");
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) ui.triggerSearch(query);
});
