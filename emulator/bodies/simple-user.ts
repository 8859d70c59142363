import type { ApiRequest } from "../api-request";
import { stableId } from "../stable-id";
import type { Repo } from "../store";
import { nodeId } from "./node-id";

/** A `simple-user` body for a user or an organization. */
export function simpleUser(
  request: ApiRequest,
  login: string,
  id: number,
  type: "User" | "Organization",
): Record<string, unknown> {
  const api = `${request.urls.api}/users/${login}`;
  return {
    login,
    id,
    node_id: nodeId(type, id),
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: "",
    url: api,
    html_url: `${request.urls.origin}/${login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type,
    user_view_type: "public",
    site_admin: false,
  };
}

/** The repository's owner: its organization when the fixture has one by that login, else a user. */
export function repositoryOwner(request: ApiRequest, repo: Repo): Record<string, unknown> {
  const org = request.state.store.ownerOrg(repo);
  return org
    ? simpleUser(request, org.login, org.id, "Organization")
    : simpleUser(request, repo.owner, stableId(repo.owner.toLowerCase()), "User");
}
