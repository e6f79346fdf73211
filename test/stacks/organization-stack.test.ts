// The organization stack as synthesized: the organization, OUs, protected accounts, SCPs as literal JSON with
// their attachments, delegated administrators per region, providers, tags and backend.
import * as path from "path";
import { Testing } from "cdktf";
import { OrganizationsAccount } from "@cdktf/provider-aws/lib/organizations-account";
import { OrganizationsOrganization } from "@cdktf/provider-aws/lib/organizations-organization";
import { OrganizationsOrganizationalUnit } from "@cdktf/provider-aws/lib/organizations-organizational-unit";
import { OrganizationsPolicy } from "@cdktf/provider-aws/lib/organizations-policy";
import { OrganizationsPolicyAttachment } from "@cdktf/provider-aws/lib/organizations-policy-attachment";
import { OrganizationsDelegatedAdministrator } from "@cdktf/provider-aws/lib/organizations-delegated-administrator";
import { CloudtrailOrganizationDelegatedAdminAccount } from "@cdktf/provider-aws/lib/cloudtrail-organization-delegated-admin-account";
import { GuarddutyOrganizationAdminAccount } from "@cdktf/provider-aws/lib/guardduty-organization-admin-account";
import { Macie2OrganizationAdminAccount } from "@cdktf/provider-aws/lib/macie2-organization-admin-account";
import { SecurityhubOrganizationAdminAccount } from "@cdktf/provider-aws/lib/securityhub-organization-admin-account";
import { buildLandingZone } from "../../src/app";
import { loadConfig } from "../../src/config/load";
import { LandingZoneConfig } from "../../src/config/schema";
import { DeploymentTarget } from "../../src/config/target";
import { buildGuardrails } from "../../src/policies/scp-library";
import { renderPolicy } from "../../src/policies/policy-document";
import { DEFAULT_TAG_ENFORCEMENT } from "../../src/policies/tag-policy";
import { guardrailContext } from "../../stacks/organization-stack";

const example = loadConfig(path.join(__dirname, "..", "..", "environments"));

interface Synthesized {
  resource: Record<string, Record<string, Record<string, unknown>>>;
  provider: { aws: Array<Record<string, unknown>> };
  terraform: { backend: Record<string, Record<string, unknown>> };
  output: Record<string, unknown>;
}

function synth(config: LandingZoneConfig = example, target: DeploymentTarget = { mode: "aws" }) {
  const app = Testing.app();
  const { organization } = buildLandingZone(app, config, target);
  const text = Testing.synth(organization, true);
  return { stack: organization, text, json: JSON.parse(text) as Synthesized };
}

const { text, json } = synth();
const resources = (type: string) => Object.values(json.resource[type] ?? {});
const tokenOf = (type: string, predicate: (r: Record<string, unknown>) => boolean, attr = "id") => {
  const entry = Object.entries(json.resource[type]).find(([, r]) => predicate(r));
  if (!entry) throw new Error(`no ${type} matches`);
  return `\${${type}.${entry[0]}.${attr}}`;
};

