// Pagefind search page: the index lives beside this site's root, whatever path the site is hosted under.
(function () {
  "use strict";
  var element = document.getElementById("search");
  var script = document.querySelector('script[src$="pagefind-ui.js"]');
  if (!element || !script || typeof PagefindUI === "undefined") return;
  var bundle = new URL(".", script.src);
  var nb = element.getAttribute("data-lang") === "nb";
  var ui = new PagefindUI({
    element: "#search",
    bundlePath: bundle.pathname,
    baseUrl: new URL("..", bundle).pathname,
    showSubResults: true,
    showImages: false,
    resetStyles: false,
    autofocus: true,
    translations: nb ? { placeholder: "Navn, organisasjonsnummer, CPV-kode eller tittel" }
                     : { placeholder: "Name, organisation number, CPV code or title" }
  });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) ui.triggerSearch(query);
})();
