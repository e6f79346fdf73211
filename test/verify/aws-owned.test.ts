// The prover decides with AWS's permissions, never invented ones (issue 32): every path whose caller is AWS-owned
// (a service principal, a service-linked role, a landing-zone role only AWS services assume such as lz-backup)
// carries the policies AWS publishes for it or exactly those the synthesized stacks attach to it; a hand-written one
// is refused. And the backup paths cover a third governed region.
import * as path from "path";
import { loadConfig } from "../../src/config/load";
import { allAccountNames } from "../../src/config/model";
import { LandingZoneConfig } from "../../src/config/schema";
import { SERVICE_MANAGED_POLICIES, awsManaged } from "../../src/verify/managed-policies";
import { awsOwnedCaller, inventedIdentityPolicies } from "../../src/verify/paths/aws-owned";
import { ADMINISTRATOR_ACCESS, fromRole } from "../../src/verify/paths/context";
import { PolicyIndex } from "../../src/verify/policy-index";
import { decide, SimulatedRequest } from "../../src/verify/simulator";
import { SynthesizedLandingZone } from "../../src/verify/synthesized";
import { accessPaths } from "../../src/verify/verify";
import { exampleWithRegions, synthApp } from "../helpers/synth";

jest.setTimeout(120_000);

const example = loadConfig(path.join(__dirname, "..", "..", "environments"));

function modelOf(config: LandingZoneConfig): SynthesizedLandingZone {
  return new SynthesizedLandingZone(synthApp(config).stacks, allAccountNames(config.organization));
}

const synthesized = synthApp(example);
const model = new SynthesizedLandingZone(synthesized.stacks, allAccountNames(example.organization));
const index = new PolicyIndex(model);
const backupAccount = model.accountId(example.organization.coreAccounts.backup);
const lzBackup = `arn:aws:iam::${backupAccount}:role/lz-backup`;
const reportsRole = `arn:aws:iam::${backupAccount}:role/aws-service-role/reports.backup.amazonaws.com/AWSServiceRoleForBackupReports`;
const handWritten = {
  name: "backup-copy",
  policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "kms:Decrypt", Resource: "*" }] },
};

function request(roleArn: string, identityPolicies: SimulatedRequest["identityPolicies"]): SimulatedRequest {
  return {
    ...fromRole(roleArn, "o-example", "us-east-1"),
    action: "kms:Decrypt",
    resource: `arn:aws:kms:us-east-1:${backupAccount}:key/example`,
    resourceAccount: backupAccount,
    identityPolicies,
  };
}

describe("AWS-owned callers in the example's paths", () => {
  it("carry only AWS-published or synthesized identity policies, in every path", () => {
    const problems: string[] = [];
    let awsOwned = 0;
    for (const p of accessPaths(example, model)) {
      // The wrapper refuses an invented policy by throwing: a path must build, or fail for another reason.
      try {
        const built = p.build();
        if (awsOwnedCaller(built, index)) awsOwned += 1;
        problems.push(...inventedIdentityPolicies(built, index).map((line) => `${p.id}: ${line}`));
      } catch (error) {
        if (/does not publish for it/.test((error as Error).message))
          problems.push(`${p.id}: ${(error as Error).message}`);
      }
    }
    expect(problems).toEqual([]);
    expect(awsOwned).toBeGreaterThan(50);
  });

  it("refuses a hand-written policy on lz-backup, on a service-linked role, and AdministratorAccess on one", () => {
    expect(inventedIdentityPolicies(request(lzBackup, [handWritten]), index)).toEqual([
      expect.stringContaining(
        `${lzBackup} (landing-zone role assumed by AWS services) carries the identity policy "backup-copy"`,
      ),
    ]);
    expect(inventedIdentityPolicies(request(reportsRole, [handWritten]), index)).toHaveLength(1);
    expect(inventedIdentityPolicies(request(reportsRole, [ADMINISTRATOR_ACCESS]), index)).toHaveLength(1);
  });

  it("accepts lz-backup's synthesized attachments and the reports role's AWS policy, and leaves people's roles alone", () => {
    expect(inventedIdentityPolicies(request(lzBackup, index.roleIdentityPolicies(lzBackup)), index)).toEqual(
      [],
    );
    expect(
      inventedIdentityPolicies(
        request(reportsRole, [
          awsManaged("arn:aws:iam::aws:policy/aws-service-role/AWSServiceRolePolicyForBackupReports"),
        ]),
        index,
      ),
    ).toEqual([]);
    const admin = `arn:aws:iam::${backupAccount}:role/workload-admin`;
    expect(awsOwnedCaller(request(admin, [handWritten]), index)).toBeUndefined();
    expect(inventedIdentityPolicies(request(admin, [handWritten]), index)).toEqual([]);
  });

  it("gives lz-backup exactly what the baseline attaches: AWS's four managed policies, as vendored, and its vault-key policy", () => {
    expect(index.roleIdentityPolicies(lzBackup).map((p) => p.name)).toEqual([
      "AWSBackupServiceRolePolicyForBackup",
      "AWSBackupServiceRolePolicyForRestores",
      "AWSBackupServiceRolePolicyForS3Backup",
      "AWSBackupServiceRolePolicyForS3Restore",
      "lz-backup-vault-keys",
    ]);
  });

  it("vendors each service policy with its version, date and source", () => {
    for (const [arn, vendored] of Object.entries(SERVICE_MANAGED_POLICIES)) {
      expect([arn, vendored.version]).toEqual([arn, expect.stringMatching(/^v\d+$/)]);
      expect(Date.parse(vendored.updated)).not.toBeNaN();
      expect(vendored.source).toContain(`/aws-managed-policy/latest/reference/${arn.split("/").pop()}.html`);
      expect(vendored.document.Statement.length).toBeGreaterThan(0);
    }
  });
});

