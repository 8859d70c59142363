// `up` and `preview`: runs the program against the monitor and plays the engine's step generator and executor
// (pkg/resource/deploy/step_generator.go, step_executor.go) for what it registers. Check and Diff run one
// registration at a time in registration order; the resulting Create/Update/Replace run at most `--parallel`
// at once; a failure stops new steps (in-flight ones finish) and the program; resources no longer registered
// are deleted after the program ends, dependents first.
import { checkpointStackName, saveResources } from "./checkpoint";
import { defaultProviderState, defaultProviderUrn, launchProviderHost, providerReference } from "./default-provider";
import { deleteInReverseOrder, deleteProtectedMessage, sortByDependencies } from "./dependency-order";
import { formatCheckFailure } from "./format-check-failure";
import { limiter, type Limit } from "./limiter";
import { deepEqual, secretOutputs, unwrapSecretsInMap } from "./property-values";
import { refreshResources } from "./refresh-resources";
import { Report } from "./report";
import { runProgram } from "./run-program";
import { MonitorTerminating, serveMonitor, type Severity } from "./serve-monitor";
import { InitError, isDynamicResourceType, type ProviderHost } from "./start-provider-host";
import type { PropertyMap, Registration, RegistrationResult, ResourceState, StackContext, StepOp } from "./types";
import { makeUrn, ROOT_STACK_TYPE } from "./urn";

export interface UpdateOptions {
  preview: boolean;
  /** `up --refresh`: refresh the state before running the program. */
  refresh: boolean;
  /**
   * Not `--skip-preview`: the CLI previews first, and with `--refresh` that preview reads every resource as the
   * update's refresh then does again. (The preview's Check and Diff calls send nothing to GitHub, so the harness
   * makes only the reads twice.)
   */
  previewFirst?: boolean;
  /** Aborted on Ctrl-C: no step starts after it, the steps under way finish and are saved, as the CLI does. */
  interrupt?: AbortSignal;
}

/**
 * How often, at most, the state is saved while an update runs. The CLI saves each finished step as it goes, so a
 * run killed part-way leaves what it did in the state; saving the whole file after every step would cost a
 * thousand-resource run gigabytes of writes, so the harness saves at most this often, and once more at the end.
 */
const SAVE_INTERVAL_MS = 500;

/** What the step generator decided for one registration. */
interface Plan {
  op: StepOp;
  inputs: PropertyMap;
  deleteBeforeReplace: boolean;
}

/** How long a program gets to stop by itself once the deployment has failed. */
const PROGRAM_GRACE_MS = 3000;

export async function runUpdate(ctx: StackContext, olds: ResourceState[], options: UpdateOptions): Promise<boolean> {
  return new Update(ctx, olds, options).run();
}

class Update {
  private readonly report: Report;
  private readonly limit: Limit;
  private readonly stackUrn: string;
  private readonly provider: ResourceState;
  private host!: Promise<ProviderHost>;
  /** New states, in the order their steps completed (a resource's dependencies complete before it registers). */
  private readonly news: ResourceState[] = [];
  private readonly registered = new Set<string>();
  /** Old states accounted for by a new state. */
  private readonly superseded = new Set<ResourceState>();
  /** Old halves of create-before-delete replacements, marked `delete: true` until deleted. */
  private readonly pendingDeletes: ResourceState[] = [];
  private readonly deleted = new Set<ResourceState>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private generation: Promise<unknown> = Promise.resolve();
  private failed = false;
  private stopping = false;
  /** The saves made while the update runs, one after another. */
  private saving: Promise<void> = Promise.resolve();
  private saveScheduled = false;
  private stop!: () => void;
  private readonly stopped = new Promise<void>((resolve) => (this.stop = resolve));

