import type * as pulumi from "@pulumi/pulumi";
import { warnIfPlaintextToken } from "./warn-plaintext-token";

type Implementation = typeof import("../provider/index");

/** The module of every resource type: `pulumi-nodejs:dynamic/github-secrets:RepoSecret`. */
export const TYPE_MODULE = "github-secrets";

export function typeToken(kind: string): string {
  return `pulumi-nodejs:dynamic/${TYPE_MODULE}:${kind}`;
}

/**
 * The provider object Pulumi serializes into each resource's `__provider`. Its methods load the
 * installed package's implementation when they run, so the state holds these few lines (no
 * client, no token), and upgrading the package upgrades resources already in a stack.
 */
export function dynamicProvider(kind: string): pulumi.dynamic.ResourceProvider {
  warnIfPlaintextToken();
  let provider = providers.get(kind);
  if (!provider) providers.set(kind, (provider = providerFor(kind)));
  return provider;
}

// Pulumi caches a serialized provider by object: one object per kind is serialized once per
// program, not once per resource.
const providers = new Map<string, pulumi.dynamic.ResourceProvider>();

function providerFor(kind: string): pulumi.dynamic.ResourceProvider {
  // By package name, at call time: the serialized closure holds this line, not the provider's code.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the serialized closure must load the package by name when called; import() would drag TypeScript's helpers into it
  const load = (): Implementation => require("pulumi-github-secrets/dist/provider/index.js") as Implementation;
  return {
    configure: async (request) => load().configure(request.config),
    check: (olds, news) => load().resourceProvider(kind).check!(olds, news),
    diff: (id, olds, news) => load().resourceProvider(kind).diff!(id, olds, news),
    create: (inputs) => load().resourceProvider(kind).create(inputs),
    read: (id, props) => load().resourceProvider(kind).read!(id, props),
    update: (id, olds, news) => load().resourceProvider(kind).update!(id, olds, news),
    delete: (id, props) => load().resourceProvider(kind).delete!(id, props),
  };
}
