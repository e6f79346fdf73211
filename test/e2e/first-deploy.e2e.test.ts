// The first real deploy against the emulator: make preflight on an empty account and on an existing estate (each
// check in its passing and failing form), make bootstrap (created, read back, idempotent, refusing weaker or
// foreign buckets), and make adopt followed by make local STACK=organization on an organization built with the
// SDK first. What these prove: the tools call the APIs AWS documents and the Terraform applies; the emulator
// enforces no bucket, key or trust policy, so they do not prove those policies admit or refuse anyone (the unit
// tier's simulations do).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  AttachPolicyCommand,
  CreateAccountCommand,
  CreateOrganizationalUnitCommand,
  CreateOrganizationCommand,
  CreatePolicyCommand,
  DeleteOrganizationCommand,
  DeletePolicyCommand,
  DeregisterDelegatedAdministratorCommand,
  DescribeOrganizationCommand,
  DescribePolicyCommand,
  DetachPolicyCommand,
  DisableAWSServiceAccessCommand,
  EnableAWSServiceAccessCommand,
  EnablePolicyTypeCommand,
  ListAccountsCommand,
  ListOrganizationalUnitsForParentCommand,
  ListParentsCommand,
  ListPoliciesForTargetCommand,
  ListRootsCommand,
  MoveAccountCommand,
  OrganizationsClient,
  RegisterDelegatedAdministratorCommand,
  RemoveAccountFromOrganizationCommand,
} from "@aws-sdk/client-organizations";
import { aiOptOutPolicyContent } from "../../src/policies/ai-opt-out-policy";
import {
  CreateBucketCommand,
  GetBucketEncryptionCommand,
  GetBucketPolicyCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { DescribeKeyCommand, GetKeyRotationStatusCommand, KMSClient } from "@aws-sdk/client-kms";
import {
  DeleteRoleCommand,
  GetOpenIDConnectProviderCommand,
  GetRoleCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
} from "@aws-sdk/client-iam";
import { AccountClient, EnableRegionCommand } from "@aws-sdk/client-account";
import { seedIdentityStore } from "../../src/deploy/emulator";
import {
  accountClientConfig,
  clientConfig,
  freePort,
  localDir,
  runTool,
  ToolResult,
} from "../helpers/emulator";
import { CreateDocumentCommand, DeleteDocumentCommand, SSMClient } from "@aws-sdk/client-ssm";

const TIMEOUT_MS = 1_200_000;
jest.setTimeout(TIMEOUT_MS);

const EXAMPLE = path.join(__dirname, "..", "..", "environments");
let env: Record<string, string>;
let endpoint: string;
let orgs: OrganizationsClient;
/** A copy of the example configuration, so make adopt and the ledger write there, not into the repo. */
let configDir: string;

/** A copy of the example configuration with `edit` applied to organization.yaml. */
function configCopy(edit: (yaml: string) => string = (y) => y): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-first-deploy-config-"));
  for (const file of fs.readdirSync(EXAMPLE)) fs.copyFileSync(path.join(EXAMPLE, file), path.join(dir, file));
  const org = path.join(dir, "organization.yaml");
  fs.writeFileSync(org, edit(fs.readFileSync(org, "utf8")));
  return dir;
}

function preflight(dir = configDir): ToolResult & { lines: string[] } {
  const result = runTool("preflight", { ...env, LZ_CONFIG_DIR: dir }, 300_000, [
    "--local",
    `--report=${path.join(env.LZ_LOCAL_DIR, "preflight.json")}`,
  ]);
  return { ...result, lines: result.stdout.split("\n") };
}

/** The report lines of one check. */
function linesOf(result: { lines: string[] }, check: string): string[] {
  return result.lines.filter((l) => new RegExp(`^(PASS|FAIL|TODO)  ${check}: `).test(l));
}

beforeAll(async () => {
  const port = await freePort();
  env = { LZ_LOCAL_PORT: String(port), LZ_LOCAL_DIR: localDir() };
  endpoint = `http://127.0.0.1:${port}`;
  orgs = new OrganizationsClient(clientConfig(endpoint));
  configDir = configCopy();
});

