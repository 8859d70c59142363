// Test support: a scratch copy of fixtures/toy driven through `runEngine`, with its provider's journal.
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { makeProgramDir } from "./program-dir";
import { runEngine, type RunResult } from "./run-engine";

export interface ToySpec {
  name: string;
  value: string;
  replaceKey?: string;
  deleteBeforeReplace?: boolean;
  dependsOn?: string[];
  idOf?: string;
  secret?: boolean;
  retainOnDelete?: boolean;
}

export interface JournalEntry {
  op: string;
  name?: string;
  id?: string;
  value?: string;
  token?: string | null;
  hasOlds?: boolean;
  upstreamId?: string | null;
}

const TOY_PASSPHRASE = "correct horse battery staple";

export class ToyProgram {
  readonly dir = makeProgramDir(join(__dirname, "fixtures", "toy"));
  readonly remote = join(this.dir, "remote");
  readonly stateFile = join(this.dir, ".state", "dev.json");
  readonly configFile = join(this.dir, ".state", "Pulumi.dev.yaml");
  private mark = 0;

  constructor() {
    mkdirSync(this.remote);
  }

  run(...args: string[]): Promise<RunResult> {
    // Type-checking the toy on every fresh copy would cost seconds and test nothing of the harness.
    return runEngine([...args, "--cwd", this.dir], {
      env: { PULUMI_CONFIG_PASSPHRASE: TOY_PASSPHRASE, PULUMI_NODEJS_TRANSPILE_ONLY: "true" },
    });
  }

  async setup(specs: ToySpec[]): Promise<void> {
    await this.expectOk(this.run("config", "set", "remoteDir", this.remote));
    await this.declare(specs);
  }

  declare(specs: ToySpec[]): Promise<RunResult> {
    return this.expectOk(this.run("config", "set", "resources", JSON.stringify(specs)));
  }

  /** Resolves the result, failing with the whole output when the exit code is not 0. */
  async expectOk(result: Promise<RunResult>): Promise<RunResult> {
    const r = await result;
    if (r.exitCode !== 0) throw new Error(`exit code ${r.exitCode}\n${r.stdout}\n${r.stderr}`);
    return r;
  }

  /** Provider calls since the previous call to `calls()`. */
  calls(): JournalEntry[] {
    const file = join(this.remote, "journal.log");
    const all = existsSync(file) ? readFileSync(file, "utf8").trim().split("\n").filter(Boolean) : [];
    const recent = all.slice(this.mark).map((line) => JSON.parse(line) as JournalEntry);
    this.mark = all.length;
    return recent;
  }

  stateText(stack = "dev"): string {
    return readFileSync(join(this.dir, ".state", `${stack}.json`), "utf8");
  }

  /** The latest deployment's resources by URN name, decrypted secrets left as ciphertext. */
  resources(stack = "dev"): Map<string, { [key: string]: any }> {
    const resources = (JSON.parse(this.stateText(stack)).checkpoint.latest.resources ?? []) as { urn: string }[];
    return new Map(resources.map((r) => [r.urn.split("::").slice(3).join("::"), r]));
  }
}
