// `make bootstrap [LOCAL=1] [AUTO_APPROVE=1]`: creates, in the management account, what the S3 backend and the
// pipeline need before the first plan (stacks/bootstrap-stack.ts). Idempotent: what exists is imported, a bucket
// or key weaker than what it would create is refused with the differences, and no state is kept anywhere.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App } from "cdktf";
import { runCli } from "../cli";
import { displayPath, LandingZoneError } from "../config/errors";
import { configDir, loadConfig, ORGANIZATION_FILE } from "../config/load";
import { OrganizationConfig } from "../config/schema";
import { OrganizationsClient } from "@aws-sdk/client-organizations";
import { CloudFormationClient } from "@aws-sdk/client-cloudformation";
import {
  callerIdentity,
  ClientSettings,
  clientSettings,
  describeOrganization,
  inRegion,
  ORGANIZATIONS_REGION,
  withAwsErrors,
} from "../deploy/aws-clients";
import {
  existingStateBackend,
  PipelineRolesFound,
  probePipelineRoles,
  probeStateBackend,
  stateBackendDifferences,
} from "../deploy/bootstrap-probe";
import { stackSetsAccessStep } from "../deploy/stacksets-access";
import { terraformEnv } from "../deploy/terraform-env";
import { pendingChanges, terraformOrThrow } from "../deploy/terraform";
import { githubSubjects, PLAN_ROLE_STATE_POLICY, RELEASE_ENVIRONMENTS } from "../policies/pipeline-policies";
import { BOOTSTRAP_STACK_ID, BootstrapStack } from "../../stacks/bootstrap-stack";
import { knownOptions, toolTarget } from "./aws-target";

