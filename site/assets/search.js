// The search page. Names and ids (buyers, schemes, suppliers, award ids and notices) come from the site's own
// name index (names.js: one small shard per query, the record whose id or name is the query first, then names
// that start with it). Free text (descriptions, award titles) comes from Pagefind's index, loaded only when asked
// for or when no name matches.
(function () {
  "use strict";
  var element = document.getElementById("dps-search");
  if (!element || !window.DpsNames) return;
  var nb = element.getAttribute("data-lang") === "nb";
  var root = new URL(element.getAttribute("data-root") || "../", window.location.href);
  var language = nb ? "" : "en/";
  var PAGE = 20;
  var KINDS = ["b", "s", "p", "a"];
  var find = window.DpsNames(root).find;
  var WORDS = nb ? {
    label: "Søk etter navn, organisasjonsnummer, CPV-kode, id eller tekst",
    placeholder: "Navn, organisasjonsnummer, CPV-kode eller id",
    b: "Oppdragsgiver", s: "Ordning", p: "Leverandør", a: "Tildeling", all: "Alle", types: "Vis",
    found: function (n, q) { return n + (n === 1 ? " treff" : " treff") + " på navn og nummer for «" + q + "»"; },
    none: function (q) { return "Ingen navn eller nummer passer «" + q + "»"; },
    short: "Skriv minst tre bokstaver eller sifre",
    more: "Vis flere", text: "Søk i beskrivelser og tildelingstitler", textHeading: "Treff i tekst",
    textNone: "Ingen treff i tekst", loading: "Søker …", textFailed: "Tekstsøket kunne ikke lastes"
  } : {
    label: "Search by name, organisation number, CPV code, id or text",
    placeholder: "Name, organisation number, CPV code or id",
    b: "Buyer", s: "Scheme", p: "Supplier", a: "Award", all: "All", types: "Show",
    found: function (n, q) { return n + (n === 1 ? " result" : " results") + " by name and number for “" + q + "”"; },
    none: function (q) { return "No name or number matches “" + q + "”"; },
    short: "Type at least three letters or digits",
    more: "Show more", text: "Search descriptions and award titles", textHeading: "Found in text",
    textNone: "Nothing found in text", loading: "Searching …", textFailed: "Text search could not be loaded"
  };

  // --- the page ----------------------------------------------------------------------------------------------
  function make(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  var form = make("form", "dps-search__form");
  form.setAttribute("role", "search");
  var label = make("label", "dps-search__label", WORDS.label);
  label.htmlFor = "dps-search-input";
  var input = make("input", "dps-search__input");
  input.id = "dps-search-input";
  input.type = "search";
  input.name = "q";
  input.autocomplete = "off";
  input.spellcheck = false;
  input.placeholder = WORDS.placeholder;
  form.append(label, input);
  var status = make("p", "dps-search__status");
  status.setAttribute("role", "status");
  var types = make("div", "dps-search__types");
  types.setAttribute("role", "group");
  types.setAttribute("aria-label", WORDS.types);
  var list = make("ol", "dps-search__results");
  function button(className, text) {
    var b = make("button", className, text);
    b.type = "button";
    return b;
  }
  var more = button("md-button dps-search__more", WORDS.more);
  var textButton = button("md-button dps-search__text-button", WORDS.text);
  more.hidden = textButton.hidden = true;  // shown once there is something for them to do
  var textPart = make("section", "dps-search__text");
  element.append(form, status, types, list, more, textButton, textPart);

  var state = { found: [], kind: "", shown: PAGE, query: "", serial: 0 };

  function href(path) { return new URL(language + path, root).href; }
  // every result on this page: a list item with its title linked and, below it, what it is or says
  function entry(li, linkClass, title, url, detail) {
    var link = make("a", linkClass, title);
    link.href = url;
    li.append(link, make("br"), detail);
    return li;
  }
  function item(record) {
    return entry(make("li", "dps-search__result"), "dps-search__link", record[2], href(record[6]),
                 make("span", "dps-search__meta", WORDS[record[0]] + (record[3] ? " · " + record[3] : "")));
  }
  function showTypes() {
    types.replaceChildren();
    if (!state.found.length) return;
    var counts = {};
    state.found.forEach(function (f) { counts[f.r[0]] = (counts[f.r[0]] || 0) + 1; });
    [""].concat(KINDS.filter(function (k) { return counts[k]; })).forEach(function (kind) {
      var toggle = button("dps-search__type", (kind ? WORDS[kind] : WORDS.all) + " (" +
        (kind ? counts[kind] : state.found.length) + ")");
      toggle.setAttribute("aria-pressed", String(state.kind === kind));
      toggle.addEventListener("click", function () { state.kind = kind; state.shown = PAGE; show(); });
      types.append(toggle);
    });
  }
  function show() {
    var chosen = state.found.filter(function (f) { return !state.kind || f.r[0] === state.kind; });
    list.replaceChildren.apply(list, chosen.slice(0, state.shown).map(function (f) { return item(f.r); }));
    more.hidden = chosen.length <= state.shown;
    showTypes();
  }
  function search(text) {
    var serial = ++state.serial;
    state.query = text.trim();
    textPart.replaceChildren();
    textButton.hidden = true;
    if (!state.query) {
      state.found = [];
      status.textContent = "";
      show();
      return Promise.resolve();
    }
    return find(state.query).then(function (found) {
      if (serial !== state.serial) return;  // a newer query is under way
      state.found = found || [];
      state.kind = "";
      state.shown = PAGE;
      status.textContent = found === null ? WORDS.short
        : found.length ? WORDS.found(found.length, state.query) : WORDS.none(state.query);
      show();
      textButton.hidden = found === null;
      if (found !== null && !found.length) searchText();
    }, function (error) {
      if (serial === state.serial) status.textContent = String(error.message || error);
    });
  }
  function remember(text) {
    var url = new URL(window.location.href);
    if (text) url.searchParams.set("q", text); else url.searchParams.delete("q");
    window.history.replaceState(null, "", url.href);
  }

  // Free text: Pagefind's index (stemmed, Norwegian), its results each with their best sections.
  var pagefind = null;
  function english(url) {
    var base = root.pathname;
    return nb || url.indexOf(base) !== 0 ? url : base + "en/" + url.slice(base.length);
  }
  function excerpt(html) {  // Pagefind's excerpt is escaped text with <mark>: keep only text and the marks
    var parsed = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html").body.firstChild;
    var out = make("span", "dps-search__excerpt");
    parsed.childNodes.forEach(function (node) {
      out.append(node.nodeName === "MARK" ? make("mark", "", node.textContent) : document.createTextNode(node.textContent));
    });
    return out;
  }
  function textFound(content) { textPart.replaceChildren(make("h2", "", WORDS.textHeading), content); }
  function searchText() {
    var query = state.query;
    var serial = state.serial;
    textButton.hidden = true;
    textFound(make("p", "", WORDS.loading));
    if (!pagefind) {
      pagefind = import(new URL("pagefind/pagefind.js", root).href).then(function (pf) {
        return pf.options({ baseUrl: root.pathname, excerptLength: 20 }).then(function () { return pf; });
      });
    }
    pagefind.then(function (pf) { return pf.search(query); }).then(function (found) {
      return Promise.all(found.results.slice(0, 10).map(function (r) { return r.data(); }));
    }).then(function (pages) {
      if (serial !== state.serial) return;
      var ol = make("ol", "dps-search__results");
      pages.forEach(function (page) {
        var li = entry(make("li", "dps-search__result"), "dps-search__link", page.meta.title, english(page.url),
                       excerpt(page.excerpt));
        var subs = (page.sub_results || []).filter(function (s) { return s.url !== page.url; }).slice(0, 3);
        if (subs.length) {
          var inner = make("ul", "dps-search__sections");
          subs.forEach(function (sub) {
            inner.append(entry(make("li"), "", sub.title, english(sub.url), excerpt(sub.excerpt)));
          });
          li.append(inner);
        }
        ol.append(li);
      });
      textFound(pages.length ? ol : make("p", "", WORDS.textNone));
    }, function () {
      if (serial === state.serial) textPart.replaceChildren(make("p", "", WORDS.textFailed));
    });
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { remember(input.value.trim()); search(input.value); }, 80);
  });
  form.addEventListener("submit", function (event) {  // Enter opens the first result
    event.preventDefault();
    clearTimeout(timer);
    remember(input.value.trim());
    search(input.value).then(function () {
      var first = list.querySelector("a");
      if (first) window.location.href = first.href;
    });
  });
  // arrow keys move between the box and the results
  element.addEventListener("keydown", function (event) {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    var links = Array.from(list.querySelectorAll("a"));
    var at = links.indexOf(document.activeElement);
    if (document.activeElement !== input && at < 0) return;
    event.preventDefault();
    var next = event.key === "ArrowDown" ? at + 1 : at - 1;
    if (next < 0) input.focus(); else if (next < links.length) links[next].focus();
  });
  more.addEventListener("click", function () { state.shown += PAGE; show(); });
  textButton.addEventListener("click", searchText);

  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) {
    input.value = initial;
    search(initial);
  }
  input.focus();
  // for tests and the benchmark: the ranked records of a query, as the page shows them
  element.dpsFind = find;
})();
