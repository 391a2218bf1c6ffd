// Loads every page of a site built from injection payloads
// (tests/tools/xss_site.py) in headless Chromium. A payload that ran would
// call tathyaXss(n), which this page defines before any page script; the
// check fails on any such call, on any console error, and on anything in the
// DOM that could run later: event-handler attributes, script elements
// other than JSON-LD, and javascript:, data: or vbscript: addresses. On the
// search pages it also types the payloads' words and checks the results.
//
// usage: node xss.mjs PUBLIC_DIR

import { readdir } from "node:fs/promises";
import { join, relative } from "node:path";
import { serve, launch } from "./serve.mjs";

const [publicDir] = process.argv.slice(2);

async function htmlFiles(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await htmlFiles(path)));
    else if (entry.name.endsWith(".html")) out.push(path);
  }
  return out.sort();
}

const { origin, close } = await serve(publicDir);

const browser = await launch();
const context = await browser.newContext();
await context.addInitScript(() => {
  window.__fired = [];
  window.tathyaXss = (n) => window.__fired.push(n);
});
// Nothing may leave the local server: a payload's request elsewhere is a failure too.
await context.route("**/*", (route) => (route.request().url().startsWith(origin) ? route.continue() : route.abort()));

const problems = [];
const files = await htmlFiles(publicDir);
const page = await context.newPage();
let current = "";
page.on("console", (message) => message.type() === "error" && problems.push(`${current}: console: ${message.text()}`));
page.on("pageerror", (error) => problems.push(`${current}: page error: ${error.message}`));
page.on("requestfailed", (request) => {
  // Leaving a page cancels its own pending requests (the favicon): not a payload.
  const cancelled = request.url().startsWith(origin) && request.failure()?.errorText === "net::ERR_ABORTED";
  if (!cancelled) problems.push(`${current}: request to ${request.url()} (${request.failure()?.errorText})`);
});

// Whether anything in the page could run: run in the page. The search
// page's own script, form and field, and a statement's link field and
// copy script, are the template's, not record text's.
function inspect() {
  const bad = [];
  const searchPage = location.pathname.endsWith("/search/index.html");
  const own = (element) =>
    // The printed letterhead's logo and a claim's picture, each a file of the site.
    (element.localName === "img" && element.closest(".letterhead, .claim-picture") &&
      /^\/[^/]/.test(element.getAttribute("src") ?? "")) ||
    (searchPage && element.localName === "form" && element.matches("main > form.search")) ||
    (searchPage && element.localName === "input" && element.matches("main > form.search > #search-words")) ||
    // A statement's link to copy, under its share links.
    (element.localName === "input" && element.matches("nav.share > .copy-link > #copy-link"));
  if (window.__fired.length) bad.push(`ran tathyaXss(${window.__fired.join(", ")})`);
  for (const element of document.querySelectorAll("*")) {
    for (const attribute of element.attributes) {
      if (attribute.name.startsWith("on")) bad.push(`<${element.localName} ${attribute.name}>`);
      const value = attribute.value.replace(/[\s\u0000-\u001f]/g, "").toLowerCase();
      if (["href", "src", "action", "formaction", "data", "srcdoc"].includes(attribute.name) &&
          /^(javascript|data|vbscript):/.test(value)) bad.push(`<${element.localName} ${attribute.name}="${attribute.value}">`);
    }
  }
  for (const script of document.querySelectorAll("script")) {
    const ownScript = !script.textContent && (
      (searchPage && script.closest("head") && new URL(script.src).pathname === "/search.js") ||
      (script.matches("nav.share > script") && new URL(script.src).pathname === "/copy.js"));
    if (script.type !== "application/ld+json" && !ownScript) bad.push("a <script> element");
  }
  for (const tag of ["iframe", "object", "embed", "form", "base", "svg", "math", "style", "img", "video", "audio", "input", "details", "marquee", "table"]) {
    const found = [...document.querySelectorAll(`main ${tag}, head ${tag}`)].filter((element) => !own(element));
    if (found.length) bad.push(`a <${tag}> element`);
  }
  return bad;
}

// Words of the payloads: typed into a search page, they list the records
// that hold them, whose headlines the results must show as text.
const queries = ["script", "tathyaxss", "onerror", "javascript", "img src", "iframe"];
let searched = 0;

for (const file of files) {
  current = relative(publicDir, file);
  await page.goto(`${origin}/${current}`, { waitUntil: "load" });
  await page.waitForTimeout(20);
  for (const problem of await page.evaluate(inspect)) problems.push(`${current}: ${problem}`);
  if (!current.endsWith("search/index.html")) continue;
  for (const query of queries) {
    await page.fill("input[name=q]", query);
    await page.waitForFunction(() =>
      [...document.querySelectorAll(".search-results [data-state]")].some((p) => !p.hidden && p.dataset.state !== "more"),
    );
    await page.waitForTimeout(20);
    searched += await page.locator(".search-results li").count();
    for (const problem of await page.evaluate(inspect)) problems.push(`${current} "${query}": ${problem}`);
  }
}
if (searched === 0) problems.push("the searches for the payloads' words found nothing: the search page was not tried");

await browser.close();
close();
if (problems.length) {
  console.error(problems.slice(0, 50).join("\n"));
  console.error(`${problems.length} problems`);
  process.exit(1);
}
console.log(`xss check: ${files.length} pages and ${searched} search results, no payload ran, no console error`);
