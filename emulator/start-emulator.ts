import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import sodium from "libsodium-wrappers";
import { optionalNumber } from "./check-fields";
import { EmulatorState, type StartSettings } from "./emulator-state";
import { type Fixture, defaultFixture, loadFixture, validateFixture } from "./fixture";
import { type LimitSettings, validateLimitSettings } from "./secondary-limits";
import { createRequestListener } from "./server";

/** How {@link startEmulator} starts the emulator: where it listens, what it knows, and how it behaves. */
export interface EmulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Defaults to 127.0.0.1. */
  host?: string;
  /** A fixture, or the path of a JSON file holding one; defaults to {@link defaultFixture}. */
  fixture?: Fixture | string;
  /** Where the API lives under the host: `""` (the default) as on github.com, `/api/v3` as on GitHub Enterprise Server. */
  apiPrefix?: string;
  /**
   * Enforce GitHub's secondary limits (403 with `retry-after` when over them); omitted fields take
   * GitHub's values. Off when absent. `POST /_emulator/limits` changes this while running; a reset
   * returns to it.
   */
  limits?: Partial<LimitSettings>;
  /** Milliseconds added before every API answer (not the control surface's); 0 by default. A reset returns to it. */
  latencyMs?: number;
}

/** A running emulator. Its control routes are under `/_emulator/` of the same origin. */
export interface Emulator {
  /** The API's base URL, e.g. `http://127.0.0.1:41234` or `http://127.0.0.1:41234/api/v3`. */
  url: string;
  /** The port it listens on (the one picked when asked for 0). */
  port: number;
  /** Stops listening and drops open connections; resolves once the server is closed. */
  close(): Promise<void>;
}

/** Starts an in-memory GitHub secrets (Actions, Dependabot, Codespaces) and Actions variables API on a real HTTP port. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  await sodium.ready;
  const fixture =
    typeof options.fixture === "string"
      ? loadFixture(options.fixture)
      : validateFixture(options.fixture ?? defaultFixture());
  const start = startSettings(options);
  const prefix = normalizePrefix(options.apiPrefix ?? "");
  const host = options.host ?? "127.0.0.1";
  const server = createServer();
  await listen(server, options.port ?? 0, host);
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  server.on(
    "request",
    createRequestListener(new EmulatorState(fixture, start), { origin, api: origin + prefix }, prefix),
  );
  return { url: origin + prefix, port, close: () => close(server) };
}

function startSettings(options: EmulatorOptions): StartSettings {
  return {
    limits: options.limits === undefined ? undefined : validateLimitSettings(options.limits, "options.limits"),
    latencyMs: optionalNumber({ latencyMs: options.latencyMs }, "latencyMs", "options", { min: 0 }) ?? 0,
  };
}

/** `api/v3/` → `/api/v3`; `/` → `""`. */
function normalizePrefix(prefix: string): string {
  const trimmed = prefix.replace(/^\/+|\/+$/g, "");
  return trimmed === "" ? "" : `/${trimmed}`;
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

/** Also drops idle keep-alive connections, which would otherwise hold `close` open for seconds. */
function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}
