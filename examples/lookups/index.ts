import { getPublicKey, listOrgSecrets, listRepoOrgSecrets, listRepoSecrets, RepoSecret, seal } from "pulumi-github-secrets";

// Lookups run in the program, with the provider's settings (github:token, github:baseUrl).
export const orgSecretNames = listOrgSecrets({ org: "octo-org" }).then((secrets) => secrets.map((s) => s.name));
export const helloWorldReads = listRepoOrgSecrets({ owner: "octo-org", repository: "hello-world" }).then((secrets) => secrets.map((s) => s.name));
export const helloWorldSecretCount = listRepoSecrets({ owner: "octo-org", repository: "hello-world" }).then((secrets) => secrets.length);

// A value sealed in the program for the repository's current key: only the sealed form reaches
// the provider (a pipeline would seal with `npx pulumi-github-secrets seal` instead).
const key = getPublicKey({ owner: "octo-org", repository: "spoon-knife" });
new RepoSecret("sealed-in-program", {
  owner: "octo-org",
  repository: "spoon-knife",
  secretName: "SEALED_IN_PROGRAM",
  encryptedValue: key.then((k) => seal(k.key, "a value the provider never sees in plaintext")),
  keyId: key.then((k) => k.keyId),
});
