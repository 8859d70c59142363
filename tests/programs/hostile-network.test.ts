import type { FaultRuleInput } from "../../emulator";
import { upUnderFault, useFaultEmulator } from "../support/two-hundred-secrets";
import { engineTimeout } from "../support/engine-timeout";

// What stands between the provider and GitHub, one `up` of 200 secrets over organization,
// repository and environment scopes per kind: Date headers dropped, garbled or doubled (a proxy
// passing GitHub's on beside its own), a gateway's HTML page with status 200 or 502 in GitHub's
// stead, JSON bodies emptied or cut, answers that stall before their headers or halfway through
// their body. Afterwards every secret decrypts to its value, none is missing or extra, the state
// has 200 entries without drift, and a second `up` sends no request.
const TIMEOUT_MS = 1500;
const HOSTILE: Array<[string, FaultRuleInput]> = [
  ["Date dropped", { kind: "date", mode: "drop" }],
  ["Date garbled", { kind: "date", mode: "garble" }],
  ["two Date headers", { kind: "date", mode: "double" }],
  ["gateway HTML with status 502", { kind: "gateway-html", status: 502, share: 0.05 }],
  ["gateway HTML with status 200", { kind: "gateway-html", status: 200, share: 0.05 }],
  ["empty JSON bodies", { kind: "body", mode: "empty", share: 0.1 }],
  ["truncated JSON bodies", { kind: "body", mode: "truncate", share: 0.1 }],
  ["answers stalled mid-body", { kind: "stall", at: "body", share: 0.02, count: 4 }],
  ["no answer at all", { kind: "stall", at: "headers", share: 0.02, count: 4 }],
];

const github = useFaultEmulator();
const figures: string[] = [];
afterAll(() =>
  process.stdout.write(
    `\nHostile-network suite (200 secrets per run, request timeout ${TIMEOUT_MS} ms):\n${figures.join("\n")}\n`,
  ),
);

test.each(HOSTILE)(
  "%s: every secret right, none missing or extra, and a second up sends nothing",
  async (what, fault) => {
    figures.push(await upUnderFault(github, what, fault, { GITHUB_SECRETS_REQUEST_TIMEOUT_MS: String(TIMEOUT_MS) }));
  },
  engineTimeout(180_000),
);
