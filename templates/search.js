// tathya's search: the only script a page of the site runs, and only the
// search page. It reads the index the build wrote beside the page
// (src/render/search.rs says how it is laid out): the manifest, the files
// of words that begin as the query's words do, and the files of the
// statements found. It writes no words of its own: the page's messages are
// shown or hidden, and results are made from the page's <template>.
"use strict";

(function () {
  // A text's words as the index keeps them (`words` in src/render/search.rs,
  // which tests/search.rs holds this to): runs of letters, marks and digits,
  // those one joiner apart kept as their parts and as one word.
  const wordChar = /[\p{L}\p{M}\p{N}\u200C\u200D\u00AD]/u;
  const joiners = "-\u2010.'\u2019,";
  function runs(text) {
    const out = [];
    let run = [];
    let word = null;
    let joined = false;
    for (const c of text) {
      if (wordChar.test(c)) {
        if (word === null) {
          if (!joined && run.length) out.push(run.splice(0));
          word = "";
        }
        word += c;
        joined = false;
      } else if (word !== null) {
        run.push(word);
        word = null;
        joined = joiners.includes(c);
      } else {
        joined = false;
      }
    }
    if (word !== null) run.push(word);
    if (run.length) out.push(run);
    return out;
  }

  function words(text) {
    const out = [];
    for (const run of runs(text)) {
      if (run.length > 1) out.push(...run.map(fold));
      out.push(fold(run.join("")));
    }
    return out.filter((word) => word);
  }

  // A query's words as groups (`query_words`): the joined word, then its
  // parts; a word ending in a virama is being typed, and loses its last consonant.
  function queryWords(text) {
    const typed = (word) => {
      const folded = fold(word);
      return folded.endsWith("\u094D") && Array.from(folded).length > 2 ? folded.slice(0, -2) : folded;
    };
    const out = [];
    for (const run of runs(text)) {
      const group = [typed(run.join(""))];
      if (run.length > 1) group.push(...run.map(typed).filter((part) => part));
      if (group[0]) out.push(group);
    }
    return out;
  }

  // One word, folded: src/render/search.rs's `fold`, step by step.
  const classes = /\u0919\u094D(?=[\u0915-\u0918])|\u091E\u094D(?=[\u091A-\u091D])|\u0923\u094D(?=[\u091F-\u0922])|\u0928\u094D(?=[\u0924-\u0927])|\u092E\u094D(?=[\u092A-\u092D])/g;
  function fold(word) {
    return word
      .normalize("NFC")
      .toLowerCase()
      .replace(/(?<![\u0921\u0922])\u093C/g, "")
      .replace(/[\u0903\u200C\u200D\u00AD]/g, "")
      .replace(classes, "\u0902")
      .replace(/\u0901/g, "\u0902")
      .replace(/(?<=[^\u094D])\u092F\u0947$/, "\u090F")
      .replace(/(?<=[^\u094D])\u092F\u0940(\u0902?)$/, "\u0908$1")
      .replace(/[\u0966-\u096F]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0x0966 + 48));
  }
  globalThis.tathyaWords = words;
  globalThis.tathyaQuery = queryWords;
  if (typeof document === "undefined") return;

  const form = document.querySelector("form.search");
  if (!form) return;
  const input = form.querySelector("input[name=q]");
  const results = document.querySelector(".search-results");
  const list = results.querySelector("ol");
  const item = document.getElementById("search-result");
  const folder = form.dataset.index;
  const shown = Number(form.dataset.shown) || 20;
  let fetched = new Map();
  let version = null;

  async function get(path, options) {
    const response = await fetch(folder + path, options);
    if (!response.ok) throw new Error(path + ": " + response.status);
    return response.json();
  }

  // The manifest, asked for again at every search and never from a cache:
  // a page left open across a rebuild must not mix two builds' indexes.
  // The other files are asked for with the index's version, so that a
  // cache never gives a file of another build.
  async function manifest() {
    const latest = await get("manifest.json", { cache: "no-store" });
    if (latest.version !== version) {
      fetched = new Map();
      version = latest.version;
    }
    return latest;
  }

  function json(path) {
    if (!fetched.has(path)) fetched.set(path, get(path + "?v=" + version));
    return fetched.get(path);
  }

  function hex(text) {
    return Array.from(new TextEncoder().encode(text), (b) => b.toString(16).padStart(2, "0")).join("");
  }

  // The statements a query's group matches: those with its joined word, or
  // with every one of its parts. Number → whether in the headline.
  async function groupMatches(index, [whole, ...parts]) {
    const found = await matches(index, whole);
    if (parts.length) {
      const sets = await Promise.all(parts.map((part) => matches(index, part)));
      for (const n of sets[0].keys()) {
        if (sets.every((set) => set.has(n))) found.set(n, found.get(n) || sets.every((set) => set.get(n)));
      }
    }
    return found;
  }

  // The statements with a word that begins with `query`: number → whether
  // the word is in the headline.
  async function matches(index, query) {
    const found = new Map();
    const shards = index.shards.filter((p) => p.startsWith(query) || query.startsWith(p));
    const files = await Promise.all(shards.map((p) => json("terms/" + hex(p) + ".json")));
    for (const terms of files) {
      for (const [word, steps] of Object.entries(terms)) {
        if (!word.startsWith(query)) continue;
        let n = 0;
        for (const step of steps) {
          n += step >> 1;
          found.set(n, (found.get(n) || false) || (step & 1) === 1);
        }
      }
    }
    return found;
  }

  // The query in the page's address, so that Back from a result finds it,
  // and in the links to this page in the other languages.
  const translations = [...document.querySelectorAll("nav.languages a")].map((a) => [a, a.getAttribute("href")]);
  function remember(text) {
    const query = text.trim() ? "?q=" + encodeURIComponent(text) : "";
    history.replaceState(null, "", location.pathname + query);
    for (const [a, href] of translations) a.setAttribute("href", href + query);
  }

  function show(state) {
    for (const p of results.querySelectorAll("[data-state]")) p.hidden = p.dataset.state !== state;
  }

  let asked = 0;
  async function search(text) {
    const ask = ++asked;
    const query = queryWords(text);
    remember(text);
    list.replaceChildren();
    if (query.length === 0) return show(text.trim() ? "short" : null);
    if (query.every(([whole]) => Array.from(whole).length < 2)) return show("short");
    let ranked;
    try {
      const index = await manifest();
      const sets = await Promise.all(query.map((group) => groupMatches(index, group)));
      // Statements with every word; those with more of them in the
      // headline first, then the newest (numbered last).
      ranked = [...sets[0].keys()]
        .filter((n) => sets.every((set) => set.has(n)))
        .map((n) => [n, sets.filter((set) => set.get(n)).length])
        .sort((a, b) => b[1] - a[1] || b[0] - a[0]);
      const top = ranked.slice(0, shown);
      const chunks = [...new Set(top.map(([n]) => Math.floor(n / index.chunk)))];
      const docs = new Map();
      await Promise.all(chunks.map(async (c) => docs.set(c, await json("docs/" + c + ".json"))));
      if (ask !== asked) return;
      for (const [n] of top) list.append(result(docs.get(Math.floor(n / index.chunk))[n % index.chunk]));
    } catch (error) {
      if (ask === asked) show("failed");
      return;
    }
    if (ranked.length === 0) return show("none");
    show("found");
    // The count in the site's digits and grouping for the language (`numbers` in tathya.yaml).
    results.querySelector("[data-count]").textContent = new Intl.NumberFormat(form.dataset.numbers).format(ranked.length);
    results.querySelector("[data-state=more]").hidden = ranked.length <= shown;
  }

  function result([headline, url, iso, date, kind, verdictKey, verdict, mark, withdrawn]) {
    const li = item.content.firstElementChild.cloneNode(true);
    const link = li.querySelector("a");
    link.href = url;
    link.textContent = headline;
    const status = li.querySelector(".status-mark");
    status.textContent = mark;
    status.hidden = !mark;
    // A <time> is made here: an empty one in the page's <template> would not be valid HTML.
    const time = Object.assign(document.createElement("time"), { dateTime: iso, textContent: date });
    li.querySelector("[data-date]").replaceWith(time);
    li.querySelector("[data-kind]").textContent = kind;
    if (verdict) {
      const badge = li.querySelector(".verdict-badge");
      badge.classList.add("verdict-" + verdictKey);
      if (withdrawn) {
        badge.classList.add("verdict-withdrawn");
        badge.append(Object.assign(document.createElement("s"), { textContent: verdict }));
      } else {
        badge.textContent = verdict;
      }
      li.querySelector("[data-verdict]").hidden = false;
    }
    return li;
  }

  let timer;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => search(input.value), 150);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    search(input.value);
  });
  const query = new URLSearchParams(location.search).get("q");
  if (query) {
    input.value = query;
    search(query);
  }
})();