describe("organization", () => {
  it("enables all features, SCPs, RCPs, backup, AI opt-out, tag and EC2 declarative policies, and trusted access for the security services", () => {
    expect(text).toHaveResourceWithProperties(OrganizationsOrganization, {
      feature_set: "ALL",
      enabled_policy_types: [
        "SERVICE_CONTROL_POLICY",
        "RESOURCE_CONTROL_POLICY",
        "BACKUP_POLICY",
        "AISERVICES_OPT_OUT_POLICY",
        "TAG_POLICY",
        "DECLARATIVE_POLICY_EC2",
      ],
      aws_service_access_principals: expect.arrayContaining([
        "backup.amazonaws.com",
        "iam.amazonaws.com",
        "guardduty.amazonaws.com",
        "securityhub.amazonaws.com",
        "config.amazonaws.com",
        "config-multiaccountsetup.amazonaws.com",
        "access-analyzer.amazonaws.com",
        "cloudtrail.amazonaws.com",
        "macie.amazonaws.com",
        "sso.amazonaws.com",
      ]),
      lifecycle: { prevent_destroy: true },
    });
  });

  it("creates nested OUs under their parents", () => {
    expect(
      resources("aws_organizations_organizational_unit")
        .map((r) => r.name)
        .sort(),
    ).toEqual(["Infrastructure", "NonProd", "Prod", "Sandbox", "Security", "Suspended", "Workloads"]);
    const workloads = tokenOf("aws_organizations_organizational_unit", (r) => r.name === "Workloads");
    expect(text).toHaveResourceWithProperties(OrganizationsOrganizationalUnit, {
      name: "Prod",
      parent_id: workloads,
    });
    expect(text).toHaveResourceWithProperties(OrganizationsOrganizationalUnit, {
      name: "Security",
      parent_id: expect.stringMatching(/^\$\{aws_organizations_organization\.\w+\.roots\[0\]\.id\}$/),
    });
  });
});

describe("member accounts", () => {
  it("creates every configured account in its OU, never closed, protected from destroy", () => {
    expect(resources("aws_organizations_account")).toHaveLength(8);
    const prod = tokenOf("aws_organizations_organizational_unit", (r) => r.name === "Prod");
    expect(text).toHaveResourceWithProperties(OrganizationsAccount, {
      name: "phi-prod",
      email: "aws+phi-prod@example-health.org",
      parent_id: prod,
      close_on_deletion: false,
      role_name: "OrganizationAccountAccessRole",
      tags: { Owner: "platform", CostCenter: "cc-1001", DataClassification: "phi" },
      lifecycle: { prevent_destroy: true, ignore_changes: ["role_name", "iam_user_access_to_billing"] },
    });
    for (const account of resources("aws_organizations_account")) {
      expect(account).toMatchObject({ close_on_deletion: false, lifecycle: { prevent_destroy: true } });
    }
  });
});

describe("SCP guardrails", () => {
  const expected = buildGuardrails(
    guardrailContext(example, (name) => tokenOf("aws_organizations_account", (r) => r.name === name)),
  );

  it("creates every library policy with literal, minified JSON content", () => {
    const scps = resources("aws_organizations_policy").filter((p) => p.type === "SERVICE_CONTROL_POLICY");
    expect(scps).toHaveLength(expected.length);
    for (const guardrail of expected) {
      expect(text).toHaveResourceWithProperties(OrganizationsPolicy, {
        name: guardrail.name,
        type: "SERVICE_CONTROL_POLICY",
        content: renderPolicy(guardrail.document),
        description: guardrail.description,
      });
    }
  });

  it("attaches each policy where the configuration says, after the organization exists", () => {
    const root = expect.stringMatching(/^\$\{aws_organizations_organization\.\w+\.roots\[0\]\.id\}$/);
    const policy = (name: string) => tokenOf("aws_organizations_policy", (r) => r.name === name);
    const ou = (name: string) => tokenOf("aws_organizations_organizational_unit", (r) => r.name === name);
    const scpIds = new Set(
      resources("aws_organizations_policy")
        .filter((p) => p.type === "SERVICE_CONTROL_POLICY")
        .map((p) => policy(String(p.name))),
    );
    const attachments = resources("aws_organizations_policy_attachment").filter((a) =>
      scpIds.has(String(a.policy_id)),
    );
    expect(attachments).toHaveLength(13);
    for (const name of [
      "lz-core-guardrails",
      "lz-protect-security-services",
      "lz-protect-kms-keys",
      "lz-protect-network",
      "lz-deny-unapproved-regions",
    ]) {
      expect(text).toHaveResourceWithProperties(OrganizationsPolicyAttachment, {
        policy_id: policy(name),
        target_id: root,
      });
    }
    expect(text).toHaveResourceWithProperties(OrganizationsPolicyAttachment, {
      policy_id: policy("lz-deny-iam-users"),
      target_id: ou("Workloads"),
    });
    expect(text).toHaveResourceWithProperties(OrganizationsPolicyAttachment, {
      policy_id: policy("lz-deny-all"),
      target_id: ou("Suspended"),
    });
    for (const name of ["Security", "Infrastructure", "Workloads"]) {
      for (const phiPolicy of ["lz-phi-workloads", "lz-phi-creation"])
        expect(text).toHaveResourceWithProperties(OrganizationsPolicyAttachment, {
          policy_id: policy(phiPolicy),
          target_id: ou(name),
        });
    }
    for (const p of resources("aws_organizations_policy")) {
      expect(p.depends_on).toEqual([expect.stringMatching(/^aws_organizations_organization\./)]);
    }
  });
});

