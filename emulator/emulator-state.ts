import type { Fixture } from "./fixture";
import { KeyRing } from "./keys";
import { RateLimits } from "./rate-limits";
import { Store } from "./store";

/** One API request as `GET /_emulator/requests` lists it. */
export interface RequestRecord {
  method: string;
  /** As received: still URL-encoded, with any API prefix, without the query string. */
  path: string;
  query: Record<string, string>;
  status: number;
}

/** Everything a running emulator holds. Key pairs outlive a reset; only rotate-keys replaces them. */
export class EmulatorState {
  readonly keys = new KeyRing();
  fixture: Fixture;
  store: Store;
  requests: RequestRecord[] = [];
  rateLimits = new RateLimits();

  constructor(fixture: Fixture) {
    this.fixture = fixture;
    this.store = new Store(fixture);
  }

  reset(fixture: Fixture = this.fixture): void {
    this.store = new Store(fixture);
    this.fixture = fixture;
    this.requests = [];
    this.rateLimits = new RateLimits();
  }
}
