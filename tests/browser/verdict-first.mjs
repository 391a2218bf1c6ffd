// The verdict is seen first: on a 360×640 phone screen, a rebuttal's verdict
// stamp is inside the first screen, for every verdict in every language of
// the site tests/tools/verdicts_site.py writes.
//
// usage: node verdict-first.mjs PUBLIC_DIR SCREENSHOT_DIR ID...

import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { serve, launch } from "./serve.mjs";

const [publicDir, shotDir, ...ids] = process.argv.slice(2);
const languages = ["en", "hi"];
const screen = { width: 360, height: 640 };

const { origin, close } = await serve(publicDir);
const browser = await launch();
const page = await browser.newPage({ viewport: screen });
const problems = [];
await mkdir(shotDir, { recursive: true });
if (ids.length === 0) problems.push("no statements to check");
for (const id of ids) {
  for (const lang of languages) {
    const where = `${lang}/${id}`;
    const response = await page.goto(`${origin}/${where}/`);
    if (!response.ok()) {
      problems.push(`${where}: HTTP ${response.status()}`);
      continue;
    }
    const badge = page.locator("header .verdict .verdict-badge");
    if ((await badge.count()) !== 1) {
      problems.push(`${where}: no verdict stamp in the page's header`);
      continue;
    }
    const box = await badge.boundingBox();
    const label = (await badge.textContent()).trim();
    if (!box || box.y < 0 || box.y + box.height > screen.height || box.x + box.width > screen.width) {
      problems.push(`${where}: the verdict "${label}" is at ${JSON.stringify(box)}, outside the first ${screen.width}×${screen.height} screen`);
    }
    if (box && box.height < 28) problems.push(`${where}: the verdict "${label}" is only ${box.height} px high`);
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
    if (scroll > screen.width) problems.push(`${where}: scrolls sideways (${scroll} px wide)`);
    await page.screenshot({ path: join(shotDir, `verdict-${id.replace(/\//g, "-")}-${lang}.png`) });
    if (id.endsWith("withdrawn")) {
      // A withdrawn statement's page, whole, at a desktop's and a phone's width.
      for (const width of [1280, 390]) {
        await page.setViewportSize({ width, height: screen.height });
        await page.screenshot({ path: join(shotDir, `withdrawn-${lang}-${width}.png`), fullPage: true });
      }
      await page.setViewportSize(screen);
    }
  }
}
await browser.close();
close();
if (problems.length) {
  console.error(problems.join("\n"));
  process.exit(1);
}
console.log(`verdict check: ${ids.length * languages.length} pages, each verdict inside the first ${screen.width}×${screen.height} screen`);
