// The two ways other tools write many secrets, with Octokit directly (not through the provider):
//  (a) "key per write", as the Terraform provider's github_actions_secret does: every create
//      fetches the scope's public key, then seals and PUTs; here with the same concurrency bound as
//      the provider (10 at once).
//  (b) "unbounded", as `gh secret set -f` does: the key once per scope, then every PUT at once, with
//      no bound, no pacing and no retry (@octokit/rest alone: no retry or throttling plugin), so a
//      403 from the secondary limit is a secret that did not land.
import { Octokit } from "@octokit/rest";
import sodium from "libsodium-wrappers";
import { ORG, scopeKey, TOKEN, valueOf, type BenchSecret, type Scope } from "./workload";

function client(baseUrl: string): Octokit {
  return new Octokit({
    auth: TOKEN,
    baseUrl,
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
  });
}

function base(scope: Scope): { path: string; params: Record<string, string> } {
  if (scope.kind === "org") return { path: "/orgs/{org}/actions/secrets", params: { org: ORG } };
  if (scope.kind === "repo")
    return { path: "/repos/{owner}/{repo}/actions/secrets", params: { owner: ORG, repo: scope.repository } };
  return {
    path: "/repos/{owner}/{repo}/environments/{environment_name}/secrets",
    params: { owner: ORG, repo: scope.repository, environment_name: scope.environment },
  };
}

interface Key {
  key_id: string;
  key: string;
}

async function fetchKey(octokit: Octokit, scope: Scope): Promise<Key> {
  const { path, params } = base(scope);
  const { data } = (await octokit.request(`GET ${path}/public-key`, params)) as { data: Key };
  return data;
}

async function put(octokit: Octokit, secret: BenchSecret, key: Key, generation: number): Promise<void> {
  await sodium.ready;
  const sealed = sodium.crypto_box_seal(
    sodium.from_string(valueOf(secret, generation)),
    sodium.from_base64(key.key, sodium.base64_variants.ORIGINAL),
  );
  const { path, params } = base(secret.scope);
  await octokit.request(`PUT ${path}/{secret_name}`, {
    ...params,
    secret_name: secret.secretName,
    encrypted_value: sodium.to_base64(sealed, sodium.base64_variants.ORIGINAL),
    key_id: key.key_id,
    ...(secret.scope.kind === "org" && { visibility: "private" }),
  });
}

/** Runs `task` over `items`, at most `bound` at once. */
async function pool<T>(items: T[], bound: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(bound, items.length) }, worker));
}

/** (a) A key fetch before every write, `concurrency` writes at once. Throws on any failure. */
export async function keyPerWrite(baseUrl: string, list: BenchSecret[], concurrency: number): Promise<void> {
  const octokit = client(baseUrl);
  await pool(list, concurrency, async (secret) => put(octokit, secret, await fetchKey(octokit, secret.scope), 0));
}

/** (b) The key once per scope, then every write at once, no retry: how many failed, and with which statuses. */
export async function unbounded(
  baseUrl: string,
  list: BenchSecret[],
): Promise<{ failed: number; statuses: Record<string, number> }> {
  const octokit = client(baseUrl);
  const statuses: Record<string, number> = {};
  const count = (status: number | undefined) => {
    const key = status === undefined ? "error" : String(status);
    statuses[key] = (statuses[key] ?? 0) + 1;
  };
  const scopes = new Map<string, Promise<Key>>();
  for (const secret of list) {
    const k = scopeKey(secret.scope);
    if (!scopes.has(k)) scopes.set(k, fetchKey(octokit, secret.scope));
  }
  let failed = 0;
  await Promise.all(
    list.map(async (secret) => {
      try {
        await put(octokit, secret, await scopes.get(scopeKey(secret.scope))!, 0);
        count(201);
      } catch (e) {
        failed += 1;
        count((e as { status?: number }).status);
      }
    }),
  );
  return { failed, statuses };
}
