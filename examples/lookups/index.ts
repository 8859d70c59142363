import {
  getPublicKey,
  listEnvSecrets,
  listOrgSecrets,
  listRepoOrgSecrets,
  listRepoSecrets,
  listRepoOrgVariables,
  listRepoVariables,
  listSelectedRepositories,
  listUserCodespacesSecrets,
  RepoSecret,
  seal,
} from "pulumi-github-secrets";

// Lookups run in the program, with the provider's settings (github:token, github:baseUrl), and
// read every page. None of them ever returns a value: GitHub does not.
export const orgSecrets = listOrgSecrets({ org: "octo-org" }).then((secrets) =>
  secrets.map((s) => `${s.name} (${s.visibility})`),
);
export const helloWorldCanRead = listRepoOrgSecrets({ owner: "octo-org", repository: "hello-world" }).then((secrets) =>
  secrets.map((s) => s.name),
);
export const helloWorldSecrets = listRepoSecrets({ owner: "octo-org", repository: "hello-world" }).then((secrets) =>
  secrets.map((s) => s.name),
);
export const productionSecrets = listEnvSecrets({
  owner: "octo-org",
  repository: "hello-world",
  environment: "production",
}).then((secrets) => secrets.map((s) => s.name));
export const readersOfShared = listOrgSecrets({ org: "octo-org" }).then(async (secrets) =>
  secrets.some((s) => s.name === "SHARED" && s.visibility === "selected")
    ? (await listSelectedRepositories({ org: "octo-org", secretName: "SHARED" })).map((r) => r.fullName)
    : [],
);

// Another application's secrets, and your own Codespaces secrets (the token's user's).
export const dependabotSecrets = listRepoSecrets({
  owner: "octo-org",
  repository: "hello-world",
  app: "dependabot",
}).then((secrets) => secrets.map((s) => s.name));
export const myCodespacesSecrets = listUserCodespacesSecrets().then((secrets) => secrets.map((s) => s.name));

// Variables, which GitHub returns with their values: the repository's own and the organization's it can read.
export const helloWorldVariables = Promise.all([
  listRepoVariables({ owner: "octo-org", repository: "hello-world" }),
  listRepoOrgVariables({ owner: "octo-org", repository: "hello-world" }),
]).then(([own, fromOrg]) => Object.fromEntries([...fromOrg, ...own].map((v) => [v.name, v.value])));

// A value sealed in the program for the repository's current key: only the sealed form reaches
// the provider (a pipeline would seal with `npx pulumi-github-secrets seal` instead).
const key = getPublicKey({ owner: "octo-org", repository: "spoon-knife" });
new RepoSecret("sealed-in-program", {
  owner: "octo-org",
  repository: "spoon-knife",
  secretName: "SEALED_IN_PROGRAM",
  encryptedValue: key.then((k) => seal(k.key, "sealed before it left the program")),
  keyId: key.then((k) => k.keyId),
});
