// URNs as the engine forms them: `urn:pulumi:STACK::PROJECT::TYPE::NAME`, TYPE being the parent's type chain
// and the resource's type joined with `$`, the root stack's type left out.
export const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

export function makeUrn(stack: string, project: string, parentUrn: string, type: string, name: string): string {
  const parentType = parentUrn ? urnType(parentUrn) : "";
  const chain = parentType && parentType !== ROOT_STACK_TYPE ? `${parentType}$${type}` : type;
  return `urn:pulumi:${stack}::${project}::${chain}::${name}`;
}

/** The qualified type (the whole `$` chain). */
function urnType(urn: string): string {
  return urn.split("::")[2] ?? "";
}

/** The resource's own type, the last link of the chain. */
export function urnOwnType(urn: string): string {
  const chain = urnType(urn);
  return chain.slice(chain.lastIndexOf("$") + 1);
}

export function urnName(urn: string): string {
  return urn.split("::").slice(3).join("::");
}
