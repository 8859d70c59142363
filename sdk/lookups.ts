import * as pulumi from "@pulumi/pulumi";
import { contextFor, type ProviderContext } from "../provider/context";
import * as lookups from "../provider/lookups";
import type { PublicKey, SecretSummary, SelectedRepository, VariableSummary } from "../core/lookup-results";
import { APP_NAMES, type SecretApp } from "../core/scope";
import { readSettings } from "../provider/settings";

export type { PublicKey, SecretApp, SecretSummary, SelectedRepository, VariableSummary };

/** Whose secrets a lookup reads: `actions` (the default), `dependabot` or `codespaces`. */
export interface AppArg {
  /** The application whose secrets to read; `actions` by default. */
  app?: SecretApp;
}

/** `the Dependabot secrets` or, for Actions, `the secrets`: how a lookup's errors say what it read. */
function secretsOf(app: SecretApp | undefined): string {
  return app && app !== "actions" ? `the ${APP_NAMES[app]} secrets` : "the secrets";
}

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

/** An organization's secrets (names, dates and visibility; never values), of Actions unless `app` says otherwise. */
export function listOrgSecrets(args: { org: string } & AppArg, options?: LookupOptions): Promise<SecretSummary[]> {
  return lookups.listSecrets(
    lookupContext(options),
    { kind: "org", org: args.org, app: args.app },
    `listing ${secretsOf(args.app)} of ${args.org}`,
  );
}

/** A repository's own secrets, of Actions unless `app` says otherwise. */
export function listRepoSecrets(
  args: { owner: string; repository: string } & AppArg,
  options?: LookupOptions,
): Promise<SecretSummary[]> {
  const scope = { kind: "repo" as const, owner: args.owner, repository: args.repository, app: args.app };
  return lookups.listSecrets(
    lookupContext(options),
    scope,
    `listing ${secretsOf(args.app)} of ${args.owner}/${args.repository}`,
  );
}

/** The authenticated user's own Codespaces secrets. */
export function listUserCodespacesSecrets(options?: LookupOptions): Promise<SecretSummary[]> {
  return lookups.listSecrets(lookupContext(options), { kind: "user" }, "listing your Codespaces secrets");
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

/**
 * The repositories selected for an organization secret of visibility `selected` (of Actions unless `app` says
 * otherwise), or, with `user: true` instead of `org`, for one of your own Codespaces secrets.
 */
export function listSelectedRepositories(
  args: ({ org: string } | { user: true }) & { secretName: string } & AppArg,
  options?: LookupOptions,
): Promise<SelectedRepository[]> {
  const scope = "org" in args ? { kind: "org" as const, org: args.org, app: args.app } : { kind: "user" as const };
  return lookups.listSelected(lookupContext(options), scope, args.secretName);
}

/**
 * A scope's public key, for values you seal yourself: give `org`, or `owner` and `repository`, and `environment`
 * for an environment (Actions only), or `user: true` for your own Codespaces secrets. Each application has its
 * own keys: give `app` for Dependabot's or Codespaces'.
 */
export function getPublicKey(
  args: ({ org: string } | { owner: string; repository: string; environment?: string } | { user: true }) & AppArg,
  options?: LookupOptions,
): Promise<PublicKey> {
  const scope =
    "user" in args
      ? { kind: "user" as const }
      : "org" in args
        ? { kind: "org" as const, org: args.org, app: args.app }
        : args.environment !== undefined
          ? {
              kind: "environment" as const,
              owner: args.owner,
              repository: args.repository,
              environment: args.environment,
              app: args.app,
            }
          : { kind: "repo" as const, owner: args.owner, repository: args.repository, app: args.app };
  return lookups.publicKey(lookupContext(options), scope);
}

/** An organization's Actions variables, values included. */
export function listOrgVariables(args: { org: string }, options?: LookupOptions): Promise<VariableSummary[]> {
  return lookups.listVariables(
    lookupContext(options),
    { kind: "org", org: args.org },
    `listing the variables of ${args.org}`,
  );
}

/** A repository's own Actions variables, values included. */
export function listRepoVariables(
  args: { owner: string; repository: string },
  options?: LookupOptions,
): Promise<VariableSummary[]> {
  const scope = { kind: "repo" as const, owner: args.owner, repository: args.repository };
  return lookups.listVariables(
    lookupContext(options),
    scope,
    `listing the variables of ${args.owner}/${args.repository}`,
  );
}

/** A deployment environment's Actions variables, values included. */
export function listEnvVariables(
  args: { owner: string; repository: string; environment: string },
  options?: LookupOptions,
): Promise<VariableSummary[]> {
  const scope = { kind: "environment" as const, ...args };
  return lookups.listVariables(
    lookupContext(options),
    scope,
    `listing the variables of ${args.owner}/${args.repository} environment "${args.environment}"`,
  );
}

/** The organization variables a repository can read, values included. */
export function listRepoOrgVariables(
  args: { owner: string; repository: string },
  options?: LookupOptions,
): Promise<VariableSummary[]> {
  return lookups.listRepoOrgVariables(lookupContext(options), args.owner, args.repository);
}
