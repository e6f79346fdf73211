// Which Terraform, AWS provider mirror and Python the landing zone runs with, decided once per make command by
// `npm run prereqs` (src/tools/prereqs.ts) and recorded in .lz/toolchain.json, which later commands read instead of
// probing again. A machine that already has the provider in the mirror terraform/cli.tfrc names and moto in its
// python3 uses them and downloads nothing; elsewhere the provider is mirrored into .lz/tf-plugins and moto
// installed into .lz/venv, when their registries answer. A missing prerequisite is one line saying what to install,
// in the first seconds, never deep inside a run. One function per decision; every probe (files, commands, the
// network) is injected, so the tests decide each case without the network. No HIPAA safeguard of its own: it keeps
// the tested path (make local, make test) runnable on any machine.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as https from "https";
import * as path from "path";
import { displayPath, LandingZoneError } from "../config/errors";
import { REPOSITORY_ROOT } from "../config/model";
import { missingCommand, nodeProblem, PYTHON_MINIMUM, TERRAFORM_VERSION } from "./toolchain-presence";

/** The repo root. */
export const REPO_ROOT = REPOSITORY_ROOT;
/** Where `npm run prereqs` records its choices. */
export const TOOLCHAIN_FILE = path.join(REPO_ROOT, ".lz", "toolchain.json");
/** The provider mirror filled when no other holds the provider (ignored by git, like all of .lz). */
export const REPO_MIRROR = path.join(REPO_ROOT, ".lz", "tf-plugins");
/** The virtual environment moto is installed into when the system python3 has none. */
export const REPO_VENV = path.join(REPO_ROOT, ".lz", "venv");
/** The moto release the emulator, its compatibility patches and src/deploy/emulator-gaps.ts are measured against. */
export const MOTO_VERSION = "5.2.1";
/** The Terraform minor series the landing zone runs on: that of TERRAFORM_VERSION. */
export const TERRAFORM_SERIES = TERRAFORM_VERSION.split(".").slice(0, 2).join(".");
/** Where `terraform providers mirror` reads providers from: the registry is what terraform/cli.tfrc forbids. */
export const TERRAFORM_REGISTRY = "https://registry.terraform.io/";
/** Where pip installs from unless PIP_INDEX_URL names another index. */
export const PYPI_INDEX = "https://pypi.org/simple/";

/** A finished command. */
export interface CommandResult {
  /** The exit status; null when it did not start or was killed. */
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** True when the command is not installed (ENOENT), so nothing ran. */
  readonly notFound: boolean;
}

/** How a command runs. */
export interface RunOptions {
  /** @default the working directory */
  readonly cwd?: string;
  /** @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

/** Everything the decisions look at or do outside themselves. */
export interface ToolchainProbes {
  /** True when `file` exists (a file or a directory). */
  exists(file: string): boolean;
  /** Runs a command to completion. */
  run(command: string, args: readonly string[], options?: RunOptions): CommandResult;
  /** True when an HTTPS HEAD request to `url` gets any answer within a few seconds. */
  reachable(url: string): Promise<boolean>;
  /** Writes a file, creating its directory. */
  writeFile(file: string, text: string): void;
  /** Tells the user what is being downloaded (one line), only when something is. */
  say(line: string): void;
}

/** A Terraform provider at one version: what the synthesized stacks require. */
export interface ProviderRequirement {
  /** The full source address, e.g. registry.terraform.io/hashicorp/aws. */
  readonly source: string;
  /** The exact version, e.g. 5.100.0. */
  readonly version: string;
}

/** The Terraform found on PATH. */
export interface TerraformFound {
  /** e.g. 1.11.4 */
  readonly version: string;
  /** Terraform's os_arch, e.g. linux_amd64: the provider build the mirror must hold. */
  readonly platform: string;
}

/** Where the provider mirror came from. */
export type MirrorSource = "LZ_TF_PLUGIN_DIR" | "configured" | "repo" | "downloaded";

/** The provider mirror every Terraform command uses. */
export interface MirrorChoice {
  readonly dir: string;
  readonly source: MirrorSource;
}

/** Where the emulator's python came from. */
export type PythonSource = "system" | "venv" | "installed";

/** The python that runs the emulator, seeds it, and reads moto's AWS managed policies in tests. */
export interface PythonChoice {
  /** `python3` (from PATH) or the absolute path of the virtual environment's python. */
  readonly python: string;
  readonly source: PythonSource;
  /** The moto version it imports. */
  readonly moto: string;
}

/** What .lz/toolchain.json holds: the choices of the last `npm run prereqs`. */
export interface Toolchain {
  readonly terraform?: TerraformFound & {
    readonly providerMirror: string;
    readonly mirrorSource: MirrorSource;
  };
  readonly python?: PythonChoice;
}

function lastLine(text: string): string {
  return (
    text
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean)
      .pop() ?? "no output"
  );
}

