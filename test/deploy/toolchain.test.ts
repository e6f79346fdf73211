// The toolchain decisions of `npm run prereqs`, each case on fake probes (no network, no downloads): the provider
// mirror (LZ_TF_PLUGIN_DIR, the configured mirror these machines have, the repo's own, downloaded when the registry
// answers, one line when it does not), Terraform's version, the emulator's python (system, .lz/venv, installed,
// one line), Node, the check that runs before npm ci, and how the recorded choices reach Terraform and python spawns.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  awsProviderRequirement,
  checkNode,
  checkTerraform,
  CommandResult,
  configuredMirror,
  emulatorPython,
  mirrorHolds,
  PYTHON_PROBE,
  pythonAtLeast,
  readToolchain,
  resolvePython,
  resolveProviderMirror,
  RunOptions,
  ToolchainProbes,
  TOOLCHAIN_FILE,
  writeToolchain,
} from "../../src/deploy/toolchain";
import { onPath, presenceProblem } from "../../src/deploy/toolchain-presence";
import { CLI_CONFIG, cliConfigFile, REPO_ROOT } from "../../src/deploy/terraform-env";

const AWS = { source: "registry.terraform.io/hashicorp/aws", version: "5.100.0" };
const UNPACKED = "/opt/tf-plugins/registry.terraform.io/hashicorp/aws/5.100.0/linux_amd64";
const REPO_MIRROR = "/repo/.lz/tf-plugins";
const PACKED = `${REPO_MIRROR}/registry.terraform.io/hashicorp/aws/terraform-provider-aws_5.100.0_linux_amd64.zip`;
const VENV = "/repo/.lz/venv";

interface Call {
  readonly command: string;
  readonly args: readonly string[];
  readonly options?: RunOptions;
}

const ok = (stdout: string): CommandResult => ({ status: 0, stdout, stderr: "", notFound: false });
const failed = (stderr: string): CommandResult => ({ status: 1, stdout: "", stderr, notFound: false });
const NOT_FOUND: CommandResult = { status: null, stdout: "", stderr: "", notFound: true };
const facts = (python: string, moto: string | null, complete = moto !== null) =>
  ok(JSON.stringify({ python, moto, complete }));

/**
 * Probes over a set of existing paths, answers per command line, and hosts that answer. `effects` adds paths when
 * a command runs (a download creating files).
 */
function fakeProbes(setup: {
  files?: string[];
  answers?: Record<string, CommandResult | CommandResult[]>;
  reachable?: string[];
  effects?: Record<string, string[]>;
}) {
  const files = new Set(setup.files ?? []);
  const calls: Call[] = [];
  const asked: string[] = [];
  const written: Record<string, string> = {};
  const said: string[] = [];
  const probes: ToolchainProbes = {
    exists: (file) => files.has(file),
    run: (command, args, options) => {
      calls.push({ command, args, options });
      const key = [command, ...(args[0] === "-c" ? ["-c"] : args)].join(" ");
      for (const file of setup.effects?.[key] ?? []) files.add(file);
      const answer = setup.answers?.[key];
      if (Array.isArray(answer)) return answer.shift() ?? NOT_FOUND;
      return answer ?? NOT_FOUND;
    },
    reachable: async (url) => {
      asked.push(url);
      return (setup.reachable ?? []).includes(url);
    },
    writeFile: (file, text) => {
      written[file] = text;
    },
    say: (line) => said.push(line),
  };
  return { probes, calls, asked, written, said };
}

describe("Node", () => {
  it.each(["v20.20.2", "v22.1.0"])("accepts %s (package.json engines: >=20)", (version) => {
    expect(() => checkNode(version)).not.toThrow();
  });

  it.each(["v18.19.0", "v16.20.2"])("refuses %s with one line saying what to install", (version) => {
    expect(() => checkNode(version)).toThrow(
      `prereqs: Node ${version} found; the landing zone needs Node 20 or later: install it (https://nodejs.org/en/download), then run make again.`,
    );
  });
});

