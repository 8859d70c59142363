import { objectOf, onlyKeys, optionalNumber, requiredNumber } from "./check-fields";

export const FAULT_KINDS = [
  "latency",
  "status",
  "reset",
  "secondary-rate-limit",
  "primary-rate-limit",
  "not-found-after-write",
  "rotate-keys",
] as const;

/**
 * What a fault rule does: `latency` delays, `status` answers 500/502/503, `reset` drops the
 * connection, `secondary-rate-limit` and `primary-rate-limit` answer as GitHub's limits do,
 * `not-found-after-write` answers 404 to the first read of a secret after its write, `rotate-keys`
 * gives every scope a new key pair.
 */
export type FaultKind = (typeof FAULT_KINDS)[number];

/** The API methods a fault rule can be limited to. */
export type FaultMethod = "GET" | "PUT" | "DELETE";

/** The statuses a `status` fault answers with. */
export type FaultStatus = 500 | 502 | 503;

/** Kinds that answer in the API's stead (the operation is then not performed). */
export type AnsweringKind = Exclude<FaultKind, "latency" | "rotate-keys">;

/**
 * One fault rule, as `POST /_emulator/faults` takes it.
 *
 * - `share` (0..1, default 1): the fraction of matching requests hit, deterministically: after
 *   n matching requests, ceil(n × share) have been hit, the first one included (0.5 hits the
 *   1st, 3rd, 5th...; 0.3 the 1st, 4th, 7th, 11th...).
 * - `count`: hit at most this many times, then let requests through (still counting `matched`).
 * - `method`, `path`: which API requests match; `path` is a regular expression tested against
 *   the raw path (still URL-encoded, with any API prefix, without the query string).
 * - `ms`: delay before answering, when the rule hits. Required for `latency`, optional for the
 *   kinds that answer.
 */
export interface FaultRuleInput {
  /** What the rule does. */
  kind: FaultKind;
  /** The fraction of matching requests hit (0..1, default 1). */
  share?: number;
  /** Hit at most this many times. */
  count?: number;
  /** Match only requests of this method. */
  method?: FaultMethod;
  /** Match only requests whose raw path this regular expression matches. */
  path?: string;
  /** Delay before answering, when the rule hits. */
  ms?: number;
  /** `status`: 500, 502 or 503. */
  status?: FaultStatus;
  /** `secondary-rate-limit`: the `retry-after` header, in seconds; no header when absent. */
  retryAfter?: number;
  /** `primary-rate-limit`: `x-ratelimit-reset` is now plus this. */
  resetInSeconds?: number;
  /** `rotate-keys`: rotate every scope's key pair when the n-th matching request arrives. */
  afterRequests?: number;
}

/** A rule as the control surface shows it: the input with defaults filled in, an id and counters. */
export interface FaultRule {
  /** Numbers rules in the order they were added. */
  id: number;
  /** As given. */
  kind: FaultKind;
  /** As given, or 1. */
  share: number;
  /** null: no limit. */
  count: number | null;
  /** null: any method. */
  method: FaultMethod | null;
  /** null: any path. */
  path: string | null;
  /** As given. */
  ms?: number;
  /** As given. */
  status?: FaultStatus;
  /** As given. */
  retryAfter?: number;
  /** As given. */
  resetInSeconds?: number;
  /** As given. */
  afterRequests?: number;
  /** Requests the rule was consulted for (for `not-found-after-write`: first reads after a write). */
  matched: number;
  /** Requests it hit. */
  injected: number;
}

/** What the rules do to one request, decided when it arrives. */
export interface FaultPlan {
  /** Added to the request's delay. */
  delayMs: number;
  /** The rule that answers instead of the API, if one hit. */
  answer?: FaultRule & { kind: AnsweringKind };
  /** Every kind that hit, in rule order. */
  kinds: FaultKind[];
}