/** Node must be 20 or later: refuses an older one with one line. */
export function checkNode(version: string): void {
  const problem = nodeProblem(version);
  if (problem !== undefined) throw new LandingZoneError(problem);
}

/** Terraform must be on PATH and 1.11.x; returns its version and platform. */
export function checkTerraform(
  probes: ToolchainProbes,
  env: NodeJS.ProcessEnv = process.env,
): TerraformFound {
  const result = probes.run("terraform", ["version", "-json"], { env: { ...env, CHECKPOINT_DISABLE: "1" } });
  if (result.notFound) throw new LandingZoneError(missingCommand("terraform"));
  let found: { terraform_version?: unknown; platform?: unknown } = {};
  try {
    found = JSON.parse(result.stdout) as typeof found;
  } catch {
    // reported below with what Terraform said
  }
  if (
    result.status !== 0 ||
    typeof found.terraform_version !== "string" ||
    typeof found.platform !== "string"
  ) {
    throw new LandingZoneError(
      `prereqs: terraform version -json failed (${lastLine(result.stderr || result.stdout)}): install Terraform ${TERRAFORM_VERSION} (https://developer.hashicorp.com/terraform/install).`,
    );
  }
  if (!found.terraform_version.startsWith(`${TERRAFORM_SERIES}.`)) {
    throw new LandingZoneError(
      `prereqs: Terraform ${found.terraform_version} found; the landing zone needs Terraform ${TERRAFORM_SERIES}.x: install Terraform ${TERRAFORM_VERSION} (https://developer.hashicorp.com/terraform/install), then run make again.`,
    );
  }
  return { version: found.terraform_version, platform: found.platform };
}

/** The AWS provider the synthesized stacks require: the one @cdktf/provider-aws was generated from. */
export function awsProviderRequirement(repoRoot: string = REPO_ROOT): ProviderRequirement {
  const manifest = path.join(repoRoot, "node_modules", "@cdktf", "provider-aws", "package.json");
  const { cdktf } = JSON.parse(fs.readFileSync(manifest, "utf8")) as {
    cdktf: { provider: { name: string; version: string } };
  };
  return { source: cdktf.provider.name, version: cdktf.provider.version };
}

/** The filesystem mirror a Terraform CLI configuration names (its first `path`), if any. */
export function configuredMirror(cliConfigText: string): string | undefined {
  const match = /filesystem_mirror\s*\{[^}]*?\bpath\s*=\s*"([^"]*)"/.exec(cliConfigText);
  return match?.[1];
}

/**
 * True when `dir` holds the provider for `platform`, in either layout a filesystem mirror may use
 * (https://developer.hashicorp.com/terraform/cli/config/config-file#filesystem_mirror): unpacked
 * HOSTNAME/NAMESPACE/TYPE/VERSION/TARGET (the machine image's /opt/tf-plugins), or packed
 * HOSTNAME/NAMESPACE/TYPE/terraform-provider-TYPE_VERSION_TARGET.zip (what `terraform providers mirror` writes).
 */
