import { invalidInputs, type InputProblem } from "../core/input-problems";
import { secretId, type Scope } from "../core/scope";
import { isUnknown } from "../core/validate";
import { checkVariableValue } from "../core/variable-value";
import { checkImportId, checkPolicy, drifted, identityReplaces } from "./change-rules";
import { requireToken, type ProviderContext } from "./context";
import { declareVariable } from "./declared-variables";
import {
  createVariable,
  deleteVariable,
  readVariable,
  updateVariable,
  type VariableOnGitHub,
} from "./github-variables";
import type { ItemIdentity } from "./scope-identity";
import { GONE, withoutProvider, type ResourceImplementation } from "./resource-implementation";
import type { RawInputs, VariableInputs, VariableOutputs } from "./types";

/** A variable's ID and import ID: `ORG/NAME`, `OWNER/REPO/NAME` or `OWNER/REPO/ENVIRONMENT/NAME` (encoded), as a secret's. */
export function variableId(scope: Scope, name: string): string {
  return secretId(scope, name);
}

/**
 * A variable's identity within a process (WrittenThisRun, SelectionOwners): prefixed, so that a secret and a
 * variable of the same name and scope are never taken for one another.
 */
export function variableKey(scope: Scope, name: string): string {
  return `variable:${variableId(scope, name)}`.toLowerCase();
}

/** How errors name a variable: its ID, with the environment readable. */
export function describeVariable(scope: Scope, name: string): string {
  if (scope.kind === "environment") {
    return `${scope.owner}/${scope.repository} environment "${scope.environment}" variable ${name}`;
  }
  return variableId(scope, name);
}

/**
 * Who may read an organization variable, beside its scope: its visibility and selected repositories. Unlike a
 * secret's, GitHub takes all of it in the variable's own PATCH, with or without the value.
 */
export interface VariableAccessSpec<Inputs extends VariableInputs, Outputs extends VariableOutputs> {
  /** The access inputs, checked; problems are pushed. */
  check(context: ProviderContext, news: RawInputs, problems: InputProblem[]): Partial<Inputs>;
  /** What a POST or PATCH carries for the access, and the outputs that follow from it. */
  body(
    context: ProviderContext,
    inputs: Inputs,
    label: string,
  ): Promise<{ body: Record<string, unknown>; outs: Partial<Outputs> }>;
  /** Whether access changed at all. */
  changed(olds: Inputs & Outputs, news: Inputs): boolean;
  /** The access outputs an update that does not write access keeps. */
  kept(olds: Inputs & Outputs): Partial<Outputs>;
  /** What differs on GitHub from `props`, said for a person. */
  readDrift(
    context: ProviderContext,
    props: Inputs & Outputs,
    remote: VariableOnGitHub,
    label: string,
  ): Promise<string[]>;
}

/** What sets one kind of variable apart; the rest (value, drift, import, replacement) lives here. */
export interface VariableResourceSpec<
  Inputs extends VariableInputs,
  Outputs extends VariableOutputs,
> extends ItemIdentity<Inputs> {
  kind: string;
  access?: VariableAccessSpec<Inputs, Outputs>;
}

/**
 * An Actions variable of one kind of scope. Create is a POST (409 when the name exists: with the `import` option
 * the resource adopts the variable, without it the error says to import it); an update one PATCH of what changed;
 * delete a DELETE. The state keeps the value (GitHub returns it to anyone who can read the variable); a value the
 * program gave as a Pulumi secret stays a secret in the state, because the engine re-marks a provider's answers
 * by input name. A refresh compares the value (and visibility and selection) with GitHub's: what differs is
 * `drift`, which `onDrift` acts on as for secrets. The drift text never holds a value.
 */
