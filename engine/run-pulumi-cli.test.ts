// The real-CLI branch, checked against a stand-in `pulumi` that records how it was called.
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { makeProgramDir, removeProgramDir } from "./program-dir";
import { runEngine } from "./run-engine";

test("PULUMI_GITHUB_SECRETS_ENGINE=cli runs `pulumi` against a file backend in the state directory", async () => {
  const bin = mkdtempSync(join(tmpdir(), "fake-pulumi-"));
  const log = join(bin, "calls.log");
  writeFileSync(
    join(bin, "pulumi"),
    `#!/bin/sh\necho "$PULUMI_BACKEND_URL|$PULUMI_CONFIG_PASSPHRASE|$*" >> "${log}"\necho "fake output"\n`,
  );
  chmodSync(join(bin, "pulumi"), 0o755);
  const dir = makeProgramDir(join(__dirname, "fixtures", "toy"));
  try {
    const r = await runEngine(["up", "--yes", "--stack", "ci", "--state-dir", "st"], {
      cwd: dir,
      env: { PATH: `${bin}:${process.env.PATH}`, PULUMI_GITHUB_SECRETS_ENGINE: "cli", PULUMI_CONFIG_PASSPHRASE: "pw" },
    });
    expect(r).toEqual({ exitCode: 0, stdout: "fake output\n", stderr: "" });
    expect(readFileSync(log, "utf8").trim().split("\n")).toEqual([
      `file://${dir}/st|pw|stack select --create --stack ci --cwd ${dir} --non-interactive`,
      `file://${dir}/st|pw|up --yes --stack ci --cwd ${dir} --non-interactive`,
    ]);
  } finally {
    removeProgramDir(dir);
    rmSync(bin, { recursive: true, force: true });
  }
});

test("PULUMI_GITHUB_SECRETS_ENGINE=cli passes `import --file FILE --yes` to `pulumi` as given", async () => {
  const bin = mkdtempSync(join(tmpdir(), "fake-pulumi-"));
  const log = join(bin, "calls.log");
  writeFileSync(join(bin, "pulumi"), `#!/bin/sh\necho "$PULUMI_BACKEND_URL|$*" >> "${log}"\n`);
  chmodSync(join(bin, "pulumi"), 0o755);
  const dir = makeProgramDir(join(__dirname, "fixtures", "toy"));
  try {
    const r = await runEngine(["import", "--file", "import.json", "--yes", "--protect=false", "--cwd", dir], {
      env: { PATH: `${bin}:${process.env.PATH}`, PULUMI_GITHUB_SECRETS_ENGINE: "cli" },
    });
    expect(r.exitCode).toBe(0);
    // The CLI changes to --cwd first, so the relative file is found where the harness looks for it too.
    expect(readFileSync(log, "utf8").trim().split("\n")).toEqual([
      `file://${dir}/.state|stack select --create --stack dev --cwd ${dir} --non-interactive`,
      `file://${dir}/.state|import --file import.json --yes --protect=false --stack dev --cwd ${dir} --non-interactive`,
    ]);
  } finally {
    removeProgramDir(dir);
    rmSync(bin, { recursive: true, force: true });
  }
});

test("PULUMI_GITHUB_SECRETS_ENGINE=cli puts its flags before a `--`, after which a value may start with a dash", async () => {
  const bin = mkdtempSync(join(tmpdir(), "fake-pulumi-"));
  const log = join(bin, "calls.log");
  writeFileSync(join(bin, "pulumi"), `#!/bin/sh\necho "$*" >> "${log}"\n`);
  chmodSync(join(bin, "pulumi"), 0o755);
  const dir = makeProgramDir(join(__dirname, "fixtures", "toy"));
  try {
    const r = await runEngine(
      ["--cwd", dir, "config", "set", "--secret", "--path", "--", "a.key", "-----BEGIN KEY-----"],
      {
        env: { PATH: `${bin}:${process.env.PATH}`, PULUMI_GITHUB_SECRETS_ENGINE: "cli" },
      },
    );
    expect(r.exitCode).toBe(0);
    expect(readFileSync(log, "utf8").trim().split("\n")[1]).toBe(
      `config set --secret --path --stack dev --cwd ${dir} --non-interactive -- a.key -----BEGIN KEY-----`,
    );
  } finally {
    removeProgramDir(dir);
    rmSync(bin, { recursive: true, force: true });
  }
});
