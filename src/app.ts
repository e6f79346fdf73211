// Builds the landing zone's stacks from a validated configuration. main.ts and the tests both call this, so
// what is tested is what is deployed.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App } from "cdktf";
import { LandingZoneConfig } from "./config/schema";
import { allAccountNames, workloadAccountOf } from "./config/model";
import { DeploymentTarget } from "./config/target";
import { ORGANIZATION_STACK_ID, OrganizationStack } from "../stacks/organization-stack";
import { SECURITY_STACK_ID, SecurityStack } from "../stacks/security-stack";
import { LOG_ARCHIVE_STACK_ID, LogArchiveStack } from "../stacks/log-archive-stack";
import { ORGANIZATION_TRAIL_STACK_ID, OrganizationTrailStack } from "../stacks/organization-trail-stack";
import { AccountBaselineStack, baselineStackId } from "../stacks/account-baseline-stack";
import { DETECTIVE_CONTROLS_STACK_ID, DetectiveControlsStack } from "../stacks/detective-controls-stack";
import { NetworkStack, networkStackId } from "../stacks/network-stack";
import { NETWORK_HUB_STACK_ID, NetworkHubStack } from "../stacks/network-hub-stack";
import { NETWORK_SEGMENTS_STACK_ID, NetworkSegmentsStack } from "../stacks/network-segments-stack";
import { IDENTITY_CENTER_STACK_ID, IdentityCenterStack } from "../stacks/identity-center-stack";
import { BACKUP_STACK_ID, BackupStack } from "../stacks/backup-stack";
import { WorkloadStack, workloadStackId } from "../stacks/workload-stack";
import { requireVerified, synthesizedModel } from "./verify/gate";
import { VerifyReport } from "./verify/verify";
import { readSynthesizedResources, SynthesizedResources } from "./deploy/synth-diff";

/** The stacks of one landing zone. */
export interface LandingZone {
  /** The management account's organization stack. */
  readonly organization: OrganizationStack;
  /** The security-tooling account's central keys. */
  readonly security: SecurityStack;
  /** The log-archive account's archive. */
  readonly logArchive: LogArchiveStack;
  /** The management account's organization trail and alarms. */
  readonly organizationTrail: OrganizationTrailStack;
  /** The backup account's central vault. */
  readonly backup: BackupStack;
  /** Each account's baseline, by account name (the management account as MANAGEMENT_ACCOUNT_NAME). */
  readonly baselines: ReadonlyMap<string, AccountBaselineStack>;
  /** The security-tooling account's organization-wide detective controls. */
  readonly detectiveControls: DetectiveControlsStack;
  /** The network account's Transit Gateways, when network.transitGateway is on. */
  readonly networkHub: NetworkHubStack | undefined;
  /** Each environment's PHI VPC, by environment name. */
  readonly networks: ReadonlyMap<string, NetworkStack>;
  /** The hub's segments (acceptance, association, propagation), when network.transitGateway is on. */
  readonly networkSegments: NetworkSegmentsStack | undefined;
  /** The management account's Identity Center sets and assignments, when configured. */
  readonly identityCenter: IdentityCenterStack | undefined;
  /** Each environment's workloads, by stack ID (workload-<environment>-<name>). */
  readonly workloads: ReadonlyMap<string, WorkloadStack>;
}

/**
 * Which stacks an app builds, when not every one: every stack but the baselines always (they are few; every
 * baseline reads organization, security and log-archive, so cross-stack references keep their producers; and most
 * of them read the account list), and only the baselines named here. A baseline reads its own account's entry and
 * environment, and the backup account's also the account list (stacks/account-baseline-stack.ts).
 */
export interface StackSelection {
  /** The accounts whose baselines are built, by name (the management account as MANAGEMENT_ACCOUNT_NAME). */
  readonly baselines: ReadonlySet<string>;
}

/**
 * The stacks adding the account `accountName` to `config` can change, both sides of the vend's diff built with
 * it: every stack but the other accounts' baselines, except the backup account's, which lists every account as a
 * copy source. test/tools/vend-selection.test.ts proves that a vend changes no stack outside it.
 */
export function vendSelection(config: LandingZoneConfig, accountName: string): StackSelection {
  return { baselines: new Set([accountName, config.organization.coreAccounts.backup]) };
}

