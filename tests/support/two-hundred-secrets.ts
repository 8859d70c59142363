import type { FaultRuleInput } from "../../emulator";
import { declaredStack, type Declared } from "../../programs/declared-stack";
import { useEmulatedGitHub } from "./emulated-github";

// 200 secrets over organization, repository and environment scopes: what the fault suites declare.
const SCOPES: Array<[number, (i: number) => Pick<Declared, "kind" | "args">]> = [
  [
    50,
    (i) => ({
      kind: "OrgSecret",
      args: { org: "octo-org", secretName: `ORG_${i}`, visibility: i % 2 ? "all" : "private" },
    }),
  ],
  [
    50,
    (i) => ({ kind: "RepoSecret", args: { owner: "octo-org", repository: "hello-world", secretName: `HELLO_${i}` } }),
  ],
  [
    50,
    (i) => ({ kind: "RepoSecret", args: { owner: "octo-org", repository: "spoon-knife", secretName: `SPOON_${i}` } }),
  ],
  [
    25,
    (i) => ({
      kind: "EnvSecret",
      args: { owner: "octo-org", repository: "hello-world", environment: "production", secretName: `PROD_${i}` },
    }),
  ],
  [
    25,
    (i) => ({
      kind: "EnvSecret",
      args: { owner: "octo-org", repository: "hello-world", environment: "prod/eu west", secretName: `EU_${i}` },
    }),
  ],
];

/** The 200 secrets, each value unique to `run`. */
export function twoHundredSecrets(run: string): Declared[] {
  return SCOPES.flatMap(([count, make], scope) =>
    Array.from({ length: count }, (_, i) => ({
      ...make(i),
      name: `s${scope}-${i}`,
      value: `${run}-value-${scope}-${i}`,
    })),
  );
}

/** `NAME@scope=value` for each secret, as `onGitHub` lists them. */
export function expectedOnGitHub(declared: Declared[]): string[] {
  return declared
    .map(
      (d) =>
        `${String((d.args.secretName as string).toUpperCase())}@${(d.args.environment ?? d.args.repository ?? "org") as string}=${d.value}`,
    )
    .sort();
}

/** One emulator for a suite file, reset before each test, with what the suites compare against. */
export function useFaultEmulator() {
  const github = useEmulatedGitHub({ resetEachTest: true });
  return Object.assign(github, {
    onGitHub: async () =>
      (await github.secrets()).map((s) => `${s.name}@${s.environment ?? s.repository ?? "org"}=${s.value}`).sort(),
  });
}

export type FaultEmulator = ReturnType<typeof useFaultEmulator>;

/**
 * One `up` of the 200 secrets with `fault` injected, then `refresh`: every secret right on GitHub,
 * none missing or extra, the state agrees with no drift, and a second `up` sends no request.
 * Answers the suite's figures for the closing line.
 */
export async function upUnderFault(
  github: FaultEmulator,
  what: string,
  fault: FaultRuleInput,
  environment: Record<string, string> = {},
): Promise<string> {
  const stack = await declaredStack(github.url, "emulator-token", undefined, "config", environment);
  try {
    const declared = twoHundredSecrets(what.replace(/\W+/g, "-"));
    await stack.declare(declared);
    await github.addFault(fault);
    const started = Date.now();
    const first = await stack.up();
    const seconds = (Date.now() - started) / 1000;
    // `refresh` right after reads every secret soon after its write.
    const refreshed = await stack.refresh();
    const log = await github.requests();
    const rules = await github.faults();
    await github.clearFaults();

    expect(first.stderr).toBe("");
    expect({ exitCode: first.exitCode, printed: first.exitCode === 0 ? "" : first.stdout.slice(-3000) }).toEqual({
      exitCode: 0,
      printed: "",
    });
    expect(refreshed.exitCode).toBe(0);
    expect(await github.onGitHub()).toEqual(expectedOnGitHub(declared));
    const state = (await stack.exported()).resources.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic"));
    expect(state).toHaveLength(200);
    expect(state.filter((r) => r.outputs.drift).map((r) => `${r.id}: ${r.outputs.drift}`)).toEqual([]);

    const mark = (await github.requests()).length;
    const second = await stack.up();
    expect(second.stdout).toMatch(/201 unchanged/);
    expect((await github.requests()).length).toBe(mark);

    const writes = log.filter((r) => r.method === "PUT");
    const retries = writes.length - new Set(writes.map((r) => r.path)).size;
    const injected = rules.reduce((n, r) => n + r.injected, 0);
    expect(injected).toBeGreaterThan(0);
    return `  ${what}: ${injected} faults injected, ${log.length} requests (${writes.length} writes, ${retries} writes retried), 0 operations failed, up in ${seconds.toFixed(1)} s`;
  } finally {
    stack.remove();
  }
}
