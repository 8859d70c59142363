import { parseImportFile } from "./import-file";
import { makeSecret, SECRET_SIG, SIG_KEY } from "./property-values";

const TYPE = "pulumi-nodejs:dynamic:Resource";
const parse = (file: object, decrypt = (c: string) => c) => parseImportFile(file, "dev", "proj", async () => decrypt);

describe("import file", () => {
  test("resolves parents and providers by name, through the name table or the file's own entries", async () => {
    const providerUrn = "urn:pulumi:dev::proj::pulumi:providers:pulumi-nodejs::default";
    const specs = await parse({
      nameTable: { prov: providerUrn, existing: `urn:pulumi:dev::proj::my:component:Thing::existing` },
      resources: [
        { type: TYPE, name: "child", id: "c", parent: "top", provider: "prov", properties: ["a"] },
        { type: TYPE, name: "top", logicalName: "top-logical", id: "t", parent: "existing" },
      ],
    });
    expect(specs).toEqual([
      {
        type: TYPE,
        name: "child",
        id: "c",
        urn: `urn:pulumi:dev::proj::my:component:Thing$${TYPE}$${TYPE}::child`,
        parent: `urn:pulumi:dev::proj::my:component:Thing$${TYPE}::top-logical`,
        provider: providerUrn,
        properties: ["a"],
      },
      {
        type: TYPE,
        name: "top-logical",
        id: "t",
        urn: `urn:pulumi:dev::proj::my:component:Thing$${TYPE}::top-logical`,
        parent: "urn:pulumi:dev::proj::my:component:Thing::existing",
        provider: "",
        properties: [],
      },
    ]);
  });

  test("reads secrets as the state file holds them (plaintext JSON or ciphertext), and Go's float form", async () => {
    const [spec] = await parse(
      {
        resources: [
          {
            type: TYPE,
            name: "r",
            id: "i",
            inputs: {
              plain: { [SIG_KEY]: SECRET_SIG, plaintext: JSON.stringify({ deep: [1, "x"] }) },
              sealed: { [SIG_KEY]: SECRET_SIG, ciphertext: "v1:abc" },
              nested: { list: [null, true, { [SIG_KEY]: SECRET_SIG, plaintext: '"n"' }] },
              float: { [SIG_KEY]: "8ad145fe-0d11-4827-bfd7-1abcbf086f5c", value: "3ff8000000000000" },
            },
          },
        ],
      },
      (c) => (c === "v1:abc" ? JSON.stringify("opened") : "?"),
    );
    expect(spec.inputs).toEqual({
      plain: makeSecret({ deep: [1, "x"] }),
      sealed: makeSecret("opened"),
      nested: { list: [null, true, makeSecret("n")] },
      float: 1.5,
    });
    expect(spec.outputs).toBeUndefined();
  });

  test("refuses what the CLI refuses, and what the harness does not do", async () => {
    await expect(
      parse({
        resources: [
          { type: TYPE, name: "a", id: "1" },
          { type: TYPE, name: "a", id: "2" },
        ],
      }),
    ).rejects.toThrow("has an ambiguous URN");
    await expect(parse({ resources: [{ type: TYPE, name: "a", id: "1", provider: "nope" }] })).rejects.toThrow(
      "the provider 'nope' for resource 'a' of type 'pulumi-nodejs:dynamic:Resource' has no entry in 'nameTable' or 'resources'",
    );
    await expect(
      parse({ resources: [{ type: TYPE, name: "a", id: "1", inputs: { x: { [SIG_KEY]: "zzz" } } }] }),
    ).rejects.toThrow("unrecognized signature 'zzz' in property map");
    await expect(parse({ resources: [{ type: "aws:s3/bucket:Bucket", name: "b", id: "1" }] })).rejects.toThrow(
      "the engine harness imports only dynamic resources",
    );
    await expect(parse({ resources: [{ type: TYPE, name: "c", component: true }] })).rejects.toThrow(
      "imports no components",
    );
  });
});
