import type { InstallationTokenRecord } from "./app-installations";
import type { RequestRecord } from "./emulator-state";
import type { FaultRule, FaultRuleInput } from "./faults";
import type { Fixture, SecretSeed, VariableSeed } from "./fixture-types";
import type { LimitSettings, LimitsStatus } from "./secondary-limits";
import type { SecretRecord, VariableRecord } from "./store";

/**
 * A control call the emulator refused: its message names the route, the status and the
 * emulator's own `message`, e.g. `Emulator control POST /_emulator/faults answered 400: fault.kind must be one of …`.
 */
export class EmulatorControlError extends Error {
  /** The route called, e.g. `POST /_emulator/faults`. */
  readonly route: string;
  /** The HTTP status the emulator answered. */
  readonly status: number;

  /**
   * @param route The route called.
   * @param status The status it answered.
   * @param reason The emulator's `message`, or the answer's text.
   */
  constructor(route: string, status: number, reason: string) {
    super(`Emulator control ${route} answered ${status}: ${reason}`);
    this.name = "EmulatorControlError";
    this.route = route;
    this.status = status;
  }
}

/**
 * The emulator's control surface (`/_emulator/…`), one method per route, as {@link emulatorControl}
 * returns it. Each method resolves to the emulator's answer, or rejects with an
 * {@link EmulatorControlError}. The methods are plain functions (no `this`), so they can be passed around alone.
 */
export interface EmulatorControl {
  /** `GET /_emulator/secrets`: every secret of every app (`app`) and scope, with its decrypted value. */
  secrets: () => Promise<SecretRecord[]>;
  /**
   * `POST /_emulator/secrets`: writes a secret out of band, as someone outside Pulumi would (bumping its
   * `updated_at`); answers it as stored. `seed.app` defaults to `"actions"`.
   */
  upsertSecret: (seed: SecretSeed) => Promise<SecretRecord>;
  /** `GET /_emulator/variables`: every Actions variable, with its value. */
  variables: () => Promise<VariableRecord[]>;
  /**
   * `POST /_emulator/variables`: creates or updates a variable out of band, as someone outside Pulumi would
   * (an update bumps its `updated_at`); answers it as stored.
   */
  upsertVariable: (seed: VariableSeed) => Promise<VariableRecord>;
  /** `GET /_emulator/requests`: the API requests served since start or the last reset, in the order answered. */
  requests: () => Promise<RequestRecord[]>;
  /** `GET /_emulator/installation-tokens`: the installation tokens issued since start or the last reset. */
  installationTokens: () => Promise<InstallationTokenRecord[]>;
  /**
   * `POST /_emulator/reset`: back to the current fixture (the start one, or the last given here), or to
   * `fixture`, which later resets then return to; clears the request log and the fault rules, and returns
   * limits and latency to the start options.
   */
  reset: (fixture?: Fixture) => Promise<void>;
  /** `POST /_emulator/rotate-keys`: a new key pair and key id for every scope of every app. */
  rotateKeys: () => Promise<void>;
  /** `GET /_emulator/faults`: the fault rules with their `matched` and `injected` counters. */
  faults: () => Promise<FaultRule[]>;
  /** `POST /_emulator/faults`: adds a fault rule; answers it with its id and defaults filled in. */
  addFault: (rule: FaultRuleInput) => Promise<FaultRule>;
  /** `DELETE /_emulator/faults/{id}`: removes one rule (an unknown id is a 404). */
  removeFault: (id: number) => Promise<void>;
  /** `DELETE /_emulator/faults`: removes every rule. */
  clearFaults: () => Promise<void>;
  /** `GET /_emulator/limits`: the secondary limits' settings and counters. */
  limits: () => Promise<LimitsStatus>;
  /** `POST /_emulator/limits`: enforces the secondary limits (omitted fields take GitHub's values), or stops with `null`; counters start afresh. */
  setLimits: (settings: Partial<LimitSettings> | null) => Promise<LimitsStatus>;
  /** `DELETE /_emulator/limits`: stops enforcing the secondary limits. */
  clearLimits: () => Promise<void>;
  /** `GET /_emulator/latency`: the delay added to every API answer. */
  latency: () => Promise<{
    /** Milliseconds. */
    ms: number;
  }>;
  /** `POST /_emulator/latency`: sets the delay added to every API answer. */
  setLatency: (ms: number) => Promise<{
    /** Milliseconds, as now set. */
    ms: number;
  }>;
}

/**
 * A typed client for the control surface of the emulator at `url`: what {@link startEmulator} returns as
 * `emulator.url` (with any API prefix; the control routes are served under it too), or any base URL a
 * running emulator answers at.
 *
 * ```ts
 * const emulator = await startEmulator();
 * const control = emulatorControl(emulator.url);
 * await control.addFault({ kind: "status", status: 503, count: 1 });
 * const secrets = await control.secrets();
 * ```
 */
export function emulatorControl(url: string): EmulatorControl {
  const base = url.replace(/\/+$/, "");
  async function call<T>(method: "GET" | "POST" | "DELETE", path: string, body?: unknown): Promise<T> {
    const route = `${method} /_emulator/${path}`;
    const init: RequestInit =
      body === undefined
        ? { method }
        : { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
    const response = await fetch(`${base}/_emulator/${path}`, init);
    const text = await response.text();
    if (!response.ok) throw new EmulatorControlError(route, response.status, reasonOf(text));
    return (text === "" ? undefined : JSON.parse(text)) as T;
  }
  return {
    secrets: () => call("GET", "secrets"),
    upsertSecret: (seed) => call("POST", "secrets", seed),
    variables: () => call("GET", "variables"),
    upsertVariable: (seed) => call("POST", "variables", seed),
    requests: () => call("GET", "requests"),
    installationTokens: () => call("GET", "installation-tokens"),
    reset: (fixture) => call("POST", "reset", fixture),
    rotateKeys: () => call("POST", "rotate-keys"),
    faults: () => call("GET", "faults"),
    addFault: (rule) => call("POST", "faults", rule),
    removeFault: (id) => call("DELETE", `faults/${encodeURIComponent(id)}`),
    clearFaults: () => call("DELETE", "faults"),
    limits: () => call("GET", "limits"),
    setLimits: (settings) => call("POST", "limits", settings),
    clearLimits: () => call("DELETE", "limits"),
    latency: () => call("GET", "latency"),
    setLatency: (ms) => call("POST", "latency", { ms }),
  };
}

/** The emulator's `{ message }`, else the start of whatever answered (say, another server's page). */
function reasonOf(text: string): string {
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === "object" && "message" in parsed && typeof parsed.message === "string")
      return parsed.message;
  } catch {
    // Not JSON: fall through to the text itself.
  }
  return text.trim().slice(0, 200) || "(no body)";
}
