import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { ProviderContext } from "./context";
import type { RawInputs } from "./types";

/**
 * The operations of one resource kind, given the process's context, over its typed state: `Inputs` as check()
 * returns them and the engine stores them, `Outputs` what create, update and read add. The engine hands stored
 * state back as it was returned (less secret markers, plus `__provider`).
 */
export interface ResourceImplementation<Inputs extends object, Outputs extends object> {
  check(context: ProviderContext, olds: RawInputs, news: RawInputs): Promise<{ inputs: Inputs }>;
  diff(context: ProviderContext, id: string, olds: Inputs & Outputs, news: Inputs): Promise<dynamic.DiffResult>;
  create(context: ProviderContext, inputs: Inputs): Promise<{ id: string; outs: Inputs & Outputs }>;
  /** An empty ID (and no properties): the resource is gone. */
  read(
    context: ProviderContext,
    id: string,
    props: Inputs & Outputs,
  ): Promise<{ id: string; props: Inputs & Outputs } | { id: ""; props: Partial<Inputs & Outputs> }>;
  update(
    context: ProviderContext,
    id: string,
    olds: Inputs & Outputs,
    news: Inputs,
  ): Promise<{ outs: Inputs & Outputs }>;
  delete(context: ProviderContext, id: string, props: Inputs & Outputs): Promise<void>;
}

/** What read() answers for a resource that no longer exists. */
export const GONE = { id: "", props: {} } as const;

/** The state less what the engine adds (`__provider`) and what a run recomputes (`drift`). */
export function withoutProvider<T extends object>(props: T): Omit<T, "drift"> {
  const { __provider: _provider, drift: _drift, ...rest } = props as T & { __provider?: unknown; drift?: unknown };
  return rest as Omit<T, "drift">;
}
