// The known-actions service rule (164.312(a)(1) access control): every action in every policy document the landing
// zone writes is one IAM's data knows, so no grant, guardrail or exemption silently matches nothing. The compliant
// case is the example configuration; each defect is put into a copy of its synthesized stacks, as verify.test.ts does.
import * as path from "path";
import { loadConfig } from "../../src/config/load";
import { allAccountNames } from "../../src/config/model";
import { knownActions } from "../../src/verify/rules/known-actions";
import { SynthesizedLandingZone } from "../../src/verify/synthesized";
import { failureLines, verifyLandingZone } from "../../src/verify/verify";
import { synthApp } from "../helpers/synth";

const example = loadConfig(path.join(__dirname, "..", "..", "environments"));
const synthesized = synthApp(example);

type Block = Record<string, unknown>;
type Stacks = Map<string, { resource: Record<string, Record<string, Block>> }>;
type Statement = Record<string, unknown>;

const REPLICATION_POLICY = "log-archive: aws_iam_policy.log-archive_replication-policy_1B43AC2F";
const DOC =
  "https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html";

/** A deep copy of the example's synthesized stacks with one edit applied, as the model verify reads. */
function modelWith(edit: (stacks: Stacks) => void): SynthesizedLandingZone {
  const stacks = new Map(
    Object.entries(JSON.parse(JSON.stringify(Object.fromEntries(synthesized.stacks)))),
  ) as Stacks;
  edit(stacks);
  return new SynthesizedLandingZone(stacks, allAccountNames(example.organization));
}

/** The resource of a type in a stack whose construct path ends with `suffix`. */
function block(stacks: Stacks, stack: string, type: string, suffix: string): Block {
  const found = Object.values(stacks.get(stack)!.resource[type] ?? {}).filter((b) =>
    (b["//"] as { metadata: { path: string } }).metadata.path.endsWith(suffix),
  );
  if (found.length !== 1) throw new Error(`${found.length} ${type} in ${stack} end with ${suffix}`);
  return found[0];
}

/** Edits a JSON policy argument in place. */
function editPolicy(target: Block, key: string, edit: (statements: Statement[]) => void): void {
  const policy = JSON.parse(target[key] as string) as { Statement: Statement[] };
  edit(policy.Statement);
  target[key] = JSON.stringify(policy);
}

/** The log-archive replication role's policy, the one issue 31 found. */
function replicationPolicy(stacks: Stacks): Block {
  return block(stacks, "log-archive", "aws_iam_policy", "replication-policy/policy");
}

/** Adds a statement with `Action` to the replication policy. */
function withAction(action: unknown, sid = "Probe"): SynthesizedLandingZone {
  return modelWith((stacks) =>
    editPolicy(replicationPolicy(stacks), "policy", (s) =>
      s.push({ Sid: sid, Effect: "Allow", Action: action, Resource: "*" }),
    ),
  );
}

function messages(model: SynthesizedLandingZone): string[] {
  return knownActions.check(model, example).map((f) => `${f.address}: ${f.message}`);
}

it("finds no unknown action in the example configuration", () => {
  expect(messages(modelWith(() => undefined))).toEqual([]);
});

it("fails the gate, naming the resource, attribute, Sid, action and IAM's action, on s3:GetObjectLockConfiguration", async () => {
  const model = modelWith((stacks) =>
    editPolicy(replicationPolicy(stacks), "policy", (s) => {
      const read = s.find((st) => st.Sid === "ReadSourceConfiguration")!;
      read.Action = (read.Action as string[]).map((a) =>
        a === "s3:GetBucketObjectLockConfiguration" ? "s3:GetObjectLockConfiguration" : a,
      );
    }),
  );
  const report = await verifyLandingZone(example, model);
  expect(report.ok).toBe(false);
  expect(report.rules.filter((r) => r.findings.length > 0).map((r) => r.id)).toEqual(["known-actions"]);
  expect(failureLines(report)).toContain(
    `rule known-actions: ${REPLICATION_POLICY} policy, statement ReadSourceConfiguration: Action ` +
      "s3:GetObjectLockConfiguration is not an action IAM knows, so it matches no request; IAM has " +
      `s3:GetBucketObjectLockConfiguration (${DOC})`,
  );
});

