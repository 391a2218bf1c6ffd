// Opens the built sample site in headless Chromium, as a reader would: the
// Hindi and English pages of the sample rebuttal must show their headline,
// verdict and language switch; following the switch must land on the other
// language; the root page must lead to both. Any console error, page error
// or failed request fails the check. Screenshots go to the output folder.
//
// usage: node check.mjs PUBLIC_DIR SCREENSHOT_DIR

import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { createRequire } from "node:module";
import { serve, launch } from "./serve.mjs";

const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

const [publicDir, shotDir] = process.argv.slice(2);

const { origin, close } = await serve(publicDir);

const browser = await launch();
const problems = [];
const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
page.on("console", (message) => message.type() === "error" && problems.push(`console: ${message.text()} (${message.location().url})`));
page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
page.on("requestfailed", (request) => problems.push(`request failed: ${request.url()}`));
page.on("response", (response) => response.status() >= 400 && problems.push(`HTTP ${response.status()}: ${response.url()}`));

function expect(condition, what) {
  if (!condition) problems.push(what);
  return condition;
}

// WCAG 2 A and AA rules (landmarks, headings, names, colour contrast…) by axe-core.
async function checkAccessibility(label) {
  await page.addScriptTag({ path: axePath });
  const results = await page.evaluate(() => window.axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "best-practice"] }));
  for (const violation of results.violations) {
    const where = violation.nodes.map((node) => node.target.join(" ")).join(", ");
    problems.push(`${label}: ${violation.id}: ${violation.help} (${where})`);
  }
}

// A statement prints as a clean one-page release on A4.
async function checkPrint(label) {
  await page.emulateMedia({ media: "print" });
  const pdf = await page.pdf({ format: "A4", printBackground: true, path: join(shotDir, `${label.replace(/ /g, "-")}.pdf`) });

  await page.emulateMedia({ media: "screen" });
  const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page\b/g) ?? []).length;
  expect(pages === 1, `${label}: prints on ${pages} A4 pages, not 1`);
}

const rebuttal = "2021/06/cowin-data-breach";
const expected = {
  hi: { headline: "स्वास्थ्य मंत्रालय ने कोविन से डेटा लीक होने की खबरों को गलत बताकर खारिज किया", verdict: "गलत", other: "en" },
  en: { headline: "Health Ministry dismisses reports of a leak of CoWIN data as false", verdict: "False", other: "hi" },
};

await mkdir(shotDir, { recursive: true });
for (const [lang, want] of Object.entries(expected)) {
  await page.goto(`${origin}/${lang}/${rebuttal}/`);
  expect((await page.getAttribute("html", "lang")) === lang, `${lang}: <html lang> is not ${lang}`);
  const headline = (await page.textContent("h1"))?.trim();
  expect(headline === want.headline, `${lang}: headline is ${JSON.stringify(headline)}`);
  const verdict = (await page.textContent("header .verdict .verdict-badge"))?.trim();
  expect(verdict === want.verdict, `${lang}: verdict is ${JSON.stringify(verdict)}`);
  await page.screenshot({ path: join(shotDir, `rebuttal-${lang}.png`), fullPage: true });
  await checkAccessibility(`${lang} rebuttal`);
  await checkPrint(`${lang} rebuttal`);
  const switcher = page.locator(`nav.languages a[hreflang="${want.other}"]`);
  if (expect((await switcher.count()) === 1, `${lang}: no link to the ${want.other} version`)) {
    await Promise.all([page.waitForURL(`**/${want.other}/${rebuttal}/`), switcher.click()]);
    expect((await page.getAttribute("html", "lang")) === want.other, `${lang}: the switch did not lead to ${want.other}`);
  }
}

await page.goto(`${origin}/`);
await page.screenshot({ path: join(shotDir, "root.png"), fullPage: true });
await checkAccessibility("root");
for (const lang of Object.keys(expected)) {
  expect((await page.locator(`a[hreflang="${lang}"]`).count()) === 1, `root: no link to ${lang}`);
}
await page.goto(`${origin}/hi/2021/05/cowin-myths/`);
await page.screenshot({ path: join(shotDir, "myth-buster-hi.png"), fullPage: true });
await checkAccessibility("hi myth-buster");
await checkPrint("hi myth-buster");
await page.goto(`${origin}/hi/`);
await page.screenshot({ path: join(shotDir, "index-hi.png"), fullPage: true });
await checkAccessibility("hi index");


await browser.close();
close();
if (problems.length) {
  console.error(problems.join("\n"));
  process.exit(1);
}
console.log(`browser check: ok; screenshots in ${shotDir}`);