afterAll(() => {
  runTool("local-down", env);
});

describe("make preflight on an account with no organization", () => {
  it("leaves the organization to the organization stack and fails on the missing state backend", () => {
    const result = preflight();
    expect(result.status).toBe(1);
    expect(linesOf(result, "organization")).toEqual([
      "TODO  organization: no organization yet: the organization stack creates one with all features",
    ]);
    expect(linesOf(result, "state-backend")).toEqual([
      "FAIL  state-backend: bucket example-health-lz-tfstate does not exist",
      "FAIL  state-backend: key alias/example-health-lz-tfstate does not exist",
    ]);
    expect(result.stdout).toContain(
      "      fix: make bootstrap (it creates what is missing and names what it will not change)",
    );
    const report = JSON.parse(fs.readFileSync(path.join(env.LZ_LOCAL_DIR, "preflight.json"), "utf8"));
    expect(report.counts.fail).toBe(2);
    expect(report.results).toContainEqual({
      check: "state-backend",
      status: "fail",
      message: "bucket example-health-lz-tfstate does not exist",
      fix: "make bootstrap (it creates what is missing and names what it will not change)",
    });
  });

  it("fails an organization without all features, and passes it once it has them", async () => {
    await orgs.send(new CreateOrganizationCommand({ FeatureSet: "CONSOLIDATED_BILLING" }));
    const { Organization } = await orgs.send(new DescribeOrganizationCommand({}));
    expect(linesOf(preflight(), "organization")).toEqual([
      `FAIL  organization: organization ${Organization!.Id} has feature set CONSOLIDATED_BILLING; SCPs and delegated administrators need ALL`,
    ]);
    await orgs.send(new DeleteOrganizationCommand({}));
  });
});

