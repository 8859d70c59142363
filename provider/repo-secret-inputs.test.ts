import { repoSecret } from "./repo-secret";
import { useEmulatedGitHub } from "../tests/support/emulated-github";

const github = useEmulatedGitHub();

const CANARY = "canary-bad-input-5f1c";
const valid = { owner: "octo-org", repository: "hello-world", secretName: "DEPLOY_TOKEN", plaintextValue: CANARY };
const sealedLooking = Buffer.alloc(60, 7).toString("base64");

// Each row: the inputs changed from a valid set, the field the error must name, and words of the remedy.
const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
  [
    "a name with a dash",
    { secretName: "DEPLOY-TOKEN" },
    "secretName",
    /only letters, digits and underscores.*"DEPLOY_TOKEN"/,
  ],
  ["a name with a space", { secretName: "DEPLOY TOKEN" }, "secretName", /only letters, digits and underscores/],
  ["a name with a leading digit", { secretName: "1TOKEN" }, "secretName", /starts with a digit/],
  ["the GITHUB_ prefix", { secretName: "GITHUB_TOKEN" }, "secretName", /GITHUB_, a prefix GitHub reserves/],
  [
    "the github_ prefix in lower case",
    { secretName: "github_token" },
    "secretName",
    /GITHUB_, a prefix GitHub reserves/,
  ],
  ["an empty name", { secretName: "" }, "secretName", /is missing/],
  ["no name", { secretName: undefined }, "secretName", /is missing/],
  ["an owner with a slash", { owner: "octo-org/hello-world" }, "owner", /not a GitHub login.*without a URL or slash/],
  ["no owner", { owner: undefined }, "owner", /is missing/],
  ["a repository given as owner/name", { repository: "octo-org/hello-world" }, "repository", /without the owner/],
  [
    "no value at all",
    { plaintextValue: undefined },
    "plaintextValue",
    /give plaintextValue, or encryptedValue with keyId/,
  ],
  ["an empty value", { plaintextValue: "" }, "plaintextValue", /is empty/],
  [
    "a value over 48 KB",
    { plaintextValue: CANARY + "x".repeat(48 * 1024) },
    "plaintextValue",
    /GitHub's limit is 48 KB/,
  ],
  [
    "both plaintext and encrypted values",
    { encryptedValue: sealedLooking, keyId: "1" },
    "plaintextValue",
    /give one of them/,
  ],
  [
    "an encrypted value that is not base64",
    { plaintextValue: undefined, encryptedValue: `${CANARY}!`, keyId: "1" },
    "encryptedValue",
    /not standard base64/,
  ],
  [
    "an encrypted value too short to be sealed",
    { plaintextValue: undefined, encryptedValue: Buffer.from(CANARY).toString("base64"), keyId: "1" },
    "encryptedValue",
    /at least 49.*unsealed value/,
  ],
  [
    "an encrypted value without keyId",
    { plaintextValue: undefined, encryptedValue: sealedLooking },
    "keyId",
    /is missing/,
  ],
];

test.each(cases)(
  "%s is refused before any request, naming the resource and the field",
  async (_what, change, field, remedy) => {
    const before = (await github.requests()).length;
    const error: Error = await repoSecret.check(github.context(), {}, { ...valid, ...change }).then(
      () => {
        throw new Error("check accepted bad input");
      },
      (e: Error) => e,
    );
    expect(error.message).toMatch(/^RepoSecret .*: invalid inputs, nothing was sent to GitHub:/);
    expect(error.message).toMatch(new RegExp(`- ${field}: `));
    expect(error.message).toMatch(remedy);
    expect(error.message).not.toContain(CANARY);
    expect((await github.requests()).length).toBe(before);
  },
);

test("a value of exactly 48 KB is accepted", async () => {
  await expect(
    repoSecret.check(github.context(), {}, { ...valid, plaintextValue: "x".repeat(48 * 1024) }),
  ).resolves.toBeDefined();
});
