import type { Scope } from "../core/scope";
import { checkSecretName } from "../core/validate";
import type { ProviderContext } from "./context";
import { checkRepositoryRefs, knownIds, sameIds } from "./repository-ids";
import { secretPath } from "./routes";
import { secretResource } from "./secret-resource";
import { changeSelectedRepositories, selectionChange, setSelectedRepositories } from "./selected-repositories";
import { selectionDrift } from "./visibility-access";
import type { RepositoryRef } from "../core/repository-ref";
import type { UserSecretInputs, UserSecretOutputs } from "./types";

const USER: Scope = { kind: "user", app: "codespaces" };

const resolve = (context: ProviderContext, refs: RepositoryRef[], label: string) =>
  context.repositoryIds.resolve(refs, label, "selectedRepositories");

/**
 * CodespacesUserSecret: one of the authenticated user's own Codespaces secrets, and the repositories whose
 * codespaces may use it. PUT and DELETE /user/codespaces/secrets/{secret_name}; the PUT carries the value sealed for
 * the user's key and `selected_repository_ids`. A change of the repositories alone never sends the value: one
 * repository added or removed is PUT or DELETE .../repositories/{repository_id}, more at once PUT .../repositories. ID and import ID: `SECRET`.
 *
 * What the state keeps: `UserSecretInputs` (the name, the value's fingerprint, the repositories) and
 * `UserSecretOutputs` (plus selectedRepositoryIds and repositoryIdsByName).
 */
export const codespacesUserSecret = secretResource<UserSecretInputs, UserSecretOutputs>({
  kind: "CodespacesUserSecret",
  identity: ["secretName"],
  scopeOf: () => USER,
  checkIdentity: (news) => [checkSecretName("secretName", news.secretName)],
  access: {
    check(_context, news, problems) {
      // Any repository the user can reach, so no owner to check names against.
      const selectedRepositories = checkRepositoryRefs(
        "selectedRepositories",
        news.selectedRepositories ?? [],
        undefined,
        problems,
      );
      return { selectedRepositories: selectedRepositories ?? [] };
    },

    async body(context, inputs, label) {
      const { ids, byName } = await resolve(context, inputs.selectedRepositories, label);
      return {
        body: { selected_repository_ids: ids },
        outs: { selectedRepositoryIds: ids, repositoryIdsByName: byName },
      };
    },

    needsValue: () => false,
    changed: (olds, news) =>
      !sameIds(knownIds(news.selectedRepositories, olds.repositoryIdsByName), olds.selectedRepositoryIds),

    // One repository added or removed is that one request, which leaves a change made meanwhile to another
    // repository alone; more at once are one request for the whole list.
    async apply(context, news, label, olds) {
      const { ids, byName } = await resolve(context, news.selectedRepositories, label);
      const secret = secretPath(USER, news.secretName);
      const change = selectionChange(olds.selectedRepositoryIds ?? [], ids);
      if (change.add.length + change.remove.length === 1)
        await changeSelectedRepositories(context, secret, change, label);
      else await setSelectedRepositories(context, secret, ids, label);
      return { selectedRepositoryIds: ids, repositoryIdsByName: byName };
    },

    readDrift: (context, props, _remote, label) =>
      selectionDrift(context, secretPath(USER, props.secretName), props.selectedRepositoryIds, label),
  },
});
