// Least privilege you can prove: each catalogue permission set's policies, evaluated by an IAM policy simulator
// together with the SCPs on the target account's OU path, allow what the role is for and deny the rest.
import * as path from "path";
import { admitsAccount } from "../../src/verify/paths/context";
import { loadConfig } from "../../src/config/load";
import { guardrailAttachments, phiAccountNames } from "../../src/config/model";
import { permissionSetCatalogue, PermissionSetDefinition } from "../../src/policies/permission-sets";
import { buildGuardrails } from "../../src/policies/scp-library";
import {
  evaluate,
  identityPoliciesOf,
  keyPolicyDelegatingToIam,
  managedPolicyModels,
  OrgLevel,
  ssoRoleName,
} from "../helpers/iam-simulation";

const example = loadConfig(path.join(__dirname, "..", "..", "environments"));
const org = example.organization;
// Stand-in account IDs: the policies only compare them, so any distinct 12-digit values do.
const accountIds = new Map(org.accounts.map((a, i) => [a.name, String(100000000000 + i * 1111)]));
const id = (name: string) => accountIds.get(name)!;
const phiAccounts = [...phiAccountNames(example.environments)];
const catalogue = new Map(
  permissionSetCatalogue({ phiAccountIds: phiAccounts.map(id) }).map((set) => [set.name, set]),
);
const guardrails = new Map(
  buildGuardrails({
    regions: org.regions,
    deployRoleName: org.roles.deploy,
    breakGlassRoleName: org.roles.breakGlass,
  }).map((g) => [g.name, g]),
);

/** The SCP levels over an account: Root, each OU on its path, then the account. */
function scpsFor(accountName: string): OrgLevel[] {
  const ouPath = org.accounts.find((a) => a.name === accountName)!.ou;
  const parts = ouPath.split("/");
  const levels = ["Root", ...parts.map((_, i) => parts.slice(0, i + 1).join("/"))];
  const attachments = guardrailAttachments(org);
  return [
    ...levels.map((level) => ({
      id: level,
      policies: attachments
        .filter((a) => a.targets.includes(level))
        .map((a) => ({ name: a.policy, document: guardrails.get(a.policy)!.document })),
    })),
    { id: accountName, policies: [] },
  ];
}

type Expected = "Allowed" | "Denied";
interface Row {
  readonly action: string;
  readonly resource: string;
  readonly expected: Expected;
  readonly region?: string;
  readonly context?: Record<string, string>;
  readonly resourceAccount?: string;
  readonly resourcePolicy?: ReturnType<typeof keyPolicyDelegatingToIam>;
}

const key = (account: string, classification: "phi" | "non-phi") => ({
  resource: `arn:aws:kms:us-east-1:${id(account)}:key/11111111-2222-3333-4444-555555555555`,
  context: { "aws:ResourceTag/DataClassification": classification },
  resourcePolicy: keyPolicyDelegatingToIam(id(account)),
});

const models = managedPolicyModels();

async function decisions(set: PermissionSetDefinition, account: string, rows: readonly Row[]) {
  const identity = {
    name: set.name,
    roleName: ssoRoleName(set.name),
    policies: identityPoliciesOf(set, models),
  };
  const out: string[] = [];
  for (const row of rows) {
    const result = await evaluate({
      identity,
      accountId: id(account),
      action: row.action,
      resource: row.resource,
      resourceAccount: row.resourceAccount,
      region: row.region,
      context: row.context,
      resourcePolicy: row.resourcePolicy,
      scps: scpsFor(account),
    });
    out.push(`${row.action} ${row.region ?? ""}: ${result === "Allowed" ? "Allowed" : "Denied"}`);
  }
  return out;
}

const expectTable = async (setName: string, account: string, rows: readonly Row[]) => {
  const set = catalogue.get(setName)!;
  expect(await decisions(set, account, rows)).toEqual(
    rows.map((r) => `${r.action} ${r.region ?? ""}: ${r.expected}`),
  );
};

