import type { ApiResponse } from "./api-request";
import { ApiError } from "./api-error";
import { objectOf, onlyKeys, requiredNumber } from "./check-fields";
import type { EmulatorState } from "./emulator-state";
import { validateFixture, validateSecretSeed, validateVariableSeed } from "./fixture";
import { validateLimitSettings } from "./secondary-limits";

/**
 * The emulator's own surface under `/_emulator/`, for tests: no credentials, not logged, never
 * delayed, limited or faulted.
 *
 * - `GET  /_emulator/secrets`       every secret of every app (`app`: actions, dependabot, codespaces) and
 *                                   scope (org, repo, environment, user) with its plaintext value
 * - `POST /_emulator/secrets`       write a secret out of band (`SecretSeed` body; `app` defaults to
 *                                   actions; scope `user` with `owner` the user's login): 201 created,
 *                                   200 updated (`updated_at` bumped), with the `SecretRecord`
 * - `GET  /_emulator/variables`     every Actions variable with its value, scope and visibility
 * - `POST /_emulator/variables`     write a variable out of band (`VariableSeed` body): 201 created, 200
 *                                   updated (`updated_at` bumped), with the `VariableRecord`
 * - `GET  /_emulator/requests`      the API requests served since start or reset, in the order answered
 * - `GET  /_emulator/installation-tokens`  the installation tokens issued since start or reset, with
 *                                   their app, installation, access and `expires_at`
 * - `POST /_emulator/reset`         back to the fixture, or to the fixture in the body; clears the
 *                                   fault rules, returns limits and latency to the start options
 * - `POST /_emulator/rotate-keys`   new key pair and key id for every scope of every app
 * - `GET  /_emulator/faults`        the fault rules with their counters
 * - `POST /_emulator/faults`        add a fault rule (`FaultRuleInput` body): 201 with the rule
 * - `DELETE /_emulator/faults`      remove every rule (204)
 * - `DELETE /_emulator/faults/{id}` remove one rule (204, or 404)
 * - `GET  /_emulator/limits`        the secondary limits' settings and counters (`LimitsStatus`)
 * - `POST /_emulator/limits`        switch them on (`Partial<LimitSettings>` body) or off (`null`);
 *                                   answers the status, counters started afresh
 * - `DELETE /_emulator/limits`      switch them off (204)
 * - `GET  /_emulator/latency`       `{ ms }`, the delay added to every API request
 * - `POST /_emulator/latency`       set it (`{ ms }` body); answers `{ ms }`
 *
 * Errors are `{ message }` with 400 (bad body), 404 or 422 (refused as GitHub would).
 */
export function serveControl(state: EmulatorState, method: string, path: string, body: string): ApiResponse {
  try {
    const faultId = /^\/_emulator\/faults\/([^/]+)$/.exec(path)?.[1];
    if (faultId !== undefined && method === "DELETE") {
      const id = Number(faultId);
      if (!Number.isSafeInteger(id) || !state.faults.remove(id))
        return { status: 404, body: { message: `No fault rule ${faultId}` } };
      return { status: 204 };
    }
    switch (`${method} ${path}`) {
      case "GET /_emulator/secrets":
        return { status: 200, body: state.store.records() };
      case "POST /_emulator/secrets": {
        const { created, record } = state.store.upsert(validateSecretSeed(parse(body), "secret"));
        return { status: created ? 201 : 200, body: record };
      }
      case "GET /_emulator/variables":
        return { status: 200, body: state.store.variableRecords() };
      case "POST /_emulator/variables": {
        const { created, record } = state.store.upsertVariable(validateVariableSeed(parse(body), "variable"));
        return { status: created ? 201 : 200, body: record };
      }
      case "GET /_emulator/requests":
        return { status: 200, body: state.requests };
      case "GET /_emulator/installation-tokens":
        return { status: 200, body: state.store.apps.records() };
      case "POST /_emulator/reset":
        state.reset(body.trim() === "" ? undefined : validateFixture(parse(body)));
        return { status: 204 };
      case "POST /_emulator/rotate-keys":
        state.keys.rotate();
        return { status: 204 };
      case "GET /_emulator/faults":
        return { status: 200, body: state.faults.list() };
      case "POST /_emulator/faults":
        return { status: 201, body: state.faults.add(parse(body)) };
      case "DELETE /_emulator/faults":
        state.faults.clear();
        return { status: 204 };
      case "GET /_emulator/limits":
        return { status: 200, body: state.limits.status() };
      case "POST /_emulator/limits": {
        const value = parse(body);
        state.limits.configure(value === null ? undefined : validateLimitSettings(value));
        return { status: 200, body: state.limits.status() };
      }
      case "DELETE /_emulator/limits":
        state.limits.configure(undefined);
        return { status: 204 };
      case "GET /_emulator/latency":
        return { status: 200, body: { ms: state.latencyMs } };
      case "POST /_emulator/latency": {
        const o = objectOf(parse(body), "latency");
        onlyKeys(o, ["ms"], "latency");
        state.latencyMs = requiredNumber(o, "ms", "latency", { min: 0 });
        return { status: 200, body: { ms: state.latencyMs } };
      }
      default:
        return { status: 404, body: { message: `No control endpoint ${method} ${path}` } };
    }
  } catch (error) {
    return { status: error instanceof ApiError ? error.status : 400, body: { message: (error as Error).message } };
  }
}

function parse(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    throw new ApiError(400, "Problems parsing JSON");
  }
}