describe("Terraform", () => {
  const version = (v: string) => ({
    "terraform version -json": ok(JSON.stringify({ terraform_version: v, platform: "darwin_arm64" })),
  });

  it("accepts 1.11.x and reports its platform", () => {
    const { probes, calls } = fakeProbes({ answers: version("1.11.4") });
    expect(checkTerraform(probes, {})).toEqual({ version: "1.11.4", platform: "darwin_arm64" });
    expect(calls[0].options?.env).toEqual({ CHECKPOINT_DISABLE: "1" });
  });

  it("refuses another version, saying the version found and how to install 1.11.4", () => {
    const { probes } = fakeProbes({ answers: version("1.9.8") });
    expect(() => checkTerraform(probes, {})).toThrow(
      "prereqs: Terraform 1.9.8 found; the landing zone needs Terraform 1.11.x: install Terraform 1.11.4 (https://developer.hashicorp.com/terraform/install), then run make again.",
    );
  });

  it("says how to install it when it is missing", () => {
    const { probes } = fakeProbes({});
    expect(() => checkTerraform(probes, {})).toThrow(
      "prereqs: terraform is not on PATH: install Terraform 1.11.4 (https://developer.hashicorp.com/terraform/install), then run make again.",
    );
  });

  it("says what Terraform said when it cannot report its version", () => {
    const { probes } = fakeProbes({
      answers: { "terraform version -json": failed("boom\nbad CLI config\n") },
    });
    expect(() => checkTerraform(probes, {})).toThrow(
      "prereqs: terraform version -json failed (bad CLI config): install Terraform 1.11.4 (https://developer.hashicorp.com/terraform/install).",
    );
  });
});

describe("the provider a mirror must hold", () => {
  it("is the one @cdktf/provider-aws was generated from", () => {
    expect(awsProviderRequirement()).toEqual(AWS);
  });

  it("reads the mirror terraform/cli.tfrc names, and nothing from a config without one", () => {
    expect(configuredMirror(fs.readFileSync(CLI_CONFIG, "utf8"))).toBe("/opt/tf-plugins");
    expect(configuredMirror("disable_checkpoint = true\n")).toBeUndefined();
  });

  it("is found in the unpacked layout and in the packed one, for this platform only", () => {
    const exists = (f: string) => [UNPACKED, PACKED].includes(f);
    expect(mirrorHolds("/opt/tf-plugins", AWS, "linux_amd64", exists)).toBe(true);
    expect(mirrorHolds(REPO_MIRROR, AWS, "linux_amd64", exists)).toBe(true);
    expect(mirrorHolds("/opt/tf-plugins", AWS, "darwin_arm64", exists)).toBe(false);
    expect(mirrorHolds("/opt/tf-plugins", { ...AWS, version: "5.99.0" }, "linux_amd64", exists)).toBe(false);
  });
});

