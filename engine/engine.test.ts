// The harness against its toy program: each test drives one scratch program through several operations,
// since every run of a program costs about two seconds.
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { installPackage } from "./install-package";
import { makeProgramDir, removeProgramDir } from "./program-dir";
import { UNKNOWN } from "./property-values";
import { runEngine } from "./run-engine";
import { ToyProgram } from "./toy-program";

const TIMEOUT = 180_000;
const SIG = "4dabf18193072939515e22adb298388d";

describe("engine harness", () => {
  const programs: ToyProgram[] = [];
  const program = () => {
    const p = new ToyProgram();
    programs.push(p);
    return p;
  };
  afterAll(() => programs.forEach((p) => removeProgramDir(p.dir)));

  test(
    "preview, up, no-op up, update, replacements, removal, refresh, up --refresh and destroy",
    async () => {
      const toy = program();
      await toy.setup([
        { name: "a", value: "1" },
        { name: "b", value: "1", idOf: "a" },
        { name: "c", value: "1", replaceKey: "k1", dependsOn: ["b"] },
      ]);
      await toy.expectOk(toy.run("config", "set", "--secret", "token", "s3cret-token"));

      // Preview checks but never creates, and saves nothing; an ID not known yet arrives as the unknown sentinel.
      let r = await toy.expectOk(toy.run("preview"));
      expect(r.stdout).toContain("+ 4 to create");
      let calls = toy.calls();
      expect(calls.filter((c) => c.op === "check").map((c) => c.name)).toEqual(["a", "b", "c"]);
      expect(calls.find((c) => c.op === "check" && c.name === "b")?.upstreamId).toBe(UNKNOWN);
      expect(calls.some((c) => c.op === "create")).toBe(false);
      expect(existsSync(toy.stateFile)).toBe(false);

      // Up creates, in dependency order, with the secret config reaching configure().
      r = await toy.expectOk(toy.run("up", "--yes"));
      expect(r.stdout).toContain("+ 4 created");
      expect(r.stdout).toMatch(/\+ {2}a \[pulumi-nodejs:dynamic:Resource\] created/);
      calls = toy.calls();
      expect(calls.find((c) => c.op === "configure")?.token).toBe("s3cret-token");
      expect(calls.filter((c) => c.op === "create").map((c) => c.name)).toEqual(["a", "b", "c"]);
      expect(calls.find((c) => c.op === "check" && c.name === "b")?.upstreamId).toMatch(/^a-/);
      // The provider host's stderr is kept beside the state.
      expect(readFileSync(join(toy.dir, ".state", "dev.provider.log"), "utf8")).toContain("toy provider configured");

      // The state keeps the serialized provider in inputs and outputs, and secrets only encrypted.
      const resources = toy.resources();
      for (const name of ["a", "b", "c"]) {
        expect(resources.get(name)?.inputs.__provider).toContain("exports.handler");
        expect(resources.get(name)?.outputs.__provider).toBe(resources.get(name)?.inputs.__provider);
        // check() returned `derived` in secret wire form: it stays secret, and so does the output of that name.
        expect(resources.get(name)?.inputs.derived).toHaveProperty("ciphertext");
        expect(resources.get(name)?.outputs.derived).toHaveProperty("ciphertext");
      }
      expect(resources.get("b")?.propertyDependencies.upstreamId).toEqual([resources.get("a")?.urn]);
      expect(resources.get("default")?.inputs["toy:token"]).toEqual({
        [SIG]: expect.any(String),
        ciphertext: expect.any(String),
      });
      expect(toy.stateText()).not.toContain("s3cret-token");
      expect(toy.stateText()).not.toContain("derived-1");
      expect(readFileSync(toy.configFile, "utf8")).not.toContain("s3cret-token");
      const exported = (await toy.expectOk(toy.run("stack", "export", "--show-secrets"))).stdout;
      expect(exported).toContain(JSON.stringify(JSON.stringify("s3cret-token")));
      expect(exported).toContain(JSON.stringify(JSON.stringify("derived-1")));
      expect((await toy.expectOk(toy.run("stack", "export"))).stdout).not.toContain("s3cret-token");

      // Nothing changed: Check and Diff only.
      r = await toy.expectOk(toy.run("up", "--yes"));
      expect(r.stdout).toContain("4 unchanged");
      expect(toy.calls().filter((c) => !["configure", "check", "diff"].includes(c.op))).toEqual([]);

      // b updates; a is replaced create-before-delete; c delete-before-replace.
      const oldA = toy.resources().get("a")?.id;
      const oldC = toy.resources().get("c")?.id;
      await toy.declare([
        { name: "a", value: "1", replaceKey: "k2" },
        { name: "b", value: "2", idOf: "a" },
        { name: "c", value: "1", replaceKey: "k2", deleteBeforeReplace: true, dependsOn: ["b"] },
      ]);
      r = await toy.expectOk(toy.run("up", "--yes"));
      expect(r.stdout).toContain("~ 1 updated");
      expect(r.stdout).toContain("+-2 replaced");
      calls = toy.calls();
      const at = (op: string, id: string | undefined, name?: string) =>
        calls.findIndex(
          (c) => c.op === op && (id === undefined || c.id === id) && (name === undefined || c.name === name),
        );
      // Replacement runs Check again without olds.
      expect(calls.filter((c) => c.op === "check" && c.name === "a").map((c) => c.hasOlds)).toEqual([true, false]);
      expect(at("delete", oldC)).toBeLessThan(at("create", undefined, "c"));
      expect(at("create", undefined, "a")).toBeLessThan(at("delete", oldA));
      expect(at("create", undefined, "c")).toBeLessThan(at("delete", oldA));
      expect(calls.filter((c) => c.op === "update").map((c) => c.name)).toEqual(["b"]);
      expect(toy.resources().get("a")?.id).not.toBe(oldA);

      // c leaves the program and is deleted; d arrives.
      await toy.declare([
        { name: "a", value: "1", replaceKey: "k2" },
        { name: "b", value: "2", idOf: "a" },
        { name: "d", value: "1" },
      ]);
      r = await toy.expectOk(toy.run("up", "--yes"));
      expect(r.stdout).toContain("- 1 deleted");
      expect(r.stdout).toContain("+ 1 created");
      expect(
        toy
          .calls()
          .filter((c) => c.op === "delete")
          .map((c) => c.name),
      ).toEqual(["c"]);

      // Refresh: d is gone remotely and leaves the state; the others are read and kept. Each is read twice, once
      // by the preview the CLI runs first, unless --skip-preview.
      rmSync(join(toy.remote, toy.resources().get("d")?.id));
      r = await toy.expectOk(toy.run("refresh", "--yes"));
      expect(r.stdout).toContain("- 1 deleted");
      const reads = () =>
        toy
          .calls()
          .filter((c) => c.op === "read")
          .map((c) => c.name)
          .sort();
      expect(reads()).toEqual(["a", "a", "b", "b", "d", "d"]);
      r = await toy.expectOk(toy.run("refresh", "--yes", "--skip-preview"));
      expect(reads()).toEqual(["a", "b"]);
      expect([...toy.resources().keys()].sort()).toEqual(["a", "b", "default", "toy-dev"]);

      // up --refresh: b drifted remotely; the refresh reads it and the update puts it back; d, still in the
      // program, is created again.
      const b = toy.resources().get("b")?.id;
      writeFileSync(join(toy.remote, b), JSON.stringify({ value: "drifted" }));
      r = await toy.expectOk(toy.run("up", "--yes", "--refresh"));
      expect(r.stdout).toContain("+ 1 created");
      calls = toy.calls();
      expect(at("read", b)).toBeLessThan(at("update", b));
      expect(JSON.parse(readFileSync(join(toy.remote, b), "utf8")).value).toBe("2");

      // Destroy deletes dependents first, with the provider stored in the state, and empties the state.
      r = await toy.expectOk(toy.run("destroy", "--yes"));
      expect(r.stdout).toContain("- 4 deleted");
      const deleted = toy
        .calls()
        .filter((c) => c.op === "delete")
        .map((c) => c.name ?? "");
      expect([...deleted].sort()).toEqual(["a", "b", "d"]);
      expect(deleted.indexOf("b")).toBeLessThan(deleted.indexOf("a"));
      expect(toy.resources().size).toBe(0);
    },
    TIMEOUT,
  );

  test(
    "check failures, create failures and partial failures stop the update like the CLI",
    async () => {
      const toy = program();
      await toy.setup([{ name: "x", value: "invalid" }]);
      let r = await toy.run("up", "--yes");
      expect(r.exitCode).toBe(1);
      expect(r.stdout).toContain(
        "pulumi-nodejs:dynamic:Resource resource 'x': property value value {invalid} has a problem: value must not be 'invalid'",
      );
      expect(toy.calls().some((c) => c.op === "create")).toBe(false);

      // A create failing stops what depends on it.
      await toy.declare([
        { name: "f", value: "fail-create" },
        { name: "g", value: "1", dependsOn: ["f"] },
      ]);
      r = await toy.run("up", "--yes");
      expect(r.exitCode).toBe(1);
      expect(r.stdout).toContain("error: create of f failed");
      expect(r.stdout).toContain("1 errored");
      expect(
        toy
          .calls()
          .filter((c) => c.op === "check")
          .map((c) => c.name),
      ).toEqual(["f"]);

      // An error thrown with an id is a partial failure: the resource is saved with its id and reasons.
      await toy.declare([{ name: "p", value: "partial" }]);
      r = await toy.run("up", "--yes");
      expect(r.exitCode).toBe(1);
      const partial = toy.resources().get("p");
      expect(partial?.id).toMatch(/^p-/);
      expect(partial?.initErrors).toEqual(["half done"]);
      toy.calls();

      // The next up updates it (even had nothing changed), now with a secret input kept encrypted.
      await toy.expectOk(toy.run("config", "set", "--secret", "secretValue", "hunter2-secret"));
      await toy.declare([{ name: "p", value: "2", secret: true }]);
      r = await toy.expectOk(toy.run("up", "--yes"));
      expect(r.stdout).toContain("~ 1 updated");
      expect(
        toy
          .calls()
          .filter((c) => c.op === "update")
          .map((c) => c.id),
      ).toEqual([partial?.id]);
      const updated = toy.resources().get("p");
      expect(updated?.initErrors).toBeUndefined();
      expect(updated?.inputs.secret).toHaveProperty("ciphertext");
      expect(updated?.outputs.secret).toHaveProperty("ciphertext");
      expect(toy.stateText()).not.toContain("hunter2-secret");
    },
    TIMEOUT,
  );

  test(
    "a typed dynamic resource from an installed package is serialized by reference (require by package name)",
    async () => {
      const dir = makeProgramDir(join(__dirname, "fixtures", "packaged"));
      try {
        installPackage(join(__dirname, "fixtures", "toy-provider"), dir);
        const r = await runEngine(["up", "--yes", "--cwd", dir], {
          env: { PULUMI_CONFIG_PASSPHRASE: "", PULUMI_NODEJS_TRANSPILE_ONLY: "true" },
        });
        expect(r.exitCode).toBe(0);
        const state = JSON.parse(readFileSync(join(dir, ".state", "dev.json"), "utf8"));
        const thing = state.checkpoint.latest.resources.find((x: { urn: string }) => x.urn.endsWith("::thing"));
        expect(thing.type).toBe("pulumi-nodejs:dynamic/toy:Thing");
        expect(thing.inputs.__provider).toContain('require("toy-provider/lib/impl.js")');
        expect(thing.inputs.__provider).not.toContain("IMPL-BODY-MARKER");
        expect(thing.outputs.marker).toBe("IMPL-BODY-MARKER");
      } finally {
        removeProgramDir(dir);
      }
    },
    TIMEOUT,
  );

  test("commands need --yes and known arguments, with the CLI's usage exit code", async () => {
    const toy = program();
    expect((await toy.run("up")).exitCode).toBe(2);
    expect((await toy.run("destroy", "--bogus")).exitCode).toBe(2);
    expect((await toy.run("config", "set", "onlykey")).exitCode).toBe(2);
  });
});
