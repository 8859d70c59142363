import type { ApiRequest, ApiResponse } from "../api-request";
import { environmentBody } from "../bodies/environment";
import { fullRepository } from "../bodies/full-repository";
import { organizationFull } from "../bodies/organization-full";
import { sortedByName } from "../store";
import { findEnvironment, findOrg, findRepo } from "./find-scope";
import { secretBody, secretList } from "./secret-responses";

/** What Terraform's GitHub provider asks first, to learn whether its owner is an organization. */
export function getOrganization(request: ApiRequest): ApiResponse {
  return { status: 200, body: organizationFull(request, findOrg(request)) };
}

export function getRepository(request: ApiRequest): ApiResponse {
  return { status: 200, body: fullRepository(request, findRepo(request)) };
}

export function getEnvironment(request: ApiRequest): ApiResponse {
  return { status: 200, body: environmentBody(request, findEnvironment(request)) };
}

/** The org secrets shared with the repository; unlike the org's own list, without `visibility`. */
export function listRepoOrganizationSecrets(request: ApiRequest): ApiResponse {
  const repo = findRepo(request);
  return secretList(request, sortedByName(request.state.store.orgSecretsFor(repo)), secretBody);
}
