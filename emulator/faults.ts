import { objectOf, onlyKeys, optionalNumber, requiredNumber } from "./check-fields";

export const FAULT_KINDS = [
  "latency",
  "status",
  "reset",
  "secondary-rate-limit",
  "primary-rate-limit",
  "not-found-after-write",
  "rotate-keys",
  "gateway-html",
  "date",
  "link",
  "body",
  "stall",
] as const;

/**
 * What a fault rule does. GitHub's own faults: `latency` delays, `status` answers 500/502/503,
 * `reset` drops the connection, `secondary-rate-limit` and `primary-rate-limit` answer as GitHub's
 * limits do, `not-found-after-write` answers 404 to the first read of a secret after its write,
 * `rotate-keys` gives every scope of every app a new key pair. Faults of what stands between the client and
 * GitHub (proxies, gateways): `gateway-html` answers a gateway's HTML page instead of the API;
 * `date` drops, garbles or doubles the answer's `Date` header, `link` garbles its `link` header,
 * `body` empties or truncates its body, and `stall` stops sending it part-way, all after the API
 * performed the operation.
 */
export type FaultKind = (typeof FAULT_KINDS)[number];

/** The API methods a fault rule can be limited to (`POST` and `PATCH`: Actions variables' create and update). */
export type FaultMethod = "GET" | "PUT" | "POST" | "PATCH" | "DELETE";

/** The statuses a `status` fault answers with. */
export type FaultStatus = 500 | 502 | 503;

/** Kinds that change the answer once it is ready: the operation is performed (unless a rule answered). */
export type ModifyingKind = "date" | "link" | "body" | "stall";

/** Kinds that answer in the API's stead (the operation is then not performed). */
export type AnsweringKind = Exclude<FaultKind, "latency" | "rotate-keys" | ModifyingKind>;

/** A rule of a modifying kind. */
export type ModifyingRule = FaultRule & { kind: ModifyingKind };

/**
 * One fault rule, as `POST /_emulator/faults` takes it.
 *
 * - `share` (0..1, default 1): the fraction of matching requests hit, deterministically: after
 *   n matching requests, ceil(n × share) have been hit, the first one included (0.5 hits the
 *   1st, 3rd, 5th...; 0.3 the 1st, 4th, 7th, 11th...).
 * - `count`: hit at most this many times, then let requests through (still counting `matched`).
 * - `method`, `path`: which API requests match; `path` is a regular expression tested against
 *   the raw path (still URL-encoded, with any API prefix, without the query string). For the
 *   modifying kinds (`date`, `link`, `body`, `stall`), only those whose answer the rule would
 *   change count (see `matched` in the rule).
 * - `ms`: delay before answering, when the rule hits. Required for `latency`, optional for the
 *   kinds that answer (not taken by the modifying kinds `date`, `link`, `body`, `stall`).
 * - `status`: required for `status` (500, 502, 503); optional for `gateway-html` (200, 502, 504;
 *   502 when absent).
 * - `mode`: required for `date` (`drop`, `garble`, `double`) and `body` (`empty`, `truncate`).
 * - `at`: required for `stall` (`headers`, `body`).
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
  /** `status`: 500, 502 or 503. `gateway-html`: 200, 502 (the default) or 504. */
  status?: FaultStatus | 200 | 504;
  /**
   * `date`: `drop` sends no `Date` header, `garble` sends `Date: not a date`, `double` sends two
   * `Date` lines, the API's and one 3 seconds later (as a proxy that passes GitHub's on beside its
   * own; a fetch client joins them with a comma). `body`: `empty` keeps the status and headers but
   * sends no byte (`content-length: 0`); `truncate` sends the first half of the body's bytes, with a
   * `content-length` that matches them.
   */
  mode?: "drop" | "garble" | "double" | "empty" | "truncate";
  /**
   * `stall`: `headers` sends nothing at all, not even the status line; `body` sends the status line
   * and headers (with the full `content-length`) and the first half of the body. Either way the
   * connection stays open until the client closes it or the emulator is closed.
   */
  at?: "headers" | "body";
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
  /** As given; for `gateway-html`, 502 when not given. */
  status?: FaultStatus | 200 | 504;
  /** As given. */
  mode?: "drop" | "garble" | "double" | "empty" | "truncate";
  /** As given. */
  at?: "headers" | "body";
  /** As given. */
  retryAfter?: number;
  /** As given. */
  resetInSeconds?: number;
  /** As given. */
  afterRequests?: number;
  /**
   * Requests the rule was consulted for (for `not-found-after-write`: first reads after a write; for
   * `link`, `body` and `stall` at `body`: answers with a `link` header, with a body; for `date`:
   * answers with a `Date` header).
   */
  matched: number;
  /** Requests it hit. */
  injected: number;
}

/** What the rules do to one request, decided when it arrives and, for the modifying kinds, when its answer is ready. */
export interface FaultPlan {
  /** Added to the request's delay. */
  delayMs: number;
  /** The rule that answers instead of the API, if one hit. */
  answer?: FaultRule & { kind: AnsweringKind };
  /** Every rule that hit, in rule order. */
  hits: Array<Pick<FaultRule, "id" | "kind">>;
}

