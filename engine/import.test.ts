// `import --file FILE --yes` against the toy program. The entries carry the toy's own serialized provider,
// taken from a resource an `up` created (the closure captures config `remoteDir`, so every stack of one
// scratch copy serializes the same `__provider`). Whether Read and Check ran is read from the toy provider's
// journal.
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { removeProgramDir } from "./program-dir";
import { SECRET_SIG, SIG_KEY } from "./property-values";
import { ToyProgram } from "./toy-program";

const TIMEOUT = 120_000;
const TYPE = "pulumi-nodejs:dynamic:Resource";
const plaintextSecret = (value: unknown) => ({ [SIG_KEY]: SECRET_SIG, plaintext: JSON.stringify(value) });

describe("engine harness import", () => {
  const toy = new ToyProgram();
  let provider = "";
  const writeImportFile = (name: string, content: object) =>
    writeFileSync(join(toy.dir, name), JSON.stringify(content));

  beforeAll(async () => {
    await toy.setup([{ name: "seed", value: "1" }]);
    await toy.expectOk(toy.run("up", "--yes"));
    provider = toy.resources().get("seed")?.inputs.__provider;
    expect(provider).toContain("exports.handler");
    toy.calls();
  }, TIMEOUT);
  afterAll(() => removeProgramDir(toy.dir));

  test(
    "entries with outputs: no Read, Check runs, the state keeps exactly what was supplied, and `up` finds them",
    async () => {
      const imp = (...args: string[]) => toy.run(...args, "--stack", "imp");
      await toy.expectOk(imp("config", "set", "remoteDir", toy.remote));
      const aInputs = { name: "a", value: "1", token: plaintextSecret("imported-s3cret"), __provider: provider };
      const aOutputs = {
        name: "a",
        value: "1",
        token: plaintextSecret("imported-s3cret"),
        extra: "kept",
        __provider: provider,
      };
      writeImportFile("import.json", {
        resources: [
          { type: TYPE, name: "a", id: "a-imported", inputs: aInputs, outputs: aOutputs },
          {
            type: TYPE,
            name: "b",
            id: "b-imported",
            inputs: { name: "b", value: "old", __provider: provider },
            outputs: { name: "b", value: "old", __provider: provider },
          },
          // Check fails on it: a warning, and the import goes on.
          {
            type: TYPE,
            name: "c",
            id: "c-imported",
            inputs: { name: "c", value: "invalid", __provider: provider },
            outputs: { name: "c", value: "invalid", __provider: provider },
          },
        ],
      });

      // A new stack: the stack resource and the default provider are created, then the entries imported.
      let r = await toy.expectOk(imp("import", "--file", "import.json", "--yes", "--generate-code=false"));
      expect(r.stdout).toMatch(/^Importing \(imp\):\n/);
      expect(r.stdout).toContain(" +  toy-imp [pulumi:pulumi:Stack] created\n");
      for (const name of ["a", "b", "c"]) expect(r.stdout).toContain(` =  ${name} [${TYPE}] imported\n`);
      expect(r.stdout).toContain("    + 1 created\n    = 3 imported\n    4 changes\n");
      expect(r.stdout).toContain(
        "warning: One or more imported inputs failed to validate. This is almost certainly a bug in the `pulumi-nodejs` provider.",
      );
      expect(r.stdout).toContain(
        `warning: ${TYPE} resource 'c': property value value {invalid} has a problem: value must not be 'invalid'`,
      );
      // Check ran for each entry, with the supplied inputs as olds too; Read never did.
      let calls = toy.calls();
      expect(
        calls
          .filter((c) => c.op === "check")
          .map((c) => [c.name, c.hasOlds])
          .sort(),
      ).toEqual([
        ["a", true],
        ["b", true],
        ["c", true],
      ]);
      expect(calls.filter((c) => c.op !== "check" && c.op !== "configure")).toEqual([]);

      // Exactly the supplied inputs and outputs: not Check's (which adds `derived`), secrets encrypted.
      let resources = toy.resources("imp");
      const providerState = resources.get("default");
      const stackState = resources.get("toy-imp");
      const a = resources.get("a");
      const encrypted = { [SIG_KEY]: SECRET_SIG, ciphertext: expect.stringMatching(/^v1:/) };
      expect(a).toEqual({
        urn: `urn:pulumi:imp::toy::${TYPE}::a`,
        custom: true,
        id: "a-imported",
        type: TYPE,
        inputs: { ...aInputs, token: encrypted },
        outputs: { ...aOutputs, token: encrypted },
        parent: stackState?.urn,
        protect: true,
        provider: `${providerState?.urn}::${providerState?.id}`,
        created: expect.any(String),
        modified: expect.any(String),
      });
      expect(Object.keys(a?.inputs).sort()).toEqual(["__provider", "name", "token", "value"]);
      expect(resources.get("c")?.inputs).toEqual({ name: "c", value: "invalid", __provider: provider });
      expect(providerState?.inputs["toy:remoteDir"]).toBe(toy.remote);
      expect(toy.stateText("imp")).not.toContain("imported-s3cret");
      const exported = (await toy.expectOk(imp("stack", "export", "--show-secrets"))).stdout;
      expect(exported).toContain(JSON.stringify(JSON.stringify("imported-s3cret")));

      // The program declares the same resources: existing ones, so same or update, never create; an update clears
      // `protect`, which the program does not set.
      await toy.expectOk(
        imp(
          "config",
          "set",
          "resources",
          JSON.stringify([
            { name: "a", value: "1" },
            { name: "b", value: "2" },
            { name: "c", value: "1" },
          ]),
        ),
      );
      r = await toy.expectOk(imp("up", "--yes"));
      expect(r.stdout).toContain("    ~ 2 updated\n    2 unchanged\n");
      calls = toy.calls();
      expect(calls.some((c) => c.op === "create")).toBe(false);
      expect(
        calls
          .filter((c) => c.op === "diff")
          .map((c) => c.id)
          .sort(),
      ).toEqual(["a-imported", "b-imported", "c-imported"]);
      expect(
        calls
          .filter((c) => c.op === "update")
          .map((c) => c.id)
          .sort(),
      ).toEqual(["b-imported", "c-imported"]);
      resources = toy.resources("imp");
      expect(resources.get("a")?.id).toBe("a-imported");
      expect(resources.get("a")?.outputs.extra).toBe("kept");
      for (const name of ["a", "b", "c"]) expect(resources.get(name)?.protect).toBeUndefined();
    },
    TIMEOUT,
  );

  test(
    "an entry without outputs fails in Read, an existing URN fails, the others are imported and protected",
    async () => {
      const seedUrn = `urn:pulumi:dev::toy::${TYPE}::seed`;
      const seedId = toy.resources().get("seed")?.id;
      const withOutputs = (name: string, extra: object = {}) => ({
        type: TYPE,
        name,
        id: `${name}-imported`,
        inputs: { name, value: "1", __provider: provider },
        outputs: { name, value: "1", __provider: provider },
        ...extra,
      });
      writeImportFile("failing.json", {
        resources: [
          // Already in the state, under another ID.
          withOutputs("seed"),
          // No outputs: Read gets the ID alone, and the dynamic-provider host cannot find the provider.
          { type: TYPE, name: "x", id: "x-imported", inputs: { name: "x", value: "1", __provider: provider } },
          // No `__provider`: Check fails in the host.
          withOutputs("y", { inputs: { name: "y", value: "1" }, outputs: { name: "y", value: "1" } }),
          withOutputs("z"),
          // Its parent is imported in the same run: a later batch, which the failures above cancel.
          withOutputs("late", { parent: "z" }),
        ],
      });
      let r = await toy.run("import", "--file", "failing.json", "--yes", "--generate-code=false", "--parallel", "8");
      expect(r.exitCode).toBe(1);
      expect(r.stdout).toMatch(/^Importing \(dev\):\n/);
      for (const name of ["seed", "x", "y"]) expect(r.stdout).toContain(` ! ${name} [${TYPE}] importing failed\n`);
      expect(r.stdout).toContain(` =  z [${TYPE}] imported\n`);
      expect(r.stdout).not.toContain("late");
      expect(r.stdout).toContain(`error: resource '${seedUrn}' already exists`);
      expect(r.stdout).toMatch(/\(x\):\n {4}error: code must be a string, not undefined\n/);
      expect(r.stdout).toMatch(/\(y\):\n {4}error: code must be a string, not undefined\n/);
      expect(r.stdout).toContain("    = 1 imported\n    2 unchanged\n    3 errored\n");
      // Only z's Check reached the provider.
      expect(toy.calls().filter((c) => c.op !== "configure")).toEqual([
        { op: "check", name: "z", hasOlds: true, upstreamId: null },
      ]);
      let resources = toy.resources();
      expect([...resources.keys()].sort()).toEqual(["default", "seed", "toy-dev", "z"]);
      expect(resources.get("seed")?.id).toBe(seedId);
      expect(resources.get("z")?.protect).toBe(true);

      // An entry already in the state under the same ID is left alone, without a step.
      writeImportFile("same.json", { resources: [withOutputs("seed", { id: seedId })] });
      r = await toy.expectOk(toy.run("import", "--file", "same.json", "--yes", "--generate-code=false"));
      expect(r.stdout).toContain("Resources:\n    3 unchanged\n");
      expect(toy.calls()).toEqual([]);

      // Parents: one in the state, named through `nameTable`, and one imported in the same run (a second batch).
      const zUrn = resources.get("z")?.urn;
      writeImportFile("children.json", {
        nameTable: { zed: zUrn },
        resources: [withOutputs("grandchild", { parent: "child" }), withOutputs("child", { parent: "zed" })],
      });
      r = await toy.expectOk(toy.run("import", "--file", "children.json", "--yes", "--generate-code=false"));
      expect(r.stdout).toContain("    = 2 imported\n");
      expect(
        toy
          .calls()
          .filter((c) => c.op === "check")
          .map((c) => c.name),
      ).toEqual(["child", "grandchild"]);
      resources = toy.resources();
      expect(resources.get("child")?.urn).toBe(`urn:pulumi:dev::toy::${TYPE}$${TYPE}::child`);
      expect(resources.get("child")?.parent).toBe(zUrn);
      expect(resources.get("grandchild")?.urn).toBe(`urn:pulumi:dev::toy::${TYPE}$${TYPE}$${TYPE}::grandchild`);
      expect(resources.get("grandchild")?.parent).toBe(resources.get("child")?.urn);

      // Without --generate-code=false the CLI then tries to write the program code for what it imported, which
      // needs the provider's schema: the dynamic provider has none, so the command fails after the import landed.
      writeImportFile("uncoded.json", { resources: [withOutputs("uncoded")] });
      r = await toy.run("import", "--file", "uncoded.json", "--yes");
      expect(r.exitCode).toBe(1);
      expect(r.stdout).toContain(` =  uncoded [${TYPE}] imported\n`);
      expect(r.stderr).toContain("GetSchema is not implemented by the dynamic provider");
      expect(toy.resources().get("uncoded")?.id).toBe("uncoded-imported");
      await toy.expectOk(toy.run("state", "delete", toy.resources().get("uncoded")!.urn, "--force", "--yes"));

      // They are protected: an update whose program lacks them, and a destroy, refuse to delete grandchild and go
      // on with other deletes, but not with what it depends on (child, z), as the engine skips those.
      const refusal = `resource "${resources.get("grandchild")?.urn}" cannot be deleted\n    because it is protected.`;
      r = await toy.run("up", "--yes");
      expect(r.exitCode).toBe(1);
      expect(r.stdout).toContain(refusal);
      expect(r.stdout).toContain(` ! grandchild [${TYPE}] deleting failed\n`);
      expect(r.stdout).not.toMatch(/ (z|child) \[/);
      expect(toy.calls().some((c) => c.op === "delete")).toBe(false);
      r = await toy.run("destroy", "--yes");
      expect(r.exitCode).toBe(1);
      expect(r.stdout).toContain(refusal);
      expect(r.stdout).toContain(` -  seed [${TYPE}] deleted\n`);
      expect(
        toy
          .calls()
          .filter((c) => c.op === "delete")
          .map((c) => c.name),
      ).toEqual(["seed"]);
      resources = toy.resources();
      expect([...resources.keys()].sort()).toEqual(["child", "default", "grandchild", "toy-dev", "z"]);
    },
    TIMEOUT,
  );

  test("usage and import-file errors stop before anything runs", async () => {
    const other = (...args: string[]) => toy.run(...args, "--stack", "bad");
    const stateFile = join(toy.dir, ".state", "bad.json");
    writeImportFile("ok.json", { resources: [{ type: TYPE, name: "q", id: "q-1", outputs: { name: "q" } }] });

    let r = await other("import", "--yes");
    expect([r.exitCode, r.stderr]).toEqual([
      1,
      "error: an inline resource must be specified if no converter or import file is used, missing type, name, and id\n",
    ]);
    r = await other("import", "--file", "ok.json");
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("--yes or --skip-preview or --preview-only must be passed in");
    r = await other("import", "--file", "missing.json", "--yes");
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain("error: could not read import file:");
    expect((await other("up", "--yes", "--protect=false")).exitCode).toBe(2);
    expect((await other("import", "--file", "ok.json", "--yes", "--protect=maybe")).exitCode).toBe(2);

    writeImportFile("bad.json", {
      resources: [
        { type: TYPE, name: "noid" },
        { type: TYPE, name: "wire", id: "w", outputs: { s: { [SIG_KEY]: SECRET_SIG, value: "plain" } } },
        { type: TYPE, name: "unknown", id: "u", inputs: { v: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" } },
        { type: TYPE, name: "orphan", id: "o", parent: "nobody" },
      ],
    });
    r = await other("import", "--file", "bad.json", "--yes");
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(
      "error: 1 error occurred:\n\t* resource 'noid' of type 'pulumi-nodejs:dynamic:Resource' has no ID\n\n",
    );
    writeImportFile("bad.json", {
      resources: [
        { type: TYPE, name: "wire", id: "w", outputs: { s: { [SIG_KEY]: SECRET_SIG, value: "plain" } } },
        { type: TYPE, name: "unknown", id: "u", inputs: { v: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" } },
        { type: TYPE, name: "orphan", id: "o", parent: "nobody" },
      ],
    });
    r = await other("import", "--file", "bad.json", "--yes");
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(
      "error: 1 error occurred:\n\t* the parent 'nobody' for resource 'orphan' of type 'pulumi-nodejs:dynamic:Resource' has no entry in 'nameTable'\n\n",
    );
    writeImportFile("bad.json", {
      resources: [
        { type: TYPE, name: "wire", id: "w", outputs: { s: { [SIG_KEY]: SECRET_SIG, value: "plain" } } },
        { type: TYPE, name: "unknown", id: "u", inputs: { v: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" } },
      ],
    });
    r = await other("import", "--file", "bad.json", "--yes");
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(
      "error: 2 errors occurred:\n" +
        "\t* could not deserialize outputs for resource 'wire' of type 'pulumi-nodejs:dynamic:Resource': " +
        "malformed secret value: exactly one of `ciphertext` or `plaintext` must be supplied\n" +
        "\t* the inputs for resource 'unknown' of type 'pulumi-nodejs:dynamic:Resource' contain unknown values; " +
        "fill them in before importing\n\n",
    );
    expect(existsSync(stateFile)).toBe(false);
  });
});