describe("the provider mirror", () => {
  const context = (env: NodeJS.ProcessEnv = {}) => ({
    env,
    configured: "/opt/tf-plugins",
    repoMirror: REPO_MIRROR,
    workDir: "/repo/.lz/tf-mirror",
    provider: AWS,
    platform: "linux_amd64",
  });
  const MIRROR_COMMAND = `terraform providers mirror -platform=linux_amd64 ${REPO_MIRROR}`;

  it("uses LZ_TF_PLUGIN_DIR when it holds the provider, before any other", async () => {
    const pinned =
      "/ci/tf-plugins/registry.terraform.io/hashicorp/aws/terraform-provider-aws_5.100.0_linux_amd64.zip";
    const fake = fakeProbes({ files: [pinned, UNPACKED] });
    expect(await resolveProviderMirror(fake.probes, context({ LZ_TF_PLUGIN_DIR: "/ci/tf-plugins" }))).toEqual(
      {
        dir: "/ci/tf-plugins",
        source: "LZ_TF_PLUGIN_DIR",
      },
    );
    expect(fake.asked).toEqual([]);
  });

  it("refuses an LZ_TF_PLUGIN_DIR without the provider in one line", async () => {
    const fake = fakeProbes({ files: [UNPACKED], reachable: ["https://registry.terraform.io/"] });
    await expect(resolveProviderMirror(fake.probes, context({ LZ_TF_PLUGIN_DIR: "/empty" }))).rejects.toThrow(
      "prereqs: LZ_TF_PLUGIN_DIR=/empty does not hold registry.terraform.io/hashicorp/aws 5.100.0 for linux_amd64: fill it with terraform providers mirror -platform=linux_amd64 /empty, or unset LZ_TF_PLUGIN_DIR.",
    );
  });

  it("present where terraform/cli.tfrc says (these machines): uses it, asks no network, runs and writes nothing", async () => {
    const fake = fakeProbes({ files: [UNPACKED], reachable: ["https://registry.terraform.io/"] });
    expect(await resolveProviderMirror(fake.probes, context())).toEqual({
      dir: "/opt/tf-plugins",
      source: "configured",
    });
    expect([fake.asked, fake.calls, fake.written, fake.said]).toEqual([[], [], {}, []]);
  });

  it("present in .lz/tf-plugins from an earlier run: uses it without asking the network", async () => {
    const fake = fakeProbes({ files: [PACKED] });
    expect(await resolveProviderMirror(fake.probes, context())).toEqual({ dir: REPO_MIRROR, source: "repo" });
    expect([fake.asked, fake.calls]).toEqual([[], []]);
  });

  it("absent, registry reachable: mirrors the provider into .lz/tf-plugins with the registry allowed for that command only", async () => {
    const fake = fakeProbes({
      reachable: ["https://registry.terraform.io/"],
      answers: { [MIRROR_COMMAND]: ok("- Mirroring hashicorp/aws...") },
      effects: { [MIRROR_COMMAND]: [PACKED] },
    });
    expect(await resolveProviderMirror(fake.probes, context({ PATH: "/usr/bin" }))).toEqual({
      dir: REPO_MIRROR,
      source: "downloaded",
    });
    expect(fake.asked).toEqual(["https://registry.terraform.io/"]);
    expect(fake.calls).toEqual([
      {
        command: "terraform",
        args: ["providers", "mirror", "-platform=linux_amd64", REPO_MIRROR],
        options: {
          cwd: "/repo/.lz/tf-mirror",
          env: {
            PATH: "/usr/bin",
            TF_CLI_CONFIG_FILE: "/repo/.lz/tf-mirror/direct.tfrc",
            CHECKPOINT_DISABLE: "1",
          },
        },
      },
    ]);
    expect(fake.written["/repo/.lz/tf-mirror/main.tf"]).toContain(
      'aws = {\n      source  = "hashicorp/aws"\n      version = "5.100.0"\n    }',
    );
    const direct = fake.written["/repo/.lz/tf-mirror/direct.tfrc"];
    expect(direct).toContain("disable_checkpoint = true\n");
    expect(direct).not.toMatch(/^provider_installation/m);
    expect(fake.said).toEqual([
      "prereqs: mirroring registry.terraform.io/hashicorp/aws 5.100.0 for linux_amd64 from https://registry.terraform.io/ into /repo/.lz/tf-plugins",
    ]);
  });

  it("absent, registry reachable, but the mirror command fails: one line with what Terraform said", async () => {
    const fake = fakeProbes({
      reachable: ["https://registry.terraform.io/"],
      answers: { [MIRROR_COMMAND]: failed("Error: Failed to query available provider packages\n") },
    });
    await expect(resolveProviderMirror(fake.probes, context())).rejects.toThrow(
      "prereqs: terraform providers mirror of registry.terraform.io/hashicorp/aws 5.100.0 for linux_amd64 failed (Error: Failed to query available provider packages): set LZ_TF_PLUGIN_DIR to a mirror that holds it, or fix the download and run make again.",
    );
  });

  it("absent and no registry: one line naming what to set, having run nothing", async () => {
    const fake = fakeProbes({});
    const refused = resolveProviderMirror(fake.probes, context());
    await expect(refused).rejects.toThrow(
      "prereqs: no provider mirror holds registry.terraform.io/hashicorp/aws 5.100.0 for linux_amd64 (looked in /opt/tf-plugins and /repo/.lz/tf-plugins) and https://registry.terraform.io/ does not answer: set LZ_TF_PLUGIN_DIR to a mirror that holds it, or connect to the internet and run make again.",
    );
    await refused.catch((error: Error) => expect(error.message).not.toContain("\n"));
    expect(fake.calls).toEqual([]);
  });
});