/** The answer the modifying rules are consulted for, as the rules before each left it. */
export interface ModifiableAnswer {
  /** Whether the rule would change the answer; a rule is consulted (counted, maybe hit) only then. */
  changes(rule: ModifyingRule): boolean;
  /** Changes it as the rule says; called for each rule that hits, in rule order. */
  apply(rule: ModifyingRule): void;
}

const ALL_FILTERS = ["share", "count", "method", "path"];

/** Per kind: the fields it takes besides `kind`, and whether `method`, `share`, `count` apply. */
const KIND_FIELDS: Record<FaultKind, { fields: string[]; filters: string[] }> = {
  latency: { fields: ["ms"], filters: ALL_FILTERS },
  status: { fields: ["status", "ms"], filters: ALL_FILTERS },
  reset: { fields: ["ms"], filters: ALL_FILTERS },
  "secondary-rate-limit": { fields: ["retryAfter", "ms"], filters: ALL_FILTERS },
  "primary-rate-limit": { fields: ["resetInSeconds", "ms"], filters: ALL_FILTERS },
  // Always a GET after a PUT of the same path.
  "not-found-after-write": { fields: ["ms"], filters: ["share", "count", "path"] },
  // Rotates once, at the n-th matching request.
  "rotate-keys": { fields: ["afterRequests"], filters: ["method", "path"] },
  "gateway-html": { fields: ["status", "ms"], filters: ALL_FILTERS },
  // What stands between the client and GitHub changes the answer; latency rules delay it.
  date: { fields: ["mode"], filters: ALL_FILTERS },
  link: { fields: [], filters: ALL_FILTERS },
  body: { fields: ["mode"], filters: ALL_FILTERS },
  stall: { fields: ["at"], filters: ALL_FILTERS },
};

const METHODS = ["GET", "PUT", "POST", "PATCH", "DELETE"] as const;
const STATUSES = [500, 502, 503] as const;
const GATEWAY_STATUSES = [200, 502, 504] as const;
const DATE_MODES = ["drop", "garble", "double"] as const;
const BODY_MODES = ["empty", "truncate"] as const;
const STALL_POINTS = ["headers", "body"] as const;
const MODIFYING_KINDS: readonly FaultKind[] = ["date", "link", "body", "stall"] satisfies ModifyingKind[];

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
  if (!FAULT_KINDS.includes(kind))
    throw new Error(`${at}.kind must be one of ${FAULT_KINDS.map((k) => JSON.stringify(k)).join(", ")}`);
  const { fields, filters } = KIND_FIELDS[kind];
  onlyKeys(o, ["kind", ...filters, ...fields], `${at} (kind ${kind})`);
  const input: FaultRuleInput = { kind };
  const share = optionalNumber(o, "share", at, { min: 0, max: 1 });
  if (share !== undefined) input.share = share;
  const count = optionalNumber(o, "count", at, { min: 0, integer: true });
  if (count !== undefined) input.count = count;
  const method = oneOf(o, "method", at, METHODS, false);
  if (method !== undefined) input.method = method;
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
  if (kind === "status") input.status = oneOf(o, "status", at, STATUSES, true);
  if (kind === "gateway-html") {
    const status = oneOf(o, "status", at, GATEWAY_STATUSES, false);
    if (status !== undefined) input.status = status;
  }
  if (kind === "date") input.mode = oneOf(o, "mode", at, DATE_MODES, true);
  if (kind === "body") input.mode = oneOf(o, "mode", at, BODY_MODES, true);
  if (kind === "stall") input.at = oneOf(o, "at", at, STALL_POINTS, true);
  if (kind === "secondary-rate-limit") {
    const retryAfter = optionalNumber(o, "retryAfter", at, { min: 0, integer: true });
    if (retryAfter !== undefined) input.retryAfter = retryAfter;
  }
  if (kind === "primary-rate-limit") input.resetInSeconds = requiredNumber(o, "resetInSeconds", at, { min: 0 });
  if (kind === "rotate-keys") input.afterRequests = requiredNumber(o, "afterRequests", at, { min: 1, integer: true });
  return input;
}

/** `o[key]` when it is one of `allowed`; undefined when absent and not required; else throws, listing them. */
function oneOf<T extends string | number>(
  o: Record<string, unknown>,
  key: string,
  at: string,
  allowed: readonly T[],
  required: true,
): T;
function oneOf<T extends string | number>(
  o: Record<string, unknown>,
  key: string,
  at: string,
  allowed: readonly T[],
  required: false,
): T | undefined;
function oneOf<T extends string | number>(
  o: Record<string, unknown>,
  key: string,
  at: string,
  allowed: readonly T[],
  required: boolean,
): T | undefined {
  const value = o[key];
  if (value === undefined && !required) return undefined;
  if (!allowed.includes(value as T))
    throw new Error(`${at}.${key} must be one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}`);
  return value as T;
}