  constructor(
    private readonly ctx: StackContext,
    private olds: ResourceState[],
    private readonly options: UpdateOptions,
  ) {
    this.report = new Report(ctx.output, options.preview ? "preview" : "update", ctx.stack);
    this.limit = limiter(ctx.parallel);
    this.stackUrn = makeUrn(ctx.stack, ctx.project.name, "", ROOT_STACK_TYPE, `${ctx.project.name}-${ctx.stack}`);
    const providerUrn = defaultProviderUrn(ctx);
    this.provider = defaultProviderState(
      ctx,
      olds.find((r) => r.urn === providerUrn && !r.delete),
    );
  }

  async run(): Promise<boolean> {
    const { ctx, options } = this;
    const monitor = await serveMonitor({
      project: ctx.project.name,
      stack: ctx.stack,
      dryRun: options.preview,
      parallel: ctx.parallel,
      configSecretKeys: [...ctx.config].filter(([, v]) => v.secret).map(([k]) => k),
      registerResource: (reg) => this.track(this.register(reg)),
      registerResourceOutputs: (urn, outputs) => this.registerOutputs(urn, outputs),
      log: (severity, message, urn) => this.log(severity, message, urn),
    });
    // Started now so that it loads while the program does.
    this.host = launchProviderHost(ctx, this.provider, monitor.address, options.preview ? "preview" : "up");
    this.host.catch(() => undefined);
    const interrupted = () => {
      this.report.error(this.stackUrn, "update canceled");
      this.fail();
    };
    options.interrupt?.addEventListener("abort", interrupted, { once: true });
    try {
      if (options.refresh) await this.refresh();
      if (!this.failed) await this.runProgram(monitor.address);
      if (!this.failed) await this.deleteLeftovers();
      if (!options.preview) {
        await this.saving;
        await this.save();
      }
    } finally {
      options.interrupt?.removeEventListener("abort", interrupted);
      this.report.finish();
      await monitor.close();
      await this.host.then(
        (h) => h.close(),
        () => undefined,
      );
    }
    return !this.failed;
  }

  private async refresh(): Promise<void> {
    if (this.options.previewFirst && !this.options.preview) {
      const preview = await refreshResources(
        this.olds,
        () => this.host,
        this.limit,
        this.report,
        () => {},
      );
      if (!preview.ok) return this.fail();
    }
    const result = await refreshResources(
      this.olds,
      () => this.host,
      this.limit,
      this.report,
      (op, urn) => {
        if (op !== "same") this.report.step(op, urn);
      },
    );
    this.olds = result.resources;
    if (!result.ok) this.fail();
  }

  private async runProgram(monitorAddress: string): Promise<void> {
    const { ctx, options } = this;
    const program = runProgram({
      project: ctx.project,
      stack: ctx.stack,
      monitorAddress,
      dryRun: options.preview,
      parallel: ctx.parallel,
      config: ctx.config,
      env: ctx.env,
    });
    const code = await Promise.race([program.exited, this.stopped.then(() => undefined)]);
    if (code === undefined) {
      // The deployment failed while the program ran: let in-flight steps finish, then end the program.
      await this.drain();
      const timer = setTimeout(() => program.kill(), PROGRAM_GRACE_MS);
      await program.exited;
      clearTimeout(timer);
    } else {
      await this.drain();
      if (code !== 0) {
        // 32: the program reported its error through Engine.Log already.
        if (code !== 32)
          this.report.error(
            this.stackUrn,
            `an unhandled error occurred: Program exited with non-zero exit code: ${code}`,
          );
        this.fail();
      }
    }
    const printed = program.output().trim();
    if (printed) this.report.info(this.stackUrn, printed);
  }