describe("the emulator's python", () => {
  const venvPython = `${VENV}/bin/python`;
  const PIP = `${VENV}/bin/pip install --disable-pip-version-check --quiet moto[server]==5.2.1 boto3`;
  const context = (env: NodeJS.ProcessEnv = {}) => ({ env, venv: VENV });

  it("is the system python3 when it has moto 5.2.1 (these machines), asking no network", async () => {
    const fake = fakeProbes({ answers: { "python3 -c": facts("3.11", "5.2.1") } });
    expect(await resolvePython(fake.probes, context())).toEqual({
      python: "python3",
      source: "system",
      moto: "5.2.1",
    });
    expect(fake.calls).toEqual([{ command: "python3", args: ["-c", PYTHON_PROBE], options: undefined }]);
    expect(fake.asked).toEqual([]);
  });

  it("is .lz/venv's when the system's moto is another version (or lacks boto3 or flask) and the venv has 5.2.1", async () => {
    const fake = fakeProbes({
      files: [venvPython],
      answers: { "python3 -c": facts("3.11", "5.2.1", false), [`${venvPython} -c`]: facts("3.11", "5.2.1") },
    });
    expect(await resolvePython(fake.probes, context())).toEqual({
      python: venvPython,
      source: "venv",
      moto: "5.2.1",
    });
    expect(fake.asked).toEqual([]);
  });

  it("creates .lz/venv and installs moto 5.2.1 and boto3 when the index answers", async () => {
    const fake = fakeProbes({
      reachable: ["https://pypi.org/simple/"],
      answers: {
        "python3 -c": facts("3.12", null),
        [`python3 -m venv ${VENV}`]: ok(""),
        [PIP]: ok(""),
        [`${venvPython} -c`]: facts("3.12", "5.2.1"),
      },
    });
    expect(await resolvePython(fake.probes, context())).toEqual({
      python: venvPython,
      source: "installed",
      moto: "5.2.1",
    });
    expect(fake.calls.map((c) => [c.command, ...c.args].join(" "))).toEqual([
      `python3 -c ${PYTHON_PROBE}`,
      `python3 -m venv ${VENV}`,
      PIP,
      `${venvPython} -c ${PYTHON_PROBE}`,
    ]);
    expect(fake.said).toEqual([
      "prereqs: installing moto 5.2.1 and boto3 from https://pypi.org/simple/ into /repo/.lz/venv",
    ]);
  });

  it("asks the index PIP_INDEX_URL names, since pip installs from it", async () => {
    const fake = fakeProbes({ answers: { "python3 -c": facts("3.12", "5.1.0") } });
    await expect(
      resolvePython(fake.probes, context({ PIP_INDEX_URL: "https://pypi.example.org/simple/" })),
    ).rejects.toThrow(
      'prereqs: python3 has moto 5.1.0 and https://pypi.example.org/simple/ does not answer: run python3 -m pip install "moto[server]==5.2.1" boto3, or connect to the internet and run make again.',
    );
    expect(fake.asked).toEqual(["https://pypi.example.org/simple/"]);
  });

  it("says what to install when moto is missing and the index does not answer", async () => {
    const fake = fakeProbes({ answers: { "python3 -c": facts("3.12", null) } });
    await expect(resolvePython(fake.probes, context())).rejects.toThrow(
      'prereqs: python3 has no moto and https://pypi.org/simple/ does not answer: run python3 -m pip install "moto[server]==5.2.1" boto3, or connect to the internet and run make again.',
    );
  });

  it("says how to install Python when python3 is missing", async () => {
    await expect(resolvePython(fakeProbes({}).probes, context())).rejects.toThrow(
      "prereqs: python3 is not on PATH: install Python 3.10 or later with its venv module (https://www.python.org/downloads/), then run make again.",
    );
  });

  it("refuses a python3 older than moto 5.2.1 supports before downloading anything", async () => {
    const fake = fakeProbes({
      reachable: ["https://pypi.org/simple/"],
      answers: { "python3 -c": facts("3.9", null) },
    });
    await expect(resolvePython(fake.probes, context())).rejects.toThrow(
      "prereqs: python3 is Python 3.9; moto 5.2.1 needs Python 3.10 or later: install it (https://www.python.org/downloads/), then run make again.",
    );
    expect(fake.asked).toEqual([]);
  });

  it("names the venv module when python3 cannot create a virtual environment", async () => {
    const fake = fakeProbes({
      reachable: ["https://pypi.org/simple/"],
      answers: {
        "python3 -c": facts("3.12", null),
        [`python3 -m venv ${VENV}`]: failed(
          "The virtual environment was not created successfully because ensurepip is not available.\n",
        ),
      },
    });
    await expect(resolvePython(fake.probes, context())).rejects.toThrow(
      "prereqs: python3 -m venv /repo/.lz/venv failed (The virtual environment was not created successfully because ensurepip is not available.): install Python's venv module (Debian and Ubuntu: apt-get install python3-venv), then run make again.",
    );
  });

  it("compares Python versions as numbers", () => {
    expect([
      pythonAtLeast("3.10"),
      pythonAtLeast("3.9"),
      pythonAtLeast("4.0"),
      pythonAtLeast("3.12"),
    ]).toEqual([true, false, true, true]);
  });
});

describe("the check before npm ci (plain JavaScript)", () => {
  it("passes when Node is 20 and every named command is on PATH", () => {
    expect(presenceProblem(["terraform", "python3"], "v20.1.0", () => true)).toBeUndefined();
  });

  it("names Node first, then the first missing command", () => {
    expect(presenceProblem(["terraform"], "v18.0.0", () => false)).toBe(
      "prereqs: Node v18.0.0 found; the landing zone needs Node 20 or later: install it (https://nodejs.org/en/download), then run make again.",
    );
    expect(presenceProblem(["terraform", "python3"], "v20.1.0", (c) => c === "terraform")).toBe(
      "prereqs: python3 is not on PATH: install Python 3.10 or later with its venv module (https://www.python.org/downloads/), then run make again.",
    );
  });

  it("finds an executable on PATH, and not a plain file", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-path-"));
    fs.writeFileSync(path.join(dir, "terraform"), "#!/bin/sh\n", { mode: 0o755 });
    fs.writeFileSync(path.join(dir, "python3"), "", { mode: 0o644 });
    expect([onPath("terraform", dir), onPath("python3", dir), onPath("terraform", "")]).toEqual([
      true,
      false,
      false,
    ]);
  });
});

