/** One thing wrong with one input field, said so the user can fix it. */
export interface InputProblem {
  field: string;
  reason: string;
}

/** Inputs that fail local checks: nothing was sent to GitHub. */
export function invalidInputs(label: string, problems: InputProblem[]): Error {
  const lines = problems.map((p) => `  - ${p.field}: ${p.reason}`);
  return new Error(`${label}: invalid inputs, nothing was sent to GitHub:\n${lines.join("\n")}`);
}

/** A failure of the provider's credentials, already said in full (what failed, what to check): passed through as it is. */
export class CredentialsError extends Error {}

interface RequestFailure {
  status?: number;
  message?: string;
  request?: { method?: string; url?: string };
  response?: { data?: unknown };
}

// A validation message can echo the submitted encrypted_value; no sealed or pre-encrypted
// value belongs in an error, so long base64 runs are cut out.
function redact(text: string): string {
  return text.replace(/[A-Za-z0-9+/=_-]{40,}/g, "<redacted>");
}

/** GitHub's message in an error body (or the error's own), on one line, long base64 runs cut out. */
export function githubMessage(failure: RequestFailure): string {
  const data = failure.response?.data as { message?: unknown } | undefined;
  const message = typeof data?.message === "string" ? data.message : failure.message ?? "";
  return redact(message.replace(/\s+/g, " ").trim());
}

function advice(status: number | undefined, subject: string): string {
  switch (status) {
    case 401:
      return "GitHub rejected the token. Set a valid one with `pulumi config set --secret github:token TOKEN` or the GITHUB_TOKEN environment variable (as a GitHub App, check github:appAuth: the installation may have been removed).";
    case 403:
      return `The token may not do this. A fine-grained token or a GitHub App installation needs "Secrets: read and write" on the repository (for organization secrets, "Organization secrets: read and write"; an installation also needs access to the repository); a classic token needs the repo scope (admin:org for organization secrets). If the message mentions a rate limit, wait and run again.`;
    case 404:
      return `GitHub does not know ${subject}, or the token cannot see it (GitHub answers 404 rather than 403 for private resources). Check the names and the token's access (as a GitHub App, the repositories the installation may access).`;
    case 409:
      return "GitHub refused the change because of the secret's current state.";
    case 422:
      return "GitHub refused the request as invalid.";
    default:
      return status !== undefined && status >= 500
        ? "GitHub failed even after retries. Run the update again; nothing else needs to change."
        : "Run the update again; if it persists, check GitHub's status.";
  }
}

/** An API failure as a user can act on it: which resource, what was being done, what to do. */
export function apiError(error: unknown, label: string, action: string, subject: string): Error {
  if (error instanceof CredentialsError) return new Error(`${label}: ${action} failed: ${error.message}`);
  const failure = (error ?? {}) as RequestFailure;
  const status = typeof failure.status === "number" ? failure.status : undefined;
  const what = status === undefined ? "could not reach GitHub" : `GitHub answered ${status}`;
  const said = githubMessage(failure);
  const request = failure.request?.method && failure.request.url ? ` (${failure.request.method} ${failure.request.url})` : "";
  return new Error(`${label}: ${action} failed: ${what}${said ? `: "${said}"` : ""}${request}. ${advice(status, subject)}`);
}

export function statusOf(error: unknown): number | undefined {
  const status = (error as RequestFailure | undefined)?.status;
  return typeof status === "number" ? status : undefined;
}
