import type { IncomingHttpHeaders } from "node:http";
import type { ApiResponse, EmulatorUrls } from "./api-request";
import { ApiError } from "./api-error";
import { apiRoutes } from "./api-routes";
import { appFromJwt } from "./app-from-jwt";
import type { EmulatorState } from "./emulator-state";
import type { TokenAccess } from "./fixture";
import { matchRoute } from "./match-route";

/** Newest last. */
const API_VERSIONS = ["2022-11-28", "2026-03-10"];

const DEFAULT_API_VERSION = "2022-11-28";
const GENERAL_DOCS = "https://docs.github.com/rest";
const WRITE_METHODS = new Set(["PUT", "POST", "PATCH", "DELETE"]);

export interface ApiCall {
  state: EmulatorState;
  urls: EmulatorUrls;
  /** `""`, or e.g. `/api/v3` as on GitHub Enterprise Server. */
  prefix: string;
  method: string;
  rawPath: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * One API request, checked in GitHub's order: API version, credentials (a token, or on a GitHub
 * App's own routes its JWT), route, write access, then the route's handler. Every answer carries
 * the rate-limit headers.
 */
export function serveApi(call: ApiCall): ApiResponse {
  const { token, access } = caller(call.state, call.headers);
  const headers = baseHeaders(call.state, access && token);
  const fail = (status: number, message: string, docs = GENERAL_DOCS): ApiResponse => ({
    status,
    body: { message, documentation_url: docs, status: String(status) },
    headers,
  });

  const version = firstValue(call.headers["x-github-api-version"]) ?? DEFAULT_API_VERSION;
  if (!API_VERSIONS.includes(version)) {
    const supported = [...API_VERSIONS].reverse().map((v, i) => `"${v}"${i === 0 ? " (most recent)" : ""}`);
    return fail(
      400,
      `The version you specified in the "X-GitHub-Api-Version" request header, ${JSON.stringify(version)}, is not a supported version. The following versions are currently supported: ${supported.join(", ")}.`,
    );
  }
  headers["x-github-api-version-selected"] = version;
  if (call.headers.authorization === undefined) return fail(401, "Requires authentication");
  const apiPath = call.rawPath.startsWith(`${call.prefix}/`) ? call.rawPath.slice(call.prefix.length) : undefined;
  const match = apiPath === undefined ? undefined : matchRoute(apiRoutes, call.method, apiPath);
  const asApp = match?.route.auth === "app" ? appFromJwt(call.state.store.apps, call.headers.authorization) : undefined;
  if (asApp && "refused" in asApp) return fail(401, asApp.refused);
  if (!asApp && access === undefined) return fail(401, "Bad credentials");
  if (!match) return fail(404, "Not Found");
  const docs = match.route.docs;
  if (WRITE_METHODS.has(call.method) && access === "read") {
    const holder = token !== undefined && call.state.store.apps.access(token) ? "integration" : "personal access token";
    return fail(403, `Resource not accessible by ${holder}`, docs);
  }

  try {
    const response = match.route.handler({
      params: match.params,
      query: call.query,
      rawPath: call.rawPath,
      apiVersion: version,
      access,
      user: token === undefined || asApp ? undefined : call.state.store.userOf(token),
      app: asApp?.app,
      state: call.state,
      urls: call.urls,
      json: () => parseJsonObject(call.body),
    });
    return { ...response, headers: { ...headers, ...response.headers } };
  } catch (error) {
    if (error instanceof ApiError) return fail(error.status, error.message, error.status === 404 ? GENERAL_DOCS : docs);
    return fail(500, `Emulator error: ${(error as Error).message}`, docs);
  }
}

/** The request's token, and what the fixture allows it (undefined for an unknown token). */
export function caller(state: EmulatorState, headers: IncomingHttpHeaders): { token?: string; access?: TokenAccess } {
  const token = bearerToken(headers.authorization);
  return { token, access: token === undefined ? undefined : state.store.access(token) };
}

/** What every API answer carries; counts the request against `knownToken`'s primary rate limit. */
export function baseHeaders(state: EmulatorState, knownToken: string | undefined): Record<string, string> {
  return { ...state.rateLimits.take(knownToken), "x-github-media-type": "github.v3; format=json" };
}

function bearerToken(authorization: string | undefined): string | undefined {
  return /^(?:bearer|token)\s+(\S+)\s*$/i.exec(authorization ?? "")?.[1];
}

function firstValue(header: string | string[] | undefined): string | undefined {
  return Array.isArray(header) ? header[0] : header;
}

function parseJsonObject(body: string): Record<string, unknown> {
  if (body.trim() === "") return {};
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw new ApiError(400, "Problems parsing JSON");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new ApiError(400, "Body should be a JSON object");
  return value as Record<string, unknown>;
}
