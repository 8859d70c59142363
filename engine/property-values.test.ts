import { annotateSecrets, makeSecret, secretOutputs, unwrapSecrets } from "./property-values";

describe("secrets across a provider that does not accept them", () => {
  test("results are re-marked secret by property name, recursing into objects", () => {
    const ins = { token: makeSecret("t"), nested: { key: makeSecret("k"), plain: 1 }, list: [makeSecret("x")] };
    const outs = { token: "t", nested: { key: "k", plain: 1 }, list: ["x"], added: "a" };
    expect(annotateSecrets(outs, ins)).toEqual({
      token: makeSecret("t"),
      nested: { key: makeSecret("k"), plain: 1 },
      list: makeSecret(["x"]),
      added: "a",
    });
    expect(unwrapSecrets(ins)).toEqual({ token: "t", nested: { key: "k", plain: 1 }, list: ["x"] });
  });

  test("outputs named like secret inputs, and additionalSecretOutputs, become secret", () => {
    expect(secretOutputs({ a: 1, b: 2, c: 3 }, { a: makeSecret(1) }, ["b"])).toEqual({
      a: makeSecret(1),
      b: makeSecret(2),
      c: 3,
    });
  });
});