export function mirrorHolds(
  dir: string,
  provider: ProviderRequirement,
  platform: string,
  exists: (file: string) => boolean,
): boolean {
  const [host, namespace, type] = provider.source.split("/");
  const base = path.join(dir, host, namespace, type);
  return (
    exists(path.join(base, provider.version, platform)) ||
    exists(path.join(base, `terraform-provider-${type}_${provider.version}_${platform}.zip`))
  );
}

/** What `resolveProviderMirror` looks at. */
export interface MirrorContext {
  /** LZ_TF_PLUGIN_DIR, when set, names the mirror; the environment also runs the download. */
  readonly env: NodeJS.ProcessEnv;
  /** The mirror terraform/cli.tfrc names (/opt/tf-plugins). */
  readonly configured: string | undefined;
  /** The repo's own mirror. @default REPO_MIRROR */
  readonly repoMirror?: string;
  /** Where the one-off configuration for `terraform providers mirror` is written. @default .lz/tf-mirror */
  readonly workDir?: string;
  readonly provider: ProviderRequirement;
  /** Terraform's os_arch. */
  readonly platform: string;
}

/**
 * The provider mirror: LZ_TF_PLUGIN_DIR when set; else the mirror terraform/cli.tfrc names when it holds the
 * provider (these machines: nothing changes); else .lz/tf-plugins when it holds it; else, when the registry answers,
 * .lz/tf-plugins filled by `terraform providers mirror` under a CLI configuration that allows the registry for
 * that one command; else one line saying what to set.
 */
export async function resolveProviderMirror(
  probes: ToolchainProbes,
  context: MirrorContext,
): Promise<MirrorChoice> {
  const { provider, platform, env } = context;
  const repoMirror = context.repoMirror ?? REPO_MIRROR;
  const what = `${provider.source} ${provider.version} for ${platform}`;
  const holds = (dir: string) => mirrorHolds(dir, provider, platform, (f) => probes.exists(f));
  const pinned = env.LZ_TF_PLUGIN_DIR;
  if (pinned) {
    if (holds(pinned)) return { dir: pinned, source: "LZ_TF_PLUGIN_DIR" };
    throw new LandingZoneError(
      `prereqs: LZ_TF_PLUGIN_DIR=${pinned} does not hold ${what}: fill it with terraform providers mirror -platform=${platform} ${pinned}, or unset LZ_TF_PLUGIN_DIR.`,
    );
  }
  if (context.configured !== undefined && holds(context.configured)) {
    return { dir: context.configured, source: "configured" };
  }
  if (holds(repoMirror)) return { dir: repoMirror, source: "repo" };
  const looked = [context.configured, displayPath(repoMirror)].filter(Boolean).join(" and ");
  if (!(await probes.reachable(TERRAFORM_REGISTRY))) {
    throw new LandingZoneError(
      `prereqs: no provider mirror holds ${what} (looked in ${looked}) and ${TERRAFORM_REGISTRY} does not answer: set LZ_TF_PLUGIN_DIR to a mirror that holds it, or connect to the internet and run make again.`,
    );
  }
  const workDir = context.workDir ?? path.join(path.dirname(repoMirror), "tf-mirror");
  const [, namespace, type] = provider.source.split("/");
  probes.writeFile(
    path.join(workDir, "main.tf"),
    `# Written by src/deploy/toolchain.ts: the provider the landing zone's stacks require, for terraform providers mirror.\n` +
      `terraform {\n  required_providers {\n    ${type} = {\n      source  = "${namespace}/${type}"\n      version = "${provider.version}"\n    }\n  }\n}\n`,
  );
  const directConfig = path.join(workDir, "direct.tfrc");
  probes.writeFile(
    directConfig,
    "# Written by src/deploy/toolchain.ts for one terraform providers mirror run: no provider_installation block,\n" +
      "# so providers come straight from their registry (terraform/cli.tfrc, used everywhere else, forbids it).\n" +
      "disable_checkpoint = true\n",
  );
  probes.say(`prereqs: mirroring ${what} from ${TERRAFORM_REGISTRY} into ${displayPath(repoMirror)}`);
  const result = probes.run("terraform", ["providers", "mirror", `-platform=${platform}`, repoMirror], {
    cwd: workDir,
    env: { ...env, TF_CLI_CONFIG_FILE: directConfig, CHECKPOINT_DISABLE: "1" },
  });
  if (result.status !== 0 || !holds(repoMirror)) {
    throw new LandingZoneError(
      `prereqs: terraform providers mirror of ${what} failed (${lastLine(result.stderr || result.stdout)}): set LZ_TF_PLUGIN_DIR to a mirror that holds it, or fix the download and run make again.`,
    );
  }
  return { dir: repoMirror, source: "downloaded" };
}

