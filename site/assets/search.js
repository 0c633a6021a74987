// Pagefind search page: the index lives beside this site's root, whatever path the site is hosted under.
(function () {
  "use strict";
  var element = document.getElementById("search");
  var script = document.querySelector('script[src$="pagefind-ui.js"]');
  if (!element || !script || typeof PagefindUI === "undefined") return;
  var bundle = new URL(".", script.src);
  var nb = element.getAttribute("data-lang") === "nb";
  var base = new URL("..", bundle).pathname;
  // One index, built from the Norwegian pages (record text is the same in both languages):
  // on the English site each result opens the same page in English.
  function english(url) {
    return url && url.indexOf(base) === 0 ? base + "en/" + url.slice(base.length) : url;
  }
  function toEnglish(result) {
    result.url = english(result.url);
    (result.sub_results || []).forEach(function (sub) { sub.url = english(sub.url); });
    return result;
  }
  var ui = new PagefindUI({
    element: "#search",
    bundlePath: bundle.pathname,
    baseUrl: base,
    processResult: nb ? undefined : toEnglish,
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
