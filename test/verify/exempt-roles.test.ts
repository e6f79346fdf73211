// The protected role names in make verify: an administrator in one account of every OU may not create, re-trust,
// tag, attach a policy to or assume a role whose name the guardrails exempt, nor forge Identity Center's or the
// StackSets role, nor rewrite a landing-zone role policy or Identity Center's SAML provider; the pipeline still may.
// Each statement of lz-core-guardrails that does this, taken out of the synthesized organization stack, fails
// exactly its paths, by name.
import * as path from "path";
import { loadConfig } from "../../src/config/load";
import { allAccountNames, flattenOus, SUSPENDED_OU } from "../../src/config/model";
import { LandingZoneConfig } from "../../src/config/schema";
import { SynthesizedLandingZone } from "../../src/verify/synthesized";
import { decide } from "../../src/verify/simulator";
import { accessPaths, verifyLandingZone, VerifyReport } from "../../src/verify/verify";
import { synthApp } from "../helpers/synth";

// The first cases decide every path of the catalogue (about a thousand, shared policies once); the rest only theirs.
jest.setTimeout(180_000);

const example = loadConfig(path.join(__dirname, "..", "..", "environments"));
const synthesized = synthApp(example);
const org = example.organization;

type Block = Record<string, unknown>;
type Statement = { Sid: string; Condition?: { ArnNotLike: { "aws:PrincipalARN": string[] } } };
type Stacks = Map<string, { resource: Record<string, Record<string, Block>> }>;

function modelOf(config: LandingZoneConfig, stacks: ReadonlyMap<string, unknown>): SynthesizedLandingZone {
  return new SynthesizedLandingZone(stacks, allAccountNames(config.organization));
}

/** The example's synthesized stacks with lz-core-guardrails' statements edited in a deep copy. */
function modelWithCore(edit: (statements: Statement[]) => Statement[]): SynthesizedLandingZone {
  const stacks = JSON.parse(JSON.stringify(Object.fromEntries(synthesized.stacks))) as Record<
    string,
    unknown
  >;
  const map = new Map(Object.entries(stacks)) as Stacks;
  const [core] = Object.values(map.get("organization")!.resource.aws_organizations_policy).filter(
    (b) => b.name === "lz-core-guardrails",
  );
  const policy = JSON.parse(core.content as string) as { Statement: Statement[] };
  policy.Statement = edit(policy.Statement);
  core.content = JSON.stringify(policy);
  return modelOf(example, map);
}

function verifyWithCore(edit: (statements: Statement[]) => Statement[]): Promise<VerifyReport> {
  return verifyLandingZone(example, modelWithCore(edit));
}

/** The protected-role paths that fail with lz-core-guardrails edited (only they are decided: seconds, not minutes). */
async function failedProtectedPaths(edit: (statements: Statement[]) => Statement[]): Promise<string[]> {
  const paths = accessPaths(example, modelWithCore(edit)).filter((p) => p.id.startsWith("protected-role-"));
  const decided = await Promise.all(paths.map(async (p) => [p, (await decide(p.build())).decision] as const));
  return decided
    .filter(([p, decision]) => (p.expect === "allow") !== (decision === "Allowed"))
    .map(([p]) => p.id);
}

const without = (sid: string) => (statements: Statement[]) => statements.filter((s) => s.Sid !== sid);
const failed = (report: VerifyReport) => report.paths.filter((p) => !p.ok).map((p) => p.id);

/** The accounts the paths use: the first account directly in each OU but Suspended, from the configuration. */
const accountsPerOu = flattenOus(org.organizationalUnits)
  .filter((ou) => ou.path !== SUSPENDED_OU)
  .flatMap((ou) => org.accounts.filter((a) => a.ou === ou.path).slice(0, 1))
  .map((a) => a.name);
/** The names the example's guardrails exempt or its key policies name, and the plan role pull requests reach. */
const names = [
  org.roles.deploy,
  org.roles.breakGlass,
  "lz-backup",
  "lz-backup-alerts",
  "lz-log-archive-replication",
  `${org.name}-findings-forwarder`,
  org.roles.plan,
];
const attempts = ["CreateRole", "UpdateAssumeRolePolicy", "TagRole", "AttachRolePolicy", "AssumeRole"];
const perOu = (suffix: string) => accountsPerOu.map((account) => `protected-role-${account}-${suffix}`);

let report: VerifyReport;
beforeAll(async () => {
  report = await verifyLandingZone(example, modelOf(example, synthesized.stacks));
});

