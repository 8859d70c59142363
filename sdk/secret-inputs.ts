import * as pulumi from "@pulumi/pulumi";

import type { DriftPolicy } from "../core/drift-policy";

export type { DriftPolicy };

/** The value of a secret, and what to do when it drifts: the same for every scope. */
export interface SecretValueArgs {
  /**
   * The value, at most 48 KB. Sealed for the scope's public key inside the provider before it is
   * sent; the state keeps only a salted fingerprint of it. Give this or `encryptedValue`.
   */
  plaintextValue?: pulumi.Input<string>;
  /** A value already sealed for the scope's public key (base64, from `seal`), with `keyId`. */
  encryptedValue?: pulumi.Input<string>;
  /** The `key_id` of the public key `encryptedValue` was sealed for. */
  keyId?: pulumi.Input<string>;
  /**
   * When a refresh found the secret changed outside Pulumi: `overwrite` (the default) writes the
   * program's value again, `ignore` leaves GitHub's, `fail` stops the update with what changed.
   */
  onDrift?: pulumi.Input<DriftPolicy>;
}

/**
 * The engine's own import calls the provider's read without the serialized provider, which a
 * dynamic provider cannot answer; so the `import` option is taken out of the options and handed
 * to the provider, which adopts the existing secret (and fails if there is none). The return type
 * is spelled out: inferred, the published declarations would list every option of the
 * @pulumi/pulumi the package was built with, naming types that older ones of the peer range lack.
 */
export function adoptImport(opts: pulumi.CustomResourceOptions | undefined): {
  opts: Omit<pulumi.CustomResourceOptions, "import">;
  importId: pulumi.ID | undefined;
} {
  const { import: importId, ...rest } = opts ?? {};
  return { opts: rest, importId };
}

/**
 * The value inputs as the provider expects them: the value made a Pulumi secret. Inputs the program
 * left out stay out: the runtime makes an output, with a captured stack trace, of every property it
 * is given, a cost per resource that shows in programs of a thousand secrets.
 */
export function valueInputs(args: SecretValueArgs, importId: pulumi.Input<string> | undefined): pulumi.Inputs {
  const given = {
    plaintextValue: args.plaintextValue === undefined ? undefined : pulumi.secret(args.plaintextValue),
    encryptedValue: args.encryptedValue === undefined ? undefined : pulumi.secret(args.encryptedValue),
    keyId: args.keyId,
    onDrift: args.onDrift,
    importId,
  };
  return {
    ...Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined)),
    valueFingerprint: undefined,
    createdAt: undefined,
    updatedAt: undefined,
    writtenAt: undefined,
    drift: undefined,
  };
}

// Which resource declared each secret in this program, by kind and ID (case-insensitive).
const declared = new Map<string, string>();

/**
 * Two resources for one secret would overwrite each other on every update, and destroying one
 * would delete the other's secret: the second one is refused when it is declared.
 */
export function claimSecret(
  kind: string,
  name: string,
  identity: pulumi.Input<string>[],
  idOf: (parts: string[]) => string,
  noun = "secret",
): void {
  const claim = (parts: string[]): string | undefined => {
    const id = idOf(parts);
    const key = `${kind}:${id.toLowerCase()}`;
    const other = declared.get(key);
    if (other !== undefined && other !== name) {
      return `${kind} "${name}" declares the ${noun} ${id}, which ${kind} "${other}" declares already; two resources for one ${noun} would overwrite each other on every update. Keep one of them.`;
    }
    declared.set(key, name);
    return undefined;
  };
  if (identity.every((part): part is string => typeof part === "string")) {
    const problem = claim(identity);
    if (problem) throw new Error(problem);
    return;
  }
  pulumi.all(identity).apply((parts) => {
    const problem = claim(parts);
    if (problem) void pulumi.log.error(problem);
  });
}
