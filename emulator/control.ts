import type { ApiResponse } from "./api-request";
import { ApiError } from "./api-error";
import type { EmulatorState } from "./emulator-state";
import { validateFixture, validateSecretSeed } from "./fixture";

/**
 * The emulator's own surface under `/_emulator/`, for tests: no credentials, not logged.
 *
 * - `GET  /_emulator/secrets`     every secret with its plaintext value
 * - `POST /_emulator/secrets`     write a secret out of band (`SecretSeed` body)
 * - `GET  /_emulator/requests`    the API requests served since start or reset
 * - `POST /_emulator/reset`       back to the fixture, or to the fixture in the body
 * - `POST /_emulator/rotate-keys` new key pair and key id for every scope
 *
 * Errors are `{ message }` with 400 (bad body), 404 or 422 (refused as GitHub would).
 */
export function serveControl(state: EmulatorState, method: string, path: string, body: string): ApiResponse {
  try {
    switch (`${method} ${path}`) {
      case "GET /_emulator/secrets":
        return { status: 200, body: state.store.records() };
      case "POST /_emulator/secrets": {
        const { created, record } = state.store.upsert(validateSecretSeed(parse(body), "secret"));
        return { status: created ? 201 : 200, body: record };
      }
      case "GET /_emulator/requests":
        return { status: 200, body: state.requests };
      case "POST /_emulator/reset":
        state.reset(body.trim() === "" ? undefined : validateFixture(parse(body)));
        return { status: 204 };
      case "POST /_emulator/rotate-keys":
        state.keys.rotate();
        return { status: 204 };
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
