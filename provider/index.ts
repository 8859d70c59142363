import type * as dynamic from "@pulumi/pulumi/dynamic";
import { createContext, settingsDigest } from "./context";
import { envSecret } from "./env-secret";
import { orgSecret } from "./org-secret";
import { orgSecretRepoSelection } from "./org-secret-repo-selection";
import { repoSecret } from "./repo-secret";
import { readSettings, type ConfigSource } from "./settings";
import type { ProviderContext, ResourceImplementation } from "./types";

/**
 * The implementation behind the `__provider` that the SDK serializes into the state: that code
 * only requires this module by package name and calls `resourceProvider(kind)`.
 */
const implementations: Record<string, ResourceImplementation> = {
  RepoSecret: repoSecret,
  EnvSecret: envSecret,
  OrgSecret: orgSecret,
  OrgSecretRepoSelection: orgSecretRepoSelection,
};

// Every resource kind in a provider process shares one context: one client, so one concurrency
// bound and one rate-limit view, and one public-key cache.
// configure() runs once per resource kind with the same stack config; a context is replaced only
// when the settings differ, so values checked for one kind are not lost when the next configures.
let context: ProviderContext | undefined;
let contextSettings = "";

export function configure(config: ConfigSource | undefined): void {
  const settings = readSettings(config);
  const key = settingsDigest(settings);
  if (context && key === contextSettings) return;
  context = createContext(settings);
  contextSettings = key;
}

function currentContext(): ProviderContext {
  if (!context) configure(undefined);
  return context!;
}

export function resourceProvider(kind: string): dynamic.ResourceProvider {
  const implementation = implementations[kind];
  if (!implementation) throw new Error(`pulumi-github-secrets has no resource kind "${kind}"; upgrade the package installed next to the program.`);
  return {
    check: (olds, news) => implementation.check(currentContext(), olds, news),
    diff: (id, olds, news) => implementation.diff(currentContext(), id, olds, news),
    create: (inputs) => implementation.create(currentContext(), inputs),
    read: (id, props) => implementation.read(currentContext(), id, props ?? {}),
    update: (id, olds, news) => implementation.update(currentContext(), id, olds, news),
    delete: (id, props) => implementation.delete(currentContext(), id, props),
  };
}