it("denies an administrator in one account of every OU each protected name, and lets the pipeline make them", () => {
  expect(accountsPerOu).toEqual(["log-archive", "shared-services", "phi-prod", "phi-staging", "sandbox"]);
  const decided = new Map(report.paths.map((p) => [p.id, p]));
  for (const name of names) {
    for (const attempt of attempts) {
      for (const id of perOu(`${name}-${attempt}`))
        expect([id, decided.get(id)?.expect]).toEqual([id, "deny"]);
    }
    for (const id of perOu(`${name}-pipeline-CreateRole`)) {
      expect([id, decided.get(id)?.expect]).toEqual([id, "allow"]);
    }
  }
  const ours = report.paths.filter((p) => p.id.startsWith("protected-role-"));
  expect(ours.filter((p) => !p.ok)).toEqual([]);
  expect(ours.filter((p) => p.expect === "deny").length).toBe(
    accountsPerOu.length * (names.length * attempts.length + 5) + 2,
  );
});

it("without ProtectLandingZoneRoles: every protected name is the administrator's to create, re-trust and assume", async () => {
  const broken = await verifyWithCore(without("ProtectLandingZoneRoles"));
  const named = (id: string) => names.some((name) => id.includes(`-${name}-`));
  // The API Gateway logging role of each environment with workloads is a protected service role too: without the
  // statement an administrator of its account detaches its policy (a Developer's permission set still refuses it).
  const loggingRole = (id: string) => /^workload-.*-administrator-api-logging-role$/.test(id);
  expect(failed(broken)).toEqual(
    report.paths
      .filter(
        (p) =>
          (p.id.startsWith("protected-role-") && p.expect === "deny" && named(p.id)) || loggingRole(p.id),
      )
      .map((p) => p.id),
  );
  expect(failed(broken)).toContain("workload-dev-patient-intake-administrator-api-logging-role");
  expect(failed(broken)).toEqual(
    expect.arrayContaining([
      "protected-role-sandbox-lz-break-glass-CreateRole",
      "protected-role-phi-prod-lz-backup-AssumeRole",
      `protected-role-log-archive-${org.roles.deploy}-other-path-CreateRole`,
      `protected-role-log-archive-${org.roles.deploy}-break-glass-UpdateAssumeRolePolicy`,
    ]),
  );
});

it.each([
  ["ProtectServiceManagedRoles", ["stacksets-exec-CreateRole"]],
  ["ProtectIdentityCenterSamlProviders", ["identity-center-saml-UpdateSAMLProvider"]],
  ["ProtectLandingZonePolicies", ["policy-CreatePolicyVersion"]],
])("without %s: its paths fail by name in every OU", async (sid, suffixes) => {
  expect((await failedProtectedPaths(without(sid))).sort()).toEqual(suffixes.flatMap(perOu).sort());
});

// The simulator (iam-simulate's IamServiceAuthorizer) refuses every write to a role under /aws-reserved/ by itself,
// which AWS documents only for changing Identity Center's existing roles: these paths hold without the SCP, so the
// SCP's own deny is checked statement by statement.
it("denies forging or re-trusting Identity Center's roles by ProtectServiceManagedRoles itself", async () => {
  const denies = async (model: SynthesizedLandingZone) => {
    const paths = accessPaths(example, model).filter((p) =>
      /-identity-center-(CreateRole|UpdateAssumeRolePolicy)$/.test(p.id),
    );
    expect(paths.map((p) => p.id).sort()).toEqual(
      [...perOu("identity-center-CreateRole"), ...perOu("identity-center-UpdateAssumeRolePolicy")].sort(),
    );
    return Promise.all(paths.map(async (p) => (await decide(p.build())).denies));
  };
  for (const found of await denies(modelOf(example, synthesized.stacks))) {
    expect(found).toEqual([expect.stringMatching(/ lz-core-guardrails: ProtectServiceManagedRoles$/)]);
  }
  for (const found of await denies(modelWithCore(without("ProtectServiceManagedRoles")))) {
    expect(found).toEqual([]);
  }
});

it("BreakGlass exempted from ProtectLandingZoneRoles again: it may re-trust the pipeline's role", async () => {
  const broken = await failedProtectedPaths((statements) =>
    statements.map((s) =>
      s.Sid !== "ProtectLandingZoneRoles"
        ? s
        : {
            ...s,
            Condition: {
              ArnNotLike: {
                "aws:PrincipalARN": [
                  ...s.Condition!.ArnNotLike["aws:PrincipalARN"],
                  "arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/*AWSReservedSSO_BreakGlass_*",
                ],
              },
            },
          },
    ),
  );
  expect(broken).toEqual([
    `protected-role-log-archive-${org.roles.deploy}-break-glass-UpdateAssumeRolePolicy`,
  ]);
});

it("without the StackSets exemption: invited accounts would not get their deploy role", async () => {
  const broken = await failedProtectedPaths((statements) =>
    statements.map((s) =>
      s.Condition?.ArnNotLike
        ? {
            ...s,
            Condition: {
              ArnNotLike: {
                "aws:PrincipalARN": s.Condition.ArnNotLike["aws:PrincipalARN"].filter(
                  (arn) => !arn.includes("stacksets-exec-"),
                ),
              },
            },
          }
        : s,
    ),
  );
  expect(broken).toEqual([`protected-role-log-archive-${org.roles.deploy}-stacksets-CreateRole`]);
});
