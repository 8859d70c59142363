import { found } from "../api-error";
import type { ApiRequest, ApiResponse } from "../api-request";
import type { TokenAccess } from "../fixture";

/** The permissions an installation token reports: those the provider's operations need. */
function permissions(access: TokenAccess): Record<string, string> {
  return { secrets: access, environments: access, organization_secrets: access, metadata: "read" };
}

/**
 * `POST /app/installations/{installation_id}/access_tokens`, called with the app's JWT: 201 with a
 * new token for one of the app's installations, 404 for any other installation. A body narrowing
 * the token to some repositories or permissions is accepted and not applied.
 */
export function createInstallationToken(request: ApiRequest): ApiResponse {
  request.json();
  const installationId = Number(request.params.installation_id);
  const issued = found(
    Number.isSafeInteger(installationId) ? request.state.store.apps.issue(request.app!, installationId) : undefined,
  );
  return {
    status: 201,
    body: {
      token: issued.token,
      expires_at: issued.expires_at,
      permissions: permissions(issued.access),
      repository_selection: "all",
    },
  };
}
