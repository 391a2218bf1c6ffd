// Loads every page of a site built from injection payloads
// (tests/tools/xss_site.py) in headless Chromium. A payload that ran would
// call tathyaXss(n), which this page defines before any page script; the
// check fails on any such call, on any console error, and on anything in the
// DOM that could run later: event-handler attributes, script elements
// other than JSON-LD, and javascript:, data: or vbscript: addresses.
//
// usage: node xss.mjs PUBLIC_DIR

import { createServer } from "node:http";
import { readFile, readdir } from "node:fs/promises";
import { join, extname, normalize, relative } from "node:path";
import { chromium } from "playwright-core";

const [publicDir] = process.argv.slice(2);
const types = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".svg": "image/svg+xml" };

async function htmlFiles(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await htmlFiles(path)));
    else if (entry.name.endsWith(".html")) out.push(path);
  }
  return out.sort();
}

const server = createServer(async (request, response) => {
  let path = normalize(decodeURIComponent(new URL(request.url, "http://x").pathname));
  if (path.endsWith("/")) path += "index.html";
  try {
    const body = await readFile(join(publicDir, path));
    response.writeHead(200, { "content-type": types[extname(path)] ?? "application/octet-stream" });
    response.end(body);
  } catch {
    response.writeHead(404).end("not found");
  }
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
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

for (const file of files) {
  current = relative(publicDir, file);
  await page.goto(`${origin}/${current}`, { waitUntil: "load" });
  await page.waitForTimeout(20);
  const found = await page.evaluate(() => {
    const bad = [];
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
      if (script.type !== "application/ld+json") bad.push("a <script> element");
    }
    for (const tag of ["iframe", "object", "embed", "form", "base", "svg", "math", "style", "img", "video", "audio", "input", "details", "marquee", "table"]) {
      if (document.querySelector(`main ${tag}, head ${tag}`)) bad.push(`a <${tag}> element`);
    }
    return bad;
  });
  for (const problem of found) problems.push(`${current}: ${problem}`);
}

await browser.close();
server.close();
if (problems.length) {
  console.error(problems.slice(0, 50).join("\n"));
  console.error(`${problems.length} problems`);
  process.exit(1);
}
console.log(`xss check: ${files.length} pages, no payload ran, no console error`);
