// Tables marked data-dps-table sort by any column and filter by text, choice or range.
// Without JavaScript they stay plain, complete tables (long lists are split into pages by the generator).
(function () {
  "use strict";
  var nb = document.documentElement.lang === "nb";
  var text = nb
    ? { filter: "Filtrer rader", all: "alle", min: "fra", max: "til", shown: " av ", rows: " rader vises", sort: "Sorter",
        scrolls: "Tabell, kan rulles sideveis" }
    : { filter: "Filter rows", all: "all", min: "from", max: "to", shown: " of ", rows: " rows shown", sort: "Sort",
        scrolls: "Table, scrolls sideways" };

  function cellValue(cell) {
    if (!cell) return "";
    var value = cell.getAttribute("data-value");
    return value === null ? cell.textContent.trim() : value;
  }

  function compare(kind) {
    return function (a, b) {
      if (kind === "number") {
        var x = a === "" ? -Infinity : parseFloat(a), y = b === "" ? -Infinity : parseFloat(b);
        return x - y;
      }
      return a.localeCompare(b, nb ? "nb" : "en");
    };
  }

  function label(textContent, control) {
    var wrapper = document.createElement("label");
    wrapper.className = "dps-filter";
    var span = document.createElement("span");
    span.textContent = textContent;
    wrapper.appendChild(span);
    wrapper.appendChild(control);
    return wrapper;
  }

  function setup(table) {
    var body = table.tBodies[0];
    if (!body) return;
    var rows = Array.prototype.slice.call(body.rows);
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var bar = document.createElement("div");
    bar.className = "dps-filters";
    var count = document.createElement("p");
    count.className = "dps-count";
    count.setAttribute("aria-live", "polite");
    var filters = [];

    var search = document.createElement("input");
    search.type = "search";
    bar.appendChild(label(text.filter, search));
    filters.push(function (row) {
      var q = search.value.trim().toLowerCase();
      return !q || row.textContent.toLowerCase().indexOf(q) !== -1;
    });

    headers.forEach(function (th, index) {
      var name = th.textContent.trim();
      var kind = th.getAttribute("data-filter");
      if (kind === "select") {
        var select = document.createElement("select");
        var values = {};
        rows.forEach(function (row) { values[cellValue(row.cells[index])] = true; });
        [""].concat(Object.keys(values).sort(compare("text"))).forEach(function (value) {
          var option = document.createElement("option");
          option.value = value;
          option.textContent = value === "" ? text.all : value;
          select.appendChild(option);
        });
        bar.appendChild(label(name, select));
        filters.push(function (row) { return !select.value || cellValue(row.cells[index]) === select.value; });
      } else if (kind === "range") {
        var low = document.createElement("input"), high = document.createElement("input");
        low.type = high.type = "number";
        low.inputMode = high.inputMode = "decimal";
        bar.appendChild(label(name + " " + text.min, low));
        bar.appendChild(label(name + " " + text.max, high));
        filters.push(function (row) {
          var value = parseFloat(cellValue(row.cells[index]));
          if (low.value !== "" && !(value >= parseFloat(low.value))) return false;
          if (high.value !== "" && !(value <= parseFloat(high.value))) return false;
          return true;
        });
      }
      var sortKind = th.getAttribute("data-sort");
      if (sortKind) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "dps-sort";
        button.textContent = name;
        button.title = text.sort + ": " + name;
        th.textContent = "";
        th.appendChild(button);
        button.addEventListener("click", function () {
          var ascending = th.getAttribute("aria-sort") !== "ascending";
          headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
          th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
          var order = compare(sortKind);
          rows.sort(function (a, b) {
            var result = order(cellValue(a.cells[index]), cellValue(b.cells[index]));
            return ascending ? result : -result;
          });
          rows.forEach(function (row) { body.appendChild(row); });
        });
      }
    });

    function apply() {
      var shown = 0;
      rows.forEach(function (row) {
        var keep = filters.every(function (test) { return test(row); });
        row.hidden = !keep;
        if (keep) shown += 1;
      });
      count.textContent = shown + text.shown + rows.length + text.rows;
    }
    bar.addEventListener("input", apply);
    bar.addEventListener("change", apply);
    // Above the theme's scrolling frame, if any: the controls must not scroll away with a wide table.
    var place = table.closest(".md-typeset__scrollwrap") || table;
    place.parentNode.insertBefore(bar, place);
    place.parentNode.insertBefore(count, place);
    apply();
  }

  // The theme wraps each table in a frame that scrolls sideways when the table is wider than the column.
  // A frame that scrolls must be reachable by keyboard (WCAG 2.1.1): it takes focus, named, only while it scrolls.
  function markScrolling() {
    Array.prototype.forEach.call(document.querySelectorAll(".md-typeset__scrollwrap"), function (frame) {
      if (frame.scrollWidth > frame.clientWidth + 1) {
        frame.tabIndex = 0;
        frame.setAttribute("role", "region");
        frame.setAttribute("aria-label", text.scrolls);
      } else if (frame.hasAttribute("tabindex")) {
        frame.removeAttribute("tabindex");
        frame.removeAttribute("role");
        frame.removeAttribute("aria-label");
      }
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("table[data-dps-table]"), setup);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
  // After load: the theme has framed the tables by then (on DOMContentLoaded, before this script's handler).
  if (document.readyState === "complete") markScrolling();
  else window.addEventListener("load", markScrolling);
  window.addEventListener("resize", markScrolling);
})();
