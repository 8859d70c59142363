import { apiError } from "./errors";
import { listSecretsRoute } from "./scope";
import type { PublicKey, SecretSummary, SelectedRepository } from "./lookup-results";
import { listSelectedRepositories } from "./selected-repositories";
import type { ProviderContext, Scope } from "./types";

interface ListedSecret {
  name: string;
  created_at: string;
  updated_at: string;
  visibility?: "all" | "private" | "selected";
}

function summary(secret: ListedSecret): SecretSummary {
  return { name: secret.name, createdAt: secret.created_at, updatedAt: secret.updated_at, ...(secret.visibility && { visibility: secret.visibility }) };
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
  const { route, params } = listSecretsRoute(scope);
  return lookup(what, "the scope", async () => {
    const secrets = await context.client.paginate(route, { ...params, per_page: 100 });
    return (secrets as ListedSecret[]).map(summary);
  });
}

/** The organization secrets a repository can read, all pages. */
export function listRepoOrgSecrets(context: ProviderContext, owner: string, repository: string): Promise<SecretSummary[]> {
  return lookup(`listing the organization secrets ${owner}/${repository} can read`, "the repository", async () => {
    const secrets = await context.client.paginate("GET /repos/{owner}/{repo}/actions/organization-secrets", { owner, repo: repository, per_page: 100 });
    return (secrets as ListedSecret[]).map(summary);
  });
}

export function listSelected(context: ProviderContext, org: string, secretName: string): Promise<SelectedRepository[]> {
  return lookup(`listing the repositories selected for ${org}/${secretName}`, "the organization secret", () => listSelectedRepositories(context, org, secretName));
}

export function publicKey(context: ProviderContext, scope: Scope): Promise<PublicKey> {
  return lookup("getting the public key", "the scope", () => context.publicKeys.get(scope));
}