it("fails an action wildcard that matches no action of its service", () => {
  expect(messages(withAction(["s3:GetObject", "s3:Frobnicate*"]))).toEqual([
    `${REPLICATION_POLICY}: policy, statement Probe: Action s3:Frobnicate* matches no action IAM knows for s3, so it matches no request`,
  ]);
});

it("fails a service prefix IAM does not know, and an action with no prefix", () => {
  expect(messages(withAction(["s4:GetObject", "GetObject"]))).toEqual([
    `${REPLICATION_POLICY}: policy, statement Probe: Action s4:GetObject names a service prefix IAM does not know (s4), so it matches no request`,
    `${REPLICATION_POLICY}: policy, statement Probe: Action GetObject is not of the form service:action, so it matches no request`,
  ]);
});

it("passes *, wildcards that match, any case, and values Terraform fills in at apply time", () => {
  expect(
    messages(
      withAction([
        "*",
        "s3:*",
        "s3:Get*",
        "kms:GenerateDataKey*",
        "s3:Get?bject",
        "S3:getobject",
        "${var.extra_action}",
      ]),
    ),
  ).toEqual([]);
});

it("reads every policy-bearing resource: NotAction in an SCP, a statement without a Sid, a nested inline policy", () => {
  let index = 0;
  const model = modelWith((stacks) => {
    editPolicy(
      block(stacks, "organization", "aws_organizations_policy", "lz-deny-all/policy"),
      "content",
      (s) => {
        index = s.push({
          Effect: "Deny",
          NotAction: ["sts:AssumeRoleWithSAML", "sts:Frobnicate*"],
          Resource: "*",
        });
      },
    );
    block(stacks, "log-archive", "aws_iam_role", "replication-role").inline_policy = [
      {
        name: "probe",
        policy: JSON.stringify({
          Version: "2012-10-17",
          Statement: { Sid: "Single", Effect: "Allow", Action: "kms:GenerateDataKeys", Resource: "*" },
        }),
      },
    ];
  });
  expect(messages(model).sort()).toEqual([
    "log-archive: aws_iam_role.log-archive_replication-role_F653B484: inline_policy[0].policy, statement Single: " +
      "Action kms:GenerateDataKeys is not an action IAM knows, so it matches no request",
    `organization: aws_organizations_policy.guardrails_lz-deny-all_policy_BA36E539: content, statement #${index}: ` +
      "NotAction sts:Frobnicate* matches no action IAM knows for sts, so it exempts nothing",
  ]);
});

it("reads a document nested in other JSON, such as a role's trust policy in a StackSet's CloudFormation template", () => {
  const model = modelWith((stacks) => {
    const template = {
      Resources: {
        DeployRole: {
          Type: "AWS::IAM::Role",
          Properties: {
            AssumeRolePolicyDocument: {
              Version: "2012-10-17",
              Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRoles" }],
            },
          },
        },
      },
    };
    stacks.get("organization")!.resource.aws_cloudformation_stack_set = {
      probe: { "//": { metadata: { path: "organization/probe" } }, template_body: JSON.stringify(template) },
    };
  });
  expect(messages(model)).toEqual([
    "organization: aws_cloudformation_stack_set.probe: template_body (at Resources.DeployRole.Properties." +
      "AssumeRolePolicyDocument), statement #1: Action sts:AssumeRoles is not an action IAM knows, so it matches no request",
  ]);
});

it("leaves Organizations policies that are not IAM documents (tag, backup, declarative, AI opt-out) alone", () => {
  const model = modelWith((stacks) => {
    const tag = block(stacks, "organization", "aws_organizations_policy", "tag-policy/policy");
    tag.content = JSON.stringify({ Statement: [{ Action: "s4:NotAnAction" }] });
  });
  expect(messages(model)).toEqual([]);
});
