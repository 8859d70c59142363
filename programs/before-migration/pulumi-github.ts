// Stand-ins for pulumi-github's four Actions-secret resources, since @pulumi/github cannot run here (its provider
// plugin is downloaded from GitHub). Each takes pulumi-github's arguments, gets pulumi-github's ID, and acts on
// GitHub as terraform-provider-github 6.13 does (which pulumi-github 6.15 bridges): create seals the value for the
// scope's public key and PUTs it; delete DELETEs the secret, or for ActionsOrganizationSecretRepositories PUTs an
// empty list. The owner is the provider's `github:owner`, and the value stays in the state (as a Pulumi secret),
// as with pulumi-github. Nothing else (update, read) is needed by the migration they stand in for.
import * as pulumi from "@pulumi/pulumi";

type Kind =
  "ActionsSecret" | "ActionsEnvironmentSecret" | "ActionsOrganizationSecret" | "ActionsOrganizationSecretRepositories";
type Props = Record<string, any>;

// One provider object per kind, so that each is serialized once per program.
const providers = new Map<Kind, pulumi.dynamic.ResourceProvider>();

function providerFor(kind: Kind): pulumi.dynamic.ResourceProvider {
  let provider = providers.get(kind);
  if (!provider) providers.set(kind, (provider = standInProvider(kind)));
  return provider;
}

function standInProvider(kind: Kind): pulumi.dynamic.ResourceProvider {
  // Set by configure(); a captured object, so that create() and delete() see what configure() set.
  const github = { baseUrl: "", token: "", owner: "" };

  async function call(method: string, path: string, body?: object): Promise<any> {
    const response = await fetch(github.baseUrl + path, {
      method,
      headers: { authorization: `Bearer ${github.token}`, "content-type": "application/json" },
      body: body && JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${kind}: ${method} ${path} answered ${response.status}`);
    return text ? JSON.parse(text) : undefined;
  }

  function secretsPath(props: Props): string {
    const { owner } = github;
    if (kind === "ActionsSecret") return `/repos/${owner}/${props.repository}/actions/secrets`;
    if (kind === "ActionsEnvironmentSecret") {
      return `/repos/${owner}/${props.repository}/environments/${encodeURIComponent(props.environment)}/secrets`;
    }
    return `/orgs/${owner}/actions/secrets`;
  }

  // pulumi-github's IDs: `repo:NAME`, `repo:environment:NAME` (a `:` in the environment written `??`), `NAME`.
  function idOf(props: Props): string {
    if (kind === "ActionsSecret") return `${props.repository}:${props.secretName}`;
    if (kind === "ActionsEnvironmentSecret")
      return `${props.repository}:${props.environment.replaceAll(":", "??")}:${props.secretName}`;
    return props.secretName;
  }

  return {
    async configure(request) {
      github.baseUrl = request.config.require("github:baseUrl");
      github.token = request.config.require("github:token");
      github.owner = request.config.require("github:owner");
    },
    async create(inputs) {
      const { __provider, ...outs } = inputs;
      const path = secretsPath(inputs);
      if (kind === "ActionsOrganizationSecretRepositories") {
        await call("PUT", `${path}/${inputs.secretName}/repositories`, {
          selected_repository_ids: inputs.selectedRepositoryIds,
        });
      } else {
        const { seal } = require("pulumi-github-secrets") as typeof import("pulumi-github-secrets");
        const key = await call("GET", `${path}/public-key`);
        const selection =
          inputs.visibility === "selected" && inputs.selectedRepositoryIds
            ? { selected_repository_ids: inputs.selectedRepositoryIds }
            : {};
        await call("PUT", `${path}/${inputs.secretName}`, {
          encrypted_value: await seal(key.key, inputs.plaintextValue),
          key_id: key.key_id,
          ...(inputs.visibility && { visibility: inputs.visibility }),
          ...selection,
        });
      }
      return { id: idOf(inputs), outs };
    },
    async delete(_id, props) {
      const path = `${secretsPath(props)}/${props.secretName}`;
      if (kind === "ActionsOrganizationSecretRepositories")
        await call("PUT", `${path}/repositories`, { selected_repository_ids: [] });
      else await call("DELETE", path);
    },
  };
}

class StandIn extends pulumi.dynamic.Resource {
  declare public readonly secretName: pulumi.Output<string>;

  constructor(kind: Kind, name: string, args: Props, opts?: pulumi.CustomResourceOptions) {
    const value = args.plaintextValue === undefined ? {} : { plaintextValue: pulumi.secret(args.plaintextValue) };
    super(providerFor(kind), name, { ...args, ...value }, opts, "github", kind);
  }
}

/** github.ActionsSecret: `repository` (the name; the owner is `github:owner`), `secretName`, `plaintextValue`. */
export class ActionsSecret extends StandIn {
  constructor(
    name: string,
    args: { repository: string; secretName: string; plaintextValue: pulumi.Input<string> },
    opts?: pulumi.CustomResourceOptions,
  ) {
    super("ActionsSecret", name, args, opts);
  }
}

/** github.ActionsEnvironmentSecret: `repository`, `environment`, `secretName`, `plaintextValue`. */
export class ActionsEnvironmentSecret extends StandIn {
  constructor(
    name: string,
    args: { repository: string; environment: string; secretName: string; plaintextValue: pulumi.Input<string> },
    opts?: pulumi.CustomResourceOptions,
  ) {
    super("ActionsEnvironmentSecret", name, args, opts);
  }
}

/** github.ActionsOrganizationSecret: `secretName`, `visibility`, `plaintextValue`, `selectedRepositoryIds`. */
export class ActionsOrganizationSecret extends StandIn {
  constructor(
    name: string,
    args: {
      secretName: string;
      visibility: string;
      plaintextValue: pulumi.Input<string>;
      selectedRepositoryIds?: number[];
    },
    opts?: pulumi.CustomResourceOptions,
  ) {
    super("ActionsOrganizationSecret", name, args, opts);
  }
}

/** github.ActionsOrganizationSecretRepositories: `secretName`, `selectedRepositoryIds`. */
export class ActionsOrganizationSecretRepositories extends StandIn {
  constructor(
    name: string,
    args: { secretName: pulumi.Input<string>; selectedRepositoryIds: number[] },
    opts?: pulumi.CustomResourceOptions,
  ) {
    super("ActionsOrganizationSecretRepositories", name, args, opts);
  }
}
