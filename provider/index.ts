import type * as dynamic from "@pulumi/pulumi/dynamic";
import { codespacesOrgSecret } from "./codespaces-org-secret";
import { codespacesOrgSecretRepoSelection } from "./codespaces-org-secret-repo-selection";
import { codespacesRepoSecret } from "./codespaces-repo-secret";
import { codespacesUserSecret } from "./codespaces-user-secret";
import { contextFor, type ProviderContext } from "./context";
import { dependabotOrgSecret } from "./dependabot-org-secret";
import { dependabotOrgSecretRepoSelection } from "./dependabot-org-secret-repo-selection";
import { dependabotRepoSecret } from "./dependabot-repo-secret";
import { envSecret } from "./env-secret";
import { envVariable } from "./env-variable";
import { orgSecret } from "./org-secret";
import { orgSecretRepoSelection } from "./org-secret-repo-selection";
import { orgVariable } from "./org-variable";
import { orgVariableRepoSelection } from "./org-variable-repo-selection";
import { repoSecret } from "./repo-secret";
import { repoVariable } from "./repo-variable";
import type { ResourceImplementation } from "./resource-implementation";
import { readSettings, type ConfigSource } from "./settings";

// Every resource kind in a provider process shares one context: one client, so one concurrency
// bound and one rate-limit view, and one public-key cache. configure() runs once per resource kind
// with the same stack config; equal settings give the same context, so values checked for one kind
// are not lost when the next configures.
let context: ProviderContext | undefined;

export function configure(config: ConfigSource | undefined): void {
  context = contextFor(readSettings(config));
}

function currentContext(): ProviderContext {
  context ??= contextFor(readSettings(undefined));
  return context;
}

/** The engine's side of one kind: Pulumi hands untyped state in, which is the state this kind stored. */
function served<Inputs extends object, Outputs extends object>(
  implementation: ResourceImplementation<Inputs, Outputs>,
): dynamic.ResourceProvider {
  return {
    check: (olds: Record<string, unknown>, news: Record<string, unknown>) =>
      implementation.check(currentContext(), olds, news),
    diff: (id: string, olds: Inputs & Outputs, news: Inputs) => implementation.diff(currentContext(), id, olds, news),
    create: (inputs: Inputs) => implementation.create(currentContext(), inputs),
    read: (id: string, props?: Inputs & Outputs) =>
      implementation.read(currentContext(), id, props ?? ({} as Inputs & Outputs)),
    update: (id: string, olds: Inputs & Outputs, news: Inputs) =>
      implementation.update(currentContext(), id, olds, news),
    delete: (id: string, props: Inputs & Outputs) => implementation.delete(currentContext(), id, props),
  };
}

/**
 * The implementation behind the `__provider` that the SDK serializes into the state: that code
 * only requires this module by package name and calls `resourceProvider(kind)`.
 */
const providers: Record<string, dynamic.ResourceProvider> = {
  RepoSecret: served(repoSecret),
  EnvSecret: served(envSecret),
  OrgSecret: served(orgSecret),
  OrgSecretRepoSelection: served(orgSecretRepoSelection),
  DependabotRepoSecret: served(dependabotRepoSecret),
  DependabotOrgSecret: served(dependabotOrgSecret),
  DependabotOrgSecretRepoSelection: served(dependabotOrgSecretRepoSelection),
  CodespacesRepoSecret: served(codespacesRepoSecret),
  CodespacesOrgSecret: served(codespacesOrgSecret),
  CodespacesOrgSecretRepoSelection: served(codespacesOrgSecretRepoSelection),
  CodespacesUserSecret: served(codespacesUserSecret),
  RepoVariable: served(repoVariable),
  EnvVariable: served(envVariable),
  OrgVariable: served(orgVariable),
  OrgVariableRepoSelection: served(orgVariableRepoSelection),
};

export function resourceProvider(kind: string): dynamic.ResourceProvider {
  const provider = providers[kind];
  if (!provider)
    throw new Error(
      `pulumi-github-secrets has no resource kind "${kind}"; upgrade the package installed next to the program.`,
    );
  return provider;
}