/** What one python reports about itself. */
export interface PythonFacts {
  /** major.minor, e.g. 3.11 */
  readonly python: string;
  /** The installed moto version, null when none. */
  readonly moto: string | null;
  /** True when boto3 (the identity-store seeding) and flask (moto's server) are installed too. */
  readonly complete: boolean;
}

/**
 * Asks `python` what it is and which moto it has, from the installed packages' metadata: about 0.2 s, where
 * importing moto takes over a second.
 */
export const PYTHON_PROBE = [
  "import json, sys",
  "from importlib.metadata import version, PackageNotFoundError",
  "def v(name):",
  "    try:",
  "        return version(name)",
  "    except PackageNotFoundError:",
  "        return None",
  'print(json.dumps({"python": "%d.%d" % sys.version_info[:2], "moto": v("moto"),',
  '                  "complete": bool(v("boto3") and v("flask"))}))',
].join("\n");

/** What `python` reports, or undefined when it is not installed or does not answer. */
export function pythonFacts(probes: ToolchainProbes, python: string): PythonFacts | undefined {
  const result = probes.run(python, ["-c", PYTHON_PROBE]);
  if (result.notFound || result.status !== 0) return undefined;
  try {
    return JSON.parse(result.stdout) as PythonFacts;
  } catch {
    return undefined;
  }
}

/** True when `version` (major.minor) is at least `minimum`. */
export function pythonAtLeast(version: string, minimum: string = PYTHON_MINIMUM): boolean {
  const [major, minor] = version.split(".").map(Number);
  const [wantMajor, wantMinor] = minimum.split(".").map(Number);
  return major > wantMajor || (major === wantMajor && minor >= wantMinor);
}

/** What `resolvePython` looks at. */
export interface PythonContext {
  /** PIP_INDEX_URL, when set, is the index pip installs from. */
  readonly env: NodeJS.ProcessEnv;
  /** The virtual environment. @default REPO_VENV */
  readonly venv?: string;
}

/**
 * The emulator's python: the system python3 when it has moto 5.2.1 (these machines); else .lz/venv's when it has;
 * else, when python3 is 3.10 or later and the package index answers, .lz/venv created and moto installed into it;
 * else one line saying what to install.
 */