describe("resource control policies, the AI services opt-out policy and root access", () => {
  const root = expect.stringMatching(/^\$\{aws_organizations_organization\.\w+\.roots\[0\]\.id\}$/);
  const orgId = expect.stringMatching(/^\$\{aws_organizations_organization\.\w+\.id\}$/);
  const policy = (name: string) => tokenOf("aws_organizations_policy", (r) => r.name === name);

  it("creates the data perimeter RCP naming the organization's ID, attached to Root", () => {
    const [rcp] = resources("aws_organizations_policy").filter((p) => p.type === "RESOURCE_CONTROL_POLICY");
    expect(rcp).toMatchObject({
      name: "lz-data-perimeter",
      depends_on: [expect.stringMatching(/^aws_organizations_organization\./)],
    });
    const content = JSON.parse(String(rcp.content)) as { Statement: Array<Record<string, unknown>> };
    expect(content.Statement.map((s) => s.Sid)).toEqual([
      "EnforceOrgIdentities",
      "EnforceConfusedDeputyProtection",
      "EnforceSecureTransport",
      "EnforceS3Tls12",
    ]);
    expect(content.Statement[0].Condition).toEqual({
      StringNotEqualsIfExists: { "aws:PrincipalOrgID": orgId },
      BoolIfExists: { "aws:PrincipalIsAWSService": "false" },
    });
    expect(content.Statement[1].Condition).toEqual({
      StringNotEqualsIfExists: { "aws:SourceOrgID": orgId },
      Null: { "aws:SourceAccount": "false" },
      Bool: { "aws:PrincipalIsAWSService": "true" },
    });
    expect(text).toHaveResourceWithProperties(OrganizationsPolicyAttachment, {
      policy_id: policy("lz-data-perimeter"),
      target_id: root,
    });
  });

  it("admits the configured trusted accounts through the identity perimeter only", () => {
    const { json: trusted } = synth({
      ...example,
      organization: { ...example.organization, dataPerimeter: { trustedAccounts: ["123456789012"] } },
    });
    const rcp = Object.values(trusted.resource.aws_organizations_policy).find(
      (p) => p.type === "RESOURCE_CONTROL_POLICY",
    )!;
    const content = JSON.parse(String(rcp.content)) as { Statement: Array<Record<string, unknown>> };
    expect(content.Statement[0].Condition).toMatchObject({
      StringNotEqualsIfExists: { "aws:PrincipalOrgID": orgId, "aws:PrincipalAccount": ["123456789012"] },
    });
    expect(JSON.stringify(content.Statement.slice(1))).not.toContain("123456789012");
  });

  it("opts every account out of AI services at Root, with no override below", () => {
    expect(text).toHaveResourceWithProperties(OrganizationsPolicy, {
      name: "lz-ai-services-opt-out",
      type: "AISERVICES_OPT_OUT_POLICY",
      content: JSON.stringify({
        services: {
          default: {
            opt_out_policy: { "@@operators_allowed_for_child_policies": ["@@none"], "@@assign": "optOut" },
          },
        },
      }),
    });
    expect(text).toHaveResourceWithProperties(OrganizationsPolicyAttachment, {
      policy_id: policy("lz-ai-services-opt-out"),
      target_id: root,
    });
  });

  it("fixes DataClassification's values at Root, enforced by default on the PHI-holding types AWS can enforce; no required tags by default", () => {
    const tagPolicy = resources("aws_organizations_policy").find((p) => p.type === "TAG_POLICY")!;
    expect(tagPolicy.name).toBe("lz-tag-policy");
    expect(JSON.parse(String(tagPolicy.content))).toEqual({
      tags: {
        dataclassification: {
          tag_key: { "@@assign": "DataClassification" },
          tag_value: { "@@assign": ["phi", "non-phi"] },
          enforced_for: {
            "@@assign": [
              "secretsmanager:ALL_SUPPORTED",
              "s3:bucket",
              "dynamodb:table",
              "elasticfilesystem:file-system",
              "fsx:file-system",
              "ec2:instance",
              "ec2:volume",
              "kms:key",
              "logs:log-group",
              "lambda:function",
              "sqs:queue",
              "sns:topic",
              "firehose:deliverystream",
              "ecr:repository",
              "healthlake:datastore",
              "redshift:cluster",
            ],
          },
        },
      },
    });
    expect(text).toHaveResourceWithProperties(OrganizationsPolicyAttachment, {
      policy_id: policy("lz-tag-policy"),
      target_id: root,
    });
  });

  it("reports Owner and CostCenter as required and enforces on the configured extra targets", () => {
    const { json: required } = synth({
      ...example,
      organization: {
        ...example.organization,
        tagPolicy: {
          requiredTags: ["Owner", "CostCenter"],
          enforcedFor: ["aoss:collection", "s3:bucket"],
        },
      },
    });
    const tagPolicy = Object.values(required.resource.aws_organizations_policy).find(
      (p) => p.type === "TAG_POLICY",
    )!;
    const { tags } = JSON.parse(String(tagPolicy.content)) as {
      tags: Record<string, Record<string, unknown>>;
    };
    expect(Object.keys(tags)).toEqual(["dataclassification", "owner", "costcenter"]);
    // Configured enforcement targets join the defaults once each.
    expect(tags.dataclassification.enforced_for).toEqual({
      "@@assign": [...DEFAULT_TAG_ENFORCEMENT, "aoss:collection"],
    });
    expect(tags.costcenter).toEqual({
      tag_key: { "@@assign": "CostCenter" },
      report_required_tag_for: { "@@assign": [...DEFAULT_TAG_ENFORCEMENT] },
    });
  });

  it("admits only Amazon's and the network account's shared images in the OUs that allow PHI, no lower policy widening it", () => {
    const images = resources("aws_organizations_policy").find((p) => p.name === "lz-ec2-phi-images")!;
    expect(images.type).toBe("DECLARATIVE_POLICY_EC2");
    expect(JSON.parse(String(images.content))).toEqual({
      ec2_attributes: {
        allowed_images_settings: {
          // Criteria are OR'd: a lower policy adding criteria_2 would widen the setting, so it is locked whole.
          "@@operators_allowed_for_child_policies": ["@@none"],
          state: { "@@assign": "enabled", "@@operators_allowed_for_child_policies": ["@@none"] },
          image_criteria: {
            criteria_1: {
              allowed_image_providers: {
                "@@assign": [
                  "amazon",
                  tokenOf("aws_organizations_account", (r) => r.name === "shared-services"),
                ],
                "@@operators_allowed_for_child_policies": ["@@none"],
              },
            },
          },
        },
      },
    });
    const attached = resources("aws_organizations_policy_attachment")
      .filter((a) => a.policy_id === policy("lz-ec2-phi-images"))
      .map((a) => a.target_id)
      .sort();
    expect(attached).toEqual(
      ["Infrastructure", "Security", "Workloads"]
        .map((name) => tokenOf("aws_organizations_organizational_unit", (r) => r.name === name))
        .sort(),
    );
  });

  it("holds the EC2 account settings at Root with a declarative policy no child policy can weaken", () => {
    const declarative = resources("aws_organizations_policy").find(
      (p) => p.type === "DECLARATIVE_POLICY_EC2",
    )!;
    expect(declarative.name).toBe("lz-ec2-baseline");
    const fixed = (value: string) => ({
      "@@assign": value,
      "@@operators_allowed_for_child_policies": ["@@none"],
    });
    // Each attribute and value as AWS's declarative policy syntax page spells it.
    expect(JSON.parse(String(declarative.content))).toEqual({
      ec2_attributes: {
        exception_message: {
          "@@assign":
            "Refused by the landing zone's EC2 declarative policies (lz-ec2-baseline; lz-ec2-phi-images for images where PHI may be; AWS Organizations); see docs/controls.md.",
        },
        image_block_public_access: { state: fixed("block_new_sharing") },
        snapshot_block_public_access: { state: fixed("block_all_sharing") },
        serial_console_access: { status: fixed("disabled") },
        instance_metadata_defaults: {
          http_tokens: fixed("required"),
          http_put_response_hop_limit: fixed("2"),
          http_endpoint: fixed("no_preference"),
          instance_metadata_tags: fixed("no_preference"),
        },
        vpc_block_public_access: {
          internet_gateway_block: { mode: fixed("block_ingress"), exclusions_allowed: fixed("enabled") },
        },
      },
    });
    expect(text).toHaveResourceWithProperties(OrganizationsPolicyAttachment, {
      policy_id: policy("lz-ec2-baseline"),
      target_id: root,
    });
  });

  it.each([
    [
      {
        vpcBlockPublicAccess: "block_bidirectional",
        vpcExclusionsAllowed: false,
        allowedImages: { state: "enabled" },
      },
      "block_bidirectional",
      "disabled",
    ],
    [
      { vpcBlockPublicAccess: "unmanaged", vpcExclusionsAllowed: true, allowedImages: { state: "enabled" } },
      undefined,
      undefined,
    ],
  ] as const)("sets VPC block public access as configured: %j", (ec2DeclarativePolicy, mode, exclusions) => {
    const { json: configured } = synth({
      ...example,
      organization: { ...example.organization, ec2DeclarativePolicy },
    });
    const declarative = Object.values(configured.resource.aws_organizations_policy).find(
      (p) => p.type === "DECLARATIVE_POLICY_EC2",
    )!;
    const { ec2_attributes: attributes } = JSON.parse(String(declarative.content)) as {
      ec2_attributes: Record<string, { internet_gateway_block?: Record<string, { "@@assign": string }> }>;
    };
    // unmanaged leaves the attribute out: writing "off" would forbid every account from turning it on.
    const block = attributes.vpc_block_public_access?.internet_gateway_block;
    expect(block?.mode["@@assign"]).toBe(mode);
    expect(block?.exclusions_allowed["@@assign"]).toBe(exclusions);
    expect(attributes.serial_console_access).toBeDefined();
  });

  it("turns on centralized root access (credentials management and root sessions) after the organization", () => {
    expect(resources("aws_iam_organizations_features")).toEqual([
      expect.objectContaining({
        enabled_features: ["RootCredentialsManagement", "RootSessions"],
        depends_on: [expect.stringMatching(/^aws_organizations_organization\./)],
      }),
    ]);
  });

  it("refuses an RCP attached to more targets' quota than configured, naming RCPFullAWSAccess", () => {
    const config = {
      ...example,
      organization: {
        ...example.organization,
        limits: { ...example.organization.limits, rcpMaxPerTarget: 1 },
      },
    };
    expect(() => synth(config)).toThrow(
      'organization/resource-control-policies: attachments (target "Root"): received ["RCPFullAWSAccess","lz-data-perimeter"]; expected at most 1 RCPs per target, RCPFullAWSAccess included (limits.rcpMaxPerTarget in organization.yaml)',
    );
  });

  it("sizes the RCP with the longest organization ID AWS issues, not the token that stands for it", () => {
    const measured = (max: number) => () =>
      synth({
        ...example,
        organization: {
          ...example.organization,
          limits: { ...example.organization.limits, rcpMaxCharacters: max },
        },
      });
    const [rcp] = resources("aws_organizations_policy").filter((p) => p.type === "RESOURCE_CONTROL_POLICY");
    // Two occurrences of the ID, each 34 characters at most, replace the token in the synthesized content.
    const token = String(rcp.content).match(/\$\{aws_organizations_organization\.\w+\.id\}/)![0];
    const longest = String(rcp.content)
      .split(token)
      .join(`o-${"x".repeat(32)}`).length;
    expect(measured(longest)).not.toThrow();
    expect(measured(longest - 1)).toThrow(
      `organization/resource-control-policies/lz-data-perimeter: document (policy "lz-data-perimeter"), in characters: received ${longest}; expected at most ${longest - 1} characters of minified JSON (limits.rcpMaxCharacters in organization.yaml); split the policy, or raise the limit if AWS has raised your quota`,
    );
  });

  it.each([
    [
      "aiOptOutMaxCharacters",
      10,
      /^organization\/ai-services-opt-out: content \(policy "lz-ai-services-opt-out"\), in characters: received \d+; expected at most 10 characters \(limits.aiOptOutMaxCharacters in organization.yaml\)$/,
    ],
    [
      "declarativePolicyMaxCharacters",
      100,
      /^organization\/ec2-declarative-policy: content \(policy "lz-ec2-baseline"\), in characters: received \d+; expected at most 100 characters \(limits.declarativePolicyMaxCharacters in organization.yaml\)$/,
    ],
  ] as const)("refuses a management policy over limits.%s", (limit, characters, message) => {
    const config = {
      ...example,
      organization: {
        ...example.organization,
        limits: { ...example.organization.limits, [limit]: characters },
      },
    };
    expect(() => synth(config)).toThrow(message);
  });
});

