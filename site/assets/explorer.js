// The awards explorer: every award of the data, filtered, sorted, summed and paged in the browser from static
// files (generator/render/explorer.py). The most selective filter set chooses the one file to fetch (a scheme's,
// a supplier's bucket, a buyer's, else the chosen years' files); the other filters are applied here. With no
// scheme, buyer, supplier, year or dates chosen it shows the newest year, says what all years hold (meta.json) and
// fetches them only when asked, saying how big they are. The filters, the sort and the page live in the address, so
// a view can be cited; the downloads hold exactly the filtered rows, which are always the rows already loaded.
(function () {
  "use strict";
  var element = document.getElementById("explorer");
  if (!element || !window.DpsNames) return;
  var nb = element.getAttribute("data-lang") === "nb";
  var root = new URL(element.getAttribute("data-root") || "../", window.location.href);
  var data = new URL("explorer/", root);
  var language = nb ? "" : "en/";
  var names = window.DpsNames(root);
  var PAGE = 50;
  var W = nb ? {
    scheme: "Ordning", category: "Kategori", buyer: "Oppdragsgiver", supplier: "Leverandør (navn eller nummer)",
    year: "År", from: "Fra dato", to: "Til dato", vmin: "Verdi fra (NOK)", vmax: "Verdi til (NOK)", tmin: "Tilbud fra",
    tmax: "Tilbud til", sme: "SMB vant", any: "alle", yes: "ja", no: "nei", clear: "Nullstill",
    date: "Dato", title: "Tittel", winners: "Leverandører", tenders: "Tilbud", sme_tenders: "SMB-tilbud",
    value: "Verdi", status: "Status", loading: "Laster …", prev: "Forrige side", next: "Neste side",
    page: function (p, n) { return "Side " + p + " av " + n; },
    summary: function (n, sum, valued) {
      return n.toLocaleString("nb") + " tildelinger · samlet verdi " + sum + " (" + valued.toLocaleString("nb") +
        " med oppgitt verdi)";
    },
    unknown: "ukjent", noSupplier: "Fant ingen leverandør som heter «", csv: "Last ned CSV", json: "Last ned JSON",
    sortBy: "Sorter etter", filters: "Filtre", failed: "Kunne ikke laste data: ", allYears: "alle år",
    newest: function (year) { return "Viser det nyeste året, " + year + ". Alle år: "; },
    showAll: function (size) { return "Vis alle år (" + size + ")"; }
  } : {
    scheme: "Scheme", category: "Category", buyer: "Buyer", supplier: "Supplier (name or number)",
    year: "Year", from: "From date", to: "To date", vmin: "Value from (NOK)", vmax: "Value to (NOK)", tmin: "Tenders from",
    tmax: "Tenders to", sme: "SME won", any: "any", yes: "yes", no: "no", clear: "Clear",
    date: "Date", title: "Title", winners: "Suppliers", tenders: "Tenders", sme_tenders: "SME tenders",
    value: "Value", status: "Status", loading: "Loading …", prev: "Previous page", next: "Next page",
    page: function (p, n) { return "Page " + p + " of " + n; },
    summary: function (n, sum, valued) {
      return n.toLocaleString("en") + " awards · total value " + sum + " (" + valued.toLocaleString("en") +
        " with a known value)";
    },
    unknown: "unknown", noSupplier: "No supplier found named “", csv: "Download CSV", json: "Download JSON",
    sortBy: "Sort by", filters: "Filters", failed: "Could not load data: ", allYears: "all years",
    newest: function (year) { return "Showing the newest year, " + year + ". All years: "; },
    showAll: function (size) { return "Show all years (" + size + ")"; }
  };
  var FIELDS = ["scheme", "category", "buyer", "supplier", "year", "from", "to", "vmin", "vmax", "tmin", "tmax", "sme"];
  var C = { scheme: 0, award: 1, category: 2, buyer: 3, title: 4, date: 5, invited: 6, awarded: 7, value: 8,
            currency: 9, tenders: 10, sme_tenders: 11, winners: 12, status: 13 };
  var SORTS = ["date", "title", "scheme", "category", "buyer", "winners", "tenders", "sme_tenders", "value", "status"];

  var meta = null;
  var files = new Map();
  function load(path) {  // a file's content, decoded (each file fetched once)
    if (!files.has(path)) {
      files.set(path, fetch(new URL(path, data)).then(function (response) {
        if (!response.ok) throw new Error(path + ": HTTP " + response.status);
        return response.json();
      }).then(function (content) { return path === "meta.json" ? content : decode(content); }));
    }
    return files.get(path);
  }
  // A shard is columnar (explorer.py): its rows, as the rest of this file reads them (C), and its suppliers by id.
  var DAYS = {};
  function dates(differences) {  // a date column: each known date is its difference from the one before it
    var days = 0;
    return differences.map(function (d) {
      if (d === null) return null;
      days += d;
      return DAYS[days] || (DAYS[days] = new Date(days * 86400000).toISOString().slice(0, 10));
    });
  }
  function decode(shard) {
    var c = shard.columns, values = shard.values, rows = new Array(shard.rows), suppliers = {};
    var invitedDates = dates(c.invited), awardedDates = dates(c.awarded);
    function coded(name, i) { var at = c[name][i]; return at === null ? null : values[name][at]; }
    function winner(at) { return shard.suppliers[at][0]; }
    shard.suppliers.forEach(function (s) { suppliers[s[0]] = [s[1], s[2]]; });
    for (var i = 0; i < shard.rows; i++) {
      var invited = invitedDates[i], awarded = awardedDates[i];
      rows[i] = [coded("scheme", i), c.award[i], coded("category", i), coded("buyer", i), c.title[i],
                 invited || awarded, invited, awarded, c.value[i], coded("currency", i), c.tenders[i],
                 c.sme_tenders[i], c.winners[i].map(winner), coded("status", i)];
    }
    return { rows: rows, suppliers: suppliers, categories: shard.categories || {} };
  }
  function size(bytes) {
    return bytes < 1e6 ? Math.ceil(bytes / 1e3) + " kB"
      : (bytes / 1e6).toLocaleString(nb ? "nb" : "en", { maximumFractionDigits: 1 }) + " MB";
  }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, name) { return encodeURIComponent(values[name]); });
  }
  function page(path) { return new URL(language + path, root).href; }

  // --- state in the address ----------------------------------------------------------------------------------
  function readState() {
    var params = new URLSearchParams(window.location.search);
    var state = { sort: "date", dir: "desc", page: 1 };
    FIELDS.forEach(function (f) { state[f] = params.get(f) || ""; });
    if (SORTS.indexOf(params.get("sort")) >= 0) state.sort = params.get("sort");
    if (params.get("dir") === "asc") state.dir = "asc";
    state.page = Math.max(1, parseInt(params.get("page"), 10) || 1);
    return state;
  }
  function writeState(state) {
    var params = new URLSearchParams();
    FIELDS.forEach(function (f) { if (state[f]) params.set(f, state[f]); });
    if (state.sort !== "date" || state.dir !== "desc") { params.set("sort", state.sort); params.set("dir", state.dir); }
    if (state.page > 1) params.set("page", String(state.page));
    var query = params.toString();
    window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
  }

  // --- which file holds every row the filters can match --------------------------------------------------------
  function newest() { var years = Object.keys(meta.years); return years[years.length - 1]; }
  function chosen(state) { return Boolean(state.scheme || state.supplier || state.buyer); }  // a file of its own
  function narrowed(state) { return chosen(state) || Boolean(state.from || state.to); }
  // no year chosen and nothing to narrow the rows by: the newest year, not every year's files
  function defaulted(state) { return !state.year && !narrowed(state) && Object.keys(meta.years).length > 1; }
  function shownYears(state) {  // the years the view is of: null, every year
    if (state.year === "all") return null;
    if (state.year) return [state.year];
    return defaulted(state) ? [newest()] : null;
  }
  function yearFiles(state) {
    var years = shownYears(state);
    return Object.keys(meta.years).filter(function (year) {
      return (!years || years.indexOf(year) >= 0) &&
        (!state.from || year >= state.from.slice(0, 4)) && (!state.to || year <= state.to.slice(0, 4));
    });
  }
  function bytes(years) { return years.reduce(function (n, y) { return n + meta.years[y].bytes; }, 0); }
  function sources(state) {
    if (state.scheme) return ["scheme/" + encodeURIComponent(state.scheme) + ".json"];
    if (state.supplier) return ["supplier/" + (names.fnv(state.supplier) % meta.supplier_buckets) + ".json"];
    if (state.buyer) return ["buyer/" + encodeURIComponent(state.buyer) + ".json"];
    return yearFiles(state).map(function (year) { return "year/" + year + ".json"; });
  }
  function number(text) { var n = parseFloat(text); return isNaN(n) ? null : n; }
  function matcher(state, suppliers) {
    var vmin = number(state.vmin), vmax = number(state.vmax), tmin = number(state.tmin), tmax = number(state.tmax);
    var years = shownYears(state);
    return function (r) {
      if (years && years.indexOf(r[C.date].slice(0, 4)) < 0) return false;
      if (state.scheme && r[C.scheme] !== state.scheme) return false;
      if (state.category && r[C.category] !== state.category) return false;
      if (state.buyer && r[C.buyer] !== state.buyer) return false;
      if (state.supplier && r[C.winners].indexOf(state.supplier) < 0) return false;
      if (state.from && !(r[C.date] >= state.from)) return false;
      if (state.to && !(r[C.date] <= state.to)) return false;
      if ((vmin !== null || vmax !== null) && (r[C.value] === null || r[C.currency] !== "NOK")) return false;
      if (vmin !== null && r[C.value] < vmin) return false;
      if (vmax !== null && r[C.value] > vmax) return false;
      if ((tmin !== null || tmax !== null) && r[C.tenders] === null) return false;
      if (tmin !== null && r[C.tenders] < tmin) return false;
      if (tmax !== null && r[C.tenders] > tmax) return false;
      if (state.sme) {  // unknown sizes count for neither answer
        var sizes = r[C.winners].map(function (w) { return suppliers[w] ? suppliers[w][1] : null; });
        if (state.sme === "yes" && sizes.indexOf(true) < 0) return false;
        if (state.sme === "no" && (!sizes.length || sizes.some(function (s) { return s !== false; }))) return false;
      }
      return true;
    };
  }

  // --- what a row shows and downloads --------------------------------------------------------------------------
  function schemeName(id) { return meta.schemes[id] ? meta.schemes[id][0] : id; }
  function buyerName(id) { return id && meta.buyers[id] ? meta.buyers[id][0] : id || ""; }
  function winnerNames(r, suppliers) {
    return r[C.winners].map(function (w) { return suppliers[w] ? suppliers[w][0] : w; }).join("; ");
  }
  function sortValue(key, r, suppliers) {
    if (key === "scheme") return schemeName(r[C.scheme]);
    if (key === "buyer") return buyerName(r[C.buyer]);
    if (key === "winners") return winnerNames(r, suppliers);
    return r[C[key]];
  }
  function sorted(rows, state, suppliers) {
    var key = state.sort, sign = state.dir === "asc" ? 1 : -1;
    var keyed = rows.map(function (r, i) { return [sortValue(key, r, suppliers), i, r]; });
    keyed.sort(function (a, b) {
      var x = a[0], y = b[0];
      var ax = x === null || x === undefined || x === "", by = y === null || y === undefined || y === "";
      if (ax || by) return ax === by ? a[1] - b[1] : ax ? 1 : -1;  // unknown last, whichever the direction
      if (typeof x === "number") return sign * (x - y) || a[1] - b[1];
      return sign * String(x).localeCompare(String(y), nb ? "nb" : "en") || a[1] - b[1];
    });
    return keyed.map(function (k) { return k[2]; });
  }
  var HEADER = ["scheme_id", "award_id", "category_id", "buyer_id", "buyer_name", "scheme_title", "title", "date",
                "invited", "awarded", "value", "currency", "tenders", "sme_tenders", "supplier_ids", "supplier_names",
                "status"];
  function record(r, suppliers) {
    return [r[C.scheme], r[C.award], r[C.category], r[C.buyer], buyerName(r[C.buyer]), schemeName(r[C.scheme]),
            r[C.title], r[C.date], r[C.invited], r[C.awarded], r[C.value], r[C.currency], r[C.tenders],
            r[C.sme_tenders], r[C.winners].join("; "), winnerNames(r, suppliers), r[C.status]];
  }
  // text a spreadsheet would run as a formula is written as text (meta.formula_starts, from the export's rule)
  function csvCell(value) {
    if (value === null || value === undefined) return "";
    if (typeof value === "number") return String(value);
    var text = String(value);
    if (text && meta.formula_starts.indexOf(text[0]) >= 0) text = "'" + text;
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }
  function csv(rows, suppliers) {
    var lines = [HEADER.join(",")].concat(rows.map(function (r) { return record(r, suppliers).map(csvCell).join(","); }));
    return "\ufeff" + lines.join("\r\n") + "\r\n";
  }
  function json(rows, suppliers) {
    return JSON.stringify(rows.map(function (r) {
      var values = record(r, suppliers), out = {};
      HEADER.forEach(function (h, i) { out[h] = values[i] === undefined ? null : values[i]; });
      return out;
    }), null, 1) + "\n";
  }
  function download(name, type, text) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type: type }));
    link.download = name;
    document.body.append(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 0);
  }

  // --- the page ------------------------------------------------------------------------------------------------
  function make(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function button(className, text, onClick) {
    var b = make("button", className, text);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }
  function field(name, control) {
    var wrapper = make("label", "dps-filter dps-explorer__field");
    wrapper.append(make("span", "", W[name]), control);
    control.name = name;
    control.setAttribute("data-field", name);
    return wrapper;
  }
  function input(type) { var i = make("input"); i.type = type; if (type === "number") i.min = "0"; return i; }
  function options(list, pairs) {  // a select's or a datalist's choices: [value, label] pairs
    list.replaceChildren.apply(list, pairs.map(function (p) {
      var option = make("option", "", p[1]);
      option.value = p[0];
      return option;
    }));
    return list;
  }
  function byLabel(a, b) { return a[1].localeCompare(b[1], nb ? "nb" : "en"); }
  var form = make("form", "dps-explorer__filters");
  form.setAttribute("aria-label", W.filters);
  var controls = {};
  var status = make("p", "dps-explorer__status");
  status.setAttribute("role", "status");
  var note = make("p", "dps-explorer__note");  // what the first view leaves out, and the way to all of it
  var tableWrap = make("div", "md-typeset__scrollwrap dps-explorer__table");  // scrolls sideways on a phone
  tableWrap.tabIndex = 0;
  tableWrap.setAttribute("role", "region");
  tableWrap.setAttribute("aria-label", nb ? "Tildelinger" : "Awards");
  var pager = make("nav", "dps-explorer__pager");
  pager.setAttribute("aria-label", nb ? "Sider" : "Pages");
  var downloads = make("p", "dps-explorer__downloads");
  var supplierList = make("datalist");
  supplierList.id = "dps-explorer-suppliers";

  var state = readState();
  var view = { rows: [], suppliers: {} };

  // a filter's change: the new state from its first page
  function change(apply) { return function () { apply(); state.page = 1; refresh(); }; }
  function build() {
    var schemes = Object.keys(meta.schemes).map(function (id) {
      var s = meta.schemes[id];
      return [id, s[0] + (s[1] && meta.buyers[s[1]] ? " – " + meta.buyers[s[1]][0] : "")];
    }).sort(byLabel);
    var buyers = Object.keys(meta.buyers).map(function (id) { return [id, meta.buyers[id][0]]; }).sort(byLabel);
    var years = Object.keys(meta.years).reverse().map(function (y) {
      return [y, y + " (" + meta.years[y].awards.toLocaleString(nb ? "nb" : "en") + ")"];
    });
    controls.scheme = options(make("select"), [["", W.any]].concat(schemes));
    controls.category = options(make("select"), [["", W.any]]);
    controls.buyer = options(make("select"), [["", W.any]].concat(buyers));
    controls.supplier = input("search");
    controls.supplier.setAttribute("list", supplierList.id);
    controls.supplier.autocomplete = "off";
    controls.year = options(make("select"), [["all", W.allYears]].concat(years));
    ["from", "to"].forEach(function (f) { controls[f] = input("date"); });
    ["vmin", "vmax", "tmin", "tmax"].forEach(function (f) { controls[f] = input("number"); });
    controls.sme = options(make("select"), [["", W.any], ["yes", W.yes], ["no", W.no]]);
    FIELDS.forEach(function (f) { form.append(field(f, controls[f])); });
    form.append(supplierList, button("md-button", W.clear, change(function () {
      FIELDS.forEach(function (f) { state[f] = ""; });
    })));
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    FIELDS.forEach(function (f) {
      if (f === "supplier") return;
      controls[f].addEventListener("change", change(function () {
        state[f] = controls[f].value;
        if (f === "scheme") state.category = "";
      }));
    });
    controls.supplier.addEventListener("input", suggest);
    controls.supplier.addEventListener("change", chooseSupplier);
    downloads.append(
      button("md-button", W.csv, function () {
        download("awards.csv", "text/csv;charset=utf-8", csv(view.rows, view.suppliers));
      }), " ",
      button("md-button", W.json, function () {
        download("awards.json", "application/json", json(view.rows, view.suppliers));
      })
    );
    element.replaceChildren(form, status, note, downloads, tableWrap, pager);
  }
  function suppliersFound(text) {
    return names.find(text).then(function (found) {
      return (found || []).filter(function (f) { return f.r[0] === "p"; });
    });
  }
  var suggesting = 0;
  function suggest() {
    var serial = ++suggesting;
    suppliersFound(controls.supplier.value.trim()).then(function (found) {
      if (serial !== suggesting) return;
      options(supplierList, found.slice(0, 8).map(function (f) { return [f.r[1], f.r[2]]; }));
    });
  }
  function chooseSupplier() {
    var text = controls.supplier.value.trim();
    if (!text) { change(function () { state.supplier = ""; })(); return; }
    suppliersFound(text).then(function (found) {
      if (!found.length) { status.textContent = W.noSupplier + text + (nb ? "»" : "”"); return; }
      change(function () { state.supplier = found[0].r[1]; })();
    });
  }
  function sync() {
    FIELDS.forEach(function (f) { if (document.activeElement !== controls[f]) controls[f].value = state[f]; });
    if (state.supplier && document.activeElement !== controls.supplier) controls.supplier.value = state.supplier;
    // the year shown: the one chosen, else the newest year the view defaults to, else all of them
    var years = shownYears(state);
    controls.year.value = years ? years[0] : "all";
    // all years of no scheme, buyer or supplier are every year's files: their size is said before they are fetched
    var all = chosen(state) ? "" : " (" + size(bytes(Object.keys(meta.years))) + ")";
    controls.year.options[0].textContent = W.allYears + all;
  }
  function categories(found) {
    options(controls.category, [["", W.any]].concat(Object.keys(found).map(function (id) {
      return [id, found[id] || id];
    })));
    controls.category.disabled = !state.scheme;
    controls.category.value = state.category;
  }
  function money(amount) {
    return new Intl.NumberFormat(nb ? "nb-NO" : "en-GB", { style: "currency", currency: "NOK",
      maximumFractionDigits: 0 }).format(amount);
  }
  // how many awards and their value, as explorer.py's totals(): cancelled awards and unknown values left out
  function totals(rows) {
    var sums = {}, valued = 0;
    rows.forEach(function (r) {
      if (r[C.value] === null || r[C.status] === "cancelled") return;
      var currency = r[C.currency] || "?";
      sums[currency] = (sums[currency] || 0) + r[C.value];
      if (currency === "NOK") valued += 1;
    });
    return { awards: rows.length, value: sums, valued: valued };
  }
  function summary(t) {
    var other = Object.keys(t.value).filter(function (c) { return c !== "NOK"; }).sort();
    var extra = other.map(function (c) { return " + " + t.value[c].toLocaleString() + " " + c; });
    return W.summary(t.awards, money(t.value.NOK || 0) + extra.join(""), t.valued);
  }
  function allYears() {  // meta's totals of every year, added up
    var all = { awards: 0, value: {}, valued: 0 };
    Object.keys(meta.years).forEach(function (y) {
      var t = meta.years[y];
      all.awards += t.awards;
      all.valued += t.valued;
      Object.keys(t.value).forEach(function (c) { all.value[c] = (all.value[c] || 0) + t.value[c]; });
    });
    return all;
  }
  function showNote() {
    if (!defaulted(state)) { note.replaceChildren(); return; }
    note.replaceChildren(W.newest(newest()) + summary(allYears()) + ". ", button("md-button", W.showAll(
      size(bytes(Object.keys(meta.years)))), change(function () { state.year = "all"; })));
  }
  function header(key) {
    var th = make("th");
    th.scope = "col";
    var sorting = state.sort === key;
    th.setAttribute("aria-sort", sorting ? (state.dir === "asc" ? "ascending" : "descending") : "none");
    th.append(button("dps-sort", W[key], change(function () {
      state.dir = sorting && state.dir === "desc" ? "asc" : sorting ? "desc" : key === "date" || key === "value" ? "desc" : "asc";
      state.sort = key;
    })));
    return th;
  }
  // a link to a record's page: its kind's address in meta.paths, filled in
  function link(text, kind, values) {
    var a = make("a", "", text);
    a.href = page(fill(meta.paths[kind], values));
    return a;
  }
  function cell(content) {
    var td = make("td");
    if (content === null || content === undefined || content === "") td.append(make("span", "dps-unknown", W.unknown));
    else td.append(content);
    return td;
  }
  function count(n) { return n === null ? null : String(n); }
  function table(rows, suppliers, from) {
    var t = make("table", "dps-explorer__rows");
    var head = make("thead"), tr = make("tr");
    SORTS.forEach(function (k) { tr.append(header(k)); });
    head.append(tr);
    var body = make("tbody");
    rows.slice(from, from + PAGE).forEach(function (r) {
      var row = make("tr");
      var year = (r[C.date] || "").slice(0, 4);
      var winners = make("span");
      r[C.winners].forEach(function (w, i) {
        if (i) winners.append("; ");
        winners.append(link(suppliers[w] ? suppliers[w][0] : w, "supplier", { id: w }));
      });
      row.append(
        cell(r[C.date]),
        cell(link(r[C.title] || r[C.award], "award", { s: r[C.scheme], a: r[C.award], y: year })),
        cell(link(schemeName(r[C.scheme]), "scheme", { id: r[C.scheme] })),
        cell(r[C.category]),
        cell(r[C.buyer] ? link(buyerName(r[C.buyer]), "buyer", { id: r[C.buyer] }) : null),
        cell(r[C.winners].length ? winners : null),
        cell(count(r[C.tenders])),
        cell(count(r[C.sme_tenders])),
        cell(r[C.value] === null ? null : r[C.value].toLocaleString(nb ? "nb" : "en") + " " + r[C.currency]),
        cell(r[C.status])
      );
      body.append(row);
    });
    t.append(head, body);
    return t;
  }
  function pages(n) {
    var total = Math.max(1, Math.ceil(n / PAGE));
    if (state.page > total) state.page = total;
    function step(label, by) {
      var b = button("md-button", label, function () { state.page += by; refresh(); });
      b.disabled = state.page + by < 1 || state.page + by > total;
      return b;
    }
    pager.replaceChildren(step(W.prev, -1), " ", make("span", "dps-explorer__page", W.page(state.page, total)), " ",
                          step(W.next, 1));
  }
  var serial = 0;
  function refresh() {
    var mine = ++serial;
    writeState(state);
    sync();
    showNote();
    var unread = chosen(state) ? [] : yearFiles(state).filter(function (y) {
      return !files.has("year/" + y + ".json");
    });
    status.textContent = W.loading + (unread.length ? " (" + size(bytes(unread)) + ")" : "");
    Promise.all(sources(state).map(load)).then(function (shards) {
      if (mine !== serial) return;
      var suppliers = {}, rows = [];
      shards.forEach(function (s) { Object.assign(suppliers, s.suppliers); });
      var keep = matcher(state, suppliers);
      shards.forEach(function (s) {  // a row is in one file of a kind, and one kind is read at a time
        s.rows.forEach(function (r) { if (keep(r)) rows.push(r); });
      });
      rows = sorted(rows, state, suppliers);
      view = { rows: rows, suppliers: suppliers };
      categories(state.scheme && shards.length ? shards[0].categories : {});
      pages(rows.length);
      writeState(state);
      status.textContent = summary(totals(rows));
      if (state.supplier && !controls.supplier.matches(":focus")) {
        controls.supplier.value = suppliers[state.supplier] ? suppliers[state.supplier][0] + " (" + state.supplier + ")" : state.supplier;
      }
      tableWrap.replaceChildren(table(rows, suppliers, (state.page - 1) * PAGE));
    }, function (error) {
      if (mine === serial) status.textContent = W.failed + (error.message || error);
    });
  }

  element.replaceChildren(make("p", "", W.loading));
  load("meta.json").then(function (loaded) {
    meta = loaded;
    build();
    refresh();
  }, function (error) { element.replaceChildren(make("p", "", W.failed + (error.message || error))); });
  // for tests: the filtered rows as the downloads hold them
  element.dpsRows = function () { return view.rows.map(function (r) { return record(r, view.suppliers); }); };
})();
