import type * as pulumi from "@pulumi/pulumi";

type Implementation = typeof import("../provider/index");

/**
 * The provider object Pulumi serializes into each resource's `__provider`. Its methods load the
 * installed package's implementation when they run, so the state holds these few lines (no
 * client, no token), and upgrading the package upgrades resources already in a stack.
 */
export function dynamicProvider(kind: string): pulumi.dynamic.ResourceProvider {
  const load = (): Implementation => require("pulumi-github-secrets/dist/provider/index.js");
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