  private async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.inFlight.add(promise);
    const untrack = () => this.inFlight.delete(promise);
    promise.then(untrack, untrack);
    return promise;
  }

  private fail(): void {
    this.failed = true;
    this.stopping = true;
    this.stop();
  }

  private log(severity: Severity, message: string, urn: string): void {
    if (severity === "debug") return;
    const target = urn || this.stackUrn;
    if (severity === "error") {
      this.report.error(target, message);
      this.failed = true;
    } else if (severity === "warning") {
      this.report.warning(target, message);
    } else {
      this.report.info(target, message);
    }
  }

  private registerOutputs(urn: string, outputs: PropertyMap): void {
    const state = this.news.find((r) => r.urn === urn);
    if (state) state.outputs = outputs;
    if (urn === this.stackUrn) this.report.setStackOutputs(outputs);
  }

  private async register(reg: Registration): Promise<RegistrationResult> {
    const { ctx } = this;
    if (this.stopping) throw new MonitorTerminating("the deployment is stopping");
    const urn = makeUrn(ctx.stack, ctx.project.name, reg.parent, reg.type, reg.name);
    if (this.registered.has(urn)) {
      this.report.error(urn, `Duplicate resource URN '${urn}'; try giving it a unique name`);
      this.fail();
      throw new MonitorTerminating("duplicate URN");
    }
    this.registered.add(urn);
    const old = this.olds.find((r) => r.urn === urn && !r.delete);
    if (!reg.custom) return this.registerComponent(reg, urn, old);
    if (!isDynamicResourceType(reg.type)) {
      throw new Error(`the engine harness runs only dynamic resources (pulumi-nodejs:...), not ${reg.type}`);
    }
    // The step generator: one registration at a time, in registration order.
    const planned = this.generation.then(() => this.plan(reg, urn, old));
    this.generation = planned.catch(() => undefined);
    const plan = await planned;
    if (!plan) throw new MonitorTerminating("the deployment is stopping");
    return this.execute(reg, urn, old, plan);
  }

  private registerComponent(reg: Registration, urn: string, old: ResourceState | undefined): RegistrationResult {
    const now = new Date().toISOString();
    const inputs = Object.keys(reg.object).length > 0 ? reg.object : undefined;
    const op: StepOp = !old
      ? "create"
      : deepEqual(unwrapSecretsInMap(old.inputs ?? {}), unwrapSecretsInMap(reg.object))
        ? "same"
        : "update";
    if (old) this.superseded.add(old);
    this.record(
      {
        ...this.base(reg, urn),
        custom: false,
        inputs,
        outputs: old?.outputs,
        created: old?.created ?? now,
        modified: op === "same" ? (old?.modified ?? now) : now,
      },
      op,
    );
    // The engine answers a local component with no outputs (source_eval.go).
    return { urn, id: "", object: {} };
  }

  /** Check, then Diff against the old state: what `generateSteps` decides. Undefined once the deployment stops. */
  private async plan(reg: Registration, urn: string, old: ResourceState | undefined): Promise<Plan | undefined> {
    if (this.stopping) return undefined;
    try {
      const host = await this.host;
      const news = old ? keepIgnoredChanges(reg.object, old.inputs ?? {}, reg.ignoreChanges) : reg.object;
      const checked = await host.check(urn, old?.inputs ?? {}, news);
      if (this.checkFailed(urn, reg, checked.failures)) return undefined;
      if (!old) return { op: "create", inputs: checked.inputs, deleteBeforeReplace: false };

      const diff = await host.diff(urn, old.id ?? "", old.inputs ?? {}, old.outputs ?? {}, checked.inputs);
      const changed =
        diff.changes === "unknown"
          ? !deepEqual(unwrapSecretsInMap(old.inputs ?? {}), unwrapSecretsInMap(checked.inputs))
          : diff.changes === "some";
      if (changed && diff.replaces.length > 0) {
        // A replacement recomputes the inputs from scratch: Check again, without olds.
        const rechecked = await host.check(urn, {}, reg.object);
        if (this.checkFailed(urn, reg, rechecked.failures)) return undefined;
        const deleteBeforeReplace = reg.deleteBeforeReplace ?? diff.deleteBeforeReplace;
        return { op: "replace", inputs: rechecked.inputs, deleteBeforeReplace };
      }
      // A resource left with init errors gets an update even without changes, to try again.
      const op: StepOp = changed || (old.initErrors ?? []).length > 0 ? "update" : "same";
      return { op, inputs: checked.inputs, deleteBeforeReplace: false };
    } catch (e) {
      this.report.stepFailed(old ? "update" : "create", urn);
      this.report.error(urn, (e as Error).message);
      this.fail();
      return undefined;
    }
  }

  private checkFailed(urn: string, reg: Registration, failures: { property: string; reason: string }[]): boolean {
    if (failures.length === 0) return false;
    for (const failure of failures) this.report.error(urn, formatCheckFailure(reg, failure));
    this.report.stepFailed("same", urn);
    this.fail();
    return true;
  }

  private async execute(
    reg: Registration,
    urn: string,
    old: ResourceState | undefined,
    plan: Plan,
  ): Promise<RegistrationResult> {
    const { preview } = this.options;
    const now = new Date().toISOString();
    const base: ResourceState = { ...this.base(reg, urn), provider: providerReference(this.provider) };
    const finish = (outputs: PropertyMap, fields: Partial<ResourceState>): RegistrationResult => {
      const state: ResourceState = {
        ...base,
        ...fields,
        inputs: plan.inputs,
        outputs: secretOutputs(outputs, plan.inputs, reg.additionalSecretOutputs),
      };
      this.record(state, plan.op, plan.op === "replace" && old?.retainOnDelete === true);
      return { urn, id: state.id ?? "", object: state.outputs ?? {} };
    };

    if (plan.op === "same") {
      this.superseded.add(old!);
      return finish(old!.outputs ?? {}, { id: old!.id, created: old!.created, modified: old!.modified });
    }
    return this.limit(async () => {
      if (this.stopping) throw new MonitorTerminating("the deployment is stopping");
      const host = await this.host;
      try {
        if (plan.op === "update") {
          const outputs = await host.update(
            urn,
            old!.id ?? "",
            old!.inputs ?? {},
            old!.outputs ?? {},
            plan.inputs,
            preview,
          );
          this.superseded.add(old!);
          return finish(outputs, { id: old!.id, created: old!.created, modified: now });
        }
        if (plan.op === "replace" && plan.deleteBeforeReplace && !preview) {
          if (!old!.retainOnDelete) await host.delete(urn, old!.id ?? "", old!.inputs ?? {}, old!.outputs ?? {});
          this.deleted.add(old!);
        }
        const created = await host.create(urn, plan.inputs, preview);
        if (plan.op === "replace") this.retireReplaced(old!, plan);
        return finish(created.outputs, { id: created.id || undefined, created: now, modified: now });
      } catch (e) {
        this.report.stepFailed(plan.op, urn);
        this.report.error(urn, (e as Error).message);
        if (e instanceof InitError) {
          // A partial failure: the resource exists, so it is saved with its ID and the reasons.
          if (plan.op === "update") this.superseded.add(old!);
          if (plan.op === "replace") this.retireReplaced(old!, plan);
          this.record(
            {
              ...base,
              id: e.id,
              inputs: plan.inputs,
              outputs: secretOutputs(e.outputs, plan.inputs, reg.additionalSecretOutputs),
              initErrors: e.reasons,
              created: plan.op === "update" ? old?.created : now,
              modified: now,
            },
            undefined,
          );
        }
        this.fail();
        throw new MonitorTerminating("the deployment is stopping");
      }
    });
  }

  /** Once the replacement exists, the old resource is gone (delete-before-replace) or pending deletion. */
  private retireReplaced(old: ResourceState, plan: Plan): void {
    this.superseded.add(old);
    if (!plan.deleteBeforeReplace && !this.options.preview) this.pendingDeletes.push({ ...old, delete: true });
  }

  private base(reg: Registration, urn: string): ResourceState {
    return {
      urn,
      custom: reg.custom,
      type: reg.type,
      parent: reg.parent || undefined,
      dependencies: reg.dependencies.length > 0 ? reg.dependencies : undefined,
      propertyDependencies: Object.keys(reg.propertyDependencies).length > 0 ? reg.propertyDependencies : undefined,
      additionalSecretOutputs: reg.additionalSecretOutputs.length > 0 ? reg.additionalSecretOutputs : undefined,
      retainOnDelete: reg.retainOnDelete || undefined,
    };
  }

  private record(state: ResourceState, op: StepOp | undefined, retained = false): void {
    this.news.push(state);
    if (op) this.report.step(op, state.urn, retained);
    this.saveSoon();
  }

  /** Saves what has finished so far, within SAVE_INTERVAL_MS, unless a save is already due. */
  private saveSoon(): void {
    if (this.options.preview || this.saveScheduled) return;
    this.saveScheduled = true;
    this.saving = this.saving
      .then(() => new Promise((resolve) => setTimeout(resolve, SAVE_INTERVAL_MS)))
      .then(() => {
        this.saveScheduled = false;
        return this.save();
      });
  }

  /** Old resources the program no longer registers, and old halves of replacements, dependents first. */
  private async deleteLeftovers(): Promise<void> {
    const providerUrn = this.provider.urn;
    const leftovers = this.olds.filter((r) => r.urn !== providerUrn && !this.superseded.has(r) && !this.deleted.has(r));
    const toDelete = [...leftovers, ...this.pendingDeletes];
    if (this.options.preview) {
      for (const r of leftovers) {
        if (r.protect && !r.delete) this.refuseProtected(r);
        else if (!r.delete) this.report.step("delete", r.urn, r.retainOnDelete);
      }
      return;
    }
    const deleted = await deleteInReverseOrder(
      toDelete,
      async (r) => {
        if (r.protect && !r.delete) {
          this.refuseProtected(r);
          return "kept";
        }
        try {
          // A retained resource only leaves the state (DeleteStep.Apply skips the provider).
          if (isDynamicResourceType(r.type) && !r.retainOnDelete) {
            await (await this.host).delete(r.urn, r.id ?? "", r.inputs ?? {}, r.outputs ?? {});
          }
          // The old half of a replacement is part of the "replaced" count.
          if (!r.delete) this.report.step("delete", r.urn, r.retainOnDelete);
          return true;
        } catch (e) {
          this.report.stepFailed("delete", r.urn);
          this.report.error(r.urn, (e as Error).message);
          this.fail();
          return false;
        }
      },
      this.limit,
    );
    for (const r of deleted) this.deleted.add(r);
  }

  /** A protected resource is not deleted: an error, and the other deletes go on, as in the engine. */
  private refuseProtected(r: ResourceState): void {
    this.report.stepFailed("delete", r.urn);
    this.report.error(r.urn, deleteProtectedMessage(r.urn));
    this.failed = true;
  }

  private async save(): Promise<void> {
    const providerUrn = this.provider.urn;
    const kept = [
      ...this.news,
      ...this.olds.filter((r) => r.urn !== providerUrn && !this.superseded.has(r) && !this.deleted.has(r)),
      ...this.pendingDeletes.filter((r) => !this.deleted.has(r)),
    ];
    // The default provider stays while any resource refers to it. Listed last, the sort moves it just before the
    // first resource that uses it (after the stack), where the CLI's state has it.
    const reference = providerReference(this.provider);
    const resources = kept.some((r) => r.provider === reference) ? [...kept, this.provider] : kept;
    await saveResources(
      this.ctx.stateFile,
      checkpointStackName(this.ctx.project.name, this.ctx.stack),
      sortByDependencies(resources),
      this.ctx.crypter,
    );
  }
}

/** `ignoreChanges` (top-level property names): those inputs keep their old values. */
function keepIgnoredChanges(news: PropertyMap, olds: PropertyMap, ignoreChanges: string[]): PropertyMap {
  const result = { ...news };
  for (const key of ignoreChanges) {
    if (key in olds) result[key] = olds[key];
    else delete result[key];
  }
  return result;
}
