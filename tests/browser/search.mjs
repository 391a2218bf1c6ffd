// Search in headless Chromium, as a reader uses it: each query typed into a
// language's search page finds its statement among the results shown, and
// the bytes of the index the page fetched for it are counted.
//
// usage: node search.mjs PUBLIC_DIR CASES_JSON
//   CASES_JSON: [{ "lang": "hi", "query": "कोविन", "expect": "/hi/2021/06/…/", "rank": 1 }, …]
//   rank: the expected statement is at most this far down the results.
//   A case without `expect` must find something; its bytes are reported.
// Prints one line per query: its rank, how many results and the bytes fetched.

import { serve, launch } from "./serve.mjs";

const [publicDir, casesJson] = process.argv.slice(2);
const cases = JSON.parse(casesJson);
const { origin, close } = await serve(publicDir);
const browser = await launch();
const problems = [];
if (cases.length === 0) problems.push("no queries to try");
for (const { lang, query, expect, rank } of cases) {
  // A fresh page per query: nothing fetched for one counts for another.
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  const errors = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  await page.goto(`${origin}/${lang}/search/`);
  // Every file the query fetched from the index, as the bytes of its body.
  const bodies = [];
  page.on("response", (response) => {
    if (response.url().includes("/search/")) bodies.push(response.body().then((body) => body.length));
  });
  await page.fill("input[name=q]", query);
  await page.waitForFunction(() =>
    [...document.querySelectorAll(".search-results [data-state]")].some((p) => !p.hidden && p.dataset.state !== "more"),
  );
  await page.waitForLoadState("networkidle");
  const files = bodies.length;
  const bytes = (await Promise.all(bodies)).reduce((sum, n) => sum + n, 0);
  const urls = await page.$$eval(".search-results ol a", (links) => links.map((a) => new URL(a.href).pathname));
  const count = await page.$eval(".search-results [data-count]", (span) => span.textContent);
  const at = urls.indexOf(expect) + 1;
  const where = `${lang} "${query}"`;
  if (errors.length) problems.push(`${where}: ${errors.join("; ")}`);
  if (!expect) {
    if (urls.length === 0) problems.push(`${where}: nothing found`);
    console.log(`search ${where}: ${count || 0} found; ${files} files, ${bytes} bytes fetched`);
    await page.close();
    continue;
  }
  if (at === 0) problems.push(`${where}: ${expect} is not among the ${urls.length} results shown: ${urls.slice(0, 5).join(" ")}`);
  else if (at > rank) problems.push(`${where}: ${expect} is result ${at}, not within the first ${rank}`);
  console.log(`search ${where}: ${expect} at ${at || "-"} of ${count || 0}; ${files} files, ${bytes} bytes fetched`);
  await page.close();
}
await browser.close();
close();
if (problems.length) {
  console.error(problems.join("\n"));
  process.exit(1);
}
