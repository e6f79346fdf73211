// The SCP guardrail library: every action is a real IAM action, every statement has a Sid and a comment
// saying why, every policy fits the default size quota, and the policies decide what they claim to.
import { BACKUP_DELETION_ACTIONS, BACKUP_PLAN_CHANGE_ACTIONS } from "../../src/policies/scp-library";
import { AWS_HIPAA_ELIGIBLE_SERVICES, BAA_EXEMPT_SERVICES } from "../../src/policies/baa-services";
import { ORGANIZATION_POLICY_QUOTAS } from "../../src/policies/policy-kinds";
import { isRealAction, statementComments } from "../helpers/iam-actions";
import { actionsOf, renderPolicy } from "../../src/policies/policy-document";
import {
  buildGuardrails,
  exemptPrincipalArns,
  GUARDRAIL_NAMES,
  GuardrailContext,
  Guardrail,
  PROTECTED_ROLE_ACTIONS,
} from "../../src/policies/scp-library";

const ctx: GuardrailContext = {
  regions: ["us-east-1", "us-west-2"],
  deployRoleName: "OrganizationAccountAccessRole",
  breakGlassRoleName: "lz-break-glass",
};
const guardrails = buildGuardrails(ctx);
const byName = (name: string): Guardrail => guardrails.find((g) => g.name === name)!;