describe("make bootstrap", () => {
  let first: ToolResult;
  const s3 = () => new S3Client({ ...clientConfig(endpoint), forcePathStyle: true });
  beforeAll(() => {
    first = runTool("bootstrap", { ...env, LZ_CONFIG_DIR: configDir }, 600_000, ["--local"]);
  });

  it("creates the state bucket, its key and the pipeline roles, and keeps no state", () => {
    expect({ status: first.status, stderr: first.stderr }).toEqual({ status: 0, stderr: "" });
    expect(first.stdout).toContain("bootstrap: plan: 16 to create, 0 to import\n");
    expect(first.stdout).toMatch(/bootstrap: Apply complete! Resources: 16 added, 0 changed, 0 destroyed/);
    expect(first.stdout).toContain("  LZ_DEPLOY_ROLE_ARN = arn:aws:iam::123456789012:role/lz-deploy");
    expect(first.stdout).toContain("  LZ_PLAN_ROLE_ARN   = arn:aws:iam::123456789012:role/lz-plan");
    expect(first.stdout).toMatch(
      /State backend ready: s3:\/\/example-health-lz-tfstate\/landing-zone\/<stack>\.tfstate/,
    );
    const scratch = /terraform [a-z]+ in ([^)]+)\)/.exec(first.stdout)?.[1];
    expect(scratch).toBeUndefined(); // nothing failed, so no scratch directory was named
    expect(fs.readdirSync(os.tmpdir()).filter((d) => d.startsWith("lz-bootstrap-"))).toEqual([]);
  });

  it("reads back the bucket's versioning, public access block, SSE-KMS with a bucket key and TLS policy", async () => {
    const Bucket = "example-health-lz-tfstate";
    expect((await s3().send(new GetBucketVersioningCommand({ Bucket }))).Status).toBe("Enabled");
    expect(
      (await s3().send(new GetPublicAccessBlockCommand({ Bucket }))).PublicAccessBlockConfiguration,
    ).toEqual({
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    });
    const key = await new KMSClient(clientConfig(endpoint)).send(
      new DescribeKeyCommand({ KeyId: "alias/example-health-lz-tfstate" }),
    );
    const rule = (await s3().send(new GetBucketEncryptionCommand({ Bucket })))
      .ServerSideEncryptionConfiguration!.Rules![0];
    expect(rule).toEqual({
      ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: key.KeyMetadata!.Arn },
      BucketKeyEnabled: true,
    });
    const policy = JSON.parse((await s3().send(new GetBucketPolicyCommand({ Bucket }))).Policy!);
    expect(policy.Statement.map((s: { Sid: string }) => s.Sid)).toEqual([
      "DenyInsecureTransport",
      "DenyTlsBelow12",
      "StateObjectsOnlyForPipelineRoles",
      "PlanRoleReadsStateOnly",
    ]);
    const rotation = await new KMSClient(clientConfig(endpoint)).send(
      new GetKeyRotationStatusCommand({ KeyId: key.KeyMetadata!.KeyId }),
    );
    expect(rotation.KeyRotationEnabled).toBe(true);
  });

  it("reads back the OIDC provider and roles trusted by the configured repository only", async () => {
    const iam = new IAMClient(clientConfig(endpoint));
    const provider = await iam.send(
      new GetOpenIDConnectProviderCommand({
        OpenIDConnectProviderArn:
          "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com",
      }),
    );
    expect(provider.ClientIDList).toEqual(["sts.amazonaws.com"]);
    const trust = async (name: string) =>
      JSON.parse(
        decodeURIComponent(
          (await iam.send(new GetRoleCommand({ RoleName: name }))).Role!.AssumeRolePolicyDocument!,
        ),
      ).Statement[0].Condition.StringEquals["token.actions.githubusercontent.com:sub"];
    expect(await trust("lz-deploy")).toEqual([
      "repo:example-health/landing-zone:environment:organization",
      "repo:example-health/landing-zone:environment:security",
      "repo:example-health/landing-zone:environment:accounts",
      "repo:example-health/landing-zone:environment:controls",
      "repo:example-health/landing-zone:environment:workloads",
    ]);
    expect(await trust("lz-plan")).toEqual([
      "repo:example-health/landing-zone:pull_request",
      "repo:example-health/landing-zone:ref:refs/heads/main",
    ]);
    const attached = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: "lz-plan" }));
    expect(attached.AttachedPolicies!.map((p) => p.PolicyArn).sort()).toEqual([
      "arn:aws:iam::123456789012:policy/landing-zone/lz-plan-state-and-members",
      "arn:aws:iam::aws:policy/ReadOnlyAccess",
    ]);
    // Its own grants are a managed policy, not inline (AWS Config's IAM_NO_INLINE_POLICY_CHECK).
    const inline = await iam.send(new ListRolePoliciesCommand({ RoleName: "lz-plan" }));
    expect(inline.PolicyNames).toEqual([]);
  });

  it("runs again as imports with nothing added or destroyed", () => {
    const again = runTool("bootstrap", { ...env, LZ_CONFIG_DIR: configDir }, 600_000, ["--local"]);
    expect({ status: again.status, stderr: again.stderr }).toEqual({ status: 0, stderr: "" });
    expect(again.stdout).toContain("bootstrap: exists, imported: state bucket example-health-lz-tfstate");
    // The key's one update is its deletion window and lockout-check flag, which KMS does not report.
    expect(again.stdout).toContain(
      "bootstrap: plan: 0 to create, 16 to import; aws_kms_key.state-key: update\n",
    );
    expect(again.stdout).toContain(
      "bootstrap: Apply complete! Resources: 16 imported, 0 added, 1 changed, 0 destroyed.",
    );
  });

  it("refuses a bucket with weaker settings, names what differs and changes nothing", async () => {
    await s3().send(new CreateBucketCommand({ Bucket: "weak-state-bucket" }));
    const weak = configCopy((y) =>
      y
        .replace("bucket: example-health-lz-tfstate", "bucket: weak-state-bucket")
        .replace("kmsKeyId: alias/example-health-lz-tfstate", "kmsKeyId: alias/weak-state"),
    );
    const result = runTool("bootstrap", { ...env, LZ_CONFIG_DIR: weak }, 300_000, ["--local"]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("make bootstrap: refusing to touch the state backend named in");
    expect(result.stderr).toContain("  - bucket weak-state-bucket: versioning is off; expected Enabled");
    expect(result.stderr).toContain(
      "  - bucket weak-state-bucket: public access block is missing; expected all four on",
    );
    expect(result.stderr).toContain("  - bucket weak-state-bucket exists but key alias/weak-state does not;");
    expect(result.stderr).toContain("Nothing was changed.");
    expect(result.stderr).not.toContain("Internal error");
    expect(
      (await s3().send(new GetBucketVersioningCommand({ Bucket: "weak-state-bucket" }))).Status,
    ).toBeUndefined();
    await expect(
      new KMSClient(clientConfig(endpoint)).send(new DescribeKeyCommand({ KeyId: "alias/weak-state" })),
    ).rejects.toThrow();
  });

  it("refuses a state bucket owned by another account", async () => {
    const other = await accountClientConfig(endpoint, "210987654321");
    await new S3Client(other).send(new CreateBucketCommand({ Bucket: "someone-elses-state" }));
    const foreign = configCopy((y) =>
      y.replace("bucket: example-health-lz-tfstate", "bucket: someone-elses-state"),
    );
    const result = runTool("bootstrap", { ...env, LZ_CONFIG_DIR: foreign }, 300_000, ["--local"]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      "  - bucket someone-elses-state exists but belongs to another AWS account (bucket names are global); choose another state.bucket",
    );
  });
});

