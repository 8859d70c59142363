/** A failure of the provider's credentials, already said in full (what failed, what to check): passed through as it is. */
export class CredentialsError extends Error {}

/**
 * An answer that is not what GitHub's API returns: a gateway's HTML page, an empty or cut JSON
 * body, or a field of the wrong type. Something answered, so it is not a network failure; and it
 * is not GitHub refusing either.
 */
export class UnreadableAnswer extends Error {
  constructor(
    /** What was wrong with it, e.g. `the body is not JSON`. */
    readonly problem: string,
    readonly status: number,
    readonly contentType: string,
  ) {
    super(`GitHub's answer could not be read: ${problem} (status ${status}, content type "${contentType}")`);
  }
}

/** No complete answer: the connection failed, or the answer did not finish within the timeout. */
export class NetworkFailure extends Error {}

interface RequestFailure {
  status?: number;
  message?: string;
  cause?: unknown;
  request?: { method?: string; url?: string };
  response?: { status?: number; data?: unknown };
}

// A validation message can echo the submitted encrypted_value; no sealed or pre-encrypted
// value belongs in an error, so long base64 runs are cut out.
function redact(text: string): string {
  return text.replace(/[A-Za-z0-9+/=_-]{40,}/g, "<redacted>");
}

/** GitHub's message in an error body (or the error's own), on one line, long base64 runs cut out. */
export function githubMessage(failure: RequestFailure): string {
  const data = failure.response?.data as { message?: unknown } | undefined;
  const message = typeof data?.message === "string" ? data.message : (failure.message ?? "");
  return redact(message.replace(/\s+/g, " ").trim());
}

/** A short, single-line and redacted sample of text from an answer, for errors. */
export function sample(text: string, length = 60): string {
  const line = redact(text.replace(/\s+/g, " ").trim());
  return line.length > length ? `${line.slice(0, length)}…` : line;
}

/**
 * The status GitHub answered with; undefined when no answer came (Octokit reports a failed
 * connection as status 500 without a response, which is not GitHub's 500).
 */
export function statusOf(error: unknown): number | undefined {
  const failure = error as RequestFailure | undefined;
  const status = failure?.response?.status ?? failure?.status;
  return failure?.response && typeof status === "number" ? status : undefined;
}

/** What went wrong, in one of three kinds: no answer, an answer that is not GitHub's API, or GitHub's refusal. */
export type FailureKind = "network" | "unreadable" | "refused";

function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let e = error; e instanceof Object && chain.length < 5; e = (e as RequestFailure).cause) chain.push(e);
  return chain;
}

export function failureKind(error: unknown): FailureKind {
  if (statusOf(error) !== undefined) return "refused";
  return causes(error).some((e) => e instanceof UnreadableAnswer) ? "unreadable" : "network";
}

function unreadableIn(error: unknown): UnreadableAnswer | undefined {
  return causes(error).find((e): e is UnreadableAnswer => e instanceof UnreadableAnswer);
}

/** Why no answer came, from the innermost cause that says (`ECONNRESET`, `getaddrinfo ENOTFOUND api.github.com`, a timeout). */
function networkReason(error: unknown): string {
  const chain = causes(error);
  const failure = chain.find((e): e is NetworkFailure => e instanceof NetworkFailure);
  if (failure) return failure.message;
  const innermost = chain[chain.length - 1] as { code?: unknown; message?: unknown } | undefined;
  const code = typeof innermost?.code === "string" ? innermost.code : undefined;
  const message = typeof innermost?.message === "string" ? sample(innermost.message, 120) : "";
  if (code && !message.includes(code)) return message ? `${code}: ${message}` : code;
  return message || "the connection failed";
}

const WRITE_METHODS = new Set(["PUT", "POST", "PATCH", "DELETE"]);

/**
 * What a request is about, for the advice on a refusal: the item's noun, and the permissions a fine-grained token
 * or a GitHub App needs on a repository and on an organization (GitHub names them per application), and the classic
 * token's scope for organizations.
 */
