// `tathya serve` in Chromium at a phone's width: the open page, an eighth
// tab of the site, reloads by itself when its record is saved; a broken record's error (file, line,
// column) shows over the page, readable and without sideways scrolling;
// the fixed record's page comes back without the error.
//
// usage: node reload.mjs SITE_ROOT SCREENSHOT_DIR
// (SITE_ROOT: a site made by `tathya init`; target/release/tathya serves it)

import { spawn } from "node:child_process";
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { launch } from "./serve.mjs";

const [root, shots] = process.argv.slice(2);
const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const tathya = spawn(join(repo, "target/release/tathya"), ["serve", "--port", "0"], { cwd: root });
const address = await new Promise((resolve, reject) => {
  let said = "";
  tathya.stderr.on("data", (chunk) => {
    said += chunk;
    const found = said.match(/http:\/\/127\.0\.0\.1:\d+\//);
    if (found) resolve(found[0]);
  });
  tathya.on("exit", () => reject(new Error(`serve stopped: ${said}`)));
});

const record = join(root, "statements/2026/01/sample-rebuttal.yaml");
const good = readFileSync(record, "utf8");
const browser = await launch();
let failed = false;
const step = async (name, action) => {
  try {
    await action();
    console.log(`ok: ${name}`);
  } catch (error) {
    failed = true;
    console.log(`FAILED: ${name}: ${error.message}`);
  }
};
try {
  // Seven other tabs of the site first: a browser opens at most six
  // connections to a host, and every tab must still be told.
  const context = await browser.newContext({ viewport: { width: 390, height: 800 } });
  for (const path of ["en/", "hi/", "en/tags/", "hi/tags/", "en/2026/01/sample-myths/", "hi/2026/01/sample-myths/", "hi/2026/01/sample-rebuttal/"]) {
    const tab = await context.newPage();
    await tab.goto(`${address}${path}`, { waitUntil: "load" });
  }
  const page = await context.newPage();
  await page.goto(`${address}en/2026/01/sample-rebuttal/`, { waitUntil: "load", timeout: 20000 });
  await page.waitForFunction(() => document.body.innerText.includes("Statement"), null, { timeout: 60000 });
  await page.waitForTimeout(500);

  await step("a saved record reloads the open page", async () => {
    writeFileSync(record, good.replace("- en: ", "- en: Reloaded by itself. "));
    await page.waitForFunction(() => document.body.innerText.includes("Reloaded by itself."), null, { timeout: 20000 });
  });

  await step("a broken record shows where, over the page, at 390 px", async () => {
    writeFileSync(record, good.replace("verdict: ", "verdict: maybe #"));
    const panel = page.locator("#tathya-serve-error");
    await panel.waitFor({ state: "visible", timeout: 20000 });
    const text = await panel.innerText();
    if (!/statements\/2026\/01\/sample-rebuttal\.yaml:\d+:\d+/.test(text)) throw new Error(`no place in: ${text}`);
    if (!(await page.locator("main").count())) throw new Error("the last good page is not under the error");
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    if (sideways) throw new Error("the page scrolls sideways");
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: join(shots, "serve-error-390.png") });
  });

  await step("the fixed record's page comes back without the error", async () => {
    writeFileSync(record, good);
    await page.waitForFunction(
      () => !document.getElementById("tathya-serve-error") && !document.body.innerText.includes("Reloaded by itself."),
      null,
      { timeout: 20000 },
    );
  });
} finally {
  writeFileSync(record, good);
  await browser.close();
  tathya.kill();
}
process.exit(failed ? 1 : 0);