/**
 * The fault rules, consulted in the order they were added for every API request when it
 * arrives (after the secondary limits admitted it):
 *
 * - `rotate-keys` counts its matching requests and rotates every key pair when the n-th arrives,
 *   before that request is served.
 * - `latency` rules that hit add their `ms` to the request's delay.
 * - The first answering rule (`status`, `reset`, `secondary-rate-limit`, `primary-rate-limit`,
 *   `not-found-after-write`, `gateway-html`) that hits answers instead of the API, after its `ms`
 *   and any latency; answering rules after it are not consulted for that request (their counters
 *   and `share` sequence do not move).
 * - `not-found-after-write` is consulted only for the first GET of a path after a 2xx PUT of
 *   that same path (a secret's path; compared case-insensitively); that read is answered 404
 *   when the rule hits, and later reads are served. A DELETE of the path forgets the write.
 *
 * The modifying rules (`date`, `link`, `body`, `stall`) are consulted later, in rule order, once
 * the answer is ready: the API's (the operation performed) or an answering rule's (a `reset`
 * leaves nothing to change). Each is consulted only for an answer it would change, as the rules
 * before it left it (`link`: one with a `link` header; `body` and `stall` at `body`: one with a
 * body; `date`: one with a `Date` header; `stall` at `headers`: any), so its `share` and `count`
 * run over those answers. Several can hit the same answer and all apply, in rule order. A `stall`
 * that hits wins: it stalls the answer as the rules before it left it, and the modifying rules
 * after it are not consulted.
 */
export class Faults {
  private rules: ActiveRule[] = [];
  private lastId = 0;

  add(value: unknown): FaultRule {
    const input = validateFaultRule(value);
    const status = input.kind === "gateway-html" ? (input.status ?? 502) : input.status;
    const rule: FaultRule = {
      id: ++this.lastId,
      kind: input.kind,
      share: input.share ?? 1,
      count: input.count ?? null,
      method: input.method ?? null,
      path: input.path ?? null,
      ...(input.ms === undefined ? {} : { ms: input.ms }),
      ...(status === undefined ? {} : { status }),
      ...(input.mode === undefined ? {} : { mode: input.mode }),
      ...(input.at === undefined ? {} : { at: input.at }),
      ...(input.retryAfter === undefined ? {} : { retryAfter: input.retryAfter }),
      ...(input.resetInSeconds === undefined ? {} : { resetInSeconds: input.resetInSeconds }),
      ...(input.afterRequests === undefined ? {} : { afterRequests: input.afterRequests }),
      matched: 0,
      injected: 0,
    };
    this.rules.push({
      rule,
      pattern: input.path === undefined ? undefined : new RegExp(input.path),
      unread: new Set(),
    });
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
    const plan: FaultPlan = { delayMs: 0, hits: [] };
    const pathKey = rawPath.toLowerCase();
    for (const active of this.matching(method, rawPath)) {
      const { rule } = active;
      switch (rule.kind) {
        case "rotate-keys":
          rule.matched += 1;
          if (rule.matched === rule.afterRequests) {
            rule.injected += 1;
            rotateKeys();
            plan.hits.push(hitOf(rule));
          }
          break;
        case "latency":
          if (hits(rule)) {
            plan.delayMs += rule.ms ?? 0;
            plan.hits.push(hitOf(rule));
          }
          break;
        case "not-found-after-write":
          if (plan.answer || method !== "GET" || !active.unread.delete(pathKey)) break;
          this.answerWith(plan, rule);
          break;
        case "date":
        case "link":
        case "body":
        case "stall":
          // Consulted once the answer is ready (see modify).
          break;
        default:
          if (!plan.answer) this.answerWith(plan, rule);
      }
    }
    return plan;
  }

  /**
   * Consults the modifying rules for a request's answer, once it is ready, and applies those that
   * hit to it; adds them to the plan's hits, in rule order.
   */
  modify(plan: FaultPlan, method: string, rawPath: string, answer: ModifiableAnswer): void {
    for (const { rule } of this.matching(method, rawPath)) {
      if (!isModifying(rule) || !answer.changes(rule) || !hits(rule)) continue;
      answer.apply(rule);
      plan.hits.push(hitOf(rule));
      if (rule.kind === "stall") break;
    }
    plan.hits.sort((a, b) => a.id - b.id);
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

  /** The rules whose `method` and `path` select the request, in rule order. */
  private matching(method: string, rawPath: string): ActiveRule[] {
    return this.rules.filter(
      ({ rule, pattern }) => (rule.method === null || rule.method === method) && (!pattern || pattern.test(rawPath)),
    );
  }

  private answerWith(plan: FaultPlan, rule: FaultRule): void {
    if (!hits(rule)) return;
    plan.answer = rule as FaultRule & { kind: AnsweringKind };
    plan.delayMs += rule.ms ?? 0;
    plan.hits.push(hitOf(rule));
  }
}

function isModifying(rule: FaultRule): rule is ModifyingRule {
  return MODIFYING_KINDS.includes(rule.kind);
}

/** A rule's id and kind as they are when it hits (the rule itself may be removed later). */
function hitOf({ id, kind }: FaultRule): Pick<FaultRule, "id" | "kind"> {
  return { id, kind };
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