/** make bootstrap creates the key under an alias, so `state.kmsKeyId` must be one (alias/name or its ARN). */
function requireStateKeyAlias(org: OrganizationConfig, file: string): void {
  if (/^alias\//.test(org.state.kmsKeyId)) return;
  throw new LandingZoneError(
    `${file}: state.kmsKeyId: received "${org.state.kmsKeyId}"; make bootstrap creates the state key under an alias, so expected alias/<name> (for example alias/${org.name}-lz-tfstate)`,
  );
}

/** The state and the pipeline's roles belong in the management account; a member's credentials are refused. */
async function requireManagementAccount(settings: ClientSettings, account: string): Promise<void> {
  const orgs = new OrganizationsClient(inRegion(settings, ORGANIZATIONS_REGION));
  const organization = await withAwsErrors("make bootstrap: reading the organization", () =>
    describeOrganization(orgs),
  );
  const management = organization?.MasterAccountId;
  if (management !== undefined && management !== account) {
    throw new LandingZoneError(
      `make bootstrap: these credentials are account ${account}'s, a member of organization ${organization!.Id} managed from ${management}; the state backend and the pipeline roles belong in the management account. Nothing was changed: run make bootstrap with the management account's credentials.`,
    );
  }
}

runCli(async () => {
  const args = process.argv.slice(2);
  knownOptions("make bootstrap", args, ["--local", "--auto-approve"]);
  const local = args.includes("--local");
  const config = loadConfig();
  const org = config.organization;
  const file = displayPath(path.join(configDir(), ORGANIZATION_FILE));
  requireStateKeyAlias(org, file);
  const target = await toolTarget(local);
  const settings = clientSettings(target, org.state.region);
  const where = target.mode === "local" ? `the emulator at ${target.endpoint}` : "AWS";

  const { account, arn } = await withAwsErrors("make bootstrap: reading the caller", () =>
    callerIdentity(settings),
  );
  console.log(`bootstrap: account ${account} as ${arn} (${where})`);
  await requireManagementAccount(settings, account);
  const live = await withAwsErrors("make bootstrap: reading the state bucket and key", () =>
    probeStateBackend(settings, org),
  );
  const differences = stateBackendDifferences(live, org);
  if (differences.length > 0) {
    throw new LandingZoneError(
      `make bootstrap: refusing to touch the state backend named in ${file} (state:), which exists with weaker settings than it would create:\n` +
        differences.map((d) => `  - ${d}`).join("\n") +
        "\nNothing was changed. Fix these settings, or name a new bucket and alias in state:, then run make bootstrap again.",
    );
  }
  const github = org.pipeline.github;
  const roles: Partial<PipelineRolesFound> = github
    ? await withAwsErrors("make bootstrap: reading the pipeline roles", () =>
        probePipelineRoles(settings, account, org),
      )
    : {};
  // The inline policy an earlier release created is not imported: the managed policy replaces it.
  const { legacyInlinePolicy, ...roleImports } = roles;
  const existing = { ...existingStateBackend(live), ...roleImports };
  const labels: Record<string, string> = {
    bucket: `state bucket ${org.state.bucket}`,
    bucketOwnership: "its ownership controls",
    bucketLifecycle: "its lifecycle configuration",
    keyId: `state key ${org.state.kmsKeyId}`,
    oidcProviderArn: "GitHub OIDC provider",
    deployRole: `deploy role ${org.roles.managementDeploy}`,
    deployRolePolicy: "its AdministratorAccess attachment",
    planRole: `plan role ${org.roles.managementPlan}`,
    planRoleManagedPolicy: "its ReadOnlyAccess attachment",
    planRoleStatePolicy: `its state-read policy ${PLAN_ROLE_STATE_POLICY}`,
    planRoleStateAttachment: "that policy's attachment",
  };
  for (const [what, found] of Object.entries(existing)) {
    if (found)
      console.log(
        `bootstrap: exists, imported: ${labels[what]}${typeof found === "string" ? ` (${found})` : ""}`,
      );
  }
  if (!github) {
    console.log(
      `notice: ${file}: pipeline.github is not set, so no OIDC provider or pipeline roles are created (docs/ci.md)`,
    );
  }

  // Everything Terraform needs lives in a scratch directory that is removed afterwards: no state on the laptop.
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "lz-bootstrap-"));
  try {
    const app = new App({ outdir: path.join(scratch, "out") });
    new BootstrapStack(app, BOOTSTRAP_STACK_ID, {
      config,
      target,
      accountId: account,
      stateFile: path.join(scratch, "bootstrap.tfstate"),
      subjects: github ? githubSubjects(github.repository, github.branch, RELEASE_ENVIRONMENTS) : undefined,
      existing,
    });
    app.synth();
    const dir = path.join(scratch, "out", "stacks", BOOTSTRAP_STACK_ID);
    await terraformOrThrow(dir, ["init", "-input=false", "-no-color"], "make bootstrap: terraform init");
    if (args.includes("--auto-approve") || local) {
      // Planned first, so what an unattended run changes is on record before it changes it.
      const planned = await terraformOrThrow(
        dir,
        ["plan", "-input=false", "-no-color", "-json", "-out=bootstrap.tfplan"],
        "make bootstrap: terraform plan",
      );
      const changes = pendingChanges(planned.stdout);
      const creates = changes.filter((c) => c.action === "create").length;
      const imports = changes.filter((c) => c.importing).length;
      // After an import the key shows one update: its deletion window and lockout-check flag, which KMS does not
      // report, are written to this run's state only.
      const updates = changes.filter((c) => c.action !== "create" && c.action !== "import");
      console.log(
        `bootstrap: plan: ${creates} to create, ${imports} to import${updates.map((c) => `; ${c.address}: ${c.action}`).join("")}`,
      );
      const applied = await terraformOrThrow(
        dir,
        ["apply", "-input=false", "-no-color", "bootstrap.tfplan"],
        "make bootstrap: terraform apply",
      );
      const summary = /Apply complete! Resources: [^\n]*/.exec(applied.stdout)?.[0] ?? "Apply complete";
      console.log(`bootstrap: ${summary}`);
    } else {
      // Terraform shows the plan and asks before it changes anything in the real account.
      const applied = spawnSync("terraform", ["apply", "-input=true"], {
        cwd: dir,
        env: terraformEnv(),
        stdio: "inherit",
      });
      if (applied.status !== 0)
        throw new LandingZoneError(
          "make bootstrap: terraform apply did not complete; nothing more was done.",
        );
    }
    // After the apply, so a declined apply changes nothing in the account.
    console.log(
      await withAwsErrors("make bootstrap: StackSets trusted access", () =>
        stackSetsAccessStep(
          new OrganizationsClient(inRegion(settings, ORGANIZATIONS_REGION)),
          new CloudFormationClient(inRegion(settings, org.homeRegion)),
          account,
          local,
        ),
      ),
    );
    const outputs = JSON.parse(
      (await terraformOrThrow(dir, ["output", "-json"], "make bootstrap: terraform output")).stdout,
    ) as Record<string, { value: string }>;
    const lines = [
      "",
      `State backend ready: s3://${outputs.state_bucket.value}/${org.state.keyPrefix}/<stack>.tfstate, encrypted with ${outputs.state_key_arn.value}.`,
    ];
    if (outputs.deploy_role_arn) {
      lines.push(
        "Set these repository variables in GitHub (Settings > Secrets and variables > Actions > Variables; none is a secret):",
        `  LZ_DEPLOY_ROLE_ARN = ${outputs.deploy_role_arn.value}`,
        `  LZ_PLAN_ROLE_ARN   = ${outputs.plan_role_arn.value}`,
        `  LZ_DRIFT_ROLE_ARN  = ${outputs.plan_role_arn.value}`,
        `  LZ_HOME_REGION     = ${org.homeRegion}`,
      );
    }
    if (legacyInlinePolicy) {
      lines.push(
        `The plan role still has the inline policy ${PLAN_ROLE_STATE_POLICY} an earlier make bootstrap created; the managed policy of the same name now grants the same (AWS Config's IAM_NO_INLINE_POLICY_CHECK reports inline policies). Remove it:`,
        `  aws iam delete-role-policy --role-name ${org.roles.managementPlan} --policy-name ${PLAN_ROLE_STATE_POLICY}`,
      );
    }
    lines.push("Next: make preflight");
    console.log(lines.join("\n"));
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
});
