// Pagefind search page: the index lives beside this site's root, whatever path the site is hosted under.
(function () {
  "use strict";
  var element = document.getElementById("search");
  var script = document.querySelector('script[src$="pagefind-ui.js"]');
  if (!element || !script || typeof PagefindUI === "undefined") return;
  var bundle = new URL(".", script.src);
  var nb = element.getAttribute("data-lang") === "nb";
  var base = new URL("..", bundle).pathname;
  var suppliers = base + "suppliers/";
  function score(sub) {
    return sub.weighted_locations.reduce(function (sum, location) { return sum + location.balanced_score; }, 0);
  }
  // Suppliers are indexed in groups, each supplier a section whose id is its id (fewer documents make a smaller
  // index to download): a group's result becomes its matching suppliers, the best first, each opening its own page.
  function supplierResult(result) {
    var subs = (result.sub_results || []).filter(function (sub) { return sub.anchor; });
    if (result.url.indexOf(suppliers) !== 0 || !subs.length) return result;
    subs = subs.map(function (sub) {
      return Object.assign({}, sub, { url: suppliers + encodeURIComponent(sub.anchor.id) + "/" });
    });
    subs.sort(function (a, b) { return score(b) - score(a); });
    result.url = subs[0].url;
    result.meta = Object.assign({}, result.meta, { title: subs[0].title });
    result.excerpt = subs[0].excerpt;
    result.sub_results = subs;  // the first is the result itself, so Pagefind UI shows its excerpt
    return result;
  }
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
    processResult: nb ? supplierResult : function (result) { return toEnglish(supplierResult(result)); },
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
