// What a run prints, in the shape of the CLI's non-interactive display: a header, one line per resource that
// changed as its step completes, then "Diagnostics:", "Outputs:", "Resources:" (counts like
// pkg/backend/display's summary, the root stack included, default providers left out) and "Duration:".
import { isSecret, UNKNOWN } from "./property-values";
import type { Output, PropertyMap, StepOp, Value } from "./types";
import { urnName, urnOwnType } from "./urn";

export type RunKind = "update" | "preview" | "refresh" | "destroy" | "import";

const headers: Record<RunKind, string> = {
  update: "Updating",
  preview: "Previewing update",
  refresh: "Refreshing",
  destroy: "Destroying",
  import: "Importing",
};
const symbols: Record<Exclude<StepOp, "same">, string> = {
  create: "+ ",
  update: "~ ",
  delete: "- ",
  replace: "+-",
  import: "= ",
};
const pastTense: Record<Exclude<StepOp, "same">, string> = {
  create: "created",
  update: "updated",
  delete: "deleted",
  replace: "replaced",
  import: "imported",
};
// deploy.StepOps' order, which the summary follows.
const order: Exclude<StepOp, "same">[] = ["create", "update", "delete", "replace", "import"];

export class Report {
  private readonly counts = new Map<StepOp, number>();
  private readonly diagnostics = new Map<string, string[]>();
  private readonly failed = new Set<string>();
  private stackOutputs: PropertyMap = {};
  private readonly started = Date.now();

  constructor(
    private readonly output: Output,
    private readonly kind: RunKind,
    stack: string,
  ) {
    output.out(`${headers[kind]} (${stack}):\n`);
  }

  /**
   * Records a completed step; anything but `same` is printed at once. `retained`: a delete or replacement of a
   * `retainOnDelete` resource, marked `[retain]` as the CLI marks it (display's addRetainStatusFlag).
   */
  step(op: StepOp, urn: string, retained = false): void {
    this.counts.set(op, (this.counts.get(op) ?? 0) + 1);
    if (op === "same") return;
    const verb = this.kind === "preview" ? op : pastTense[op];
    this.output.out(` ${symbols[op]} ${urnName(urn)} [${urnOwnType(urn)}] ${verb}${retained ? "[retain]" : ""}\n`);
  }

  /** Records a step that failed; the error itself goes to `error()`. */
  stepFailed(op: StepOp, urn: string): void {
    if (this.failed.has(urn)) return;
    this.failed.add(urn);
    const verb = {
      same: "checking",
      create: "creating",
      update: "updating",
      delete: "deleting",
      replace: "replacing",
      import: "importing",
    }[op];
    this.output.out(` ! ${urnName(urn)} [${urnOwnType(urn)}] ${verb} failed\n`);
  }

  error(urn: string, message: string): void {
    this.diagnostic(urn, `error: ${message}`);
  }

  warning(urn: string, message: string): void {
    this.diagnostic(urn, `warning: ${message}`);
  }

  /** Program output and info logs, shown under the resource (usually the stack) like the CLI does. */
  info(urn: string, message: string): void {
    this.diagnostic(urn, message);
  }

  setStackOutputs(outputs: PropertyMap): void {
    this.stackOutputs = outputs;
  }

  get hasErrors(): boolean {
    return [...this.diagnostics.values()].some((lines) => lines.some((l) => l.startsWith("error: ")));
  }

  /** Prints the closing sections. */
  finish(): void {
    const out = (s: string) => this.output.out(s);
    if (this.diagnostics.size > 0) {
      out("\nDiagnostics:");
      for (const [urn, lines] of this.diagnostics) {
        out(`\n  ${urnOwnType(urn)} (${urnName(urn)}):\n`);
        for (const line of lines) out(`    ${line.replace(/\n/g, "\n    ")}\n`);
      }
    }
    const outputKeys = Object.keys(this.stackOutputs);
    if (outputKeys.length > 0 && this.kind !== "destroy") {
      out("\nOutputs:\n");
      for (const key of outputKeys) out(`    ${key}: ${displayValue(this.stackOutputs[key])}\n`);
    }
    out("\nResources:\n");
    const to = this.kind === "preview" ? "to " : "";
    let kinds = 0;
    let changes = 0;
    for (const op of order) {
      const count = this.counts.get(op) ?? 0;
      if (count === 0) continue;
      kinds += 1;
      changes += count;
      out(`    ${symbols[op]}${count} ${to}${this.kind === "preview" ? op : pastTense[op]}\n`);
    }
    const pieces: string[] = [];
    if (kinds >= 2) pieces.push(`${changes} change${changes === 1 ? "" : "s"}`);
    const sames = this.counts.get("same") ?? 0;
    if (sames > 0) pieces.push(`${sames} unchanged`);
    if (pieces.length > 0) out(`    ${pieces.join(". ")}\n`);
    if (this.failed.size > 0) out(`    ${this.failed.size} errored\n`);
    if (this.kind !== "preview") out(`\nDuration: ${Math.ceil((Date.now() - this.started) / 1000)}s\n`);
  }

  private diagnostic(urn: string, line: string): void {
    const lines = this.diagnostics.get(urn) ?? [];
    lines.push(line.replace(/\n+$/, ""));
    this.diagnostics.set(urn, lines);
  }
}

function displayValue(v: Value | undefined): string {
  return JSON.stringify(v, (_key, x: Value) => (isSecret(x) ? "[secret]" : x === UNKNOWN ? "output<string>" : x));
}
