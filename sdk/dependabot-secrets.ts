import type * as pulumi from "@pulumi/pulumi";
import { OrgSecretOf, type OrgSecretArgs } from "./org-secret";
import { OrgSecretRepoSelectionOf, type OrgSecretRepoSelectionArgs } from "./org-secret-repo-selection";
import { RepoSecretOf, type RepoSecretArgs } from "./repo-secret";

// Dependabot's secrets: the ones that workflows Dependabot triggers can read (they cannot read Actions secrets).
// The same arguments, outputs, IDs and change rules as their Actions counterparts; sealed for Dependabot's own keys.

/** A Dependabot secret of one repository, as {@link RepoSecret} is an Actions one. ID and import ID: `OWNER/REPO/SECRET`. */
export class DependabotRepoSecret extends RepoSecretOf {
  constructor(name: string, args: RepoSecretArgs, opts?: pulumi.CustomResourceOptions) {
    super("DependabotRepoSecret", "dependabot", name, args, opts);
  }
}

/** A Dependabot secret of an organization, as {@link OrgSecret} is an Actions one. ID and import ID: `ORG/SECRET`. */
export class DependabotOrgSecret extends OrgSecretOf {
  constructor(name: string, args: OrgSecretArgs, opts?: pulumi.CustomResourceOptions) {
    super("DependabotOrgSecret", "dependabot", name, args, opts);
  }
}

/** The repositories that can read a Dependabot organization secret of visibility `selected`, as {@link OrgSecretRepoSelection}. */
export class DependabotOrgSecretRepoSelection extends OrgSecretRepoSelectionOf {
  constructor(name: string, args: OrgSecretRepoSelectionArgs, opts?: pulumi.CustomResourceOptions) {
    super("DependabotOrgSecretRepoSelection", "dependabot", name, args, opts);
  }
}