describe("delegated administrators", () => {
  const securityTooling = tokenOf("aws_organizations_account", (r) => r.name === "security-tooling");

  it("delegates Config and Access Analyzer through Organizations, CloudTrail through CloudTrail's own API", () => {
    for (const principal of [
      "config.amazonaws.com",
      "config-multiaccountsetup.amazonaws.com",
      "access-analyzer.amazonaws.com",
    ]) {
      expect(text).toHaveResourceWithProperties(OrganizationsDelegatedAdministrator, {
        account_id: securityTooling,
        service_principal: principal,
      });
    }
    for (const principal of ["sso.amazonaws.com", "cloudtrail.amazonaws.com"]) {
      expect(text).not.toHaveResourceWithProperties(OrganizationsDelegatedAdministrator, {
        service_principal: principal,
      });
    }
    expect(text).toHaveResourceWithProperties(CloudtrailOrganizationDelegatedAdminAccount, {
      account_id: securityTooling,
    });
  });

  it("designates GuardDuty and Macie admins in every governed region, Security Hub in the home region", () => {
    expect(
      resources("aws_guardduty_organization_admin_account")
        .map((r) => r.provider)
        .sort(),
    ).toEqual(["aws", "aws.us-west-2"]);
    expect(
      resources("aws_macie2_organization_admin_account")
        .map((r) => r.provider)
        .sort(),
    ).toEqual(["aws", "aws.us-west-2"]);
    expect(text).toHaveResourceWithProperties(GuarddutyOrganizationAdminAccount, {
      admin_account_id: securityTooling,
    });
    expect(text).toHaveResourceWithProperties(Macie2OrganizationAdminAccount, {
      admin_account_id: securityTooling,
    });
    expect(resources("aws_securityhub_organization_admin_account")).toHaveLength(1);
    expect(text).toHaveResourceWithProperties(SecurityhubOrganizationAdminAccount, {
      admin_account_id: securityTooling,
    });
  });

  it("covers a third governed region by configuration alone", () => {
    const config: LandingZoneConfig = {
      ...example,
      organization: { ...example.organization, regions: ["us-east-1", "us-west-2", "eu-west-1"] },
    };
    const { json: three } = synth(config);
    expect(three.provider.aws.map((p) => p.alias)).toEqual([undefined, "us-west-2", "eu-west-1"]);
    expect(
      Object.values(three.resource.aws_guardduty_organization_admin_account)
        .map((r) => r.provider)
        .sort(),
    ).toEqual(["aws", "aws.eu-west-1", "aws.us-west-2"]);
    const regionDeny = Object.values(three.resource.aws_organizations_policy).find(
      (p) => p.name === "lz-deny-unapproved-regions",
    );
    expect(
      JSON.parse(regionDeny!.content as string).Statement[0].Condition.StringNotEquals["aws:RequestedRegion"],
    ).toEqual(["us-east-1", "us-west-2", "eu-west-1"]);
  });
});

