import { execFile } from "node:child_process";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import { packageRoot } from "../../engine/install-package";
import { packedPackage, type PackedPackage } from "./packed-package";
import { typeCheck } from "./type-check";

// What `npm pack` publishes, as npm itself lists it: the compiled modules of the package's five source folders
// with their declarations, README, LICENSE and package.json; nothing else (no tests, no harness, no sources, no
// build output of a deleted module). And every entry point package.json names is there and works.
const ROOT = packageRoot();
const SOURCE_FOLDERS = ["core", "provider", "sdk", "emulator", "cli"];
let pack: PackedPackage;

beforeAll(async () => {
  pack = await packedPackage();
}, 60_000);
afterAll(() => pack?.remove());

function sourceModules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceModules(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts")
      ? [relative(ROOT, path).slice(0, -".ts".length)]
      : [];
  });
}

test("the tarball holds exactly the compiled modules and their declarations, README, LICENSE and package.json", () => {
  const modules = SOURCE_FOLDERS.flatMap((folder) => sourceModules(join(ROOT, folder)));
  const expected = [
    ...modules.flatMap((m) => [`dist/${m}.js`, `dist/${m}.d.ts`]),
    "LICENSE",
    "README.md",
    "package.json",
  ];
  expect(pack.files).toEqual(expected.sort());
});

test("every file package.json points to is in the tarball, and `types` comes first in each export", () => {
  const { main, types, bin = {}, exports = {} } = pack.manifest;
  const targets = [main, types, ...Object.values(bin)];
  for (const [subpath, target] of Object.entries(exports)) {
    if (typeof target === "object") {
      // TypeScript takes the first condition that matches: a `default` before `types` would hide the declarations.
      expect([subpath, Object.keys(target)[0]]).toEqual([subpath, "types"]);
      targets.push(...Object.values(target));
    } else if (!target.includes("*")) {
      targets.push(target);
    }
  }
  // The wildcard export exists for the serialized provider, which loads this module.
  targets.push("./dist/provider/index.js");
  const missing = targets.map((t) => t!.replace(/^\.\//, "")).filter((t) => !pack.files.includes(t));
  expect(missing).toEqual([]);
});

test("Node loads every entry point from the installed tarball, and the bin runs", async () => {
  const script = `for (const entry of ["pulumi-github-secrets", "pulumi-github-secrets/emulator", "pulumi-github-secrets/dist/provider/index.js"])
    console.log(entry, Object.keys(require(entry)).sort().join(" "));`;
  const { stdout } = await promisify(execFile)(process.execPath, ["-e", script], { cwd: pack.dir });
  const loaded = Object.fromEntries(
    stdout
      .trim()
      .split("\n")
      .map((line) => [line.split(" ")[0], line.split(" ").slice(1)]),
  );
  expect(loaded["pulumi-github-secrets"]).toEqual(
    expect.arrayContaining(["RepoSecret", "EnvSecret", "OrgSecret", "OrgSecretRepoSelection", "seal", "getPublicKey"]),
  );
  expect(loaded["pulumi-github-secrets/emulator"]).toEqual(
    expect.arrayContaining(["startEmulator", "defaultFixture", "loadFixture"]),
  );
  expect(loaded["pulumi-github-secrets/dist/provider/index.js"]).toEqual(
    expect.arrayContaining(["configure", "resourceProvider"]),
  );

  // npm makes the bin executable when it installs it; the shebang is what makes it run with Node.
  const bin = join(pack.installed, pack.manifest.bin!["pulumi-github-secrets"]);
  expect(readFileSync(bin, "utf8").split("\n")[0]).toBe("#!/usr/bin/env node");
  const help = await promisify(execFile)(process.execPath, [bin, "--help"]);
  expect(help.stdout).toMatch(/^Usage: pulumi-github-secrets /);
});

test.each([
  ["node10", { module: "commonjs", moduleResolution: "node10", target: "es2020" }], // Pulumi's TypeScript project template
  ["node16", { module: "node16", moduleResolution: "node16", target: "es2022" }],
])(
  "TypeScript finds the declarations of every entry point with moduleResolution %s",
  async (name, compilerOptions) => {
    writeFileSync(
      join(pack.dir, "entry-points.ts"),
      [
        `import { RepoSecret, type RepoSecretArgs } from "pulumi-github-secrets";`,
        `import { startEmulator, type Emulator } from "pulumi-github-secrets/emulator";`,
        `export const used: [typeof RepoSecret, typeof startEmulator] = [RepoSecret, startEmulator];`,
        `export type Used = [RepoSecretArgs, Emulator];`,
      ].join("\n"),
    );
    const errors = await typeCheck({ dir: pack.dir, name, files: ["entry-points.ts"], compilerOptions });
    expect(errors).toEqual([]);
  },
  60_000,
);

test("the @pulumi/pulumi this suite runs on is inside the peer range, whose floor is what the oldest CI leg installs", () => {
  const range = pack.manifest.peerDependencies?.["@pulumi/pulumi"] ?? "";
  // .ci/run reads the floor from this form; anything else would leave the oldest leg without a version.
  const floor = /^\^(\d+)\.(\d+)\.(\d+)$/.exec(range);
  expect(floor).not.toBeNull();
  const [major, minor, patch] = floor!.slice(1).map(Number);
  const installed = (require("@pulumi/pulumi/package.json") as { version: string }).version.split(".").map(Number);
  expect(installed[0]).toBe(major);
  expect(installed[1] * 1e6 + installed[2]).toBeGreaterThanOrEqual(minor * 1e6 + patch);
  // The built CommonJS require()s Octokit's ES modules, which Node does unflagged from 20.19 on.
  const nodeFloor = /^>=\s*(\d+)\.(\d+)/.exec(pack.manifest.engines?.node ?? "");
  expect(nodeFloor && Number(nodeFloor[1]) * 100 + Number(nodeFloor[2])).toBeGreaterThanOrEqual(2019);
});

test("packing builds dist/ in place: no module goes missing while it runs, and a deleted module's output is removed", async () => {
  const stale = join(ROOT, "dist", "provider", "deleted-module.js");
  writeFileSync(stale, "// the output of a module whose source was deleted\n");
  const watched = join(ROOT, "dist", "cli", "index.js");
  let missing = 0;
  const watcher = setInterval(() => {
    if (!existsSync(watched)) missing += 1;
  }, 2);
  try {
    await promisify(execFile)("npm", ["run", "-s", "prepack"], { cwd: ROOT });
  } finally {
    clearInterval(watcher);
  }
  expect({ missing, stale: existsSync(stale) }).toEqual({ missing: 0, stale: false });
}, 60_000);
