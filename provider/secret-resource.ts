import type * as dynamic from "@pulumi/pulumi/dynamic";
import { requireToken } from "./context";
import { invalidInputs, type InputProblem } from "./errors";
import { deleteSecret, readSecret, writeSecret, type SecretOnGitHub } from "./github-secrets";
import { describeSecret, secretId } from "./scope";
import { checkValue, valueFor } from "./secret-value";
import { isUnknown } from "./validate";
import type { ProviderContext, ResourceImplementation, Scope } from "./types";

type Props = Record<string, any>;

export const DRIFT_POLICIES = ["overwrite", "ignore", "fail"] as const;

/** How much later than Pulumi's write GitHub's updated_at may be and still be that write. */
export const DRIFT_TOLERANCE_MS = 1000;

/**
 * What sets one kind of value-holding secret apart; the rest (value, fingerprint, drift, import,
 * replacement) is the same for every scope and lives here.
 */
export interface SecretResourceSpec {
  kind: string;
  /** Input fields that name the secret. A change to one, other than of case, replaces it. */
  identity: readonly string[];
  scopeOf(props: Props): Scope;
  checkIdentity(news: Props): Array<InputProblem | undefined>;
  /** Checked inputs beside identity and value (OrgSecret's visibility and selection). */
  checkSettings?(context: ProviderContext, news: Props, problems: InputProblem[]): Props;
  /** What the PUT carries beside the value, and the outputs that follow from it. */
  writeSettings?(context: ProviderContext, inputs: Props, label: string): Promise<{ body: Props; outs: Props }>;
  /** Settings changes that GitHub accepts only together with the value (it has no other PUT). */
  settingsNeedValue?(olds: Props, news: Props): boolean;
  /** Settings changes GitHub can take without the value, and how to apply them alone. */
  settingsChanged?(olds: Props, news: Props): boolean;
  applySettings?(context: ProviderContext, news: Props, label: string): Promise<Props>;
  /** What else a refresh finds changed outside Pulumi, said for a person, and the outputs to refresh. */
  readSettings?(context: ProviderContext, props: Props, remote: SecretOnGitHub, label: string): Promise<{ outs: Props; drift: string[] }>;
}

function sameName(a: unknown, b: unknown): boolean {
  return typeof a === "string" && typeof b === "string" ? a.toLowerCase() === b.toLowerCase() : a === b;
}

function withoutProvider(props: Props): Props {
  const { __provider, drift, ...rest } = props;
  return rest;
}