export interface Concerning {
  item: string;
  repository: string;
  organization: string;
}

/** What each kind of request concerns; Actions secrets unless a caller says otherwise. */
export const CONCERNING = {
  actions: { item: "secret", repository: "Secrets", organization: "Organization secrets" },
  dependabot: { item: "secret", repository: "Dependabot secrets", organization: "Organization dependabot secrets" },
  codespaces: { item: "secret", repository: "Codespaces secrets", organization: "Organization codespaces secrets" },
  variables: { item: "variable", repository: "Variables", organization: "Organization variables" },
} satisfies Record<string, Concerning>;

function refusalAdvice(status: number, subject: string, concerning: Concerning): string {
  switch (status) {
    case 401:
      return "GitHub rejected the token. Set a valid one with `pulumi config set --secret github:token TOKEN` or the GITHUB_TOKEN environment variable (as a GitHub App, check github:appAuth: the installation may have been removed). `pulumi refresh` and `pulumi destroy` use the stack config saved by the last `pulumi up`: a github:token changed since then counts for them only with `--run-program` or after the next `up` (GITHUB_TOKEN is read where they run, unless that saved config has a github:token).";
    case 403:
      return `The token may not do this. A fine-grained token or a GitHub App installation needs "${concerning.repository}: read and write" on the repository (for an organization's, "${concerning.organization}: read and write"; an installation also needs access to the repository); a classic token needs the repo scope (admin:org for an organization's ${concerning.item}s). If the message mentions a rate limit, wait and run again.`;
    case 404:
      return `GitHub does not know ${subject}, or the token cannot see it (GitHub answers 404 rather than 403 for private resources). Check the names and the token's access (as a GitHub App, the repositories the installation may access).`;
    case 409:
      return `GitHub refused the change because of the ${concerning.item}'s current state.`;
    case 422:
      return "GitHub refused the request as invalid.";
    default:
      return status >= 500
        ? "GitHub failed even after retries; nothing was changed by this request. Run the update again later; if it persists, check GitHub's status."
        : "Check the inputs against GitHub's message.";
  }
}

/**
 * An API failure as a user can act on it: which resource, what was being done, which of the three
 * kinds of failure it was, and what to do. For a write whose answer never came or could not be
 * read, it says that the write may have landed: the next `pulumi up` writes again (a PUT of the
 * same value is harmless) or a refresh shows it.
 */
export function apiError(
  error: unknown,
  label: string,
  action: string,
  subject: string,
  concerning: Concerning = CONCERNING.actions,
): Error {
  if (error instanceof CredentialsError) return new Error(`${label}: ${action} failed: ${error.message}`);
  const failure = (error ?? {}) as RequestFailure;
  const request =
    failure.request?.method && failure.request.url ? ` (${failure.request.method} ${failure.request.url})` : "";
  const mayHaveLanded = WRITE_METHODS.has(failure.request?.method ?? "")
    ? " The change may have reached GitHub all the same: the next `pulumi up` checks and writes it again if needed."
    : "";
  switch (failureKind(error)) {
    case "refused": {
      const status = statusOf(error)!;
      const said = githubMessage(failure);
      return new Error(
        `${label}: ${action} failed: GitHub answered ${status}${said ? `: "${said}"` : ""}${request}. ${refusalAdvice(status, subject, concerning)}`,
      );
    }
    case "unreadable": {
      const unreadable = unreadableIn(error)!;
      return new Error(
        `${label}: ${action} failed: ${unreadable.message}${request}. Something other than GitHub's API may have answered (a proxy or gateway): check github:baseUrl and any proxy between this machine and GitHub, then run again.${mayHaveLanded}`,
      );
    }
    case "network":
      return new Error(
        `${label}: ${action} failed: could not reach GitHub: ${networkReason(error)}${request}, even after retries. Check the network between this machine and GitHub (DNS, proxy, firewall) and github:baseUrl, then run again.${mayHaveLanded}`,
      );
  }
}
