// The Node.js binary for every process the harness starts (programs and the dynamic-provider host): the one that
// runs the harness, so that a suite run on one Node runs on it throughout. Under npm scripts that is the project's
// `node` dev dependency (Node 22, which @pulumi/pulumi 3.249+ declares); CI's oldest-Pulumi leg runs jest on Node 20.
export function nodeBinary(): string {
  return process.execPath;
}