describe("SCP guardrail library", () => {
  it("renders every policy the configuration schema accepts", () => {
    expect(guardrails.map((g) => g.name)).toEqual([...GUARDRAIL_NAMES]);
  });

  it.each(guardrails.map((g) => [g.name, g] as const))(
    "%s names only real IAM actions",
    async (_name, guardrail) => {
      const unknown: string[] = [];
      for (const action of actionsOf(guardrail.document))
        if (!(await isRealAction(action))) unknown.push(action);
      expect(unknown).toEqual([]);
    },
  );

  it("recognises a made-up action as unreal (the check above can fail)", async () => {
    expect(await isRealAction("cloudtrail:StopLoging")).toBe(false);
    expect(await isRealAction("cloudtrial:*")).toBe(false);
    expect(await isRealAction("lightsail:Zzz*")).toBe(false);
    expect(await isRealAction("lightsail:Get*")).toBe(true);
  });

  it("gives every statement a unique alphanumeric Sid", () => {
    for (const guardrail of guardrails) {
      const sids = guardrail.document.Statement.map((s) => s.Sid);
      for (const sid of sids) expect(sid).toMatch(/^[A-Za-z0-9]+$/);
      expect(new Set(sids).size).toBe(sids.length);
    }
  });

  it("has a comment saying why directly above every statement in the source", () => {
    const library = statementComments("src/policies/scp-library.ts");
    const creation = statementComments("src/policies/creation-guardrails.ts");
    expect([...library.uncommented, ...creation.uncommented]).toEqual([]);
    // Rendered with a BAA list and code-signing accounts, so the statements present only then are counted too.
    const all = buildGuardrails({ ...ctx, baaServices: ["s3"], codeSigningAccountIds: ["111111111111"] });
    expect(library.statements + creation.statements).toBe(
      all.reduce((n, g) => n + g.document.Statement.length, 0),
    );
  });

  it("fits every policy within AWS's 10,240-character quota as minified JSON", () => {
    for (const guardrail of guardrails)
      expect(renderPolicy(guardrail.document).length).toBeLessThanOrEqual(
        ORGANIZATION_POLICY_QUOTAS.scpMaxCharacters,
      );
    expect(ORGANIZATION_POLICY_QUOTAS.scpMaxCharacters).toBe(10_240);
    expect(renderPolicy(byName("lz-deny-all").document)).toBe(
      '{"Version":"2012-10-17","Statement":[{"Sid":"DenyEverything","Effect":"Deny","Action":"*","Resource":"*"}]}',
    );
  });

  it("denies requests outside the governed regions, except global services and the exempt roles", () => {
    const [statement] = byName("lz-deny-unapproved-regions").document.Statement;
    expect(statement).toMatchObject({
      Sid: "DenyOutsideGovernedRegions",
      Effect: "Deny",
      Resource: "*",
      Condition: {
        StringNotEquals: { "aws:RequestedRegion": ["us-east-1", "us-west-2"] },
        ArnNotLike: {
          "aws:PrincipalARN": [
            "arn:aws:iam::*:role/OrganizationAccountAccessRole",
            "arn:aws:iam::*:role/lz-break-glass",
            "arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/*AWSReservedSSO_BreakGlass_*",
          ],
        },
      },
    });
    expect(statement.NotAction).toEqual(
      expect.arrayContaining(["iam:*", "organizations:*", "sts:*", "cloudfront:*"]),
    );
    expect(statement.NotAction).not.toEqual(expect.arrayContaining(["s3:*"]));
  });

  it("denies the root user everything, except a task session from sts:AssumeRoot (AWS's example)", () => {
    expect(byName("lz-core-guardrails").document.Statement.find((s) => s.Sid === "DenyRootUser")).toEqual({
      Sid: "DenyRootUser",
      Effect: "Deny",
      Action: "*",
      Resource: "*",
      Condition: {
        ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:root" },
        Null: { "aws:AssumedRoot": "true" },
      },
    });
  });

  it("protects each security service from being stopped, exempting only the pipeline and break-glass", () => {
    const statements = byName("lz-protect-security-services").document.Statement;
    const denied = statements.flatMap((s) => actionsOf({ Version: "2012-10-17", Statement: [s] }));
    expect(denied).toEqual(
      expect.arrayContaining([
        "cloudtrail:StopLogging",
        "cloudtrail:DeleteTrail",
        "guardduty:DeleteDetector",
        "config:StopConfigurationRecorder",
        "securityhub:DisableSecurityHub",
        "access-analyzer:DeleteAnalyzer",
        "ec2:DeleteFlowLogs",
        "ec2:DisableEbsEncryptionByDefault",
        "s3:PutAccountPublicAccessBlock",
      ]),
    );
    for (const statement of statements) {
      expect(statement.Effect).toBe("Deny");
      expect(statement.Condition).toEqual({
        ArnNotLike: { "aws:PrincipalARN": expect.arrayContaining(["arn:aws:iam::*:role/lz-break-glass"]) },
      });
    }
  });

  it("protects KMS keys from deletion, disabling and policy changes, and backups from deletion and plan changes", () => {
    expect(actionsOf(byName("lz-protect-kms-keys").document)).toEqual([
      "kms:DeleteImportedKeyMaterial",
      "kms:DisableKey",
      "kms:DisableKeyRotation",
      "kms:ScheduleKeyDeletion",
      "kms:PutKeyPolicy",
      ...BACKUP_DELETION_ACTIONS,
      ...BACKUP_PLAN_CHANGE_ACTIONS,
    ]);
  });

  it("uses the configured role names in exemptions and protected resources", () => {
    const custom = buildGuardrails({
      ...ctx,
      deployRoleName: "lz-pipeline",
      breakGlassRoleName: "emergency",
    });
    const core = custom.find((g) => g.name === "lz-core-guardrails")!;
    const protect = core.document.Statement.find((s) => s.Sid === "ProtectLandingZoneRoles")!;
    expect(protect.Resource).toEqual([
      "arn:aws:iam::*:role/lz-pipeline",
      "arn:aws:iam::*:role/*/lz-pipeline",
      "arn:aws:iam::*:role/emergency",
      "arn:aws:iam::*:role/*/emergency",
    ]);
    expect(protect.Condition).toEqual({
      ArnNotLike: {
        "aws:PrincipalARN": ["arn:aws:iam::*:role/lz-pipeline", "arn:aws:iam::*:role/stacksets-exec-*"],
      },
    });
  });
});