/**
 * Adds every landing-zone stack to `app`, or with `selection` only those it selects. Stack order is deployment
 * order.
 */
export function buildLandingZone(
  app: App,
  config: LandingZoneConfig,
  target: DeploymentTarget,
  selection?: StackSelection,
): LandingZone {
  const organization = new OrganizationStack(app, ORGANIZATION_STACK_ID, { config, target });
  const security = new SecurityStack(app, SECURITY_STACK_ID, { config, target, organization });
  const logArchive = new LogArchiveStack(app, LOG_ARCHIVE_STACK_ID, {
    config,
    target,
    organization,
    security,
  });
  const organizationTrail = new OrganizationTrailStack(app, ORGANIZATION_TRAIL_STACK_ID, {
    config,
    target,
    organization,
    security,
    logArchive,
  });
  const backup = new BackupStack(app, BACKUP_STACK_ID, { config, target, organization });
  const baselines = new Map<string, AccountBaselineStack>();
  for (const accountName of allAccountNames(config.organization)) {
    if (selection && !selection.baselines.has(accountName)) continue;
    baselines.set(
      accountName,
      new AccountBaselineStack(app, baselineStackId(accountName), {
        config,
        target,
        accountName,
        organization,
        security,
        logArchive,
      }),
    );
  }
  const detectiveControls = new DetectiveControlsStack(app, DETECTIVE_CONTROLS_STACK_ID, {
    config,
    target,
    organization,
    security,
    logArchive,
  });
  // The conformance pack evaluates through each account's recorder, so the recorders come first.
  for (const baseline of baselines.values()) detectiveControls.addDependency(baseline);
  const networkHub = config.organization.network.transitGateway.enabled
    ? new NetworkHubStack(app, NETWORK_HUB_STACK_ID, { config, target, organization, logArchive })
    : undefined;
  const networks = new Map<string, NetworkStack>();
  for (const environment of config.environments) {
    networks.set(
      environment.name,
      new NetworkStack(app, networkStackId(environment.name), {
        config,
        target,
        environment,
        organization,
        logArchive,
        hub: networkHub,
      }),
    );
  }
  const networkSegments = networkHub
    ? new NetworkSegmentsStack(app, NETWORK_SEGMENTS_STACK_ID, {
        config,
        target,
        organization,
        hub: networkHub,
        networks,
      })
    : undefined;
  const identityCenter = config.organization.identityCenter
    ? new IdentityCenterStack(app, IDENTITY_CENTER_STACK_ID, { config, target, organization })
    : undefined;
  // People reach an account only after its baseline has applied: a new account is created straight into its OU
  // (its SCPs apply from the start) but nobody but the pipeline role can use it until this stack runs. This is
  // the quarantine, without a quarantine OU to move accounts out of (docs/vending.md: Quarantine).
  if (identityCenter) for (const baseline of baselines.values()) identityCenter.addDependency(baseline);
  // A workload comes after its account's baseline (the deploy role's key administration, backup opt-in) and its
  // environment's network (the subnets and endpoints it runs behind).
  const workloads = new Map<string, WorkloadStack>();
  for (const environment of config.environments) {
    for (const workload of environment.workloads) {
      const id = workloadStackId(environment.name, workload.name);
      const stack = new WorkloadStack(app, id, {
        config,
        target,
        environment,
        workload,
        organization,
        network: networks.get(environment.name)!,
      });
      const baseline = baselines.get(workloadAccountOf(environment, workload));
      if (baseline) stack.addDependency(baseline);
      stack.addDependency(networks.get(environment.name)!);
      workloads.set(id, stack);
    }
  }
  return {
    organization,
    security,
    logArchive,
    organizationTrail,
    backup,
    baselines,
    detectiveControls,
    networkHub,
    networks,
    networkSegments,
    identityCenter,
    workloads,
  };
}

/**
 * Synthesizes the landing zone for `target` into `outdir` (cdktf's layout: manifest.json, stacks/<name>/): every
 * stack, or with `selection` only those it selects.
 */
export function synthesizeLandingZone(
  config: LandingZoneConfig,
  target: DeploymentTarget,
  outdir: string,
  selection?: StackSelection,
): void {
  const app = new App({ outdir });
  buildLandingZone(app, config, target, selection);
  app.synth();
}

