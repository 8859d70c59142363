import { invalidInputs, type InputProblem } from "../core/input-problems";
import { describeSecret, secretId, secretKey } from "../core/scope";
import { isUnknown } from "../core/validate";
import { checkImportId, checkPolicy, drifted, identityReplaces } from "./change-rules";
import { checkValue, valueFor } from "./check-value";
import { requireToken, type ProviderContext } from "./context";
import { deleteSecret, readSecret, writeSecret, type SecretOnGitHub } from "./github-secrets";
import type { ItemIdentity } from "./scope-identity";
import { GONE, withoutProvider, type ResourceImplementation } from "./resource-implementation";
import type { RawInputs, ValueSecretInputs, ValueSecretOutputs } from "./types";

/** How much later than Pulumi's write GitHub's updated_at may be and still be that write. */
export const DRIFT_TOLERANCE_MS = 1000;

/**
 * Who may read a secret, beside its scope: an organization secret's visibility and selected repositories. GitHub
 * takes it in the same PUT as the value, and some of it (the selection) on its own.
 */
export interface AccessSpec<Inputs extends ValueSecretInputs, Outputs extends ValueSecretOutputs> {
  /** The access inputs, checked; problems are pushed. */
  check(context: ProviderContext, news: RawInputs, problems: InputProblem[]): Partial<Inputs>;
  /** What the PUT carries beside the value, and the outputs that follow from it. */
  body(
    context: ProviderContext,
    inputs: Inputs,
    label: string,
  ): Promise<{ body: Record<string, unknown>; outs: Partial<Outputs> }>;
  /** Access changes that GitHub takes only together with the value (it has no other PUT for them). */
  needsValue(olds: Inputs & Outputs, news: Inputs): boolean;
  /** Whether access changed at all. */
  changed(olds: Inputs & Outputs, news: Inputs): boolean;
  /** Applies a change GitHub takes without the value (`olds`: the state before it); answers the outputs that follow. */
  apply(context: ProviderContext, news: Inputs, label: string, olds: Inputs & Outputs): Promise<Partial<Outputs>>;
  /** What a refresh finds changed outside Pulumi, said for a person. */
  readDrift(
    context: ProviderContext,
    props: Inputs & Outputs,
    remote: SecretOnGitHub,
    label: string,
  ): Promise<string[]>;
}

/**
 * What sets one kind of value-holding secret apart; the rest (value, fingerprint, drift, import,
 * replacement) is the same for every scope and lives here.
 */
export interface SecretResourceSpec<
  Inputs extends ValueSecretInputs,
  Outputs extends ValueSecretOutputs,
> extends ItemIdentity<Inputs> {
  kind: string;
  access?: AccessSpec<Inputs, Outputs>;
}

function valueChanged(olds: ValueSecretInputs, news: ValueSecretInputs): boolean {
  return olds.valueFingerprint !== news.valueFingerprint || olds.keyId !== news.keyId;
}

