// `import --file FILE`: an import deployment (pkg/resource/deploy/import.go, importer.importResources) whose
// steps are planned ImportSteps (pkg/resource/deploy/step.go, ImportStep.Apply). The stack's resources stay as
// they are (a same step each); the stack resource and the default provider are created if absent (an existing
// provider is used as it is in the state); then each entry is imported, in batches by parent, at most
// `--parallel` at once:
// - a URN already in the state fails the entry ("resource '<urn>' already exists"), unless the ID is the same,
//   in which case there is nothing to do;
// - an entry with outputs is taken as given: no Read, inputs = the supplied inputs, outputs = the supplied
//   outputs, id = the entry's;
// - otherwise Read runs with the ID alone (no inputs, no properties), which a dynamic resource cannot survive
//   (the host finds no `__provider`);
// - then Check runs with olds = news = those inputs. Its error fails the entry; its failures are warnings, and
//   the state keeps the inputs as supplied, not Check's.
// A failed entry stops entries not yet started and later batches; what succeeded is saved. The program does not
// run. Imported resources are protected unless `--protect=false`.
import { checkpointStackName, saveResources } from "./checkpoint";
import { launchProviderHost, providerReference, stateProvider } from "./default-provider";
import { sortByDependencies } from "./dependency-order";
import { formatCheckFailure } from "./format-check-failure";
import type { ImportSpec } from "./import-file";
import { limiter } from "./limiter";
import { isSecret, makeSecret, secretOutputs } from "./property-values";
import { Report } from "./report";
import { UNUSED_ENGINE_ADDRESS } from "./run-refresh";
import type { ProviderHost } from "./start-provider-host";
import type { PropertyMap, ResourceState, StackContext } from "./types";
import { makeUrn, ROOT_STACK_TYPE, urnName } from "./urn";

export interface ImportOptions {
  /** The CLI's `--protect` (default true). */
  protect: boolean;
}

