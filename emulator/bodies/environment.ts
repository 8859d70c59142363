import type { ApiRequest } from "../api-request";
import type { Environment } from "../store";
import { nodeId } from "./node-id";

/** An `environment` body: no protection rules, no branch policy. */
export function environmentBody(request: ApiRequest, env: Environment): Record<string, unknown> {
  const fullName = `${env.repo.owner}/${env.repo.name}`;
  const encoded = encodeURIComponent(env.name);
  const createdAt = request.state.store.loadedAt;
  return {
    id: env.id,
    node_id: nodeId("Environment", env.id),
    name: env.name,
    url: `${request.urls.api}/repos/${fullName}/environments/${encoded}`,
    html_url: `${request.urls.origin}/${fullName}/deployments/activity_log?environments_filter=${encoded}`,
    created_at: createdAt,
    updated_at: createdAt,
    protection_rules: [],
    deployment_branch_policy: null,
  };
}