it("copies every protected type from a third governed region into the central vault the backup policy names", async () => {
  const config = exampleWithRegions(["us-east-1", "us-west-2", "eu-west-1"]);
  const paths = accessPaths(config, modelOf(config)).filter(
    (p) =>
      p.group === "Backups" && p.expect === "allow" && p.id.includes("-eu-west-1-") && /copy-in$/.test(p.id),
  );
  const failed: string[] = [];
  for (const p of paths) {
    try {
      if ((await decide(p.build())).decision !== "Allowed") failed.push(p.id);
    } catch (error) {
      failed.push(`${p.id}: ${(error as Error).message}`);
    }
  }
  expect(paths.map((p) => p.id)).toEqual(
    expect.arrayContaining([
      "backup-central-phi-prod-eu-west-1-rds-copy-in",
      "backup-copy-back-phi-prod-eu-west-1-copy-in",
    ]),
  );
  expect(failed).toEqual([]);
});

it("fails the RDS central copy by name when the backup policy copies it across account and region in one step", () => {
  const stacks = JSON.parse(JSON.stringify(Object.fromEntries(synthesized.stacks))) as Record<
    string,
    { resource: Record<string, Record<string, Record<string, unknown>>> }
  >;
  let edited = 0;
  for (const stack of Object.values(stacks)) {
    for (const policy of Object.values(stack.resource?.aws_organizations_policy ?? {})) {
      if (policy.type !== "BACKUP_POLICY") continue;
      const content = JSON.parse(String(policy.content)) as {
        plans: Record<string, { rules: Record<string, { copy_actions?: Record<string, unknown> }> }>;
      };
      for (const [name, plan] of Object.entries(content.plans)) {
        if (!name.endsWith("_usw2")) continue;
        for (const rule of Object.values(plan.rules)) {
          rule.copy_actions = Object.fromEntries(
            Object.entries(rule.copy_actions ?? {}).map(([arn, v]) => [
              arn.replace(":us-west-2:", ":us-east-1:"),
              v,
            ]),
          );
          edited += 1;
        }
      }
      policy.content = JSON.stringify(content);
    }
  }
  expect(edited).toBeGreaterThan(0);
  const defective = new SynthesizedLandingZone(
    new Map(Object.entries(stacks)),
    allAccountNames(example.organization),
  );
  const rds = accessPaths(example, defective).find(
    (p) => p.id === "backup-central-phi-prod-us-west-2-rds-copy-in",
  )!;
  expect(() => rds.build()).toThrow(
    /copies RDS recovery points of us-west-2 to arn:aws:backup:us-east-1:.*not\s+both/,
  );
});