export function secretResource(spec: SecretResourceSpec): ResourceImplementation {
  const label = (props: Props) => `${spec.kind} ${describeSecret(spec.scopeOf(props), String(props.secretName))}`;

  function checkPolicy(news: Props, problems: InputProblem[]): Props {
    const onDrift = news.onDrift ?? "overwrite";
    if (!isUnknown(onDrift) && !DRIFT_POLICIES.includes(onDrift)) {
      problems.push({ field: "onDrift", reason: `is "${onDrift}"; give one of ${DRIFT_POLICIES.map((p) => `"${p}"`).join(", ")}.` });
    }
    return { onDrift };
  }

  // The SDK turns the `import` resource option into `importId`, because the engine's own import
  // cannot reach a dynamic provider. The ID must name the secret the inputs name.
  function checkImport(news: Props, problems: InputProblem[]): Props {
    if (news.importId === undefined || isUnknown(news.importId)) return {};
    if (spec.identity.every((field) => !isUnknown(news[field]))) {
      const expected = secretId(spec.scopeOf(news), String(news.secretName));
      if (String(news.importId).toLowerCase() !== expected.toLowerCase()) {
        problems.push({ field: "import", reason: `is "${news.importId}", but these inputs name "${expected}"; give that ID, or change the inputs to match the secret to import.` });
      }
    }
    return { importId: news.importId };
  }

  async function write(context: ProviderContext, inputs: Props, olds: Props = {}): Promise<Props> {
    const scope = spec.scopeOf(inputs);
    const settings = spec.writeSettings ? await spec.writeSettings(context, inputs, label(inputs)) : { body: {}, outs: {} };
    const done = await writeSecret(context, scope, inputs.secretName, valueFor(context, inputs, label(inputs)), settings.body, label(inputs));
    context.writtenThisRun.add(secretId(scope, inputs.secretName));
    // A secret that existed before (adopted, or written before) keeps the createdAt a refresh saw.
    const createdAt = done.created ? done.at : olds.createdAt;
    return { ...withoutProvider(inputs), ...settings.outs, ...(createdAt && { createdAt }), updatedAt: done.at, writtenAt: done.at };
  }

  return {
    async check(context, olds, news) {
      const problems = spec.checkIdentity(news).filter((p): p is InputProblem => p !== undefined);
      const identity = Object.fromEntries(spec.identity.map((field) => [field, news[field]]));
      if (problems.length === 0 && spec.identity.every((field) => !isUnknown(news[field]))) {
        const overflow = context.declaredSecrets.declare(spec.scopeOf(news), String(news.secretName));
        if (overflow) problems.push(overflow);
      }
      const settings = spec.checkSettings?.(context, news, problems) ?? {};
      const policy = checkPolicy(news, problems);
      const adoption = checkImport(news, problems);
      const value = checkValue(context, olds, news, problems);
      if (problems.length > 0 || !value) throw invalidInputs(label(news), problems);
      return { inputs: { ...identity, ...settings, ...value, ...policy, ...adoption } };
    },

    async diff(_context, _id, olds, news) {
      const replaces = spec.identity.filter((field) => !sameName(olds[field], news[field]));
      if (replaces.length > 0) {
        // Old and new may be the same secret (a rename back, a move and back): delete first, so
        // the delete cannot remove what the create just wrote.
        return { changes: true, replaces, deleteBeforeReplace: true };
      }
      if (olds.drift && news.onDrift === "fail") {
        throw new Error(`${label(news)}: ${olds.drift}. onDrift is "fail", so nothing was written: find out who changed it, then set onDrift to "overwrite" to write the program's value again, or "ignore" to leave GitHub's.`);
      }
      const drifted = Boolean(olds.drift) && news.onDrift !== "ignore";
      const valueChanged = olds.valueFingerprint !== news.valueFingerprint || olds.keyId !== news.keyId;
      const settingsChanged = spec.settingsChanged?.(olds, news) ?? false;
      return { changes: drifted || valueChanged || settingsChanged, replaces: [], deleteBeforeReplace: false };
    },

    async create(context, inputs) {
      requireToken(context, label(inputs));
      if (inputs.importId !== undefined) {
        const existing = await readSecret(context, spec.scopeOf(inputs), inputs.secretName, label(inputs));
        if (!existing) {
          throw new Error(`${label(inputs)}: cannot import "${inputs.importId}": GitHub has no such secret. Check the ID, or remove the import option to create the secret.`);
        }
      }
      const outs = await write(context, inputs);
      return { id: secretId(spec.scopeOf(inputs), inputs.secretName), outs };
    },

    async update(context, _id, olds, news) {
      requireToken(context, label(news));
      const valueChanged = olds.valueFingerprint !== news.valueFingerprint || olds.keyId !== news.keyId;
      const drifted = Boolean(olds.drift) && news.onDrift !== "ignore";
      if (valueChanged || drifted || spec.settingsNeedValue?.(olds, news)) return { outs: await write(context, news, olds) };
      const settings = spec.applySettings ? await spec.applySettings(context, news, label(news)) : {};
      const kept = { createdAt: olds.createdAt, updatedAt: olds.updatedAt, writtenAt: olds.writtenAt };
      return { outs: { ...withoutProvider(news), ...kept, ...settings, ...(olds.drift && { drift: olds.drift }) } };
    },

    async read(context, id, props) {
      requireToken(context, label(props));
      const remote = await readSecret(context, spec.scopeOf(props), props.secretName, label(props), props.writtenAt);
      if (!remote) return { id: "", props: {} };
      const drift: string[] = [];
      // writtenAt is the time of GitHub's answer to Pulumi's write (whole seconds), which GitHub's
      // updated_at for that write does not exceed but by clock skew; later than that by more than
      // a second is someone else's write. A change within that second cannot be told apart.
      const written = props.writtenAt ? Date.parse(props.writtenAt) : undefined;
      const changedOutside = written !== undefined && Date.parse(remote.updatedAt) > written + DRIFT_TOLERANCE_MS;
      if (changedOutside) {
        drift.push(`changed outside Pulumi at ${remote.updatedAt} (last written by Pulumi at ${props.writtenAt})`);
      }
      const settings = spec.readSettings ? await spec.readSettings(context, props, remote, label(props)) : { outs: {}, drift: [] };
      drift.push(...settings.drift);
      // Once GitHub shows Pulumi's own write, its exact updated_at is the baseline from then on.
      const baseline = written !== undefined && !changedOutside ? { writtenAt: remote.updatedAt } : {};
      const outs = { ...withoutProvider(props), ...settings.outs, createdAt: remote.createdAt, updatedAt: remote.updatedAt, ...baseline };
      return { id, props: drift.length > 0 ? { ...outs, drift: drift.join("; ") } : outs };
    },

    async delete(context, _id, props) {
      // Another resource wrote this secret in this run: it is that resource's now (see WrittenThisRun).
      if (context.writtenThisRun.has(secretId(spec.scopeOf(props), props.secretName))) return;
      requireToken(context, label(props));
      await deleteSecret(context, spec.scopeOf(props), props.secretName, label(props));
    },
  };
}
