// `npm run build` and `prepack`: compiles the published modules into dist/ in place, then deletes what no source
// emits any more (the build output of a deleted or moved module). dist/ is never emptied first, so a test, an emulator or a harness run started
// from the same checkout keeps finding every module while a tarball is packed.
"use strict";
const { execFileSync } = require("node:child_process");
const { readdirSync, rmdirSync, unlinkSync } = require("node:fs");
const { join, resolve } = require("node:path");

const root = join(__dirname, "..");
const dist = join(root, "dist");
const tsc = require.resolve("typescript/bin/tsc", { paths: [root] });
const listed = execFileSync(process.execPath, [tsc, "-p", join(root, "tsconfig.json"), "--listEmittedFiles"], {
  encoding: "utf8",
});
const emitted = new Set(
  listed
    .split("\n")
    .filter((line) => line.startsWith("TSFILE: "))
    .map((line) => resolve(line.slice("TSFILE: ".length).trim())),
);

/** Deletes the files under `dir` that this build did not emit; answers whether `dir` is left empty. */
function prune(dir) {
  let kept = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() ? prune(path) : !emitted.has(path)) {
      if (entry.isDirectory()) rmdirSync(path);
      else unlinkSync(path);
    } else {
      kept += 1;
    }
  }
  return kept === 0;
}
prune(dist);
