import { statusOf } from "./errors";
import type { ProviderContext } from "./context";
import type { Scope } from "../core/scope";
import { ROUTES } from "./routes";

/**
 * After GitHub answered 404 for a scope, which part it does not know: asked of the repository and
 * environment endpoints, so that "Not Found" becomes "the environment "prod" of octo-org/app".
 */
export async function missingScope(context: ProviderContext, scope: Scope): Promise<string> {
  if (scope.kind === "org") return `the organization ${scope.org}`;
  if (scope.kind === "user") return "the authenticated user (a GitHub App installation has no user secrets)";
  const repository = `the repository ${scope.owner}/${scope.repository}`;
  const found = (request: Promise<unknown>) =>
    request.then(
      () => true,
      (error) => (statusOf(error) === 404 ? false : undefined),
    );
  const repositoryFound = await found(
    context.client.request(ROUTES.repository, { owner: scope.owner, repo: scope.repository }),
  );
  if (repositoryFound !== true || scope.kind === "repo") return repository;
  const environmentFound = await found(
    context.client.request(ROUTES.environment, {
      owner: scope.owner,
      repo: scope.repository,
      environment_name: scope.environment,
    }),
  );
  return environmentFound === false
    ? `the environment "${scope.environment}" of ${scope.owner}/${scope.repository} (environments are created in the repository's settings)`
    : `the secrets of the environment "${scope.environment}" of ${scope.owner}/${scope.repository}`;
}
