import * as pulumi from "@pulumi/pulumi";
import type { Scope } from "../core/scope";
import { dynamicProvider } from "../sdk/dynamic-provider";

// What an import file's entries are made of, for secrets and variables alike.

/** One entry of a file for `pulumi import --file`, with the state the resource keeps. */
export interface ImportEntry {
  type: string;
  name: string;
  id: string;
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
}

/** A Pulumi resource name from a secret's or variable's name: `DEPLOY_TOKEN` → `deploy-token`. */
export function resourceName(name: string): string {
  return name.toLowerCase().replace(/_/g, "-");
}

/** The inputs that name an item of the scope: the scope's own, and `nameField` (`secretName` or `variableName`). */
export function identityInputs(scope: Scope, nameField: string, name: string): Record<string, unknown> {
  switch (scope.kind) {
    case "org":
      return { org: scope.org, [nameField]: name };
    case "repo":
      return { owner: scope.owner, repository: scope.repository, [nameField]: name };
    case "environment":
      return { owner: scope.owner, repository: scope.repository, environment: scope.environment, [nameField]: name };
    case "user":
      return { [nameField]: name };
  }
}

/**
 * The serialized provider exactly as the SDK's resources store it (the same closure, captured
 * under the same name), so that entries import with a `__provider` the engine and the program agree on.
 */
export async function serializedProvider(kind: string): Promise<string> {
  const provider = dynamicProvider(kind);
  return (await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true })).text;
}
