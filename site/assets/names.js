// The site's name index (generator/render/names.py), shared by the search page and the awards explorer:
// DpsNames(root).find(text) resolves to the records matching a query, the best first, one per record
// (null: the query has no word long enough to look up). The normalisation is names.py's `tokens`: keep them the
// same; tests/browser/test_search.py checks both on the same names.
window.DpsNames = function (root) {
  "use strict";
  var KEY_LENGTH = 3;
  var SHARD_FILES = 4096;
  var ID_BUCKETS = 1024;
  var STOP = ["as", "asa", "ans", "da", "enk", "sa", "ba", "ks", "hf", "iks", "kf", "ab", "aps", "oy", "brc", "cvr"];
  var KINDS = ["b", "s", "p", "a"];  // the order of equally good matches: buyers, schemes, suppliers, awards

  // --- normalisation: names.py's fold and tokens ---------------------------------------------------------
  function fold(text) {
    return text.normalize("NFC").toLowerCase().replace(/[^\x00-\x7f]/g, function (c) {
      return "æøå".indexOf(c) >= 0 ? c : c.normalize("NFD").replace(/\p{M}/gu, "");
    });
  }
  function tokens(text) { return fold(text).match(/[\p{L}\p{N}]+/gu) || []; }
  // "974 760 673" and "NO-BRC-974 760 673" are one number: digit groups parted by spaces or dots are joined
  function queryTokens(query) { return tokens(query.replace(/(\d)[\s.]+(?=\d)/g, "$1")); }
  function fnv(key) {  // names.py's fnv: FNV-1a of the UTF-8 bytes
    var h = 0x811c9dc5;
    new TextEncoder().encode(key).forEach(function (b) { h = Math.imul(h ^ b, 0x01000193) >>> 0; });
    return h;
  }

  // --- fetching (each file once) -----------------------------------------------------------------------------
  var files = new Map();
  // a key's records from its file (every file exists; a key no record has is in none)
  function load(path, key) {
    if (!files.has(path)) {
      files.set(path, fetch(new URL(path, root)).then(function (response) {
        if (!response.ok) throw new Error(path + ": HTTP " + response.status);
        return response.json();
      }));
    }
    return files.get(path).then(function (content) {
      return Object.prototype.hasOwnProperty.call(content, key) ? content[key] : [];
    });
  }

  // --- matching and ranking ----------------------------------------------------------------------------------
  function idKeys(record) {
    var keys = [tokens(record[1]).join(" ")];
    String(record[4]).split(" ").forEach(function (id) {
      var words = tokens(id);
      if (!words.length) return;
      keys.push(words.join(" "));
      if (/^\d{8}$/.test(words[0])) keys.push(words[0]);  // a CPV code without its check digit
    });
    return keys;
  }
  function prefixesAll(terms, words) {
    return terms.every(function (t) { return words.some(function (w) { return w.indexOf(t) === 0; }); });
  }
  // 0 the query is its id or number, 1 its name, 2 its name starts with the query, 3 whole words of its name,
  // 4 starts of words of its name, 5 matched elsewhere (id, place, codes); null: no match
  function rank(record, terms, query) {
    var name = tokens(record[2]);
    var all = name.concat(tokens(record[1] + " " + record[3] + " " + record[4]));
    if (!prefixesAll(terms, all)) return null;
    if (idKeys(record).indexOf(query) >= 0) return 0;
    var nameKey = name.join(" ");
    if (nameKey === query) return 1;
    if (nameKey.indexOf(query) === 0) return 2;
    if (terms.every(function (t) { return name.indexOf(t) >= 0; })) return 3;
    if (prefixesAll(terms, name)) return 4;
    return 5;
  }
  function compare(a, b) {
    return a.rank - b.rank || KINDS.indexOf(a.r[0]) - KINDS.indexOf(b.r[0]) || b.r[5] - a.r[5] ||
      a.r[2].length - b.r[2].length || (a.r[2] < b.r[2] ? -1 : a.r[2] > b.r[2] ? 1 : 0) ||
      (a.r[6] < b.r[6] ? -1 : a.r[6] > b.r[6] ? 1 : 0);
  }
  function find(text) {
    var terms = queryTokens(text);
    var query = terms.join(" ");
    var keyed = terms.filter(function (t) { return t.length >= KEY_LENGTH && STOP.indexOf(t) < 0; });
    if (!keyed.length) return Promise.resolve(null);
    var longest = keyed.reduce(function (a, b) { return b.length > a.length ? b : a; });
    var key = longest.slice(0, KEY_LENGTH);
    var wanted = [load("names/" + (fnv(key) % SHARD_FILES) + ".json", key)];
    if (/\d/.test(query)) wanted.push(load("names/ids/" + (fnv(query) % ID_BUCKETS) + ".json", query));
    return Promise.all(wanted).then(function (lists) {
      var seen = new Set();
      var found = [];
      lists.forEach(function (list, which) {
        list.forEach(function (record) {
          if (seen.has(record[6])) return;  // one result per record
          var r = which === 1 ? 0 : rank(record, terms, query);  // an award here has the query as an exact id
          if (r === null) return;
          seen.add(record[6]);
          found.push({ r: record, rank: r });
        });
      });
      return found.sort(compare);
    });
  }

  return { find: find, tokens: tokens, fnv: fnv };
};