describe("providers, tags and state", () => {
  it("tags every resource with the landing zone, environment and data classification", () => {
    expect(json.provider.aws[0]).toMatchObject({
      region: "us-east-1",
      default_tags: [
        {
          tags: {
            LandingZone: "example-health",
            Environment: "shared",
            DataClassification: "non-phi",
            ManagedBy: "cdktf-landing-zone",
          },
        },
      ],
    });
    expect(json.provider.aws[0].assume_role).toBeUndefined();
  });

  it("keeps state in S3 with a native lock file, KMS encryption and one key per stack", () => {
    expect(json.terraform.backend).toEqual({
      s3: {
        bucket: "example-health-lz-tfstate",
        key: "landing-zone/organization.tfstate",
        region: "us-east-1",
        encrypt: true,
        kms_key_id: "alias/example-health-lz-tfstate",
        use_lockfile: true,
      },
    });
  });

  /** One local-mode build serves both tests below (each build is every stack of the example). */
  let localSynth: ReturnType<typeof synth> | undefined;
  const localMode = () =>
    (localSynth ??= synth(example, {
      mode: "local",
      endpoint: "http://127.0.0.1:4999",
      stateDir: "/tmp/lz-state",
    }));

  it("points every provider at the emulator with few retries and local state in local mode", () => {
    const { json: local } = localMode();
    for (const provider of local.provider.aws) {
      expect(provider).toMatchObject({
        access_key: "test",
        max_retries: 3,
        skip_credentials_validation: true,
        s3_use_path_style: true,
      });
      const endpoints = (provider.endpoints as Array<Record<string, string>>)[0];
      expect(endpoints.organizations).toBe("http://127.0.0.1:4999");
      expect(endpoints.sts).toBe("http://127.0.0.1:4999");
      expect(new Set(Object.values(endpoints))).toEqual(new Set(["http://127.0.0.1:4999"]));
    }
    expect(local.terraform.backend).toEqual({ local: { path: "/tmp/lz-state/organization.tfstate" } });
    expect(json.provider.aws[0].endpoints).toBeUndefined();
  });

  it("is valid Terraform in local mode, initialised with its local backend and the mirrored provider", () => {
    expect(Testing.fullSynth(localMode().stack)).toBeValidTerraform();
  });
});