export async function resolvePython(probes: ToolchainProbes, context: PythonContext): Promise<PythonChoice> {
  const venv = context.venv ?? REPO_VENV;
  const ready = (facts: PythonFacts | undefined) => facts?.moto === MOTO_VERSION && facts.complete;
  const system = pythonFacts(probes, "python3");
  if (system === undefined) throw new LandingZoneError(missingCommand("python3"));
  if (ready(system)) return { python: "python3", source: "system", moto: MOTO_VERSION };
  const venvPython = path.join(venv, "bin", "python");
  if (probes.exists(venvPython) && ready(pythonFacts(probes, venvPython))) {
    return { python: venvPython, source: "venv", moto: MOTO_VERSION };
  }
  const install = `python3 -m pip install "moto[server]==${MOTO_VERSION}" boto3`;
  if (!pythonAtLeast(system.python)) {
    throw new LandingZoneError(
      `prereqs: python3 is Python ${system.python}; moto ${MOTO_VERSION} needs Python ${PYTHON_MINIMUM} or later: install it (https://www.python.org/downloads/), then run make again.`,
    );
  }
  const index = context.env.PIP_INDEX_URL || PYPI_INDEX;
  if (!(await probes.reachable(index))) {
    throw new LandingZoneError(
      `prereqs: python3 has ${system.moto === null ? "no moto" : `moto ${system.moto}`} and ${index} does not answer: run ${install}, or connect to the internet and run make again.`,
    );
  }
  probes.say(`prereqs: installing moto ${MOTO_VERSION} and boto3 from ${index} into ${displayPath(venv)}`);
  const created = probes.run("python3", ["-m", "venv", venv]);
  if (created.status !== 0) {
    throw new LandingZoneError(
      `prereqs: python3 -m venv ${displayPath(venv)} failed (${lastLine(created.stderr || created.stdout)}): install Python's venv module (Debian and Ubuntu: apt-get install python3-venv), then run make again.`,
    );
  }
  const pip = path.join(venv, "bin", "pip");
  const installed = probes.run(pip, [
    "install",
    "--disable-pip-version-check",
    "--quiet",
    `moto[server]==${MOTO_VERSION}`,
    "boto3",
  ]);
  if (installed.status !== 0 || !ready(pythonFacts(probes, venvPython))) {
    throw new LandingZoneError(
      `prereqs: pip install of moto ${MOTO_VERSION} into ${displayPath(venv)} failed (${lastLine(installed.stderr || installed.stdout)}): run ${install} yourself, then run make again.`,
    );
  }
  return { python: venvPython, source: "installed", moto: MOTO_VERSION };
}

/** The choices of the last `npm run prereqs`; empty when it has not run (or its file is unreadable). */
export function readToolchain(file: string = TOOLCHAIN_FILE): Toolchain {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as Toolchain;
  } catch {
    return {};
  }
}

/** Records `choices` over what the file held, so a Terraform-only command keeps the recorded python. */
export function writeToolchain(choices: Toolchain, file: string = TOOLCHAIN_FILE): Toolchain {
  const merged = { ...readToolchain(file), ...choices };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(merged, null, 2)}\n`);
  return merged;
}

/**
 * The python every emulator spawn uses: the one `npm run prereqs` chose, or python3 from PATH when it has not
 * run (a test started by hand) or its virtual environment has gone.
 */
export function emulatorPython(file: string = TOOLCHAIN_FILE): string {
  const recorded = readToolchain(file).python?.python;
  return recorded !== undefined && (recorded === "python3" || fs.existsSync(recorded)) ? recorded : "python3";
}

/** The probes on this machine: the real filesystem, commands and network. */
export function systemProbes(): ToolchainProbes {
  return {
    exists: (file) => fs.existsSync(file),
    run: (command, args, options = {}) => {
      const result = spawnSync(command, [...args], {
        encoding: "utf8",
        cwd: options.cwd,
        env: options.env ?? process.env,
        maxBuffer: 16 * 1024 * 1024,
      });
      const notFound = (result.error as NodeJS.ErrnoException | undefined)?.code === "ENOENT";
      return { status: result.status, stdout: result.stdout ?? "", stderr: result.stderr ?? "", notFound };
    },
    reachable: (url) =>
      new Promise((resolve) => {
        // Any HTTP answer means the host is reachable; a DNS failure, refusal or 5 s of silence means it is not.
        const request = https.request(url, { method: "HEAD", timeout: 5_000 }, (response) => {
          response.resume();
          resolve(true);
        });
        request.once("timeout", () => request.destroy(new Error("timeout")));
        request.once("error", () => resolve(false));
        request.end();
      }),
    writeFile: (file, text) => {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
    },
    say: (line) => process.stdout.write(`${line}\n`),
  };
}
