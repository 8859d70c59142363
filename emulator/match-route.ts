import type { Handler } from "./api-request";

export interface Route {
  method: string;
  /** GitHub's path template, e.g. `/orgs/{org}/actions/secrets/{secret_name}`. */
  path: string;
  handler: Handler;
  /** The endpoint's documentation, sent as `documentation_url` in its error bodies. */
  docs: string;
  /** `"app"`: the caller authenticates as a GitHub App, with a JWT, not with a token. */
  auth?: "app";
}

export function route(method: string, path: string, handler: Handler, docs: string, auth?: "app"): Route {
  return { method, path, handler, docs: `https://docs.github.com/rest/${docs}`, ...(auth && { auth }) };
}

/**
 * Splits the raw path on `/` before decoding each segment exactly once, so an encoded `/`
 * (`prod%2Feu`) stays inside its segment and `%252F` becomes a literal `%2F`.
 * Unmatched methods are not found, as on GitHub (which answers 404, not 405).
 */
export function matchRoute(
  routes: readonly Route[],
  method: string,
  rawPath: string,
): { route: Route; params: Record<string, string> } | undefined {
  const segments = decodeSegments(rawPath);
  if (!segments) return undefined;
  for (const candidate of routes) {
    if (candidate.method !== method) continue;
    const params = matchSegments(candidate.path.split("/"), segments);
    if (params) return { route: candidate, params };
  }
  return undefined;
}

function decodeSegments(rawPath: string): string[] | undefined {
  try {
    return rawPath.split("/").map(decodeURIComponent);
  } catch {
    return undefined;
  }
}

function matchSegments(template: string[], segments: string[]): Record<string, string> | undefined {
  if (template.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, part] of template.entries()) {
    const name = /^\{(\w+)\}$/.exec(part)?.[1];
    if (name === undefined) {
      if (part !== segments[i]) return undefined;
    } else {
      if (segments[i] === "") return undefined;
      params[name] = segments[i];
    }
  }
  return params;
}