export function secretResource<Inputs extends ValueSecretInputs, Outputs extends ValueSecretOutputs>(
  spec: SecretResourceSpec<Inputs, Outputs>,
): ResourceImplementation<Inputs, Outputs> {
  type State = Inputs & Outputs;
  const label = (props: RawInputs) => `${spec.kind} ${describeSecret(spec.scopeOf(props), String(props.secretName))}`;
  const scopeOf = (props: Inputs) => spec.scopeOf(props);
  const labelOf = (props: Inputs) => label(props);

  // The SDK turns the `import` resource option into `importId`, because the engine's own import
  // cannot reach a dynamic provider. The ID must name the secret the inputs name.
  function checkImport(news: RawInputs, problems: InputProblem[]): { importId?: string } {
    const expected = () => secretId(spec.scopeOf(news), String(news.secretName));
    return checkImportId(news, spec.identity, expected, "secret", problems);
  }

  async function write(context: ProviderContext, inputs: Inputs, olds?: State): Promise<State> {
    const scope = scopeOf(inputs);
    const access = spec.access ? await spec.access.body(context, inputs, labelOf(inputs)) : { body: {}, outs: {} };
    const done = await writeSecret(
      context,
      scope,
      inputs.secretName,
      valueFor(context, inputs, labelOf(inputs)),
      access.body,
      labelOf(inputs),
    );
    context.writtenThisRun.add(secretKey(scope, inputs.secretName));
    // A secret that existed before (adopted, or written before) keeps the createdAt a refresh saw.
    const createdAt = done.created ? done.at : olds?.createdAt;
    return {
      ...withoutProvider(inputs),
      ...access.outs,
      ...(createdAt && { createdAt }),
      updatedAt: done.at,
      writtenAt: done.at,
    } as State;
  }

  return {
    async check(context, olds, news) {
      const problems = spec.checkIdentity(news).filter((p): p is InputProblem => p !== undefined);
      const identity = Object.fromEntries(spec.identity.map((field) => [field, news[field]]));
      if (problems.length === 0 && spec.identity.every((field) => !isUnknown(news[field]))) {
        const overflow = context.declaredSecrets.declare(spec.scopeOf(news), String(news.secretName));
        if (overflow) problems.push(overflow);
      }
      const access = spec.access?.check(context, news, problems) ?? {};
      const policy = checkPolicy(news, problems);
      const adoption = checkImport(news, problems);
      const value = checkValue(context, olds, news, problems);
      if (problems.length > 0 || !value) throw invalidInputs(label(news), problems);
      return { inputs: { ...identity, ...access, ...value, ...policy, ...adoption } as Inputs };
    },

    async diff(_context, _id, olds, news) {
      // Old and new may be the same secret (a rename back, a move and back): delete first, so
      // the delete cannot remove what the create just wrote.
      const replacement = identityReplaces<Inputs>(spec.identity, olds, news);
      if (replacement) return replacement;
      // Drift is a change either way, even under onDrift "fail": the update is what refuses it. Diff must not
      // throw, because the engine also calls it during `pulumi refresh` to show what the refresh found.
      const accessChanged = spec.access?.changed(olds, news) ?? false;
      return {
        changes: drifted(olds, news) || valueChanged(olds, news) || accessChanged,
        replaces: [],
        deleteBeforeReplace: false,
      };
    },

    async create(context, inputs) {
      requireToken(context, labelOf(inputs));
      if (inputs.importId !== undefined) {
        const existing = await readSecret(context, scopeOf(inputs), inputs.secretName, labelOf(inputs));
        if (!existing) {
          throw new Error(
            `${labelOf(inputs)}: cannot import "${inputs.importId}": GitHub has no such secret. Check the ID, or remove the import option to create the secret.`,
          );
        }
      }
      const outs = await write(context, inputs);
      return { id: secretId(scopeOf(inputs), inputs.secretName), outs };
    },

    async update(context, _id, olds, news) {
      if (olds.drift && news.onDrift === "fail") {
        throw new Error(
          `${labelOf(news)}: ${olds.drift}. onDrift is "fail", so nothing was written: find out who changed it, then set onDrift to "overwrite" to write the program's value again, or "ignore" to leave GitHub's.`,
        );
      }
      requireToken(context, labelOf(news));
      if (valueChanged(olds, news) || drifted(olds, news) || spec.access?.needsValue(olds, news))
        return { outs: await write(context, news, olds) };
      const accessOuts = spec.access ? await spec.access.apply(context, news, labelOf(news), olds) : {};
      const kept = { createdAt: olds.createdAt, updatedAt: olds.updatedAt, writtenAt: olds.writtenAt };
      return {
        outs: { ...withoutProvider(news), ...kept, ...accessOuts, ...(olds.drift && { drift: olds.drift }) } as State,
      };
    },

    async read(context, id, props) {
      requireToken(context, labelOf(props));
      const remote = await readSecret(context, scopeOf(props), props.secretName, labelOf(props), props.writtenAt);
      if (!remote) return GONE;
      const drift: string[] = [];
      // writtenAt is the time of GitHub's answer to Pulumi's write (whole seconds), which GitHub's
      // updated_at for that write does not exceed but by clock skew; later than that by more than
      // a second is someone else's write. A change within that second cannot be told apart.
      const written = props.writtenAt ? Date.parse(props.writtenAt) : undefined;
      const changedOutside = written !== undefined && Date.parse(remote.updatedAt) > written + DRIFT_TOLERANCE_MS;
      if (changedOutside) {
        drift.push(`changed outside Pulumi at ${remote.updatedAt} (last written by Pulumi at ${props.writtenAt})`);
      }
      if (spec.access) drift.push(...(await spec.access.readDrift(context, props, remote, labelOf(props))));
      // Once GitHub shows Pulumi's own write, its exact updated_at is the baseline from then on.
      const baseline = written !== undefined && !changedOutside ? { writtenAt: remote.updatedAt } : {};
      const outs = {
        ...withoutProvider(props),
        createdAt: remote.createdAt,
        updatedAt: remote.updatedAt,
        ...baseline,
      } as State;
      return { id, props: drift.length > 0 ? { ...outs, drift: drift.join("; ") } : outs };
    },

    async delete(context, _id, props) {
      // Another resource wrote this secret in this run: it is that resource's now (see WrittenThisRun).
      if (context.writtenThisRun.has(secretKey(scopeOf(props), props.secretName))) return;
      requireToken(context, labelOf(props));
      await deleteSecret(context, scopeOf(props), props.secretName, labelOf(props));
    },
  };
}