export async function runImport(
  ctx: StackContext,
  olds: ResourceState[],
  imports: ImportSpec[],
  options: ImportOptions,
): Promise<boolean> {
  if (imports.length === 0) throw new Error("no resources to import");
  const provider = stateProvider(ctx, olds);
  for (const spec of imports) {
    if (spec.provider && spec.provider !== provider.urn) {
      throw new Error(
        `the engine harness imports only with the default provider ${provider.urn}, not ${spec.provider}`,
      );
    }
  }
  const report = new Report(ctx.output, "import", ctx.stack);
  const now = () => new Date().toISOString();
  const existing = olds.filter((r) => !r.delete);
  const oldsByUrn = new Map(existing.map((r) => [r.urn, r]));
  /** New states: created here, or imported. Everything in `olds` is kept as it is. */
  const news: ResourceState[] = [];
  /** URNs a parent may name: the stack's resources and what was imported so far. */
  const known = new Set(existing.map((r) => r.urn));
  let host: Promise<ProviderHost> | undefined;
  const getHost = () => (host ??= launchProviderHost(ctx, provider, UNUSED_ENGINE_ADDRESS, "import"));
  let failed = false;

  try {
    // registerExistingResources: a same step for each (the default provider's is not shown or counted).
    for (const r of existing) if (!r.type.startsWith("pulumi:providers:")) report.step("same", r.urn);

    // getOrCreateStackResource.
    let stackUrn = existing.find((r) => r.type === ROOT_STACK_TYPE && !r.parent)?.urn;
    if (!stackUrn) {
      stackUrn = makeUrn(ctx.stack, ctx.project.name, "", ROOT_STACK_TYPE, `${ctx.project.name}-${ctx.stack}`);
      news.push({ urn: stackUrn, custom: false, type: ROOT_STACK_TYPE, created: now(), modified: now() });
      known.add(stackUrn);
      report.step("create", stackUrn);
    }

    // registerProviders: the default provider, created from the stack's config when absent.
    if (!oldsByUrn.has(provider.urn)) news.push(provider);
    const reference = providerReference(provider);

    const importOne = async (spec: ImportSpec, startedAtOnce: boolean): Promise<void> => {
      // A step still waiting for a worker when another failed is cancelled, as the step executor does.
      if (failed && !startedAtOnce) return;
      const urn = spec.urn;
      try {
        if (oldsByUrn.has(urn)) throw new Error(`resource '${urn}' already exists`);
        if (spec.parent && spec.parent.split("::")[2] !== ROOT_STACK_TYPE && !known.has(spec.parent)) {
          throw new Error(`unknown parent '${spec.parent}' for resource '${urn}'`);
        }
        const h = await getHost();
        let id: string;
        let inputs: PropertyMap;
        let outputs: PropertyMap;
        if (spec.outputs && Object.keys(spec.outputs).length > 0) {
          // The import supplied the resource's state: trusted, no Read.
          id = spec.id;
          inputs = spec.inputs ?? {};
          outputs = spec.outputs;
        } else {
          const read = await h.read(urn, spec.id, undefined, {});
          if (read.inputs === undefined) {
            throw new Error(
              `provider does not support importing resources; please try updating the '${spec.type.split(":")[0]}' plugin`,
            );
          }
          id = read.id || spec.id;
          inputs = mergeSuppliedProperties(read.inputs, spec.inputs ?? {});
          outputs = read.outputs;
        }
        // Check the inputs for consistency; failures do not stop the import.
        const checked = await h.check(urn, inputs, inputs);
        if (checked.failures.length > 0) {
          const properties = imports.find((i) => i.id === spec.id)?.properties ?? [];
          const hint =
            properties.length === 0
              ? `This is almost certainly a bug in the \`${provider.type.split(":").pop()}\` provider.`
              : "Try specifying a different set of properties to import with in the future.";
          report.warning(
            urn,
            `One or more imported inputs failed to validate. ${hint} The import will still proceed, but you will ` +
              "need to edit the generated code after copying it into your program.",
          );
          for (const failure of checked.failures) {
            report.warning(urn, formatCheckFailure({ type: spec.type, name: urnName(urn), object: inputs }, failure));
          }
        }
        const time = now();
        news.push({
          urn,
          custom: true,
          id,
          type: spec.type,
          inputs,
          // The step executor's last pass: an output named like a secret input is secret.
          outputs: secretOutputs(outputs, inputs, []),
          parent: spec.parent || stackUrn,
          protect: options.protect || undefined,
          provider: reference,
          created: time,
          modified: time,
        });
        known.add(urn);
        report.step("import", urn);
      } catch (e) {
        failed = true;
        report.stepFailed("import", urn);
        report.error(urn, (e as Error).message);
      }
    };

    // Nothing to do for a resource already in the state with the same ID (it had its same step).
    let remaining = imports.filter((spec) => oldsByUrn.get(spec.urn)?.id !== spec.id);
    while (remaining.length > 0 && !failed) {
      // A batch: the entries whose parent is not itself waiting to be imported.
      const waiting = new Set(remaining.map((spec) => spec.urn));
      const batch = remaining.filter((spec) => !waiting.has(spec.parent));
      if (batch.length === 0) break; // a parent cycle, which parseImportFile already refused
      const limit = limiter(ctx.parallel);
      await Promise.all(batch.map((spec, i) => limit(() => importOne(spec, i < ctx.parallel))));
      remaining = remaining.filter((spec) => !batch.includes(spec));
    }

    await saveResources(
      ctx.stateFile,
      checkpointStackName(ctx.project.name, ctx.stack),
      sortByDependencies([...olds, ...news]),
      ctx.crypter,
    );
    return !failed;
  } finally {
    report.finish();
    await host?.then(
      (h) => h.close(),
      () => undefined,
    );
  }
}

/**
 * step.go's mergeSuppliedProperties: a supplied value fills a property Read did not return (or returned null),
 * and a value supplied as a secret stays secret.
 */
function mergeSuppliedProperties(read: PropertyMap, supplied: PropertyMap): PropertyMap {
  const merged: PropertyMap = { ...read };
  for (const [key, value] of Object.entries(supplied)) {
    const r = read[key];
    if (r === undefined || r === null) merged[key] = value;
    else if (isSecret(value) && !isSecret(r)) merged[key] = makeSecret(r);
  }
  return merged;
}