describe("an existing organization: make preflight, make adopt, make local", () => {
  const ids = new Map<string, string>();
  let rootId: string;
  const ouIds = new Map<string, string>();

  beforeAll(async () => {
    await orgs.send(new CreateOrganizationCommand({ FeatureSet: "ALL" }));
    rootId = (await orgs.send(new ListRootsCommand({}))).Roots![0].Id!;
    for (const name of ["Security", "Workloads"]) {
      const { OrganizationalUnit } = await orgs.send(
        new CreateOrganizationalUnitCommand({ ParentId: rootId, Name: name }),
      );
      ouIds.set(name, OrganizationalUnit!.Id!);
    }
    // Two accounts the configuration names (phi-prod in the wrong OU) and one it does not.
    const estate: Array<[string, string, string]> = [
      ["log-archive", "aws+log-archive@example-health.org", "Security"],
      ["phi-prod", "aws+phi-prod@example-health.org", "Security"],
      ["legacy-billing", "billing@example-health.org", "Root"],
    ];
    for (const [name, email, ou] of estate) {
      const created = await orgs.send(new CreateAccountCommand({ AccountName: name, Email: email }));
      const id = created.CreateAccountStatus!.AccountId!;
      ids.set(name, id);
      if (ou !== "Root") {
        await orgs.send(
          new MoveAccountCommand({
            AccountId: id,
            SourceParentId: rootId,
            DestinationParentId: ouIds.get(ou)!,
          }),
        );
      }
    }
  });

  it("checks policy types, Identity Center groups, quotas, regions, roles, delegation and Control Tower both ways", async () => {
    const untrusted = preflight();
    expect(linesOf(untrusted, "regions")).toContainEqual(
      `FAIL  regions: ${ids.get("log-archive")}: cannot read its regions: trusted access for AWS Account Management (account.amazonaws.com) is off`,
    );
    await orgs.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: "account.amazonaws.com" }));
    const before = preflight();
    expect(linesOf(before, "regions").every((l) => l.startsWith("PASS"))).toBe(true);
    expect(linesOf(before, "organization")[0]).toMatch(
      /^PASS  organization: organization o-\w+ with all features/,
    );
    expect(linesOf(before, "policy-types")).toEqual([
      "TODO  policy-types: SERVICE_CONTROL_POLICY is not enabled yet: the organization stack enables it (enabled_policy_types)",
      "TODO  policy-types: RESOURCE_CONTROL_POLICY is not enabled yet: the organization stack enables it (enabled_policy_types)",
      "TODO  policy-types: BACKUP_POLICY is not enabled yet: the organization stack enables it (enabled_policy_types)",
      "TODO  policy-types: AISERVICES_OPT_OUT_POLICY is not enabled yet: the organization stack enables it (enabled_policy_types)",
      "TODO  policy-types: TAG_POLICY is not enabled yet: the organization stack enables it (enabled_policy_types)",
      "TODO  policy-types: DECLARATIVE_POLICY_EC2 is not enabled yet: the organization stack enables it (enabled_policy_types)",
    ]);
    expect(linesOf(before, "identity-center")).toContainEqual(
      expect.stringMatching(
        /^FAIL  identity-center: group lz-platform-admins is not in identity store d-\w+/,
      ),
    );
    expect(linesOf(before, "account-quota")).toEqual([
      expect.stringMatching(
        /^PASS  account-quota: 10 accounts needed \(4 in the organization, 6 to create\); quota 10/,
      ),
    ]);
    expect(linesOf(before, "state-backend")[0]).toMatch(/^PASS  state-backend: /);
    expect(linesOf(before, "deploy-roles")).toHaveLength(3);
    expect(linesOf(before, "deploy-roles").every((l) => l.startsWith("PASS"))).toBe(true);
    expect(linesOf(before, "control-tower")).toEqual([
      "PASS  control-tower: not enabled (no trusted access for controltower.amazonaws.com)",
    ]);
    // The management account and the three members, in both governed regions.
    expect(linesOf(before, "session-preferences")).toHaveLength(8);
    expect(
      linesOf(before, "session-preferences").every((l) =>
        /^PASS .*: no preferences yet; the baseline writes them$/.test(l),
      ),
    ).toBe(true);

    // The failing forms, made in the emulator through the SDK.
    await orgs.send(new EnablePolicyTypeCommand({ RootId: rootId, PolicyType: "SERVICE_CONTROL_POLICY" }));
    seedIdentityStore(endpoint, "us-east-1", [
      "lz-platform-admins",
      "lz-security-auditors",
      "lz-security-responders",
      "lz-developers",
      "lz-phi-readers",
      "lz-billing",
      "lz-break-glass",
    ]);
    const extra = await orgs.send(
      new CreatePolicyCommand({
        Name: "legacy-guardrail",
        Description: "",
        Type: "SERVICE_CONTROL_POLICY",
        Content: '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"ec2:*","Resource":"*"}]}',
      }),
    );
    await orgs.send(
      new AttachPolicyCommand({ PolicyId: extra.Policy!.PolicySummary!.Id!, TargetId: rootId }),
    );
    await orgs.send(new EnablePolicyTypeCommand({ RootId: rootId, PolicyType: "RESOURCE_CONTROL_POLICY" }));
    const extraRcp = await orgs.send(
      new CreatePolicyCommand({
        Name: "legacy-perimeter",
        Description: "",
        Type: "RESOURCE_CONTROL_POLICY",
        Content:
          '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}',
      }),
    );
    await orgs.send(
      new AttachPolicyCommand({ PolicyId: extraRcp.Policy!.PolicySummary!.Id!, TargetId: rootId }),
    );
    const quotaFillers: string[] = [];
    for (const n of [1, 2]) {
      const created = await orgs.send(
        new CreateAccountCommand({ AccountName: `filler-${n}`, Email: `filler-${n}@example.org` }),
      );
      quotaFillers.push(created.CreateAccountStatus!.AccountId!);
    }
    // Session Manager preferences someone saved in phi-prod's console: a Session document without our tag.
    const phiProdSsm = new SSMClient(await accountClientConfig(endpoint, ids.get("phi-prod")!));
    await phiProdSsm.send(
      new CreateDocumentCommand({
        Name: "SSM-SessionManagerRunShell",
        DocumentType: "Session",
        DocumentFormat: "JSON",
        Content: JSON.stringify({
          schemaVersion: "1.0",
          description: "console",
          sessionType: "Standard_Stream",
          inputs: {},
        }),
      }),
    );
    const legacy = await accountClientConfig(endpoint, ids.get("legacy-billing")!);
    await new IAMClient(legacy).send(new DeleteRoleCommand({ RoleName: "OrganizationAccountAccessRole" }));
    await orgs.send(
      new RegisterDelegatedAdministratorCommand({
        AccountId: ids.get("legacy-billing")!,
        ServicePrincipal: "guardduty.amazonaws.com",
      }),
    );
    await orgs.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: "controltower.amazonaws.com" }));
    // Also the lowest RCP limit the configuration allows (RCPFullAWSAccess and lz-data-perimeter on Root), so one
    // RCP attached outside the landing zone is one too many, and an organization held to six SCPs a target (the
    // landing zone's five on Root and FullAWSAccess fit exactly, so one attached outside it is one too many).
    const limits = "  scpMaxPerTarget: 10 # AWS's quota since May 2026, FullAWSAccess included\n";
    const optIn = configCopy((y) => {
      expect(y).toContain(limits);
      return y
        .replace("  - us-west-2\n", "  - us-west-2\n  - af-south-1\n")
        .replace(limits, "  scpMaxPerTarget: 6\n  rcpMaxPerTarget: 2\n");
    });

    const failing = preflight(optIn);
    expect(failing.status).toBe(1);
    expect(linesOf(failing, "policy-types")).toEqual([
      "PASS  policy-types: SERVICE_CONTROL_POLICY is enabled on the root",
      "PASS  policy-types: RESOURCE_CONTROL_POLICY is enabled on the root",
      "TODO  policy-types: BACKUP_POLICY is not enabled yet: the organization stack enables it (enabled_policy_types)",
      "TODO  policy-types: AISERVICES_OPT_OUT_POLICY is not enabled yet: the organization stack enables it (enabled_policy_types)",
      "TODO  policy-types: TAG_POLICY is not enabled yet: the organization stack enables it (enabled_policy_types)",
      "TODO  policy-types: DECLARATIVE_POLICY_EC2 is not enabled yet: the organization stack enables it (enabled_policy_types)",
    ]);
    expect(linesOf(failing, "identity-center").every((l) => l.startsWith("PASS"))).toBe(true);
    expect(linesOf(failing, "account-quota")).toEqual([
      expect.stringMatching(
        /^FAIL  account-quota: 12 accounts needed \(6 in the organization, 6 to create\), but the quota is 10/,
      ),
    ]);
    expect(linesOf(failing, "scp-quotas")).toContainEqual(
      "FAIL  scp-quotas: Root: 5 landing-zone SCPs + FullAWSAccess + 1 already attached (legacy-guardrail) = 7, over the limit of 6",
    );
    expect(linesOf(failing, "rcp-quotas")).toEqual([
      "PASS  rcp-quotas: 2 RCPs in the organization with the landing zone's",
      "FAIL  rcp-quotas: Root: 1 landing-zone RCPs + RCPFullAWSAccess + 1 already attached (legacy-perimeter) = 3, over the limit of 2",
    ]);
    expect(failing.stdout).toContain(
      "      fix: detach or merge legacy-perimeter (Organizations console > Policies > Resource control policies), or raise the quota and limits.rcpMaxPerTarget",
    );
    expect(linesOf(failing, "regions")).toContainEqual(
      "FAIL  regions: 123456789012: af-south-1 not enabled; every governed region must be",
    );
    expect(failing.stdout).toContain("      fix: aws account enable-region --region-name af-south-1");
    expect(linesOf(failing, "deploy-roles")).toContainEqual(
      `FAIL  deploy-roles: ${ids.get("legacy-billing")} (legacy-billing): cannot assume OrganizationAccountAccessRole (NoSuchEntityException)`,
    );
    expect(linesOf(failing, "delegated-admins")).toContainEqual(
      `FAIL  delegated-admins: guardduty.amazonaws.com is delegated to ${ids.get("legacy-billing")} (legacy-billing), not security-tooling`,
    );
    expect(linesOf(failing, "control-tower")[0]).toMatch(
      /^FAIL  control-tower: AWS Control Tower has trusted access\./,
    );
    expect(linesOf(failing, "session-preferences").filter((l) => l.startsWith("FAIL"))).toEqual([
      `FAIL  session-preferences: ${ids.get("phi-prod")} (phi-prod) us-east-1: SSM-SessionManagerRunShell exists and is not the landing zone's (preferences set in the console?): the baseline's create would fail with DocumentAlreadyExists`,
    ]);

    // Undo each, and every check passes again (regions after enabling the opt-in region everywhere).
    await orgs.send(
      new DetachPolicyCommand({ PolicyId: extra.Policy!.PolicySummary!.Id!, TargetId: rootId }),
    );
    await orgs.send(new DeletePolicyCommand({ PolicyId: extra.Policy!.PolicySummary!.Id! }));
    await orgs.send(
      new DetachPolicyCommand({ PolicyId: extraRcp.Policy!.PolicySummary!.Id!, TargetId: rootId }),
    );
    await orgs.send(new DeletePolicyCommand({ PolicyId: extraRcp.Policy!.PolicySummary!.Id! }));
    for (const id of quotaFillers)
      await orgs.send(new RemoveAccountFromOrganizationCommand({ AccountId: id }));
    await orgs.send(
      new DeregisterDelegatedAdministratorCommand({
        AccountId: ids.get("legacy-billing")!,
        ServicePrincipal: "guardduty.amazonaws.com",
      }),
    );
    await orgs.send(new DisableAWSServiceAccessCommand({ ServicePrincipal: "controltower.amazonaws.com" }));
    await phiProdSsm.send(new DeleteDocumentCommand({ Name: "SSM-SessionManagerRunShell" }));
    const account = new AccountClient(clientConfig(endpoint));
    await account.send(new EnableRegionCommand({ RegionName: "af-south-1" }));
    for (const id of ids.values())
      await account.send(new EnableRegionCommand({ AccountId: id, RegionName: "af-south-1" }));
    const passing = preflight(optIn);
    const failures = passing.lines.filter((l) => l.startsWith("FAIL"));
    expect(failures).toEqual([
      `FAIL  deploy-roles: ${ids.get("legacy-billing")} (legacy-billing): cannot assume OrganizationAccountAccessRole (NoSuchEntityException)`,
    ]);
    expect(linesOf(passing, "regions").every((l) => l.startsWith("PASS"))).toBe(true);
  });

  it("make adopt refuses a configuration account whose name differs from the matched account's, writing nothing", () => {
    const renamed = configCopy((y) =>
      y.replace("email: aws+sandbox@example-health.org", "email: billing@example-health.org"),
    );
    const result = runTool("adopt", { ...env, LZ_CONFIG_DIR: renamed }, 300_000, ["--local"]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      `  - accounts.sandbox: account ${ids.get("legacy-billing")} (billing@example-health.org) is named "legacy-billing" in AWS; the AWS provider would replace the account to rename it`,
    );
    expect(fs.existsSync(path.join(renamed, "adopted.json"))).toBe(false);
  });

  describe("after make adopt", () => {
    let adopt: ToolResult;
    let local: ToolResult;
    let existingOptOut: string;
    beforeAll(async () => {
      // A policy of the landing zone's name and type made before it: adopted, not created a second time.
      await orgs.send(
        new EnablePolicyTypeCommand({ RootId: rootId, PolicyType: "AISERVICES_OPT_OUT_POLICY" }),
      );
      const created = await orgs.send(
        new CreatePolicyCommand({
          Name: "lz-ai-services-opt-out",
          Description: "made by hand",
          Type: "AISERVICES_OPT_OUT_POLICY",
          Content: JSON.stringify({ services: { default: { opt_out_policy: { "@@assign": "optOut" } } } }),
        }),
      );
      existingOptOut = created.Policy!.PolicySummary!.Id!;
      await orgs.send(new AttachPolicyCommand({ PolicyId: existingOptOut, TargetId: rootId }));
      adopt = runTool("adopt", { ...env, LZ_CONFIG_DIR: configDir }, 300_000, ["--local"]);
      local = runTool("local", { ...env, LZ_CONFIG_DIR: configDir }, TIMEOUT_MS, ["organization"]);
    });

    it("reports imports, the move and the account it leaves alone", () => {
      expect({ status: adopt.status, stderr: adopt.stderr }).toEqual({ status: 0, stderr: "" });
      expect(adopt.stdout).toContain(`  account log-archive (${ids.get("log-archive")}, created)`);
      expect(adopt.stdout).toContain(`  OU Security (${ouIds.get("Security")})`);
      expect(adopt.stdout).toContain(
        `  account phi-prod (${ids.get("phi-prod")}) moves from Security to Workloads/Prod`,
      );
      expect(adopt.stdout).toContain(
        `  account legacy-billing (${ids.get("legacy-billing")}, billing@example-health.org) in Root`,
      );
      expect(adopt.stdout).toContain("  OU Workloads/Prod");
      expect(adopt.stdout).toContain(
        `  AI services opt-out policy lz-ai-services-opt-out (${existingOptOut})`,
      );
      expect(adopt.stdout).toContain("  attachment lz-ai-services-opt-out@Root");
      expect(adopt.stdout).toContain("  declarative policy lz-ec2-baseline");
      const record = JSON.parse(fs.readFileSync(path.join(configDir, "adopted.json"), "utf8"));
      expect(record.accounts["phi-prod"]).toEqual({ id: ids.get("phi-prod"), joinedMethod: "CREATED" });
      expect(record.readFrom).toBe("local"); // so a real deploy never imports the emulator's IDs, and back
    });

    it("applies the organization stack as imports: nothing twice, the moved account in place, the extra one kept", async () => {
      expect({ status: local.status, stderr: local.stderr }).toEqual({ status: 0, stderr: "" });
      expect(local.stdout).toMatch(/apply: organization: \d+ added, \d+ changed, 0 destroyed, \d+ imported/);
      const top = await orgs.send(new ListOrganizationalUnitsForParentCommand({ ParentId: rootId }));
      const names = top.OrganizationalUnits!.map((o) => o.Name!).sort();
      expect(names).toEqual(["Infrastructure", "Sandbox", "Security", "Suspended", "Workloads"]);
      expect(top.OrganizationalUnits!.find((o) => o.Name === "Security")!.Id).toBe(ouIds.get("Security"));
      const accounts = (await orgs.send(new ListAccountsCommand({}))).Accounts!.filter(
        (a) => a.Status === "ACTIVE",
      );
      const byEmail = new Map<string, string[]>();
      for (const a of accounts) byEmail.set(a.Email!, [...(byEmail.get(a.Email!) ?? []), a.Id!]);
      expect([...byEmail.values()].filter((list) => list.length > 1)).toEqual([]);
      expect(byEmail.get("aws+log-archive@example-health.org")).toEqual([ids.get("log-archive")]);
      expect(byEmail.get("billing@example-health.org")).toEqual([ids.get("legacy-billing")]);
      const prod = await orgs.send(
        new ListOrganizationalUnitsForParentCommand({
          ParentId: top.OrganizationalUnits!.find((o) => o.Name === "Workloads")!.Id,
        }),
      );
      const prodId = prod.OrganizationalUnits!.find((o) => o.Name === "Prod")!.Id;
      const parent = await orgs.send(new ListParentsCommand({ ChildId: ids.get("phi-prod")! }));
      expect(parent.Parents![0].Id).toBe(prodId);
      const legacyParent = await orgs.send(new ListParentsCommand({ ChildId: ids.get("legacy-billing")! }));
      expect(legacyParent.Parents![0].Id).toBe(rootId);
    });

    it("imports the existing AI services opt-out policy and gives it the landing zone's content: one, not two", async () => {
      const { Policies } = await orgs.send(
        new ListPoliciesForTargetCommand({ TargetId: rootId, Filter: "AISERVICES_OPT_OUT_POLICY" }),
      );
      expect(Policies!.map((p) => [p.Name, p.Id])).toEqual([["lz-ai-services-opt-out", existingOptOut]]);
      const { Policy } = await orgs.send(new DescribePolicyCommand({ PolicyId: existingOptOut }));
      expect(Policy!.Content).toBe(JSON.stringify(aiOptOutPolicyContent()));
    });
  });
});
