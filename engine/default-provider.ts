// The default `pulumi:providers:pulumi-nodejs` provider the engine registers for dynamic resources: a resource of
// its own in the state (inputs and outputs = the whole stack config keyed `project:key`, secrets kept secret,
// as Target.GetPackageConfig gives a dynamic provider), referenced by each dynamic resource as `URN::ID`, and
// served by one dynamic-provider host process per run.
import { randomUUID } from "node:crypto";
import { makeSecret } from "./property-values";
import { DYNAMIC_PROVIDER_TYPE, startProviderHost, type ProviderHost } from "./start-provider-host";
import type { PropertyMap, ResourceState, StackContext } from "./types";
import { makeUrn } from "./urn";

export function defaultProviderUrn(ctx: StackContext): string {
  return makeUrn(ctx.stack, ctx.project.name, "", DYNAMIC_PROVIDER_TYPE, "default");
}

function providerInputs(ctx: StackContext): PropertyMap {
  const inputs: PropertyMap = {};
  for (const [key, { value, secret }] of ctx.config) inputs[key] = secret ? makeSecret(value) : value;
  return inputs;
}

/** The provider's state for this run: the old one's ID when there is one (a config change updates it in place). */
export function defaultProviderState(ctx: StackContext, old: ResourceState | undefined): ResourceState {
  const inputs = providerInputs(ctx);
  const now = new Date().toISOString();
  return {
    urn: defaultProviderUrn(ctx),
    custom: true,
    id: old?.id ?? randomUUID(),
    type: DYNAMIC_PROVIDER_TYPE,
    inputs,
    outputs: inputs,
    created: old?.created ?? now,
    modified: now,
  };
}

export function providerReference(provider: ResourceState): string {
  return `${provider.urn}::${provider.id}`;
}

/** Starts and configures the host for `provider`; its output goes to the stack's provider log. */
export function launchProviderHost(
  ctx: StackContext,
  provider: ResourceState,
  engineAddress: string,
  operation: string,
): Promise<ProviderHost> {
  return startProviderHost(
    {
      programDir: ctx.project.programDir,
      project: ctx.project.name,
      runtimeOptions: ctx.project.runtimeOptions,
      engineAddress,
      env: ctx.env,
      logFile: ctx.providerLogFile,
      logHeader: `--- ${new Date().toISOString()} ${operation} ${ctx.stack} ---`,
    },
    { args: provider.inputs ?? {}, urn: provider.urn, id: provider.id ?? "" },
  );
}

/**
 * The provider a refresh or destroy uses: the one stored in the state (the CLI's `Registry.Same` configures it
 * with the inputs stored at the last update, whatever the stack config says now), else one made from the
 * current config. With `--run-program` the program registers the default provider from the current stack
 * config, which the CLI takes as an in-place update of the stored one (the dynamic-provider host implements
 * neither CheckConfig nor DiffConfig, so the engine's fallbacks accept the new config and never replace it).
 */
export function stateProvider(ctx: StackContext, resources: ResourceState[], runProgram = false): ResourceState {
  const urn = defaultProviderUrn(ctx);
  const stored = resources.find((r) => r.urn === urn && !r.delete);
  return stored && !runProgram ? stored : defaultProviderState(ctx, stored);
}
