import type { ApiRequest } from "../api-request";
import type { Org } from "../store";
import { nodeId } from "./node-id";

/** An `organization-full` body, as `GET /orgs/{org}` answers a member: the fields GitHub always sends. */
export function organizationFull(request: ApiRequest, org: Org): Record<string, unknown> {
  const api = `${request.urls.api}/orgs/${org.login}`;
  const createdAt = request.state.store.loadedAt;
  return {
    login: org.login,
    id: org.id,
    node_id: nodeId("Organization", org.id),
    url: api,
    repos_url: `${api}/repos`,
    events_url: `${api}/events`,
    hooks_url: `${api}/hooks`,
    issues_url: `${api}/issues`,
    members_url: `${api}/members{/member}`,
    public_members_url: `${api}/public_members{/member}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${org.id}?v=4`,
    description: null,
    html_url: `${request.urls.origin}/${org.login}`,
    has_organization_projects: true,
    has_repository_projects: true,
    public_repos: request.state.store.orgRepos(org).filter((repo) => !repo.private).length,
    public_gists: 0,
    followers: 0,
    following: 0,
    type: "Organization",
    created_at: createdAt,
    updated_at: createdAt,
    archived_at: null,
  };
}
