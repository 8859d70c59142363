// Runs the compiled harness command, compiling it first (tsc -p engine/tsconfig.json) when any of its
// sources is newer than the build in dist-engine/. `launch.js language-host ARGS` runs the language host the
// real CLI starts (language-host.ts) instead.
"use strict";
const { execFileSync } = require("node:child_process");
const { existsSync, readdirSync, statSync } = require("node:fs");
const { join } = require("node:path");

const sources = __dirname;
const entry = process.argv[2] === "language-host" ? process.argv.splice(2, 1)[0] : "cli";
const built = join(__dirname, "..", "dist-engine", `${entry}.js`);
const mtime = (file) => statSync(file).mtimeMs;
const newest = Math.max(
  ...readdirSync(sources)
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
    .map((f) => mtime(join(sources, f))),
  mtime(join(sources, "tsconfig.json")),
);
const compiled = join(__dirname, "..", "dist-engine", "cli.js");
if (!existsSync(compiled) || mtime(compiled) < newest) {
  execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", join(sources, "tsconfig.json")], {
    // tsc's complaints to stderr: the language host's stdout starts with the port the CLI reads.
    stdio: ["ignore", process.stderr, "inherit"],
  });
}
require(built);
