import type { EmulatedApp } from "./app-installations";
import type { EmulatorState } from "./emulator-state";
import type { TokenAccess } from "./fixture";

export interface EmulatorUrls {
  /** `http://host:port`, where `html_url`s point and link headers start. */
  origin: string;
  /** The origin plus the API prefix: what GitHub's bodies call `https://api.github.com`. */
  api: string;
}

/** What an API route handler is given; path parameters are already decoded, exactly once. */
export interface ApiRequest {
  params: Readonly<Record<string, string>>;
  query: URLSearchParams;
  /** The raw request path, for link headers. */
  rawPath: string;
  apiVersion: string;
  /** What the calling token may do; undefined on the routes a GitHub App calls with its JWT. */
  access?: TokenAccess;
  /**
   * The login of the user the token acts for (`/user/...`); undefined for an installation token, which
   * acts for no user, and on the routes a GitHub App calls with its JWT.
   */
  user?: string;
  /** The GitHub App the JWT authenticated, on those routes. */
  app?: EmulatedApp;
  state: EmulatorState;
  urls: EmulatorUrls;
  /** The body as a JSON object; throws GitHub's 400 when it is not one. An empty body is `{}`. */
  json(): Record<string, unknown>;
}

export interface ApiResponse {
  status: number;
  /** Sent as JSON; no body when undefined. */
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (request: ApiRequest) => ApiResponse;
