import type { InputProblem } from "../core/input-problems";

/**
 * Who manages the selected-repository list of each organization secret or variable in this deployment. An
 * OrgSecret with selectedRepositories and an OrgSecretRepoSelection for the same secret would undo each other's
 * writes on every update; the second one checked is refused. Items are named by a key that tells secrets of each
 * application and variables apart (`secretKey`, or a variable's), and shown by `name`.
 */
export class SelectionOwners {
  private readonly owners = new Map<string, string>();
  private readonly visibilities = new Map<string, string>();

  /** An item's visibility as its program declares it, so a selection can be refused early. */
  declareVisibility(item: string, visibility: string): void {
    this.visibilities.set(item.toLowerCase(), visibility);
  }

  declaredVisibility(item: string): string | undefined {
    return this.visibilities.get(item.toLowerCase());
  }

  /** `kinds`: the resource that holds the item, and the one that holds only its list (`OrgSecret`, `OrgSecretRepoSelection`). */
  claim(
    item: string,
    name: string,
    owner: string,
    kinds: { item: string; selection: string },
    field: string,
    problems: InputProblem[],
  ): void {
    const key = item.toLowerCase();
    const current = this.owners.get(key);
    if (current === undefined || current === owner) {
      this.owners.set(key, owner);
      return;
    }
    problems.push({
      field,
      reason: `would manage the selected repositories of ${name}, which ${current} manages already; the two would undo each other's changes. Keep one: selectedRepositories on the ${kinds.item}, or a ${kinds.selection} (then leave selectedRepositories out of the ${kinds.item}).`,
    });
  }
}
