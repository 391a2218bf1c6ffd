// Opens the built sample site in headless Chromium, as a reader would: the
// Hindi and English pages of the sample rebuttal must show their headline,
// verdict and language switch; following the switch must land on the other
// language; the root page must lead to both. Any console error, page error
// or failed request fails the check. Screenshots go to the output folder.
//
// usage: node check.mjs PUBLIC_DIR SCREENSHOT_DIR

import { execFileSync } from "node:child_process";
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
// A request cut short by the next navigation (the icon, often) is aborted,
// not failed; a missing file still fails as an HTTP 404 below.
page.on("requestfailed", (request) => request.failure()?.errorText !== "net::ERR_ABORTED" && problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`));
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

// A statement prints as a clean one-page release on A4, whose text (read
// back by poppler's pdftotext) has the letterhead, the page's address and
// each of `texts`.
async function checkPrint(label, texts = []) {
  await page.emulateMedia({ media: "print" });
  const file = join(shotDir, `${label.replace(/ /g, "-")}.pdf`);
  const pdf = await page.pdf({ format: "A4", printBackground: true, path: file });

  await page.emulateMedia({ media: "screen" });
  const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page\b/g) ?? []).length;
  expect(pages === 1, `${label}: prints on ${pages} A4 pages, not 1`);
  const printed = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
  const url = (await page.getAttribute('link[rel="canonical"]', "href")).replace(/^https?:\/\/[^/]+/, "");
  for (const text of [...texts, url]) {
    expect(printed.includes(text), `${label}: the printed PDF lacks ${JSON.stringify(text)}`);
  }
}

const rebuttal = "2021/06/cowin-data-breach";
const expected = {
  hi: {
    headline: "स्वास्थ्य मंत्रालय ने कोविन से डेटा लीक होने की खबरों को गलत बताकर खारिज किया",
    verdict: "गलत",
    other: "en",
    letterhead: "प्रेस वक्तव्य",
    time: "शाम 6:30 बजे",
    sources: ["https://www.mohfw.gov.in/", "https://www.cowin.gov.in/"],
  },
  en: {
    headline: "Health Ministry dismisses reports of a leak of CoWIN data as false",
    verdict: "False",
    other: "hi",
    letterhead: "PRESS STATEMENT",
    time: "6:30 pm IST",
    sources: ["https://www.mohfw.gov.in/", "https://www.cowin.gov.in/"],
  },
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
  await checkPrint(`${lang} rebuttal`, [want.headline, want.letterhead, want.time, ...want.sources]);
  const switcher = page.locator(`nav.languages a[hreflang="${want.other}"]`);
  if (expect((await switcher.count()) === 1, `${lang}: no link to the ${want.other} version`)) {
    await Promise.all([page.waitForURL(`**/${want.other}/${rebuttal}/`), switcher.click()]);
    expect((await page.getAttribute("html", "lang")) === want.other, `${lang}: the switch did not lead to ${want.other}`);
  }
}

await page.goto(`${origin}/`);
for (const lang of Object.keys(expected)) {
  expect((await page.locator(`a[hreflang="${lang}"]`).count()) === 1, `root: no link to ${lang}`);
}
await page.goto(`${origin}/hi/2021/05/cowin-myths/`);
await checkPrint("hi myth-buster");

// The font Chromium drew `selector`'s text with, by the DevTools protocol.
async function fontsOf(selector) {
  const client = await page.context().newCDPSession(page);
  await client.send("DOM.enable");
  await client.send("CSS.enable");
  const { root } = await client.send("DOM.getDocument");
  const { nodeId } = await client.send("DOM.querySelector", { nodeId: root.nodeId, selector });
  const { fonts } = await client.send("CSS.getPlatformFontsForNode", { nodeId });
  await client.detach();
  return fonts.map((font) => font.familyName);
}

// Every kind of page, at a desktop's and a phone's width: screenshots, no
// sideways scrolling, Devanagari drawn with a Devanagari font, and axe-core.
const tour = [
  ["root", "/"],
  ["rebuttal-hi", `/hi/${rebuttal}/`],
  ["rebuttal-en", `/en/${rebuttal}/`],
  ["myth-buster-hi", "/hi/2021/05/cowin-myths/"],
  ["myth-buster-en", "/en/2021/05/cowin-myths/"],
  ["index-hi", "/hi/"],
  ["tag-hi", "/hi/tags/cowin/"],
  ["topics-en", "/en/tags/"],
  ["topics-hi", "/hi/tags/"],
  ["year-hi", "/hi/years/2021/"],
  ["issuer-en", "/en/issuers/mohfw/"],
  ["verdicts-hi", "/hi/about/verdicts/"],
  ["accessibility-en", "/en/about/accessibility/"],
  ["not-found", "/404.html"],
  ["not-found-hi", "/hi/404.html"],
  ["search-hi", "/hi/search/?q=कोविन"],
  ["search-en", "/en/search/?q=cowin"],
];
for (const width of [1280, 390]) {
  await page.setViewportSize({ width, height: 900 });
  for (const [name, path] of tour) {
    const label = `${name} at ${width} px`;
    await page.goto(`${origin}${path}`);
    if (path.includes("?q=")) await page.waitForSelector(".search-results li");
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scroll <= width, `${label}: scrolls sideways (${scroll} px wide)`);
    if (name.endsWith("-hi")) {
      const fonts = await fontsOf("h1");
      expect(fonts.some((family) => /Devanagari/.test(family)), `${label}: the headline is drawn in ${fonts.join(", ")}, no Devanagari font`);
    }
    await page.screenshot({ path: join(shotDir, `${name}-${width}.png`), fullPage: true });
    if (width === 390) await checkAccessibility(label);
  }
}


await browser.close();
close();
if (problems.length) {
  console.error(problems.join("\n"));
  process.exit(1);
}
console.log(`browser check: ok; screenshots in ${shotDir}`);
