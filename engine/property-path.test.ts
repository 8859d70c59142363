import { parsePropertyPath, setAtPath } from "./property-path";

test("names, list indexes and quoted names, as the CLI reads `config set --path`", () => {
  expect(parsePropertyPath("repos[0]")).toEqual(["repos", 0]);
  expect(parsePropertyPath("github:appAuth.privateKey")).toEqual(["github:appAuth", "privateKey"]);
  expect(parsePropertyPath('a["b.c"][2].d')).toEqual(["a", "b.c", 2, "d"]);
  for (const bad of ["", "[0]", "a.", "a[", "a[x]", "a..b"])
    expect(() => parsePropertyPath(bad)).toThrow(/invalid property path/);
});

test("an index makes or extends a list, one item at a time; a name makes an object", () => {
  let repos = setAtPath(undefined, [0], "octo-org/hello-world");
  repos = setAtPath(repos, [1], "octo-org/spoon-knife");
  expect(repos).toEqual(["octo-org/hello-world", "octo-org/spoon-knife"]);
  expect(setAtPath(repos, [0], "x")).toEqual(["x", "octo-org/spoon-knife"]);
  expect(() => setAtPath(repos, [5], "gap")).toThrow(/array index 5 out of range: the list has 2 items/);
  expect(setAtPath({ keep: 1 }, ["a", 0, "b"], "v")).toEqual({ keep: 1, a: [{ b: "v" }] });
});
