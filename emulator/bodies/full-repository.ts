import type { ApiRequest } from "../api-request";
import type { Repo } from "../store";
import { minimalRepository } from "./minimal-repository";
import { simpleUser } from "./simple-user";

/**
 * A `full-repository` body. `permissions` follow the token's access; API version 2026-03-10
 * drops `use_squash_pr_title_as_default` (and `has_downloads`), as GitHub's does.
 */
export function fullRepository(request: ApiRequest, repo: Repo): Record<string, unknown> {
  const org = request.state.store.ownerOrg(repo);
  const write = request.access === "write";
  return {
    ...minimalRepository(request, repo),
    permissions: { admin: write, maintain: write, push: write, triage: write, pull: true },
    allow_rebase_merge: true,
    allow_squash_merge: true,
    allow_merge_commit: true,
    allow_auto_merge: false,
    allow_update_branch: false,
    delete_branch_on_merge: false,
    ...(request.apiVersion === "2022-11-28" && { use_squash_pr_title_as_default: false }),
    squash_merge_commit_title: "COMMIT_OR_PR_TITLE",
    squash_merge_commit_message: "COMMIT_MESSAGES",
    merge_commit_title: "MERGE_MESSAGE",
    merge_commit_message: "PR_TITLE",
    allow_forking: !repo.private,
    web_commit_signoff_required: false,
    subscribers_count: 0,
    network_count: 0,
    ...(org && { organization: simpleUser(request, org.login, org.id, "Organization") }),
    security_and_analysis: null,
    custom_properties: {},
  };
}
