import { shown, type InputProblem } from "./input-problems";

/** GitHub's limit on a secret's value. */
export const MAX_VALUE_BYTES = 48 * 1024;
/** What `crypto_box_seal` adds to a message: an ephemeral public key and a MAC. */
export const SEAL_OVERHEAD_BYTES = 48;

/** The value Pulumi passes for an input that is not known yet (during preview). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN;
}

function required(field: string, value: unknown, what: string): InputProblem | undefined {
  if (value === undefined || value === null || value === "") {
    return { field, reason: `is missing; give ${what}.` };
  }
  if (typeof value !== "string") return { field, reason: `must be a string, got ${typeof value}.` };
  return undefined;
}

/** Name rules GitHub applies to secrets (and to Actions variables), checked here so that a bad name never costs a request. */
export function checkSecretName(field: string, name: unknown): InputProblem | undefined {
  if (isUnknown(name)) return undefined;
  // Actions variables follow the same rules; their field says which is meant.
  const what =
    field === "variableName" ? "the variable's name, e.g. AWS_REGION" : "the secret's name, e.g. DEPLOY_TOKEN";
  const missing = required(field, name, what);
  if (missing) return missing;
  const text = name as string;
  if (!/^[A-Za-z0-9_]+$/.test(text)) {
    const suggestion = text.replace(/[^A-Za-z0-9_]/g, "_").toUpperCase();
    return {
      field,
      reason: `"${text}" may contain only letters, digits and underscores; rename it, e.g. "${suggestion}".`,
    };
  }
  if (/^[0-9]/.test(text))
    return { field, reason: `"${text}" starts with a digit, which GitHub forbids; rename it, e.g. "_${text}".` };
  if (/^GITHUB_/i.test(text))
    return { field, reason: `"${text}" starts with GITHUB_, a prefix GitHub reserves; choose another name.` };
  return undefined;
}

/** Owners and organizations: GitHub logins (letters, digits, single hyphens). */
export function checkOwner(field: string, owner: unknown): InputProblem | undefined {
  if (isUnknown(owner)) return undefined;
  const missing = required(field, owner, "the organization or user that owns it, e.g. octo-org");
  if (missing) return missing;
  if (!/^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/.test(owner as string)) {
    return {
      field,
      reason: `"${shown(owner)}" is not a GitHub login (letters, digits and single hyphens, at most 39); give the name alone, without a URL or slash.`,
    };
  }
  return undefined;
}

/** Repository names: letters, digits, `.`, `-` and `_`, at most 100. */
export function checkRepository(field: string, repository: unknown): InputProblem | undefined {
  if (isUnknown(repository)) return undefined;
  const missing = required(field, repository, "the repository's name, e.g. hello-world");
  if (missing) return missing;
  const text = repository as string;
  if (!/^[A-Za-z0-9._-]{1,100}$/.test(text) || text === "." || text === "..") {
    return {
      field,
      reason: `"${text}" is not a repository name (letters, digits, ".", "-" and "_"); give the name alone, without the owner.`,
    };
  }
  return undefined;
}

/** Environment names: any text GitHub accepts (up to 255 characters), given as it reads, not encoded. */
export function checkEnvironment(field: string, environment: unknown): InputProblem | undefined {
  if (isUnknown(environment)) return undefined;
  const missing = required(field, environment, "the environment's name, e.g. production");
  if (missing) return missing;
  const text = environment as string;
  if (text.length > 255) return { field, reason: `is ${text.length} characters; GitHub allows at most 255.` };
  if (text.trim() !== text)
    return { field, reason: `"${text}" begins or ends with white space, which GitHub trims away; remove it.` };
  if (/%[0-9A-Fa-f]{2}/.test(text)) {
    return {
      field,
      reason: `"${text}" looks percent-encoded; give the name as it reads (e.g. "prod/eu west"), it is encoded once when sent.`,
    };
  }
  return undefined;
}