/**
 * Synthesizes for real AWS into a temporary directory (every stack, or with `selection` only those it selects),
 * hands it to `read`, and removes it afterwards: for reading synthesized stacks (vend's offline plan, the drift
 * matrix's stack list) without touching cdktf.out.
 */
export function inScratchSynth<T>(
  config: LandingZoneConfig,
  read: (outdir: string) => T,
  selection?: StackSelection,
): T {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-synth-"));
  try {
    synthesizeLandingZone(config, { mode: "aws" }, outdir, selection);
    return read(outdir);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** Synthesizes `config` for real AWS into a scratch directory and reads back every stack's resources. */
export function synthesizeResources(config: LandingZoneConfig): SynthesizedResources {
  return inScratchSynth(config, readSynthesizedResources);
}

/**
 * Synthesizes `config` for AWS into a scratch directory and refuses (a LandingZoneError naming each path and rule)
 * when the access proofs or the AWS service rules fail: the gate `make local`, `make vend` and the deploying
 * commands pass before they write or deploy anything.
 */
export async function requireWorksOnAws(config: LandingZoneConfig, command: string): Promise<void> {
  await requireVerified(
    config,
    inScratchSynth(config, (outdir) => synthesizedModel(config, outdir)),
    command,
  );
}

/** The file cdktf finds the synthesized stacks by: without it, `cdktf deploy --skip-synth` deploys nothing. */
export const MANIFEST_FILE = "manifest.json";

/**
 * The CDKTF app's synth (main.ts, so `cdktf synth`, `cdktf diff` and `cdktf deploy` too), behind the gate the make
 * targets pass: synthesizes for AWS into a scratch directory, verifies it as `make verify` does, and only then
 * writes `outdir`, its manifest last. A refusal (a LandingZoneError naming each path and rule, as requireVerified
 * words it for `command`) leaves `outdir` without a manifest, so `--skip-synth` finds nothing to deploy there.
 *
 * For the emulator (a local `target`) the AWS synth is what is verified, as `make local` does: the emulator
 * enforces no policy, and its synth differs from AWS's only in providers, backends, remote-state lookups and an
 * adoption record, which applies only to the target it was read from.
 */
export async function synthesizeVerified(
  config: LandingZoneConfig,
  target: DeploymentTarget,
  outdir: string,
  command: string,
): Promise<VerifyReport> {
  fs.rmSync(path.join(outdir, MANIFEST_FILE), { force: true });
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "lz-synth-"));
  try {
    const verified: DeploymentTarget = target.mode === "aws" ? target : { mode: "aws" };
    synthesizeJson(config, verified, scratch);
    const report = await requireVerified(config, synthesizedModel(config, scratch), command);
    if (target.mode === "aws" && !hclRequested()) {
      // What was verified is byte for byte what the app would write there: copied, not synthesized again.
      copyInto(scratch, outdir);
      fs.copyFileSync(path.join(scratch, MANIFEST_FILE), path.join(outdir, MANIFEST_FILE));
    } else {
      // For the emulator, or as HCL (`cdktf synth --hcl`): the same configuration, synthesized as asked.
      synthesizeLandingZone(config, target, outdir);
    }
    return report;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** Whether cdktf asked for HCL (`cdktf synth --hcl` sets SYNTH_HCL_OUTPUT, which the App and each stack read). */
function hclRequested(): boolean {
  const hcl = process.env.SYNTH_HCL_OUTPUT;
  return hcl !== undefined && hcl !== "false";
}

/** As synthesizeLandingZone, but always JSON (what the verifier reads), even under `cdktf synth --hcl`. */
function synthesizeJson(config: LandingZoneConfig, target: DeploymentTarget, outdir: string): void {
  const hcl = process.env.SYNTH_HCL_OUTPUT;
  delete process.env.SYNTH_HCL_OUTPUT;
  try {
    synthesizeLandingZone(config, target, outdir);
  } finally {
    if (hcl !== undefined) process.env.SYNTH_HCL_OUTPUT = hcl;
  }
}

/**
 * Copies every file under `from` into `to` but the top-level manifest, merging with what is there: Terraform's
 * .terraform directories and lock files in `to` stay, as they do when cdktf synthesizes over them.
 */
function copyInto(from: string, to: string, top = true): void {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    if (top && entry.name === MANIFEST_FILE) continue;
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) copyInto(source, target, false);
    else fs.copyFileSync(source, target);
  }
}
