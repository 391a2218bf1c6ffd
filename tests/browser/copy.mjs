// "Copy link" on every statement page, in headless Chromium at phone width:
// with script, the button copies the page's canonical address and says so
// in the page's language; without script there is no button, and the
// address is in the field, to select and copy by hand.
//
// usage: node copy.mjs PUBLIC_DIR

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { serve, launch } from "./serve.mjs";

const [publicDir] = process.argv.slice(2);
const { origin, close } = await serve(publicDir);
const browser = await launch();
const problems = [];
const pages = readdirSync(publicDir, { recursive: true })
  .filter((file) => file.endsWith("index.html"))
  .filter((file) => readFileSync(join(publicDir, file), "utf8").includes('id="copy-link"'));
if (pages.length === 0) problems.push("no statement page has a link to copy");
for (const file of pages) {
  const path = "/" + file.replace(/index\.html$/, "");
  const html = readFileSync(join(publicDir, file), "utf8");
  const canonical = html.match(/<link rel="canonical" href="([^"]+)">/)[1];
  const copied = html.match(/data-copied="([^"]+)"/)[1];
  const context = await browser.newContext({ viewport: { width: 390, height: 800 } });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin });
  const page = await context.newPage();
  await page.goto(origin + path);
  await page.locator(".copy-link button").click();
  await page.locator(".copy-link [role=status]", { hasText: copied }).waitFor({ timeout: 5000 }).catch(() => {});
  const said = await page.locator(".copy-link [role=status]").textContent();
  const clipboard = await page.evaluate(() => navigator.clipboard.readText());
  if (said !== copied) problems.push(`${path}: the button said "${said}", not "${copied}"`);
  if (clipboard !== canonical) problems.push(`${path}: copied "${clipboard}", not ${canonical}`);
  await context.close();

  const plain = await browser.newContext({ viewport: { width: 390, height: 800 }, javaScriptEnabled: false });
  const still = await plain.newPage();
  await still.goto(origin + path);
  const buttons = await still.locator(".copy-link button").count();
  const value = await still.locator("#copy-link").inputValue();
  if (buttons !== 0) problems.push(`${path}: a button that cannot work without script`);
  if (value !== canonical) problems.push(`${path}: without script the field holds "${value}"`);
  await plain.close();
  console.log(`copy link ${path}: ${clipboard}`);
}
await browser.close();
close();
if (problems.length) {
  console.error(problems.join("\n"));
  process.exit(1);
}