/** Per kind: the fields it takes besides `kind`, and whether `method`, `share`, `count` apply. */
const KIND_FIELDS: Record<FaultKind, { fields: string[]; filters: string[] }> = {
  latency: { fields: ["ms"], filters: ["share", "count", "method", "path"] },
  status: { fields: ["status", "ms"], filters: ["share", "count", "method", "path"] },
  reset: { fields: ["ms"], filters: ["share", "count", "method", "path"] },
  "secondary-rate-limit": { fields: ["retryAfter", "ms"], filters: ["share", "count", "method", "path"] },
  "primary-rate-limit": { fields: ["resetInSeconds", "ms"], filters: ["share", "count", "method", "path"] },
  // Always a GET after a PUT of the same path.
  "not-found-after-write": { fields: ["ms"], filters: ["share", "count", "path"] },
  // Rotates once, at the n-th matching request.
  "rotate-keys": { fields: ["afterRequests"], filters: ["method", "path"] },
};

const METHODS: readonly FaultMethod[] = ["GET", "PUT", "DELETE"];
const STATUSES: readonly FaultStatus[] = [500, 502, 503];

/** A secret's own path (not its public key, nor an org secret's `/repositories`). */
const SECRET_PATH = /\/secrets\/(?!public-key$)[^/]+$/i;

/** Tolerates float error in n × share, e.g. 0.7 × 10 = 7.000000000000001. */
const EPSILON = 1e-9;

interface ActiveRule {
  rule: FaultRule;
  pattern?: RegExp;
  /** `not-found-after-write`: lower-cased paths written since their last read. */
  unread: Set<string>;
}

/** Checks a rule's body; the error names the first bad field. */
export function validateFaultRule(value: unknown, at = "fault"): FaultRuleInput {
  const o = objectOf(value, at);
  const kind = o.kind as FaultKind;
  if (!FAULT_KINDS.includes(kind)) throw new Error(`${at}.kind must be one of ${FAULT_KINDS.map((k) => JSON.stringify(k)).join(", ")}`);
  const { fields, filters } = KIND_FIELDS[kind];
  onlyKeys(o, ["kind", ...filters, ...fields], `${at} (kind ${kind})`);
  const input: FaultRuleInput = { kind };
  const share = optionalNumber(o, "share", at, { min: 0, max: 1 });
  if (share !== undefined) input.share = share;
  const count = optionalNumber(o, "count", at, { min: 0, integer: true });
  if (count !== undefined) input.count = count;
  if (o.method !== undefined) {
    if (!METHODS.includes(o.method as FaultMethod)) throw new Error(`${at}.method must be one of ${METHODS.map((m) => JSON.stringify(m)).join(", ")}`);
    input.method = o.method as FaultMethod;
  }
  if (o.path !== undefined) {
    if (typeof o.path !== "string") throw new Error(`${at}.path must be a string (a regular expression)`);
    try {
      new RegExp(o.path);
    } catch (error) {
      throw new Error(`${at}.path is not a valid regular expression: ${(error as Error).message}`);
    }
    input.path = o.path;
  }
  const ms = kind === "latency" ? requiredNumber(o, "ms", at, { min: 0 }) : optionalNumber(o, "ms", at, { min: 0 });
  if (ms !== undefined) input.ms = ms;
  if (kind === "status") {
    if (!STATUSES.includes(o.status as FaultStatus)) throw new Error(`${at}.status must be one of ${STATUSES.join(", ")}`);
    input.status = o.status as FaultStatus;
  }
  if (kind === "secondary-rate-limit") {
    const retryAfter = optionalNumber(o, "retryAfter", at, { min: 0, integer: true });
    if (retryAfter !== undefined) input.retryAfter = retryAfter;
  }
  if (kind === "primary-rate-limit") input.resetInSeconds = requiredNumber(o, "resetInSeconds", at, { min: 0 });
  if (kind === "rotate-keys") input.afterRequests = requiredNumber(o, "afterRequests", at, { min: 1, integer: true });
  return input;
}

/**
 * The fault rules, consulted in the order they were added for every API request when it
 * arrives (after the secondary limits admitted it):
 *
 * - `rotate-keys` counts its matching requests and rotates every key pair when the n-th arrives,
 *   before that request is served.
 * - `latency` rules that hit add their `ms` to the request's delay.
 * - The first answering rule (`status`, `reset`, `secondary-rate-limit`, `primary-rate-limit`,
 *   `not-found-after-write`) that hits answers instead of the API, after its `ms` and any
 *   latency; answering rules after it are not consulted for that request (their counters and
 *   `share` sequence do not move).
 * - `not-found-after-write` is consulted only for the first GET of a path after a 2xx PUT of
 *   that same path (a secret's path; compared case-insensitively); that read is answered 404
 *   when the rule hits, and later reads are served. A DELETE of the path forgets the write.
 */