describe("the recorded choices", () => {
  const file = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lz-toolchain-")), "toolchain.json");

  it("python spawns use python3 until prereqs records another, and again when that one has gone", () => {
    const recorded = file();
    expect(emulatorPython(recorded)).toBe("python3");
    const venvPython = path.join(path.dirname(recorded), "python");
    fs.writeFileSync(venvPython, "");
    writeToolchain({ python: { python: venvPython, source: "installed", moto: "5.2.1" } }, recorded);
    expect(emulatorPython(recorded)).toBe(venvPython);
    fs.rmSync(venvPython);
    expect(emulatorPython(recorded)).toBe("python3");
  });

  it("a Terraform-only run keeps the recorded python", () => {
    const recorded = file();
    const python = { python: "python3", source: "system", moto: "5.2.1" } as const;
    writeToolchain({ python }, recorded);
    const terraform = {
      version: "1.11.4",
      platform: "linux_amd64",
      providerMirror: "/opt/tf-plugins",
      mirrorSource: "configured",
    } as const;
    writeToolchain({ terraform }, recorded);
    expect(readToolchain(recorded)).toEqual({ python, terraform });
  });

  it("Terraform uses the repo's CLI config for the mirror it names, and an equivalent one for any other", () => {
    const recorded = file();
    expect(cliConfigFile({}, recorded)).toBe(CLI_CONFIG);
    expect(cliConfigFile({ LZ_TF_PLUGIN_DIR: "/opt/tf-plugins" }, recorded)).toBe(CLI_CONFIG);
    const mirror = path.join(path.dirname(recorded), "tf-plugins");
    writeToolchain(
      {
        terraform: {
          version: "1.11.4",
          platform: "linux_amd64",
          providerMirror: mirror,
          mirrorSource: "downloaded",
        },
      },
      recorded,
    );
    const generated = cliConfigFile({}, recorded);
    expect(generated).toBe(path.join(REPO_ROOT, ".lz", "cli.tfrc"));
    expect(configuredMirror(fs.readFileSync(generated, "utf8"))).toBe(mirror);
    // LZ_TF_PLUGIN_DIR still wins over the recorded mirror.
    expect(
      configuredMirror(fs.readFileSync(cliConfigFile({ LZ_TF_PLUGIN_DIR: "/elsewhere" }, recorded), "utf8")),
    ).toBe("/elsewhere");
  });
});

describe("npm run prereqs", () => {
  const prereqs = (args: string[], env: NodeJS.ProcessEnv = process.env) =>
    spawnSync("node", ["-r", "./src/tools/register.js", "src/tools/prereqs.ts", ...args], {
      cwd: REPO_ROOT,
      encoding: "utf8",
      env,
    });

  it("refuses a need it does not know, in one line", () => {
    const result = prereqs(["terraform", "moto"]);
    expect([result.status, result.stdout, result.stderr]).toEqual([
      1,
      "",
      'prereqs: received "moto"; expected terraform or python3\n',
    ]);
  });

  it("stops at an LZ_TF_PLUGIN_DIR without the provider, in one line, before recording anything", () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), "lz-empty-mirror-"));
    const { platform } = JSON.parse(
      spawnSync("terraform", ["version", "-json"], { encoding: "utf8" }).stdout,
    ) as { platform: string };
    const before = fs.existsSync(TOOLCHAIN_FILE) ? fs.readFileSync(TOOLCHAIN_FILE, "utf8") : undefined;
    const result = prereqs(["terraform"], { ...process.env, LZ_TF_PLUGIN_DIR: empty });
    expect([result.status, result.stdout, result.stderr]).toEqual([
      1,
      "",
      `prereqs: LZ_TF_PLUGIN_DIR=${empty} does not hold registry.terraform.io/hashicorp/aws 5.100.0 for ${platform}: fill it with terraform providers mirror -platform=${platform} ${empty}, or unset LZ_TF_PLUGIN_DIR.\n`,
    ]);
    expect(fs.existsSync(TOOLCHAIN_FILE) ? fs.readFileSync(TOOLCHAIN_FILE, "utf8") : undefined).toBe(before);
  });
});
