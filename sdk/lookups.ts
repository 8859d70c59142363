import * as pulumi from "@pulumi/pulumi";
import { contextFor, type ProviderContext } from "../provider/context";
import * as lookups from "../provider/lookups";
import type { PublicKey, SecretSummary, SelectedRepository } from "../core/lookup-results";
import { readSettings } from "../provider/settings";

export type { PublicKey, SecretSummary, SelectedRepository };

/** Where lookups reach GitHub; by default the stack config (`github:token` or `github:appAuth`, `github:baseUrl`) or the environment. */
export interface LookupOptions {
  /** A token that can read the scope; by default `github:token` or `GITHUB_TOKEN`, or the GitHub App installation of `github:appAuth`. */
  token?: string;
  /** The API's base URL (`https://HOST/api/v3` for GitHub Enterprise Server); by default `github:baseUrl`, `GITHUB_API_URL` or `https://api.github.com`. */
  baseUrl?: string;
}

// Lookups run here, in the program, not in the provider: their results are plain data the program uses at once
// (to decide what to declare), before any resource exists to carry a provider call. So this module, and only this
// one, reaches into the provider side for its client.
function lookupContext(options: LookupOptions = {}): ProviderContext {
  const configured = readSettings({ get: (key) => pulumi.runtime.getConfig(key) });
  return contextFor({
    ...configured,
    token: options.token ?? configured.token,
    baseUrl: options.baseUrl?.replace(/\/+$/, "") ?? configured.baseUrl,
  });
}

/** An organization's secrets (names, dates and visibility; never values). */
export function listOrgSecrets(args: { org: string }, options?: LookupOptions): Promise<SecretSummary[]> {
  return lookups.listSecrets(
    lookupContext(options),
    { kind: "org", org: args.org },
    `listing the secrets of ${args.org}`,
  );
}

/** A repository's own secrets. */
export function listRepoSecrets(
  args: { owner: string; repository: string },
  options?: LookupOptions,
): Promise<SecretSummary[]> {
  const scope = { kind: "repo" as const, ...args };
  return lookups.listSecrets(lookupContext(options), scope, `listing the secrets of ${args.owner}/${args.repository}`);
}

/** A deployment environment's secrets. */
export function listEnvSecrets(
  args: { owner: string; repository: string; environment: string },
  options?: LookupOptions,
): Promise<SecretSummary[]> {
  const scope = { kind: "environment" as const, ...args };
  return lookups.listSecrets(
    lookupContext(options),
    scope,
    `listing the secrets of ${args.owner}/${args.repository} environment "${args.environment}"`,
  );
}

/** The organization secrets a repository can read. */
export function listRepoOrgSecrets(
  args: { owner: string; repository: string },
  options?: LookupOptions,
): Promise<SecretSummary[]> {
  return lookups.listRepoOrgSecrets(lookupContext(options), args.owner, args.repository);
}

/** The repositories selected for an organization secret of visibility `selected`. */
export function listSelectedRepositories(
  args: { org: string; secretName: string },
  options?: LookupOptions,
): Promise<SelectedRepository[]> {
  return lookups.listSelected(lookupContext(options), args.org, args.secretName);
}

/** A scope's public key, for values you seal yourself: give `org`, or `owner` and `repository`, and `environment` for an environment. */
export function getPublicKey(
  args: { org: string } | { owner: string; repository: string; environment?: string },
  options?: LookupOptions,
): Promise<PublicKey> {
  const scope =
    "org" in args
      ? { kind: "org" as const, org: args.org }
      : args.environment !== undefined
        ? {
            kind: "environment" as const,
            owner: args.owner,
            repository: args.repository,
            environment: args.environment,
          }
        : { kind: "repo" as const, owner: args.owner, repository: args.repository };
  return lookups.publicKey(lookupContext(options), scope);
}