describe("lz-core-guardrails: nobody but the pipeline holds a name the guardrails exempt", () => {
  const full: GuardrailContext = {
    ...ctx,
    baaServices: ["s3"],
    serviceRoleNames: [
      "lz-backup",
      "lz-backup-alerts",
      "lz-log-archive-replication",
      "acme-findings-forwarder",
    ],
  };
  const statement = (sid: string) =>
    buildGuardrails(full)
      .find((g) => g.name === "lz-core-guardrails")!
      .document.Statement.find((s) => s.Sid === sid)!;
  const pipeline = [
    "arn:aws:iam::*:role/OrganizationAccountAccessRole",
    "arn:aws:iam::*:role/stacksets-exec-*",
  ];

  it("denies creating, re-trusting, tagging, changing the policies of and assuming each protected role", () => {
    expect(statement("ProtectLandingZoneRoles")).toEqual({
      Sid: "ProtectLandingZoneRoles",
      Effect: "Deny",
      Action: [...PROTECTED_ROLE_ACTIONS, "sts:AssumeRole"],
      Resource: [
        "OrganizationAccountAccessRole",
        "lz-break-glass",
        "lz-backup",
        "lz-backup-alerts",
        "lz-log-archive-replication",
        "acme-findings-forwarder",
      ].flatMap((name) => [`arn:aws:iam::*:role/${name}`, `arn:aws:iam::*:role/*/${name}`]),
      // Only the pipeline: not BreakGlass, whose exemption from the other guardrails must not let it mint one.
      Condition: { ArnNotLike: { "aws:PrincipalARN": pipeline } },
    });
    expect(PROTECTED_ROLE_ACTIONS).toEqual(
      expect.arrayContaining([
        "iam:CreateRole",
        "iam:UpdateAssumeRolePolicy",
        "iam:AttachRolePolicy",
        "iam:PutRolePolicy",
        "iam:TagRole",
        "iam:UntagRole",
        "iam:DeleteRole",
      ]),
    );
    expect(PROTECTED_ROLE_ACTIONS).not.toContain("iam:PassRole");
  });

  it("denies everyone changing the landing zone's role policies but the pipeline", () => {
    expect(statement("ProtectLandingZonePolicies")).toEqual({
      Sid: "ProtectLandingZonePolicies",
      Effect: "Deny",
      Action: [
        "iam:CreatePolicyVersion",
        "iam:DeletePolicy",
        "iam:DeletePolicyVersion",
        "iam:SetDefaultPolicyVersion",
      ],
      Resource: "arn:aws:iam::*:policy/landing-zone/*",
      Condition: { ArnNotLike: { "aws:PrincipalARN": pipeline } },
    });
  });

  it("denies everyone Identity Center's reserved path, the StackSets role's name and Identity Center's SAML provider", () => {
    expect(statement("ProtectServiceManagedRoles")).toEqual({
      Sid: "ProtectServiceManagedRoles",
      Effect: "Deny",
      Action: [...PROTECTED_ROLE_ACTIONS],
      Resource: ["arn:aws:iam::*:role/aws-reserved/*", "arn:aws:iam::*:role/stacksets-exec-*"],
    });
    expect(statement("ProtectIdentityCenterSamlProviders")).toEqual({
      Sid: "ProtectIdentityCenterSamlProviders",
      Effect: "Deny",
      Action: ["iam:CreateSAMLProvider", "iam:DeleteSAMLProvider", "iam:UpdateSAMLProvider"],
      Resource: "arn:aws:iam::*:saml-provider/AWSSSO_*",
    });
  });

  it("protects every principal any SCP exempts, so no exemption can be minted by an account administrator", () => {
    // An exemption pattern with its wildcards filled in is a role an administrator could try to create.
    const sample = (pattern: string) => pattern.replace(/\*/g, "x");
    const covers = (resource: string, arn: string) =>
      new RegExp(`^${resource.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`).test(arn);
    const protecting = buildGuardrails(full)
      .flatMap((g) => g.document.Statement)
      .filter(
        (s) => s.Effect === "Deny" && ([] as string[]).concat(s.Action ?? []).includes("iam:CreateRole"),
      )
      .filter((s) => ([] as string[]).concat(s.Action ?? []).includes("iam:UpdateAssumeRolePolicy"));
    const exempted = new Set(
      buildGuardrails(full)
        .flatMap((g) => g.document.Statement)
        .flatMap((s) => ([] as string[]).concat(s.Condition?.ArnNotLike?.["aws:PrincipalARN"] ?? [])),
    );
    expect([...exempted].sort()).toEqual(
      [
        ...exemptPrincipalArns(full),
        ...full.serviceRoleNames!.map((n) => `arn:aws:iam::*:role/${n}`),
        "arn:aws:iam::*:role/stacksets-exec-*",
      ].sort(),
    );
    for (const arn of exempted) {
      const guarded = protecting.some((s) =>
        ([] as string[]).concat(s.Resource ?? []).some((r) => covers(r, sample(arn))),
      );
      expect([arn, guarded]).toEqual([arn, true]);
    }
  });

  it("fits within the 10,240-character quota with the longest names and AWS's whole BAA list", () => {
    const longest = buildGuardrails({
      ...full,
      deployRoleName: "d".repeat(64),
      breakGlassRoleName: "b".repeat(64),
      serviceRoleNames: [...full.serviceRoleNames!.slice(0, 3), `${"o".repeat(31)}-findings-forwarder`],
      baaServices: [...AWS_HIPAA_ELIGIBLE_SERVICES.prefixes],
    });
    for (const guardrail of longest)
      expect(renderPolicy(guardrail.document).length).toBeLessThanOrEqual(10_240);
  });
});

