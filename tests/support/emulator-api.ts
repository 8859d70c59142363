import sodium from "libsodium-wrappers";
import type { Fixture } from "../../emulator";

/** An answer of the emulator's API, its body parsed. */
export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  body: any;
}

/** `token: null` sends no Authorization header, `raw` sends a body as is, `base` another address than the emulator's. */
export interface CallOptions {
  body?: unknown;
  raw?: string;
  token?: string | null;
  headers?: Record<string, string>;
  base?: string;
}

/** GitHub's error body. */
export function githubError(status: number, message: string, docs = "https://docs.github.com/rest") {
  return { message, documentation_url: docs, status: String(status) };
}

/** A value sealed for a public key, as GitHub's clients seal it (base64, the original alphabet). */
export function sealWith(key: string, value: string | Uint8Array): string {
  const ORIGINAL = sodium.base64_variants.ORIGINAL;
  return sodium.to_base64(sodium.crypto_box_seal(value, sodium.from_base64(key, ORIGINAL)), ORIGINAL);
}

/**
 * Requests to an emulator as a client sends them, for the emulator's own tests: `url` is read at each call (the
 * emulator starts in `beforeAll`), and `token` is the one calls send unless they say otherwise.
 */
export function emulatorApi(url: () => string, token: string) {
  async function call(method: string, path: string, options: CallOptions = {}): Promise<Answer> {
    const headers: Record<string, string> = { accept: "application/vnd.github+json", ...options.headers };
    if (options.token !== null) headers.authorization = `Bearer ${options.token ?? token}`;
    const body = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    const response = await fetch(`${options.base ?? url()}${path}`, { method, headers, body });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      text,
      body: text === "" ? undefined : JSON.parse(text),
    };
  }

  /** Back to `fixture` (or the emulator's own), through the control surface. */
  async function reset(fixture?: Fixture): Promise<void> {
    expect((await call("POST", "/_emulator/reset", { body: fixture, token: null })).status).toBe(204);
  }

  /** `{encrypted_value, key_id}` sealed with the public key at `scope` + `/secrets/public-key`. */
  async function sealed(scope: string, value: string | Uint8Array, as = token) {
    const { body } = await call("GET", `${scope}/secrets/public-key`, { token: as });
    return { encrypted_value: sealWith(body.key, value), key_id: body.key_id as string };
  }

  return { call, reset, sealed };
}