export class Faults {
  private rules: ActiveRule[] = [];
  private lastId = 0;

  add(value: unknown): FaultRule {
    const input = validateFaultRule(value);
    const rule: FaultRule = {
      id: ++this.lastId,
      kind: input.kind,
      share: input.share ?? 1,
      count: input.count ?? null,
      method: input.method ?? null,
      path: input.path ?? null,
      ...(input.ms === undefined ? {} : { ms: input.ms }),
      ...(input.status === undefined ? {} : { status: input.status }),
      ...(input.retryAfter === undefined ? {} : { retryAfter: input.retryAfter }),
      ...(input.resetInSeconds === undefined ? {} : { resetInSeconds: input.resetInSeconds }),
      ...(input.afterRequests === undefined ? {} : { afterRequests: input.afterRequests }),
      matched: 0,
      injected: 0,
    };
    this.rules.push({ rule, pattern: input.path === undefined ? undefined : new RegExp(input.path), unread: new Set() });
    return { ...rule };
  }

  list(): FaultRule[] {
    return this.rules.map(({ rule }) => ({ ...rule }));
  }

  /** False when there is no rule with that id. */
  remove(id: number): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter(({ rule }) => rule.id !== id);
    return this.rules.length < before;
  }

  clear(): void {
    this.rules = [];
  }

  /** Decides, as a request arrives, what the rules do to it; may rotate the keys. */
  plan(method: string, rawPath: string, rotateKeys: () => void): FaultPlan {
    const plan: FaultPlan = { delayMs: 0, kinds: [] };
    const pathKey = rawPath.toLowerCase();
    for (const active of this.rules) {
      const { rule } = active;
      if (rule.method !== null && rule.method !== method) continue;
      if (active.pattern && !active.pattern.test(rawPath)) continue;
      switch (rule.kind) {
        case "rotate-keys":
          rule.matched += 1;
          if (rule.matched === rule.afterRequests) {
            rule.injected += 1;
            rotateKeys();
            plan.kinds.push(rule.kind);
          }
          break;
        case "latency":
          if (hits(rule)) {
            plan.delayMs += rule.ms ?? 0;
            plan.kinds.push(rule.kind);
          }
          break;
        case "not-found-after-write":
          if (plan.answer || method !== "GET" || !active.unread.delete(pathKey)) break;
          this.answerWith(plan, rule);
          break;
        default:
          if (!plan.answer) this.answerWith(plan, rule);
      }
    }
    return plan;
  }

  /** Tells the rules what a request the API served (no fault answered it) came to. */
  observe(method: string, rawPath: string, status: number): void {
    if (status < 200 || status > 299 || !SECRET_PATH.test(rawPath)) return;
    for (const active of this.rules) {
      if (active.rule.kind !== "not-found-after-write" || (active.pattern && !active.pattern.test(rawPath))) continue;
      if (method === "PUT") active.unread.add(rawPath.toLowerCase());
      if (method === "DELETE") active.unread.delete(rawPath.toLowerCase());
    }
  }

  private answerWith(plan: FaultPlan, rule: FaultRule): void {
    if (!hits(rule)) return;
    plan.answer = rule as FaultRule & { kind: AnsweringKind };
    plan.delayMs += rule.ms ?? 0;
    plan.kinds.push(rule.kind);
  }
}

/** Counts a matching request and says whether the rule hits it (see `share` and `count`). */
function hits(rule: FaultRule): boolean {
  rule.matched += 1;
  const n = rule.matched;
  const chosen = Math.ceil(n * rule.share - EPSILON) > Math.ceil((n - 1) * rule.share - EPSILON);
  if (!chosen || (rule.count !== null && rule.injected >= rule.count)) return false;
  rule.injected += 1;
  return true;
}
