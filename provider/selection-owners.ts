import type { InputProblem } from "../core/input-problems";

/**
 * Who manages the selected-repository list of each organization secret in this deployment. An
 * OrgSecret with selectedRepositories and an OrgSecretRepoSelection for the same secret would
 * undo each other's writes on every update; the second one checked is refused.
 */
function key(org: string, secretName: string): string {
  return `${String(org).toLowerCase()}/${String(secretName).toUpperCase()}`;
}

export class SelectionOwners {
  private readonly owners = new Map<string, string>();
  private readonly visibilities = new Map<string, string>();

  /** An OrgSecret's visibility as its program declares it, so a selection can be refused early. */
  declareVisibility(org: string, secretName: string, visibility: string): void {
    this.visibilities.set(key(org, secretName), visibility);
  }

  declaredVisibility(org: string, secretName: string): string | undefined {
    return this.visibilities.get(key(org, secretName));
  }

  claim(org: string, secretName: string, owner: string, field: string, problems: InputProblem[]): void {
    if (typeof org !== "string" || typeof secretName !== "string") return;
    const current = this.owners.get(key(org, secretName));
    if (current === undefined || current === owner) {
      this.owners.set(key(org, secretName), owner);
      return;
    }
    problems.push({
      field,
      reason: `would manage the selected repositories of ${key(org, secretName)}, which ${current} manages already; the two would undo each other's changes. Keep one: selectedRepositories on the OrgSecret, or an OrgSecretRepoSelection (then leave selectedRepositories out of the OrgSecret).`,
    });
  }
}