describe("lz-phi-workloads with the services a BAA review cleared", () => {
  const phi = (extra: Partial<GuardrailContext>) =>
    buildGuardrails({ ...ctx, ...extra }).find((g) => g.name === "lz-phi-workloads")!.document;

  it("denies nothing for the BAA when the context lists no service", () => {
    expect(phi({}).Statement.map((s) => s.Sid)).not.toContain("DenyServicesOutsideTheBaa");
    expect(phi({ baaServices: [] }).Statement.map((s) => s.Sid)).not.toContain("DenyServicesOutsideTheBaa");
  });

  it("denies every service but the listed and always-allowed ones, to all but the landing zone's roles", () => {
    const [deny] = phi({ baaServices: ["s3", "dynamodb"], serviceRoleNames: ["lz-backup"] }).Statement;
    expect(deny).toEqual({
      Sid: "DenyServicesOutsideTheBaa",
      Effect: "Deny",
      NotAction: [
        ...[...new Set(["s3", "dynamodb", ...BAA_EXEMPT_SERVICES.map((s) => s.prefix)])]
          .sort()
          .map((p) => `${p}:*`),
        "signer:GetSigningProfile",
        "signer:ListTagsForResource",
        "signer:DescribeSigningJob",
      ],
      Resource: "*",
      Condition: {
        ArnNotLike: {
          "aws:PrincipalARN": [
            "arn:aws:iam::*:role/OrganizationAccountAccessRole",
            "arn:aws:iam::*:role/lz-break-glass",
            "arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/*AWSReservedSSO_BreakGlass_*",
            "arn:aws:iam::*:role/lz-backup",
          ],
        },
      },
    });
  });

  it.each(BAA_EXEMPT_SERVICES.map((s) => s.prefix))(
    "always allows %s, a service IAM knows (a misspelt prefix would leave it denied)",
    async (prefix) => {
      expect(await isRealAction(`${prefix}:*`)).toBe(true);
    },
  );
});