export function variableResource<Inputs extends VariableInputs, Outputs extends VariableOutputs>(
  spec: VariableResourceSpec<Inputs, Outputs>,
): ResourceImplementation<Inputs, Outputs> {
  type State = Inputs & Outputs;
  const label = (props: RawInputs) =>
    `${spec.kind} ${describeVariable(spec.scopeOf(props), String(props.variableName))}`;
  const scopeOf = (props: Inputs) => spec.scopeOf(props);
  const idOf = (props: Inputs) => variableId(scopeOf(props), props.variableName);
  const noAccess = { body: {}, outs: {} };

  /** What differs on GitHub from `props` (the value, then access). */
  async function driftOf(context: ProviderContext, props: State, remote: VariableOnGitHub): Promise<string[]> {
    const drift: string[] = [];
    if (remote.value !== props.value) {
      drift.push(
        `the value was changed outside Pulumi (GitHub's updated_at ${remote.updatedAt}${props.writtenAt ? `; last written by Pulumi at ${props.writtenAt}` : ""})`,
      );
    }
    if (spec.access) drift.push(...(await spec.access.readDrift(context, props, remote, label(props))));
    return drift;
  }

  /** Adopts the variable that the `import` option names: its value and access written only where they differ. */
  async function adopt(context: ProviderContext, inputs: Inputs): Promise<State> {
    const scope = scopeOf(inputs);
    const remote = await readVariable(context, scope, inputs.variableName, label(inputs));
    if (!remote) {
      throw new Error(
        `${label(inputs)}: cannot import "${inputs.importId}": GitHub has no such variable. Check the ID, or remove the import option to create the variable.`,
      );
    }
    const access = spec.access ? await spec.access.body(context, inputs, label(inputs)) : noAccess;
    const candidate = { ...withoutProvider(inputs), ...access.outs } as State;
    const differs = (await driftOf(context, candidate, remote)).length > 0;
    const times = { createdAt: remote.createdAt, updatedAt: remote.updatedAt, writtenAt: remote.updatedAt };
    if (differs) {
      const { at } = await updateVariable(
        context,
        scope,
        inputs.variableName,
        { value: inputs.value, ...access.body },
        label(inputs),
      );
      Object.assign(times, { updatedAt: at, writtenAt: at });
    }
    context.writtenThisRun.add(variableKey(scope, inputs.variableName));
    return { ...candidate, ...times };
  }

  return {
    async check(context, _olds, news) {
      const problems = spec.checkIdentity(news).filter((p): p is InputProblem => p !== undefined);
      const identity = Object.fromEntries(spec.identity.map((field) => [field, news[field]]));
      if (problems.length === 0 && spec.identity.every((field) => !isUnknown(news[field]))) {
        const overflow = declareVariable(context, spec.scopeOf(news), String(news.variableName));
        if (overflow) problems.push(overflow);
      }
      const valueProblem = checkVariableValue("value", news.value);
      if (valueProblem) problems.push(valueProblem);
      const access = spec.access?.check(context, news, problems) ?? {};
      const policy = checkPolicy(news, problems);
      const expected = () => variableId(spec.scopeOf(news), String(news.variableName));
      const adoption = checkImportId(news, spec.identity, expected, "variable", problems);
      if (problems.length > 0) throw invalidInputs(label(news), problems);
      return { inputs: { ...identity, ...access, value: news.value, ...policy, ...adoption } as Inputs };
    },

    async diff(_context, _id, olds, news) {
      const replacement = identityReplaces<Inputs>(spec.identity, olds, news);
      if (replacement) return replacement;
      // Drift is a change either way, even under onDrift "fail": the update is what refuses it.
      const accessChanged = spec.access?.changed(olds, news) ?? false;
      return {
        changes: drifted(olds, news) || olds.value !== news.value || accessChanged,
        replaces: [],
        deleteBeforeReplace: false,
      };
    },

    async create(context, inputs) {
      requireToken(context, label(inputs));
      if (inputs.importId !== undefined) return { id: idOf(inputs), outs: await adopt(context, inputs) };
      const scope = scopeOf(inputs);
      const access = spec.access ? await spec.access.body(context, inputs, label(inputs)) : noAccess;
      const created = await createVariable(
        context,
        scope,
        inputs.variableName,
        { value: inputs.value, ...access.body },
        label(inputs),
      );
      if (created === "exists") {
        throw new Error(
          `${label(inputs)}: GitHub has a variable ${inputs.variableName.toUpperCase()} there already (it answered 409), and nothing was changed. To manage it with Pulumi, give the resource the import option with its ID: { import: "${idOf(inputs)}" } (the next update then writes the program's value); or choose another name.`,
        );
      }
      context.writtenThisRun.add(variableKey(scope, inputs.variableName));
      const outs = {
        ...withoutProvider(inputs),
        ...access.outs,
        createdAt: created.at,
        updatedAt: created.at,
        writtenAt: created.at,
      } as State;
      return { id: idOf(inputs), outs };
    },

    async update(context, _id, olds, news) {
      if (olds.drift && news.onDrift === "fail") {
        throw new Error(
          `${label(news)}: ${olds.drift}. onDrift is "fail", so nothing was written: find out who changed it, then set onDrift to "overwrite" to write the program's value again, or "ignore" to leave GitHub's.`,
        );
      }
      const again = drifted(olds, news);
      const writeValue = again || olds.value !== news.value;
      const writeAccess = spec.access !== undefined && (again || spec.access.changed(olds, news));
      const kept = { createdAt: olds.createdAt, updatedAt: olds.updatedAt, writtenAt: olds.writtenAt };
      if (!writeValue && !writeAccess) {
        return { outs: { ...withoutProvider(news), ...kept, ...(olds.drift && { drift: olds.drift }) } as State };
      }
      requireToken(context, label(news));
      const access = writeAccess ? await spec.access!.body(context, news, label(news)) : noAccess;
      const keptAccess = writeAccess || !spec.access ? {} : spec.access.kept(olds);
      const { at } = await updateVariable(
        context,
        scopeOf(news),
        news.variableName,
        { ...(writeValue && { value: news.value }), ...access.body },
        label(news),
      );
      context.writtenThisRun.add(variableKey(scopeOf(news), news.variableName));
      const outs = { ...withoutProvider(news), ...keptAccess, ...access.outs, ...kept };
      return { outs: { ...outs, updatedAt: at, writtenAt: at } as State };
    },

    async read(context, id, props) {
      requireToken(context, label(props));
      const remote = await readVariable(context, scopeOf(props), props.variableName, label(props), props.writtenAt);
      if (!remote) return GONE;
      const drift = isUnknown(props.value) ? [] : await driftOf(context, props, remote);
      const outs = {
        ...withoutProvider(props),
        createdAt: remote.createdAt,
        updatedAt: remote.updatedAt,
      } as State;
      return { id, props: drift.length > 0 ? { ...outs, drift: drift.join("; ") } : outs };
    },

    async delete(context, _id, props) {
      // Another resource wrote this variable in this run: it is that resource's now (see WrittenThisRun).
      if (context.writtenThisRun.has(variableKey(scopeOf(props), props.variableName))) return;
      requireToken(context, label(props));
      await deleteVariable(context, scopeOf(props), props.variableName, label(props));
    },
  };
}
