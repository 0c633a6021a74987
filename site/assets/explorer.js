// The awards explorer: every award of the data, filtered, sorted, summed and paged in the browser from static
// files (generator/render/explorer.py). The most selective filter set chooses the one file to fetch (a scheme's,
// a supplier's bucket, a buyer's, else the years in the date range); the other filters are applied here. The
// filters, the sort and the page live in the address, so a view can be cited; the downloads hold exactly the
// filtered rows.
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
    from: "Fra dato", to: "Til dato", vmin: "Verdi fra (NOK)", vmax: "Verdi til (NOK)", tmin: "Tilbud fra",
    tmax: "Tilbud til", sme: "SMB vant", any: "alle", yes: "ja", no: "nei", clear: "Nullstill",
    date: "Dato", title: "Tittel", winners: "Leverandører", tenders: "Tilbud", sme_tenders: "SMB-tilbud",
    value: "Verdi", status: "Status", loading: "Laster …", prev: "Forrige side", next: "Neste side",
    page: function (p, n) { return "Side " + p + " av " + n; },
    summary: function (n, sum, valued) {
      return n.toLocaleString("nb") + " tildelinger · samlet verdi " + sum + " (" + valued.toLocaleString("nb") +
        " med oppgitt verdi)";
    },
    unknown: "ukjent", noSupplier: "Fant ingen leverandør som heter «", csv: "Last ned CSV", json: "Last ned JSON",
    sortBy: "Sorter etter", filters: "Filtre", failed: "Kunne ikke laste data: "
  } : {
    scheme: "Scheme", category: "Category", buyer: "Buyer", supplier: "Supplier (name or number)",
    from: "From date", to: "To date", vmin: "Value from (NOK)", vmax: "Value to (NOK)", tmin: "Tenders from",
    tmax: "Tenders to", sme: "SME won", any: "any", yes: "yes", no: "no", clear: "Clear",
    date: "Date", title: "Title", winners: "Suppliers", tenders: "Tenders", sme_tenders: "SME tenders",
    value: "Value", status: "Status", loading: "Loading …", prev: "Previous page", next: "Next page",
    page: function (p, n) { return "Page " + p + " of " + n; },
    summary: function (n, sum, valued) {
      return n.toLocaleString("en") + " awards · total value " + sum + " (" + valued.toLocaleString("en") +
        " with a known value)";
    },
    unknown: "unknown", noSupplier: "No supplier found named “", csv: "Download CSV", json: "Download JSON",
    sortBy: "Sort by", filters: "Filters", failed: "Could not load data: "
  };
  var FIELDS = ["scheme", "category", "buyer", "supplier", "from", "to", "vmin", "vmax", "tmin", "tmax", "sme"];
  var C = { scheme: 0, award: 1, category: 2, buyer: 3, title: 4, date: 5, invited: 6, awarded: 7, value: 8,
            currency: 9, tenders: 10, sme_tenders: 11, winners: 12, status: 13 };
  var SORTS = ["date", "title", "scheme", "category", "buyer", "winners", "tenders", "sme_tenders", "value", "status"];

  var meta = null;
  var files = new Map();
  function load(path) {
    if (!files.has(path)) {
      files.set(path, fetch(new URL(path, data)).then(function (response) {
        if (!response.ok) throw new Error(path + ": HTTP " + response.status);
        return response.json();
      }));
    }
    return files.get(path);
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
  function sources(state) {
    if (state.scheme) return ["scheme/" + encodeURIComponent(state.scheme) + ".json"];
    if (state.supplier) return ["supplier/" + (names.fnv(state.supplier) % meta.supplier_buckets) + ".json"];
    if (state.buyer) return ["buyer/" + encodeURIComponent(state.buyer) + ".json"];
    return Object.keys(meta.years).filter(function (year) {
      return (!state.from || year >= state.from.slice(0, 4)) && (!state.to || year <= state.to.slice(0, 4));
    }).map(function (year) { return "year/" + year + ".json"; });
  }
  function number(text) { var n = parseFloat(text); return isNaN(n) ? null : n; }
  function matcher(state, suppliers) {
    var vmin = number(state.vmin), vmax = number(state.vmax), tmin = number(state.tmin), tmax = number(state.tmax);
    return function (r) {
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
  function field(name, control) {
    var wrapper = make("label", "dps-filter dps-explorer__field");
    wrapper.append(make("span", "", W[name]), control);
    control.name = name;
    control.setAttribute("data-field", name);
    return wrapper;
  }
  function input(type) { var i = make("input"); i.type = type; if (type === "number") i.min = "0"; return i; }
  function select(options) {
    var s = make("select");
    options.forEach(function (o) { var option = make("option", "", o[1]); option.value = o[0]; s.append(option); });
    return s;
  }
  var form = make("form", "dps-explorer__filters");
  form.setAttribute("aria-label", W.filters);
  var controls = {};
  var status = make("p", "dps-explorer__status");
  status.setAttribute("role", "status");
  var tableWrap = make("div", "md-typeset__scrollwrap dps-explorer__table");  // scrolls sideways on a phone
  tableWrap.tabIndex = 0;
  tableWrap.setAttribute("role", "region");
  tableWrap.setAttribute("aria-label", nb ? "Tildelinger" : "Awards");
  var pager = make("nav", "dps-explorer__pager");
  pager.setAttribute("aria-label", nb ? "Sider" : "Pages");
  var buttons = make("p", "dps-explorer__downloads");
  var csvButton = make("button", "md-button", W.csv);
  var jsonButton = make("button", "md-button", W.json);
  csvButton.type = jsonButton.type = "button";
  buttons.append(csvButton, " ", jsonButton);
  var supplierList = make("datalist");
  supplierList.id = "dps-explorer-suppliers";

  var state = readState();
  var view = { rows: [], suppliers: {} };

  function build() {
    var schemes = Object.keys(meta.schemes).map(function (id) {
      var s = meta.schemes[id];
      return [id, s[0] + (s[1] && meta.buyers[s[1]] ? " – " + meta.buyers[s[1]][0] : "")];
    }).sort(function (a, b) { return a[1].localeCompare(b[1], nb ? "nb" : "en"); });
    var buyers = Object.keys(meta.buyers).map(function (id) { return [id, meta.buyers[id][0]]; })
      .sort(function (a, b) { return a[1].localeCompare(b[1], nb ? "nb" : "en"); });
    controls.scheme = select([["", W.any]].concat(schemes));
    controls.category = select([["", W.any]]);
    controls.buyer = select([["", W.any]].concat(buyers));
    controls.supplier = input("search");
    controls.supplier.setAttribute("list", supplierList.id);
    controls.supplier.autocomplete = "off";
    ["from", "to"].forEach(function (f) { controls[f] = input("date"); });
    ["vmin", "vmax", "tmin", "tmax"].forEach(function (f) { controls[f] = input("number"); });
    controls.sme = select([["", W.any], ["yes", W.yes], ["no", W.no]]);
    FIELDS.forEach(function (f) { form.append(field(f, controls[f])); });
    var clear = make("button", "md-button", W.clear);
    clear.type = "button";
    clear.addEventListener("click", function () {
      FIELDS.forEach(function (f) { state[f] = ""; });
      state.page = 1;
      refresh();
    });
    form.append(supplierList, clear);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    FIELDS.forEach(function (f) {
      if (f === "supplier") return;
      controls[f].addEventListener("change", function () {
        state[f] = controls[f].value;
        if (f === "scheme") state.category = "";
        state.page = 1;
        refresh();
      });
    });
    controls.supplier.addEventListener("input", suggest);
    controls.supplier.addEventListener("change", chooseSupplier);
    element.replaceChildren(form, status, buttons, tableWrap, pager);
    csvButton.addEventListener("click", function () {
      download("awards.csv", "text/csv;charset=utf-8", csv(view.rows, view.suppliers));
    });
    jsonButton.addEventListener("click", function () {
      download("awards.json", "application/json", json(view.rows, view.suppliers));
    });
  }
  function suppliersFound(text) {
    return names.find(text).then(function (found) {
      return (found || []).filter(function (f) { return f.r[0] === "p"; });
    });
  }
  var suggesting = 0;
  function suggest() {
    var serial = ++suggesting;
    var text = controls.supplier.value.trim();
    suppliersFound(text).then(function (found) {
      if (serial !== suggesting) return;
      supplierList.replaceChildren.apply(supplierList, found.slice(0, 8).map(function (f) {
        var option = make("option", "", f.r[2]);
        option.value = f.r[1];
        return option;
      }));
    });
  }
  function chooseSupplier() {
    var text = controls.supplier.value.trim();
    if (!text) { state.supplier = ""; state.page = 1; refresh(); return; }
    suppliersFound(text).then(function (found) {
      if (!found.length) { status.textContent = W.noSupplier + text + (nb ? "»" : "”"); return; }
      state.supplier = found[0].r[1];
      state.page = 1;
      refresh();
    });
  }
  function sync() {
    FIELDS.forEach(function (f) { if (document.activeElement !== controls[f]) controls[f].value = state[f]; });
    if (state.supplier && document.activeElement !== controls.supplier) controls.supplier.value = state.supplier;
  }
  function categories(shard) {
    var found = shard.categories || {};
    var options = [["", W.any]].concat(Object.keys(found).map(function (id) { return [id, found[id] || id]; }));
    controls.category.replaceChildren.apply(controls.category, options.map(function (o) {
      var option = make("option", "", o[1]);
      option.value = o[0];
      return option;
    }));
    controls.category.disabled = !state.scheme;
    controls.category.value = state.category;
  }
  function money(amount) {
    return new Intl.NumberFormat(nb ? "nb-NO" : "en-GB", { style: "currency", currency: "NOK",
      maximumFractionDigits: 0 }).format(amount);
  }
  function header(key) {
    var th = make("th");
    th.scope = "col";
    var button = make("button", "dps-sort", W[key]);
    button.type = "button";
    var sorting = state.sort === key;
    th.setAttribute("aria-sort", sorting ? (state.dir === "asc" ? "ascending" : "descending") : "none");
    button.addEventListener("click", function () {
      state.dir = sorting && state.dir === "desc" ? "asc" : sorting ? "desc" : key === "date" || key === "value" ? "desc" : "asc";
      state.sort = key;
      state.page = 1;
      refresh();
    });
    th.append(button);
    return th;
  }
  function link(text, href) { var a = make("a", "", text); a.href = href; return a; }
  function cell(content) {
    var td = make("td");
    if (content === null || content === undefined || content === "") td.append(make("span", "dps-unknown", W.unknown));
    else td.append(content);
    return td;
  }
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
        winners.append(link(suppliers[w] ? suppliers[w][0] : w, page(fill(meta.paths.supplier, { id: w }))));
      });
      row.append(
        cell(r[C.date]),
        cell(link(r[C.title] || r[C.award], page(fill(meta.paths.award, { s: r[C.scheme], a: r[C.award], y: year })))),
        cell(link(schemeName(r[C.scheme]), page(fill(meta.paths.scheme, { id: r[C.scheme] })))),
        cell(r[C.category]),
        cell(r[C.buyer] ? link(buyerName(r[C.buyer]), page(fill(meta.paths.buyer, { id: r[C.buyer] }))) : null),
        cell(r[C.winners].length ? winners : null),
        cell(r[C.tenders] === null ? null : String(r[C.tenders])),
        cell(r[C.sme_tenders] === null ? null : String(r[C.sme_tenders])),
        cell(r[C.value] === null ? null : r[C.value].toLocaleString(nb ? "nb" : "en") + " " + r[C.currency]),
        cell(r[C.status])
      );
      body.append(row);
    });
    t.append(head, body);
    return t;
  }
  function pages(count) {
    var total = Math.max(1, Math.ceil(count / PAGE));
    if (state.page > total) state.page = total;
    var prev = make("button", "md-button", W.prev), next = make("button", "md-button", W.next);
    prev.type = next.type = "button";
    prev.disabled = state.page <= 1;
    next.disabled = state.page >= total;
    prev.addEventListener("click", function () { state.page -= 1; refresh(); });
    next.addEventListener("click", function () { state.page += 1; refresh(); });
    pager.replaceChildren(prev, " ", make("span", "dps-explorer__page", W.page(state.page, total)), " ", next);
  }
  var serial = 0;
  function refresh() {
    var mine = ++serial;
    writeState(state);
    sync();
    status.textContent = W.loading;
    Promise.all(sources(state).map(load)).then(function (shards) {
      if (mine !== serial) return;
      var suppliers = {}, rows = [];
      shards.forEach(function (s) { Object.assign(suppliers, s.suppliers); });
      var keep = matcher(state, suppliers);
      var seen = new Set();
      shards.forEach(function (s) {
        s.rows.forEach(function (r) {
          var key = r[C.scheme] + "\n" + r[C.award];
          if (seen.has(key) || !keep(r)) return;  // a row is in one file of a kind; several kinds never mix
          seen.add(key);
          rows.push(r);
        });
      });
      rows = sorted(rows, state, suppliers);
      view = { rows: rows, suppliers: suppliers };
      categories(state.scheme ? shards[0] : {});
      var sum = 0, valued = 0, other = {};
      rows.forEach(function (r) {
        if (r[C.value] === null || r[C.status] === "cancelled") return;
        if (r[C.currency] === "NOK") { sum += r[C.value]; valued += 1; }
        else other[r[C.currency]] = (other[r[C.currency]] || 0) + r[C.value];
      });
      var extra = Object.keys(other).sort().map(function (c) { return " + " + other[c].toLocaleString() + " " + c; });
      pages(rows.length);
      writeState(state);
      status.textContent = W.summary(rows.length, money(sum) + extra.join(""), valued);
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
