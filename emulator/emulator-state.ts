import { Faults, type FaultKind } from "./faults";
import type { Fixture } from "./fixture";
import { KeyRing } from "./keys";
import { RateLimits } from "./rate-limits";
import { type LimitSettings, SecondaryLimits } from "./secondary-limits";
import { Store } from "./store";

/** One API request as `GET /_emulator/requests` lists it. */
export interface RequestRecord {
  /** The HTTP method. */
  method: string;
  /** As received: still URL-encoded, with any API prefix, without the query string. */
  path: string;
  /** The query string's parameters, decoded. */
  query: Record<string, string>;
  /** 0 when a `reset` fault closed the connection without an answer; a stalled answer's own status otherwise. */
  status: number;
  /**
   * Present when a fault rule answered, delayed, changed or stalled the answer, or rotated the keys at this request: the kind of
   * the rule that answered, else of the first that applied.
   */
  fault?: FaultKind;
  /** Present when more than one fault rule applied: all their kinds, in rule order. */
  faults?: FaultKind[];
  /** Present when the secondary limits refused the request (403): which limit. */
  limit?: "concurrent" | "points";
}

/** What `startEmulator` set up besides the fixture, and what a reset returns to. */
export interface StartSettings {
  limits?: LimitSettings;
  latencyMs: number;
}

/**
 * Everything a running emulator holds. Key pairs outlive a reset; only rotate-keys replaces them.
 * A reset clears the request log and the fault rules and returns the secondary limits and the
 * latency to what `startEmulator` was given.
 */
export class EmulatorState {
  readonly keys = new KeyRing();
  readonly faults = new Faults();
  /** One object for the emulator's life, so that requests in flight across a reset are counted out. */
  readonly limits: SecondaryLimits;
  fixture: Fixture;
  store: Store;
  requests: RequestRecord[] = [];
  rateLimits = new RateLimits();
  /** Added before every API answer. */
  latencyMs: number;
  /** Bumped by every reset; a request that arrived before one is not logged after it. */
  generation = 0;

  constructor(
    fixture: Fixture,
    private readonly start: StartSettings = { latencyMs: 0 },
  ) {
    this.fixture = fixture;
    this.store = new Store(fixture);
    this.limits = new SecondaryLimits(start.limits);
    this.latencyMs = start.latencyMs;
  }

  reset(fixture: Fixture = this.fixture): void {
    this.store = new Store(fixture);
    this.fixture = fixture;
    this.requests = [];
    this.rateLimits = new RateLimits();
    this.faults.clear();
    this.limits.configure(this.start.limits);
    this.latencyMs = this.start.latencyMs;
    this.generation += 1;
  }
}
