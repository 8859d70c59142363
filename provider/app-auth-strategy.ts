import { createAppAuth } from "@octokit/auth-app";
import { CredentialsError, githubMessage } from "./errors";
import type { AppAuthSettings } from "./types";

type AppAuthOptions = Parameters<typeof createAppAuth>[0];
type AppAuth = ReturnType<typeof createAppAuth>;

/** GitHub's answer to the token exchange: a key, id or installation the user must fix (not a rate limit or an outage, which the client's plugins wait out). */
interface TokenExchangeFailure {
  status?: number;
  request?: { url?: string };
  response?: { data?: unknown };
  message?: string;
}

const TOKEN_EXCHANGE = /\/app\/installations\/\d+\/access_tokens$/;

/**
 * Octokit's `authStrategy` for a GitHub App installation: @octokit/auth-app signs a JWT with the
 * app's key, exchanges it for an installation token at the client's own base URL (so under
 * GitHub Enterprise Server's `/api/v3` too), caches the token and gets a new one before it
 * expires. A token GitHub refuses to issue is reported as that, with what to check, rather than
 * as a failure of the request that needed it.
 */
export function appAuthStrategy(options: AppAuthOptions & AppAuthSettings): AppAuth {
  const auth = createAppAuth(options);
  const authenticate = auth.hook.bind(auth);
  const hook: AppAuth["hook"] = async (request, route, parameters) => {
    try {
      return await authenticate(request, route, parameters);
    } catch (error) {
      throw tokenRefused(error as TokenExchangeFailure, options) ?? error;
    }
  };
  return Object.assign(auth, { hook });
}

function tokenRefused(failure: TokenExchangeFailure, app: AppAuthSettings): CredentialsError | undefined {
  if (!TOKEN_EXCHANGE.test(failure.request?.url ?? "")) return undefined;
  const said = githubMessage(failure);
  const check = checkFor(failure.status, said, app);
  if (!check) return undefined;
  return new CredentialsError(
    `GitHub App ${app.appId} could not get an installation token for installation ${app.installationId}: GitHub answered ${failure.status}: "${said}". ${check}`,
  );
}

function checkFor(status: number | undefined, said: string, app: AppAuthSettings): string | undefined {
  switch (status) {
    case 401:
      return "Check github:appAuth.pemFile (or GITHUB_APP_PEM_FILE): it must be a private key of this app that has not been deleted, and github:appAuth.id (or GITHUB_APP_ID) this app's id. GitHub also refuses the JWT when this machine's clock is off by minutes.";
    case 404:
      return `The app has no installation ${app.installationId}: check github:appAuth.installationId (or GITHUB_APP_INSTALLATION_ID), the last part of the URL of the installation's settings page, and that the app is installed where the secrets are.`;
    case 403:
      return /rate limit/i.test(said)
        ? undefined
        : "The installation may be suspended: check it in the settings of the organization or account it is installed on.";
    default:
      return undefined;
  }
}