const bucket = (account: string) => `arn:aws:s3:::example-${id(account)}-data`;
const logGroup = (account: string) => `arn:aws:logs:us-east-1:${id(account)}:log-group:/aws/lambda/app`;
/** A log group of `owner` whose resource policy shares it with `reader`'s account, as a sharing link would. */
const sharedLogGroup = (owner: string, reader: string) => ({
  resource: logGroup(owner),
  resourceAccount: id(owner),
  resourcePolicy: admitsAccount(id(reader), "logs:*"),
});
const trail = `arn:aws:cloudtrail:us-east-1:100000000000:trail/example-health-organization-trail`;

describe("permission sets evaluated with the SCPs of their accounts", () => {
  it("Developer: builds in non-PHI accounts and reads their logs; no PHI key use or PHI log data, no role into PHI accounts, no IAM users, no trail changes", async () => {
    await expectTable("Developer", "phi-dev", [
      {
        action: "lambda:CreateFunction",
        resource: `arn:aws:lambda:us-east-1:${id("phi-dev")}:function:api`,
        // A function in the VPC, as lz-phi-creation requires in an OU that allows PHI.
        context: { "lambda:VpcIds": "vpc-0a1b2c3d4e5f60718" },
        expected: "Allowed",
      },
      {
        action: "lambda:CreateFunction",
        resource: `arn:aws:lambda:us-east-1:${id("phi-dev")}:function:api`,
        expected: "Denied",
      },
      { action: "kms:Decrypt", ...key("phi-dev", "non-phi"), expected: "Allowed" },
      { action: "kms:Decrypt", ...key("phi-dev", "phi"), expected: "Denied" },
      { action: "kms:GenerateDataKey", ...key("phi-dev", "phi"), expected: "Denied" },
      {
        action: "sts:AssumeRole",
        resource: `arn:aws:iam::${id("phi-prod")}:role/app`,
        resourceAccount: id("phi-prod"),
        // A role that trusts phi-dev: only the Developer's own deny can stop it.
        resourcePolicy: admitsAccount(id("phi-dev"), "sts:AssumeRole"),
        expected: "Denied",
      },
      {
        action: "sts:AssumeRole",
        resource: `arn:aws:iam::${id("phi-staging")}:role/app`,
        resourceAccount: id("phi-staging"),
        // A role that trusts phi-dev: only the Developer's own deny can stop it.
        resourcePolicy: admitsAccount(id("phi-dev"), "sts:AssumeRole"),
        expected: "Denied",
      },
      { action: "logs:StartQuery", resource: logGroup("phi-dev"), expected: "Allowed" },
      { action: "logs:GetLogEvents", resource: `${logGroup("phi-dev")}:log-stream:s`, expected: "Allowed" },
      {
        action: "logs:StartQuery",
        resource: logGroup("phi-dev"),
        context: { "aws:ResourceTag/DataClassification": "phi" },
        expected: "Denied",
      },
      // Its own policy denies a PHI account's log groups even with no account boundary in the way (a log group
      // shared with its account), and the same log group of a non-PHI account so shared is read.
      { action: "logs:StartQuery", ...sharedLogGroup("phi-prod", "phi-dev"), expected: "Denied" },
      { action: "logs:FilterLogEvents", ...sharedLogGroup("phi-staging", "phi-dev"), expected: "Denied" },
      { action: "logs:FilterLogEvents", ...sharedLogGroup("sandbox", "phi-dev"), expected: "Allowed" },
      { action: "iam:CreateUser", resource: `arn:aws:iam::${id("phi-dev")}:user/bob`, expected: "Denied" },
      { action: "cloudtrail:StopLogging", resource: trail, expected: "Denied" },
      {
        action: "ec2:RunInstances",
        resource: `arn:aws:ec2:eu-west-1:${id("phi-dev")}:instance/*`,
        region: "eu-west-1",
        expected: "Denied",
      },
    ]);
  });

  it("PHIReadOnly: reads PHI accounts' configuration; writes nothing, uses no PHI key, reads no log events", async () => {
    await expectTable("PHIReadOnly", "phi-prod", [
      { action: "s3:ListBucket", resource: bucket("phi-prod"), expected: "Allowed" },
      { action: "ec2:DescribeInstances", resource: "*", expected: "Allowed" },
      {
        action: "dynamodb:DescribeTable",
        resource: `arn:aws:dynamodb:us-east-1:${id("phi-prod")}:table/patients`,
        expected: "Allowed",
      },
      { action: "s3:PutObject", resource: `${bucket("phi-prod")}/x`, expected: "Denied" },
      { action: "s3:DeleteObject", resource: `${bucket("phi-prod")}/x`, expected: "Denied" },
      {
        action: "dynamodb:PutItem",
        resource: `arn:aws:dynamodb:us-east-1:${id("phi-prod")}:table/patients`,
        expected: "Denied",
      },
      {
        action: "ec2:TerminateInstances",
        resource: `arn:aws:ec2:us-east-1:${id("phi-prod")}:instance/i-1`,
        expected: "Denied",
      },
      { action: "kms:Decrypt", ...key("phi-prod", "phi"), expected: "Denied" },
      // CloudWatch Logs decrypts with the key as itself, so log events are denied on the logs actions.
      { action: "logs:DescribeLogGroups", resource: logGroup("phi-prod"), expected: "Allowed" },
      { action: "logs:GetLogEvents", resource: `${logGroup("phi-prod")}:log-stream:s`, expected: "Denied" },
      { action: "logs:FilterLogEvents", resource: logGroup("phi-prod"), expected: "Denied" },
      { action: "logs:StartQuery", resource: logGroup("phi-prod"), expected: "Denied" },
      { action: "logs:GetQueryResults", resource: logGroup("phi-prod"), expected: "Denied" },
      { action: "logs:StartLiveTail", resource: logGroup("phi-prod"), expected: "Denied" },
    ]);
  });

  it("SecurityAudit: reads security configuration everywhere; changes nothing", async () => {
    await expectTable("SecurityAudit", "phi-prod", [
      { action: "cloudtrail:DescribeTrails", resource: "*", expected: "Allowed" },
      { action: "guardduty:ListDetectors", resource: "*", expected: "Allowed" },
      { action: "iam:GetAccountAuthorizationDetails", resource: "*", expected: "Allowed" },
      { action: "config:DescribeConfigRules", resource: "*", expected: "Allowed" },
      { action: "iam:CreateRole", resource: `arn:aws:iam::${id("phi-prod")}:role/x`, expected: "Denied" },
      { action: "s3:PutBucketPolicy", resource: bucket("phi-prod"), expected: "Denied" },
      {
        action: "ec2:AuthorizeSecurityGroupIngress",
        resource: `arn:aws:ec2:us-east-1:${id("phi-prod")}:security-group/sg-1`,
        expected: "Denied",
      },
      { action: "kms:ScheduleKeyDeletion", ...key("phi-prod", "phi"), expected: "Denied" },
      {
        action: "guardduty:DeleteDetector",
        resource: `arn:aws:guardduty:us-east-1:${id("phi-prod")}:detector/d1`,
        expected: "Denied",
      },
    ]);
  });

  it("SecurityResponder: triages findings and looks up its own account's events; cannot silence a detector", async () => {
    await expectTable("SecurityResponder", "security-tooling", [
      { action: "guardduty:ArchiveFindings", resource: "*", expected: "Allowed" },
      { action: "securityhub:BatchUpdateFindings", resource: "*", expected: "Allowed" },
      { action: "cloudtrail:LookupEvents", resource: "*", expected: "Allowed" },
      {
        action: "guardduty:DeleteDetector",
        resource: `arn:aws:guardduty:us-east-1:${id("security-tooling")}:detector/d1`,
        expected: "Denied",
      },
      {
        action: "securityhub:DisableSecurityHub",
        resource: `arn:aws:securityhub:us-east-1:${id("security-tooling")}:hub/default`,
        expected: "Denied",
      },
      {
        action: "iam:CreateRole",
        resource: `arn:aws:iam::${id("security-tooling")}:role/x`,
        expected: "Denied",
      },
    ]);
  });

  it("PlatformAdmin: administers accounts, but the SCPs still protect the trail, detectors, keys and regions", async () => {
    await expectTable("PlatformAdmin", "security-tooling", [
      {
        action: "iam:CreateRole",
        resource: `arn:aws:iam::${id("security-tooling")}:role/x`,
        expected: "Allowed",
      },
      {
        action: "ec2:CreateVpc",
        resource: `arn:aws:ec2:us-east-1:${id("security-tooling")}:vpc/*`,
        expected: "Allowed",
      },
      { action: "cloudtrail:StopLogging", resource: trail, expected: "Denied" },
      {
        action: "guardduty:DeleteDetector",
        resource: `arn:aws:guardduty:us-east-1:${id("security-tooling")}:detector/d1`,
        expected: "Denied",
      },
      { action: "kms:ScheduleKeyDeletion", ...key("security-tooling", "phi"), expected: "Denied" },
      { action: "organizations:LeaveOrganization", resource: "*", expected: "Denied" },
      {
        action: "ec2:RunInstances",
        resource: `arn:aws:ec2:eu-west-1:${id("security-tooling")}:instance/*`,
        region: "eu-west-1",
        expected: "Denied",
      },
    ]);
  });

  it("Billing: cost and billing only", async () => {
    await expectTable("Billing", "phi-prod", [
      { action: "ce:GetCostAndUsage", resource: "*", expected: "Allowed" },
      {
        action: "budgets:ViewBudget",
        resource: `arn:aws:budgets::${id("phi-prod")}:budget/b1`,
        expected: "Allowed",
      },
      { action: "s3:GetObject", resource: `${bucket("phi-prod")}/x`, expected: "Denied" },
      {
        action: "ec2:RunInstances",
        resource: `arn:aws:ec2:us-east-1:${id("phi-prod")}:instance/*`,
        expected: "Denied",
      },
    ]);
  });

  it("BreakGlass: can do what the SCPs deny everyone else, except leave the organization", async () => {
    await expectTable("BreakGlass", "phi-prod", [
      { action: "cloudtrail:StopLogging", resource: trail, expected: "Allowed" },
      {
        action: "guardduty:DeleteDetector",
        resource: `arn:aws:guardduty:us-east-1:${id("phi-prod")}:detector/d1`,
        expected: "Allowed",
      },
      { action: "kms:ScheduleKeyDeletion", ...key("phi-prod", "phi"), expected: "Allowed" },
      { action: "organizations:LeaveOrganization", resource: "*", expected: "Denied" },
    ]);
  });

  it("nobody but BreakGlass and the pipeline role can stop CloudTrail, in any account", async () => {
    const results: string[] = [];
    const expected: string[] = [];
    for (const account of org.accounts.map((a) => a.name)) {
      const identities = [
        ...[...catalogue.values()].map((set) => ({
          name: set.name,
          roleName: ssoRoleName(set.name),
          policies: identityPoliciesOf(set, models),
        })),
        {
          name: "pipeline",
          roleName: org.roles.deploy,
          policies: [models["arn:aws:iam::aws:policy/AdministratorAccess"]],
        },
        {
          name: "some-admin-role",
          roleName: "platform-admin",
          policies: [models["arn:aws:iam::aws:policy/AdministratorAccess"]],
        },
      ];
      for (const identity of identities) {
        const result = await evaluate({
          identity,
          accountId: id(account),
          action: "cloudtrail:StopLogging",
          resource: trail,
          scps: scpsFor(account),
        });
        results.push(`${account} ${identity.name}: ${result === "Allowed" ? "Allowed" : "Denied"}`);
        expected.push(
          `${account} ${identity.name}: ${["BreakGlass", "pipeline"].includes(identity.name) ? "Allowed" : "Denied"}`,
        );
      }
    }
    expect(results).toEqual(expected);
  });
});
