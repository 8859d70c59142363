import { apiError } from "./errors";
import { secretOnGitHub } from "./github-secrets";
import { listAll } from "./list-all";
import type { AnswerFields } from "./read-answer";
import { listSecretsRoute, ROUTES, secretPath, variablesRoute } from "./routes";
import { variableOnGitHub } from "./github-variables";
import type { PublicKey, SecretSummary, SelectedRepository, VariableSummary } from "../core/lookup-results";
import { listSelectedRepositories } from "./selected-repositories";
import type { ProviderContext } from "./context";
import { secretId, type Scope } from "../core/scope";

function summary(secret: AnswerFields): SecretSummary {
  return { name: secret.text("name"), ...secretOnGitHub(secret) };
}

async function lookup<T>(what: string, subject: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw apiError(error, "lookup", what, subject);
  }
}

/** Every secret of a scope, all pages. */
export function listSecrets(context: ProviderContext, scope: Scope, what: string): Promise<SecretSummary[]> {
  return lookup(what, "the scope", () => listAll(context.client, listSecretsRoute(scope), "secrets", summary));
}

/** The organization secrets a repository can read, all pages. */
export function listRepoOrgSecrets(
  context: ProviderContext,
  owner: string,
  repository: string,
): Promise<SecretSummary[]> {
  const route = { route: ROUTES.repositoryOrgSecrets, params: { owner, repo: repository } };
  return lookup(`listing the organization secrets ${owner}/${repository} can read`, "the repository", () =>
    listAll(context.client, route, "secrets", summary),
  );
}

/** The repositories selected for an organization secret, or for a user's Codespaces secret. */
export function listSelected(
  context: ProviderContext,
  scope: Scope,
  secretName: string,
): Promise<SelectedRepository[]> {
  return lookup(`listing the repositories selected for ${secretId(scope, secretName)}`, "the secret", () =>
    listSelectedRepositories(context, secretPath(scope, secretName)),
  );
}

export function publicKey(context: ProviderContext, scope: Scope): Promise<PublicKey> {
  return lookup("getting the public key", "the scope", () => context.publicKeys.get(scope));
}

/** Every Actions variable of a scope (an organization, a repository or an environment), values included, all pages. */
export function listVariables(context: ProviderContext, scope: Scope, what: string): Promise<VariableSummary[]> {
  return lookup(what, "the scope", () =>
    listAll(context.client, variablesRoute("GET", scope), "variables", variableOnGitHub),
  );
}

/** The organization variables a repository can read, values included, all pages. */
export function listRepoOrgVariables(
  context: ProviderContext,
  owner: string,
  repository: string,
): Promise<VariableSummary[]> {
  const route = { route: ROUTES.repositoryOrgVariables, params: { owner, repo: repository } };
  return lookup(`listing the organization variables ${owner}/${repository} can read`, "the repository", () =>
    listAll(context.client, route, "variables", variableOnGitHub),
  );
}
