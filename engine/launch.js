// Runs the compiled harness command, compiling it first (tsc -p engine/tsconfig.json) when any of its
// sources is newer than the build in dist-engine/.
"use strict";
const { execFileSync } = require("node:child_process");
const { existsSync, readdirSync, statSync } = require("node:fs");
const { join } = require("node:path");

const sources = __dirname;
const built = join(__dirname, "..", "dist-engine", "cli.js");
const mtime = (file) => statSync(file).mtimeMs;
const newest = Math.max(
  ...readdirSync(sources)
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
    .map((f) => mtime(join(sources, f))),
  mtime(join(sources, "tsconfig.json")),
);
if (!existsSync(built) || mtime(built) < newest) {
  execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", join(sources, "tsconfig.json")], {
    stdio: "inherit",
  });
}
require(built);
