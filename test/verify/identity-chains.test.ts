// Who can become whom: the pipeline's chain from a GitHub token to a member account, link by link. What these tests
// prove: the simulator, fed the bootstrap's and the baselines' real documents, decides each link as AWS's evaluation
// logic would, and each defect issue 31 found, put back alone, fails the link that names it. They do not prove
// GitHub issues the subjects as documented, or that AWS evaluates them so; only a real pull request shows that.
import * as path from "path";
import { loadConfig } from "../../src/config/load";
import { allAccountNames } from "../../src/config/model";
import { planRolePolicy } from "../../src/policies/pipeline-policies";
import { pathContext } from "../../src/verify/paths/context";
import { identityChainPaths, PipelineRoles, pipelineRolesOf } from "../../src/verify/paths/identity-chains";
import { PolicyIndex } from "../../src/verify/policy-index";
import { decide } from "../../src/verify/simulator";
import { SynthesizedLandingZone } from "../../src/verify/synthesized";
import { verifyLandingZone } from "../../src/verify/verify";
import { synthApp } from "../helpers/synth";

jest.setTimeout(120_000);

const example = loadConfig(path.join(__dirname, "..", "..", "environments"));
const synthesized = synthApp(example);
const members = example.organization.accounts.map((a) => a.name);
type Block = Record<string, unknown>;
type Stacks = Map<string, { resource: Record<string, Record<string, Block>> }>;

function model(stacks: ReadonlyMap<string, unknown> = synthesized.stacks): SynthesizedLandingZone {
  return new SynthesizedLandingZone(stacks, allAccountNames(example.organization));
}

/** The chain's paths that decide otherwise than expected, with the given bootstrap documents. */
async function failing(roles?: (defaults: PipelineRoles) => PipelineRoles): Promise<string[]> {
  const ctx = pathContext(example, new PolicyIndex(model()));
  const paths = identityChainPaths(ctx, roles ? roles(pipelineRolesOf(ctx)) : undefined);
  const out: string[] = [];
  for (const p of paths) {
    const { decision } = await decide(p.build());
    if ((decision === "Allowed") !== (p.expect === "allow")) out.push(p.id);
  }
  return out;
}

/** The failing paths of the whole catalogue with one edit to a copy of the synthesized stacks. */
async function failingWith(edit: (stacks: Stacks) => void): Promise<string[]> {
  const copy = new Map(
    Object.entries(JSON.parse(JSON.stringify(Object.fromEntries(synthesized.stacks)))),
  ) as Stacks;
  edit(copy);
  const report = await verifyLandingZone(example, model(copy));
  return report.paths.filter((p) => !p.ok).map((p) => p.id);
}

/** The plan reader's resources of one type in an account's baseline. */
function reader(stacks: Stacks, account: string, type: string): Block[] {
  return Object.values(stacks.get(`baseline-${account}`)!.resource[type] ?? {}).filter((b) =>
    ((b["//"] as { metadata: { path: string } }).metadata.path as string).includes("/plan-reader/"),
  );
}

it("proves every link: tokens to management roles, those to each member's roles, the reader's harms", async () => {
  expect(await failing()).toEqual([]);
  const ids = identityChainPaths(pathContext(example, new PolicyIndex(model()))).map((p) => p.id);
  expect(ids).toEqual(
    expect.arrayContaining([
      "chain-oidc-pull-request-to-plan-role",
      "chain-oidc-pull-request-to-deploy-role",
      "chain-oidc-other-branch-to-plan-role",
      "chain-oidc-environment-accounts-to-deploy-role",
      ...members.flatMap((m) => [
        `chain-plan-role-to-${m}-plan-reader`,
        `chain-plan-role-to-${m}-deploy-role`,
        `chain-deploy-role-to-${m}-deploy-role`,
        `chain-${m}-administrator-to-${m}-plan-reader`,
        `chain-${m}-plan-reader-read-log-events`,
        `chain-${m}-plan-reader-stop-trail`,
        `chain-${m}-plan-reader-become-deploy-role`,
        `chain-${m}-plan-reader-reads-configuration`,
      ]),
    ]),
  );
});

it("fails when the plan role may assume the member deploy role, as before issue 31: a pull request is an administrator", async () => {
  const failed = await failing((roles) => ({
    ...roles,
    plan: {
      ...roles.plan,
      own: planRolePolicy(
        "arn:aws:s3:::b",
        "arn:aws:kms:us-east-1:1:key/k",
        example.organization.roles.deploy,
      ),
    },
  }));
  expect(failed).toEqual(
    members.flatMap((m) => [`chain-plan-role-to-${m}-plan-reader`, `chain-plan-role-to-${m}-deploy-role`]),
  );
});

it("fails when the plan role trusts every subject of the repository: any branch plans, and more", async () => {
  const wide = await failing((roles) => {
    const trust = JSON.parse(JSON.stringify(roles.plan.trust));
    trust.Statement[0].Condition = {
      StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" },
      StringLike: { "token.actions.githubusercontent.com:sub": "repo:example-health/landing-zone:*" },
    };
    return { ...roles, plan: { ...roles.plan, trust } };
  });
  expect(wide).toEqual([
    "chain-oidc-other-branch-to-plan-role",
    "chain-oidc-tag-to-plan-role",
    ...["organization", "security", "accounts", "controls", "workloads"].map(
      (env) => `chain-oidc-environment-${env}-to-plan-role`,
    ),
    "chain-oidc-unlisted-environment-to-plan-role",
  ]);
});

/** Opens phi-prod's plan role to every principal, as an administrator who could re-trust it would. */
function openReaderTrust(stacks: Stacks): void {
  const [role] = reader(stacks, "phi-prod", "aws_iam_role");
  const trust = JSON.parse(role.assume_role_policy as string);
  trust.Statement[0].Principal = { AWS: "*" };
  delete trust.Statement[0].Condition;
  role.assume_role_policy = JSON.stringify(trust);
}

it("holds a member's plan role that trusts everyone: lz-core-guardrails still refuses its administrator", async () => {
  expect(await failingWith(openReaderTrust)).toEqual([]);
});

it("fails when the plan role trusts everyone and ProtectLandingZoneRoles is gone: the administrator becomes it", async () => {
  const failed = await failingWith((stacks) => {
    openReaderTrust(stacks);
    const core = Object.values(stacks.get("organization")!.resource.aws_organizations_policy).find(
      (p) => p.name === "lz-core-guardrails",
    )!;
    const content = JSON.parse(core.content as string) as { Statement: Array<{ Sid: string }> };
    content.Statement = content.Statement.filter((st) => st.Sid !== "ProtectLandingZoneRoles");
    core.content = JSON.stringify(content);
  });
  expect(failed).toContain("chain-phi-prod-administrator-to-phi-prod-plan-reader");
  expect(failed.filter((id) => id.startsWith("chain-"))).toEqual([
    "chain-phi-prod-administrator-to-phi-prod-plan-reader",
  ]);
});

it("fails when a member's plan role loses its denies: a pull request reads log events, items and objects", async () => {
  const failed = await failingWith((stacks) => {
    const [policy] = reader(stacks, "phi-prod", "aws_iam_policy");
    policy.policy = JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Sid: "Nothing", Effect: "Deny", Action: "iam:CreateUser", Resource: "*" }],
    });
  });
  expect(failed).toEqual([
    "chain-phi-prod-plan-reader-read-log-events",
    "chain-phi-prod-plan-reader-scan-a-table",
    "chain-phi-prod-plan-reader-read-an-object",
  ]);
});
