import type * as dynamic from "@pulumi/pulumi/dynamic";
import { invalidInputs, type InputProblem } from "./errors";
import { describeSecret, secretId } from "./scope";
import { checkValue, deleteSecret, readSecretTimes, valueFor, writeSecret } from "./secret-value";
import { checkOwner, checkRepository, checkSecretName } from "./validate";
import type { ProviderContext, ResourceImplementation, Scope } from "./types";

/**
 * RepoSecret: a repository's Actions secret.
 *
 * Checked inputs (what the state keeps): owner, repository, secretName, valueFingerprint,
 * valueSalt (a Pulumi secret), and keyId for a value the user sealed. Outputs add GitHub's
 * createdAt and updatedAt.
 */
const IDENTITY = ["owner", "repository", "secretName"] as const;

function scopeOf(props: Record<string, any>): Scope {
  return { kind: "repo", owner: props.owner, repository: props.repository };
}

function label(props: Record<string, any>): string {
  return `RepoSecret ${describeSecret(scopeOf(props), String(props.secretName))}`;
}

function sameName(a: unknown, b: unknown): boolean {
  return typeof a === "string" && typeof b === "string" ? a.toLowerCase() === b.toLowerCase() : a === b;
}

async function written(context: ProviderContext, inputs: Record<string, any>): Promise<dynamic.CreateResult> {
  const scope = scopeOf(inputs);
  await writeSecret(context, scope, inputs.secretName, valueFor(context, inputs, label(inputs)), {}, label(inputs));
  const times = await readSecretTimes(context, scope, inputs.secretName, label(inputs));
  return { id: secretId(scope, inputs.secretName), outs: { ...withoutProvider(inputs), ...times } };
}

function withoutProvider(props: Record<string, any>): Record<string, any> {
  const { __provider, ...rest } = props;
  return rest;
}

export const repoSecret: ResourceImplementation = {
  async check(context, olds, news) {
    const problems: InputProblem[] = [
      checkOwner("owner", news.owner),
      checkRepository("repository", news.repository),
      checkSecretName("secretName", news.secretName),
    ].filter((p): p is InputProblem => p !== undefined);
    const value = checkValue(context, olds, news, problems);
    if (problems.length > 0 || !value) throw invalidInputs(label(news), problems);
    return { inputs: { owner: news.owner, repository: news.repository, secretName: news.secretName, ...value } };
  },

  async diff(_context, _id, olds, news) {
    const replaces = IDENTITY.filter((field) => !sameName(olds[field], news[field]));
    const valueChanged = olds.valueFingerprint !== news.valueFingerprint || olds.keyId !== news.keyId;
    // Old and new may name the same secret (a case change, a rename back): delete first, so the
    // delete cannot remove what the create just wrote.
    return { changes: replaces.length > 0 || valueChanged, replaces, deleteBeforeReplace: replaces.length > 0 };
  },

  create: written,

  async update(context, _id, _olds, news) {
    const { outs } = await written(context, news);
    return { outs };
  },

  async read(context, id, props) {
    const times = await readSecretTimes(context, scopeOf(props), props.secretName, label(props));
    if (!times) return { id: "", props: {} };
    return { id, props: { ...withoutProvider(props), ...times } };
  },

  async delete(context, _id, props) {
    await deleteSecret(context, scopeOf(props), props.secretName, label(props));
  },
};
