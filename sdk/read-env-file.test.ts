import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "dotenv";
import { readEnvFile } from "./read-env-file";

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), "read-env-file-"))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fileWith = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

test("what common .env files hold, each entry with the line it starts on, read as dotenv reads the whole file", () => {
  const text = [
    "# deployment",
    "",
    "export DEPLOY_TOKEN=ghp_plain   # a comment after the value",
    "SINGLE='single # not a comment'",
    'DOUBLE="double\\nwith an escaped newline"',
    'BACKTICK=`it\'s "both"`',
    "  SPACED = spaced out  ",
    'PEM="-----BEGIN KEY-----',
    "MIIB",
    "# inside the value, not a comment",
    "",
    '-----END KEY-----"',
    "LAST=1",
  ].join("\r\n");
  const path = fileWith("good.env", text);
  const { entries, problems } = readEnvFile(path);
  expect(problems).toEqual([]);
  expect(entries).toEqual([
    { name: "DEPLOY_TOKEN", value: "ghp_plain", where: `${path} line 3` },
    { name: "SINGLE", value: "single # not a comment", where: `${path} line 4` },
    { name: "DOUBLE", value: "double\nwith an escaped newline", where: `${path} line 5` },
    { name: "BACKTICK", value: 'it\'s "both"', where: `${path} line 6` },
    { name: "SPACED", value: "spaced out", where: `${path} line 7` },
    {
      name: "PEM",
      value: "-----BEGIN KEY-----\nMIIB\n# inside the value, not a comment\n\n-----END KEY-----",
      where: `${path} line 8`,
    },
    { name: "LAST", value: "1", where: `${path} line 13` },
  ]);
  expect(Object.fromEntries(entries.map((e) => [e.name, e.value]))).toEqual(parse(text));
});

test("every line dotenv would skip or misread is named by its line, never shown", () => {
  const path = fileWith(
    "bad.env",
    [
      "GOOD=first",
      "NOT A LINE canary-one",
      "=canary-two",
      'OPEN="canary-three',
      "AFTER=still read",
      "STRAY='canary-four",
      "it's not where it ends",
      "MULTI='one",
      "two'",
      "UNCLOSED=`canary-five",
    ].join("\n"),
  );
  const { entries, problems } = readEnvFile(path);
  expect(problems).toEqual([
    {
      field: `${path} line 2`,
      reason: expect.stringMatching(/^is not NAME=value; give a name .*, = and the value, or make it a comment/),
    },
    { field: `${path} line 3`, reason: expect.stringMatching(/^is not NAME=value/) },
    {
      field: `${path} line 4`,
      reason: 'OPEN opens a value with " that no later line closes; end the value with " at the end of a line.',
    },
    { field: `${path} line 6`, reason: expect.stringMatching(/^STRAY opens a value with ' that no later line closes/) },
    { field: `${path} line 7`, reason: expect.stringMatching(/^is not NAME=value/) },
    {
      field: `${path} line 10`,
      reason: expect.stringMatching(/^UNCLOSED opens a value with ` that no later line closes/),
    },
  ]);
  expect(JSON.stringify(problems)).not.toMatch(/canary|first|still|where it ends/);
  expect(entries.map((e) => [e.name, e.value, e.where])).toEqual([
    ["GOOD", "first", `${path} line 1`],
    ["AFTER", "still read", `${path} line 5`],
    ["MULTI", "one\ntwo", `${path} line 8`],
  ]);
});

test("duplicates are left to the caller, each with its own line; a missing file is a problem of envFile", () => {
  const path = fileWith("twice.env", "A=1\nB=2\nA=3\n");
  expect(readEnvFile(path).entries.map((e) => `${e.name}=${e.value}@${e.where.split(" ").pop()}`)).toEqual([
    "A=1@1",
    "B=2@2",
    "A=3@3",
  ]);
  expect(readEnvFile(join(dir, "missing.env")).problems).toEqual([
    {
      field: "envFile",
      reason: expect.stringMatching(/^cannot be read \(ENOENT: .*missing\.env'\); give the path of a \.env file/),
    },
  ]);
});
