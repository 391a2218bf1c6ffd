// tathya's search: the only script a page of the site runs, and only the
// search page. It reads the index the build wrote beside the page
// (src/render/search.rs says how it is laid out): the manifest, the files
// of words that begin as the query's words do, and the files of the
// statements found. It writes no words of its own: the page's messages are
// shown or hidden, and results are made from the page's <template>.
"use strict";

(function () {
  const segmenter = new Intl.Segmenter(undefined, { granularity: "word" });

  // A text's words as the index keeps them: the same steps as `words` (and,
  // with `parts` false, `query_words`) in src/render/search.rs, which
  // tests/search.rs holds this to. A compound written with hyphens is one
  // word, and with `parts` its parts too.
  function words(text, parts) {
    const out = [];
    let run = [];
    let hyphen = false;
    const flush = () => {
      if (run.length > 1 && parts) out.push(...run.map(fold));
      if (run.length) out.push(fold(run.join("")));
      run = [];
    };
    for (const segment of segmenter.segment(text)) {
      if (segment.isWordLike) {
        if (!hyphen) flush();
        run.push(segment.segment);
        hyphen = false;
      } else {
        hyphen = run.length > 0 && !hyphen && (segment.segment === "-" || segment.segment === "\u2010");
        if (!hyphen) flush();
      }
    }
    flush();
    return out.filter((word) => word);
  }

  // One word, folded: src/render/search.rs's `fold`, step by step.
  const classes = /\u0919\u094D(?=[\u0915-\u0918])|\u091E\u094D(?=[\u091A-\u091D])|\u0923\u094D(?=[\u091F-\u0922])|\u0928\u094D(?=[\u0924-\u0927])|\u092E\u094D(?=[\u092A-\u092D])/g;
  function fold(word) {
    return word
      .normalize("NFC")
      .toLowerCase()
      .replace(/(?<![\u0921\u0922])\u093C/g, "")
      .replace(/[\u0903\u200C\u200D\u00AD,]/g, "")
      .replace(classes, "\u0902")
      .replace(/\u0901/g, "\u0902")
      .replace(/(?<=[^\u094D])\u092F\u0947$/, "\u090F")
      .replace(/(?<=[^\u094D])\u092F\u0940(\u0902?)$/, "\u0908$1")
      .replace(/[\u0966-\u096F]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0x0966 + 48));
  }
  globalThis.tathyaWords = (text) => words(text, true);
  globalThis.tathyaQuery = (text) => words(text, false);
  if (typeof document === "undefined") return;

  const form = document.querySelector("form.search");
  if (!form) return;
  const input = form.querySelector("input[name=q]");
  const results = document.querySelector(".search-results");
  const list = results.querySelector("ol");
  const item = document.getElementById("search-result");
  const folder = form.dataset.index;
  const shown = Number(form.dataset.shown) || 20;
  const fetched = new Map();

  function json(path) {
    if (!fetched.has(path)) {
      fetched.set(
        path,
        fetch(folder + path).then((response) => {
          if (!response.ok) throw new Error(path + ": " + response.status);
          return response.json();
        }),
      );
    }
    return fetched.get(path);
  }

  function hex(text) {
    return Array.from(new TextEncoder().encode(text), (b) => b.toString(16).padStart(2, "0")).join("");
  }

  // The statements with a word that begins with `query`: number → whether
  // the word is in the headline.
  async function matches(manifest, query) {
    const found = new Map();
    const shards = manifest.shards.filter((p) => p.startsWith(query) || query.startsWith(p));
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

  function show(state) {
    for (const p of results.querySelectorAll("[data-state]")) p.hidden = p.dataset.state !== state;
  }

  let asked = 0;
  async function search(text) {
    const ask = ++asked;
    const query = [...new Set(words(text, false))];
    list.replaceChildren();
    if (query.length === 0) return show(text.trim() ? "short" : null);
    if (query.every((w) => Array.from(w).length < 2)) return show("short");
    let ranked;
    try {
      const manifest = await json("manifest.json");
      const sets = await Promise.all(query.map((w) => matches(manifest, w)));
      // Statements with every word; those with more of them in the
      // headline first, then the newest (numbered last).
      ranked = [...sets[0].keys()]
        .filter((n) => sets.every((set) => set.has(n)))
        .map((n) => [n, sets.filter((set) => set.get(n)).length])
        .sort((a, b) => b[1] - a[1] || b[0] - a[0]);
      const top = ranked.slice(0, shown);
      const chunks = [...new Set(top.map(([n]) => Math.floor(n / manifest.chunk)))];
      const docs = new Map();
      await Promise.all(chunks.map(async (c) => docs.set(c, await json("docs/" + c + ".json"))));
      if (ask !== asked) return;
      for (const [n] of top) list.append(result(docs.get(Math.floor(n / manifest.chunk))[n % manifest.chunk]));
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
    history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
    search(input.value);
  });
  const query = new URLSearchParams(location.search).get("q");
  if (query) {
    input.value = query;
    search(query);
  }
})();
