import * as pulumi from "@pulumi/pulumi";

let checked = false;

/** The stack config keys the language host marks as secrets, or undefined when it does not say. */
function secretConfigKeys(): string[] | undefined {
  // Set for the program by Pulumi's Node.js language host; the SDK reads it the same way (its
  // `isConfigSecret` is internal). The provider cannot tell: its host receives secrets unmarked.
  const text = process.env.PULUMI_CONFIG_SECRET_KEYS;
  if (!text) return undefined;
  try {
    const keys: unknown = JSON.parse(text);
    return Array.isArray(keys) ? keys.filter((key): key is string => typeof key === "string") : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Warns, once per program, when `github:token` is in the stack config in plaintext (set without
 * `--secret`): the engine keeps the whole stack config as the inputs of the default dynamic
 * provider, so such a token is written into the state as it is. Never says the token itself.
 */
export function warnIfPlaintextToken(): void {
  if (checked) return;
  checked = true;
  const secretKeys = secretConfigKeys();
  if (!pulumi.runtime.getConfig("github:token") || secretKeys === undefined || secretKeys.includes("github:token"))
    return;
  void pulumi.log.warn(
    "github:token is in the stack config in plaintext (it was set without --secret), so it is written as it is into the stack's config file and into the state, where the engine keeps the stack config as the inputs of the dynamic provider. Set it again with `pulumi config set --secret github:token TOKEN`, or remove it (`pulumi config rm github:token`) and set GITHUB_TOKEN where `pulumi up` runs.",
  );
}