describe("an adopted organization (environments/adopted.json)", () => {
  const adoption = {
    readFrom: "aws" as const,
    organization: { id: "o-abcdefghij", managementAccountId: "999999999999", rootId: "r-ab12" },
    organizationalUnits: { Security: "ou-ab12-11111111", "Workloads/Prod": "ou-ab12-22222222" },
    accounts: {
      "log-archive": { id: "111111111111", joinedMethod: "CREATED" as const },
      "phi-prod": { id: "222222222222", joinedMethod: "INVITED" as const },
      "security-tooling": { id: "333333333333", joinedMethod: "CREATED" as const },
    },
    policies: {
      "lz-core-guardrails": "p-aaaaaaaa",
      "lz-data-perimeter": "p-bbbbbbbb",
      "lz-tag-policy": "p-cccccccc",
    },
    policyAttachments: ["lz-core-guardrails@Root", "lz-data-perimeter@Root", "lz-tag-policy@Root"],
    delegatedAdministrators: ["config.amazonaws.com"],
  };
  const adopted = synth({ ...example, adoption });
  const imports = (adopted.json as unknown as { import: Array<{ to: string; id: string }> }).import;
  const importedIds = new Map(imports.map((i) => [i.id, i.to.split(".")[0]]));

  it("imports the organization, OUs, accounts, policies, attachments and delegations by their IDs", () => {
    expect(Object.fromEntries(importedIds)).toEqual({
      "o-abcdefghij": "aws_organizations_organization",
      "ou-ab12-11111111": "aws_organizations_organizational_unit",
      "ou-ab12-22222222": "aws_organizations_organizational_unit",
      "111111111111": "aws_organizations_account",
      "222222222222": "aws_organizations_account",
      "333333333333": "aws_organizations_account",
      "p-aaaaaaaa": "aws_organizations_policy",
      "r-ab12:p-aaaaaaaa": "aws_organizations_policy_attachment",
      "p-bbbbbbbb": "aws_organizations_policy",
      "r-ab12:p-bbbbbbbb": "aws_organizations_policy_attachment",
      "p-cccccccc": "aws_organizations_policy",
      "r-ab12:p-cccccccc": "aws_organizations_policy_attachment",
      "333333333333/config.amazonaws.com": "aws_organizations_delegated_administrator",
    });
  });

  it("imports each policy into the resource of its own name: the SCP, the RCP and the tag policy", () => {
    const policyNamed = (id: string) => {
      const address = imports.find((i) => i.id === id)!.to;
      return adopted.json.resource.aws_organizations_policy[address.split(".")[1]].name;
    };
    expect(["p-aaaaaaaa", "p-bbbbbbbb", "p-cccccccc"].map(policyNamed)).toEqual([
      "lz-core-guardrails",
      "lz-data-perimeter",
      "lz-tag-policy",
    ]);
  });

  it("creates the deploy role in the invited account with a StackSet, which needs trusted access", () => {
    const stackSet = Object.values(adopted.json.resource.aws_cloudformation_stack_set)[0];
    expect(stackSet).toMatchObject({
      name: "lz-deploy-role",
      permission_model: "SERVICE_MANAGED",
      auto_deployment: { enabled: false },
      capabilities: ["CAPABILITY_NAMED_IAM"],
    });
    const template = JSON.parse(stackSet.template_body as string);
    expect(template.Resources.DeployRole.Properties.RoleName).toBe("OrganizationAccountAccessRole");
    expect(template.Resources.DeployRole.DeletionPolicy).toBe("Retain");
    const instances = Object.values(adopted.json.resource.aws_cloudformation_stack_set_instance);
    expect(instances).toHaveLength(1);
    expect(instances[0]).toMatchObject({
      region: "us-east-1",
      retain_stack: true,
      deployment_targets: { accounts: ["222222222222"], account_filter_type: "INTERSECTION" },
    });
    const org = Object.values(adopted.json.resource.aws_organizations_organization)[0];
    expect(org.aws_service_access_principals).toContain("member.org.stacksets.cloudformation.amazonaws.com");
  });

  it("imports nothing in local mode from a record read from AWS: the emulator holds none of its IDs", () => {
    const local = synth(
      { ...example, adoption },
      { mode: "local", endpoint: "http://127.0.0.1:4566", stateDir: "/tmp/s" },
    );
    expect((local.json as unknown as { import?: unknown[] }).import).toBeUndefined();
    expect(local.json.resource.aws_cloudformation_stack_set).toBeUndefined();
  });

  it("adds no StackSet and no StackSets trusted access without invited accounts", () => {
    expect(json.resource.aws_cloudformation_stack_set).toBeUndefined();
    const org = Object.values(json.resource.aws_organizations_organization)[0];
    expect(org.aws_service_access_principals).not.toContain(
      "member.org.stacksets.cloudformation.amazonaws.com",
    );
  });
});
