// The configuration schema: the single source of truth for the config types, their validation and the JSON
// Schema in schema/. Safe defaults live here, so a minimal file still yields a HIPAA-ready landing zone.
import { z } from "zod";
import type { Adoption } from "./adoption";
import { AWS_REGIONS } from "./regions";
import { parseCidr } from "./cidr";
import { LARGEST_VPC_PREFIX, SMALLEST_VPC_PREFIX } from "./network-plan";
import { cronProblem } from "./checks/cron";
import { GUARDRAIL_NAMES } from "../policies/scp-library";
import { RCP_NAMES } from "../policies/rcp-library";
import {
  DEFAULT_TAG_ENFORCEMENT,
  REQUIRABLE_TAGS,
  TAG_ENFORCEMENT_PATTERN,
  TAG_ENFORCEMENT_UNSUPPORTED,
} from "../policies/tag-policy";
import { ORGANIZATION_POLICY_QUOTAS } from "../policies/policy-kinds";
import {
  ALLOWED_IMAGES_STATES,
  IMAGE_PROVIDER_ALIASES,
  MAX_IMAGE_PROVIDERS,
  VPC_BLOCK_PUBLIC_ACCESS_MODES,
} from "../policies/ec2-declarative-policy";
import { AWS_HIPAA_ELIGIBLE_SERVICES, HIPAA_ELIGIBLE_SERVICES_REFERENCE } from "../policies/baa-services";
import { describeControl } from "./controls";
import { DATA_CLASSIFICATIONS } from "../policies/data-classification";
import { cite } from "../policies/hipaa-sections";
import { DEFAULT_PROFILE, EVALUATION_RETENTION_DAYS, PROFILES } from "./profile";
import {
  BACKUP_PLAN_NAME_PATTERN,
  BACKUP_PLAN_NAME_RULE,
  DEFAULT_BACKUP_PLAN,
  DEFAULT_BACKUP_SELECTION,
  DEFAULT_BACKUP_WINDOWS,
  MIN_DAILY_RETENTION_DAYS,
  DEFAULT_RESTORE_TEST_SCHEDULE,
  RESTORE_TEST_RESOURCE_TYPES,
  retentionDays,
  VAULT_LOCK_CHANGEABLE_DAYS,
} from "../policies/backup-policies";
import {
  DEFAULT_SESSION_HOURS,
  MAX_PHI_SESSION_HOURS,
  MAX_SESSION_HOURS,
  PERMISSION_SET_SCOPES,
} from "../policies/permission-sets";
import { IDLE_SESSION_TIMEOUT_RANGE, MAX_SESSION_DURATION_RANGE } from "../policies/session-manager";
import {
  BLOCKED_MANAGED_DOMAIN_LISTS,
  DNS_FIREWALL_BLOCK_RESPONSES,
  DNS_FIREWALL_DOCS,
  DNS_FIREWALL_FAIL_CLOSED,
  DOMAIN_LIST_ID_PATTERN,
} from "../policies/dns-firewall";
import { DEFAULT_AMAZON_SIDE_ASN, SEGMENTS, TRANSIT_GATEWAY_DOCS } from "../policies/transit-gateway";
import {
  CUSTOMER_GATEWAY_ASN_RANGE,
  DEFAULT_ON_PREMISES_SEGMENTS,
  HYBRID_DOCS,
  TUNNEL_CRYPTO,
  VPN_ROUTING,
} from "../policies/hybrid-network";
import { ALLOWED_DOMAIN_PATTERN, INSPECTION_DOCS } from "../policies/inspection";
import { DEFAULT_VPC_NETMASK_LENGTH, IPAM_DOCS, WIDEST_POOL_PREFIX } from "../policies/ipam";

/** Account names become stack names and state keys, so they are kebab-case. AWS itself allows 1-50 characters. */
export const ACCOUNT_NAME_PATTERN = /^[a-z][a-z0-9-]{0,48}[a-z0-9]$/;
export const ACCOUNT_NAME_RULE =
  "2-50 characters: lowercase letters, digits and hyphens, starting with a letter";

/** OU names are joined with "/" into paths, so "/" is not allowed in a name. */
const OU_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9 _.-]{0,127}$/;
const OU_NAME_RULE = "1-128 characters: letters, digits, spaces, '_', '.', '-' (no '/')";

/** IAM role names as AWS accepts them. */
const ROLE_NAME_PATTERN = /^[\w+=,.@-]{1,64}$/;
const ROLE_NAME_RULE = "an IAM role name: 1-64 characters of letters, digits and +=,.@_-";

export const ENVIRONMENT_NAME_PATTERN = /^[a-z][a-z0-9-]{0,19}$/;
export const ENVIRONMENT_NAME_RULE =
  "1-20 characters: lowercase letters, digits and hyphens, starting with a letter";

const TAG_KEY_PATTERN = /^[\w .:/=+@-]{1,128}$/;

/** The role every member account trusts from the management account, created by AWS Organizations. */
export const DEFAULT_DEPLOY_ROLE = "OrganizationAccountAccessRole";
/** The emergency-access role the SCPs exempt (164.312(a)(2)(ii)). */
export const DEFAULT_BREAK_GLASS_ROLE = "lz-break-glass";
/** The role the pipeline deploys with in the management account (through OIDC, see docs/ci.md). */
export const DEFAULT_MANAGEMENT_DEPLOY_ROLE = "lz-deploy";
/** The read-only role pull requests and the drift run plan with in the management account (make bootstrap). */
export const DEFAULT_MANAGEMENT_PLAN_ROLE = "lz-plan";
/** The read-only role plans assume in every member account, trusted only by the management plan role. */
export const DEFAULT_PLAN_ROLE = "lz-plan-reader";
/** The branch whose pushes release (deploy.yml) and whose scheduled runs check drift (drift.yml). */
export const DEFAULT_RELEASE_BRANCH = "main";
/** HIPAA's six-year documentation retention (164.316(b)(2)(i)) in days, leap days included. */
export const HIPAA_RETENTION_DAYS = 2192;
/** The backup account's name when coreAccounts.backup is not set. */
export const DEFAULT_BACKUP_ACCOUNT = "backup";

/** Session Manager's idle timeout unless configured: 15 minutes, shorter than AWS's default of 20. */
export const DEFAULT_IDLE_SESSION_MINUTES = 15;
/** Session Manager's longest session unless configured (AWS sets none): as long as a PHI console session. */
export const DEFAULT_MAX_SESSION_MINUTES = MAX_PHI_SESSION_HOURS * 60;
/** How often GuardDuty exports updated findings; the first finding is exported within five minutes regardless. */
export const GUARDDUTY_PUBLISHING_FREQUENCIES = ["FIFTEEN_MINUTES", "ONE_HOUR", "SIX_HOURS"] as const;
/** Macie's scheduled classification frequencies. */
export const MACIE_SCHEDULES = ["DAILY", "WEEKLY", "MONTHLY"] as const;

/**
 * A whole number from `min` (to `max`), with one message for every way to miss it: "expected a whole number from
 * 1 to 365 days". `why` says where a bound comes from (an AWS limit), when it is not obvious.
 */
function wholeNumber(unit: string, min: number, max?: number, why?: string) {
  const range = max === undefined ? `of at least ${min} ${unit}` : `from ${min} to ${max} ${unit}`;
  const error = `expected a whole number ${range}${why ? ` (${why})` : ""}`;
  const atLeast = z.int({ error }).min(min, { error });
  return max === undefined ? atLeast : atLeast.max(max, { error });
}

/** The largest policy of one type, in characters: AWS's quota by default (ORGANIZATION_POLICY_QUOTAS). */
const policySizeLimit = (key: keyof typeof ORGANIZATION_POLICY_QUOTAS, policy: string) =>
  wholeNumber("characters", 1)
    .default(ORGANIZATION_POLICY_QUOTAS[key])
    .describe(`Largest ${policy}, in characters (AWS's quota).`);

const controlSwitch = (name: Parameters<typeof describeControl>[0]) =>
  z
    .boolean({ error: "expected true or false" })
    .default(true)
    .describe(`Whether ${describeControl(name)} runs. Required for PHI environments.`);

/** One service a BAA review cleared, and the day it was checked against AWS's list. */
const BaaServiceSchema = z.strictObject({
  prefix: z
    .string({ error: "expected an IAM service prefix, e.g. s3" })
    .regex(/^[a-z0-9-]+$/, { error: "expected an IAM service prefix (lowercase, e.g. s3, dynamodb)" })
    .describe("The service's IAM prefix, as its actions are written (s3 for s3:GetObject)."),
  checked: z.iso
    .date({ error: "expected the date it was checked as YYYY-MM-DD" })
    .describe(
      "The date someone checked the service against AWS's HIPAA Eligible Services Reference and your BAA review.",
    ),
});

/** Whether an environment's accounts may create Lambda functions without code signing (lz-phi-creation). */
export const CODE_SIGNING_MODES = ["required", "optional"] as const;

/** Interface endpoints every PHI VPC gets unless its environment lists its own. */
export const DEFAULT_INTERFACE_ENDPOINTS = [
  "kms",
  "logs",
  "monitoring",
  "sts",
  "secretsmanager",
  "ssm",
  "ssmmessages",
  "ec2messages",
  "ecr.api",
  "ecr.dkr",
  "sqs",
  "sns",
  "events",
  "lambda",
] as const;

// An enum rather than a pattern so the generated JSON Schema lets editors complete region codes.
const regionCode = z.enum(AWS_REGIONS as [string, ...string[]], {
  error: "expected an AWS region code such as us-east-1 (the list is in src/config/regions.ts)",
});

const accountName = z
  .string({ error: `expected an account name: ${ACCOUNT_NAME_RULE}` })
  .regex(ACCOUNT_NAME_PATTERN, { error: `expected an account name: ${ACCOUNT_NAME_RULE}` });

const IPV4_CIDR_ERROR = "expected an IPv4 CIDR block such as 10.10.0.0/16";
const ipv4Cidr = z
  .string({ error: IPV4_CIDR_ERROR })
  .refine((text) => parseCidr(text) !== undefined, { error: IPV4_CIDR_ERROR });

const ASN_ERROR = `expected the on-premises router's BGP ASN, a whole number from ${CUSTOMER_GATEWAY_ASN_RANGE.min} to ${CUSTOMER_GATEWAY_ASN_RANGE.max}`;

const IPV4_ADDRESS_ERROR = "expected an IPv4 address such as 203.0.113.10";
const ipv4Address = z
  .string({ error: IPV4_ADDRESS_ERROR })
  .refine((text) => parseCidr(`${text}/32`) !== undefined, { error: IPV4_ADDRESS_ERROR });

const roleName = z
  .string({ error: `expected ${ROLE_NAME_RULE}` })
  .regex(ROLE_NAME_PATTERN, { error: `expected ${ROLE_NAME_RULE}` });

const tags = z
  .record(
    z.string().regex(TAG_KEY_PATTERN, { error: "expected a tag key of 1-128 characters" }),
    z.string({ error: "expected a tag value (a string of at most 256 characters)" }).max(256, {
      error: "expected a tag value of at most 256 characters",
    }),
  )
  .describe("Extra tags; keys up to 128 characters, values up to 256.");

/** One organizational unit; `children` nests OUs (AWS allows five levels below the root). */
export interface OrganizationalUnitConfig {
  name: string;
  allowPhi?: boolean;
  children?: OrganizationalUnitConfig[];
}

export const OrganizationalUnitSchema: z.ZodType<OrganizationalUnitConfig> = z.lazy(() =>
  z.strictObject({
    name: z
      .string({ error: `expected an OU name: ${OU_NAME_RULE}` })
      .regex(OU_NAME_PATTERN, { error: `expected an OU name: ${OU_NAME_RULE}` })
      .describe("The OU's name; referenced elsewhere by its path from the root, e.g. Workloads/Prod."),
    allowPhi: z
      .boolean({ error: "expected true or false" })
      .optional()
      .describe(
        "Whether accounts of PHI environments may sit in this OU and below (false for sandboxes). @default inherited from the parent OU; true at the top",
      ),
    children: z
      .array(OrganizationalUnitSchema)
      .optional()
      .describe("Nested OUs, at most five levels below the root (AWS's limit)."),
  }),
);

export const AccountSchema = z.strictObject({
  name: accountName.describe("The account's name in AWS Organizations and in stack names (kebab-case)."),
  email: z
    .email({ error: "expected an email address (name@domain) that no other AWS account uses" })
    .max(64, { error: "expected an email address of at most 64 characters (an AWS limit)" })
    .describe("The account's root email; unique across all of AWS."),
  ou: z
    .string({ error: "expected an OU path such as Workloads/Prod" })
    .describe("The path of the OU the account belongs to, e.g. Workloads/Prod."),
  owner: z.string().optional().describe("The team or person accountable for the account."),
  costCenter: z.string().optional().describe("The cost center billed for the account."),
  dataClassification: z
    .enum(DATA_CLASSIFICATIONS, { error: `expected one of: ${DATA_CLASSIFICATIONS.join(", ")}` })
    .optional()
    .describe(
      "Whether the account holds PHI; must agree with its environment's `phi`. Tags the account. @default from its environment (non-phi outside every environment)",
    ),
  tags: tags.optional(),
});

export const GuardrailAttachmentSchema = z.strictObject({
  policy: z
    .enum(GUARDRAIL_NAMES, { error: `expected one of the guardrail policies: ${GUARDRAIL_NAMES.join(", ")}` })
    .describe("A guardrail from the SCP library (src/policies/scp-library.ts)."),
  targets: z
    .array(z.string({ error: "expected Root or an OU path such as Workloads/Prod" }))
    .min(1, { error: "expected at least one target: Root or an OU path" })
    .describe("Root or OU paths the policy is attached to."),
});

export const RcpAttachmentSchema = z.strictObject({
  policy: z
    .enum(RCP_NAMES, { error: `expected one of the resource control policies: ${RCP_NAMES.join(", ")}` })
    .describe("A policy from the RCP library (src/policies/rcp-library.ts)."),
  targets: GuardrailAttachmentSchema.shape.targets,
});

/**
 * An account's alternate contact, within AWS Account Management's limits
 * (https://docs.aws.amazon.com/accounts/latest/reference/API_AlternateContact.html).
 */
const contactText = (what: string, max: number) =>
  z
    .string({ error: `expected the contact's ${what}, 1-${max} characters` })
    .min(1, { error: `expected the contact's ${what}, 1-${max} characters` })
    .max(max, { error: `expected the contact's ${what}, 1-${max} characters` });

export const ContactSchema = z.strictObject({
  name: contactText("name", 64).describe("A person or a team."),
  title: contactText("title", 50).describe("Their role, e.g. Security Officer."),
  email: z
    .string({ error: "expected an email address (name@domain), at most 254 characters" })
    .max(254, { error: "expected an email address (name@domain), at most 254 characters" })
    .regex(/^[\w+=.#|!&-]+@[\w.-]+\.\w+$/, {
      error: "expected an email address (name@domain), at most 254 characters",
    })
    .describe("Where AWS writes; a monitored list, not one person's inbox."),
  phone: z
    .string({ error: "expected a phone number of digits, spaces and ()+-, at most 25 characters" })
    .regex(/^[\s0-9()+-]{1,25}$/, {
      error: "expected a phone number of digits, spaces and ()+-, at most 25 characters",
    })
    .describe("A number answered around the clock for the security contact."),
});

/** Permission set names as Identity Center accepts them; they become part of role names. */
const PERMISSION_SET_NAME_PATTERN = /^[\w+=,.@-]{1,32}$/;
const PERMISSION_SET_NAME_RULE = "a permission set name: 1-32 characters of letters, digits and +=,.@_-";
const IAM_PATH_PATTERN = /^\/([\x21-\x7e]{1,510}\/)?$/;

const permissionSetName = z
  .string({ error: `expected ${PERMISSION_SET_NAME_RULE}` })
  .regex(PERMISSION_SET_NAME_PATTERN, { error: `expected ${PERMISSION_SET_NAME_RULE}` });

const customerManagedPolicyReference = z.strictObject({
  name: z
    .string({ error: "expected an IAM policy name" })
    .regex(/^[\w+=,.@-]{1,128}$/, {
      error: "expected an IAM policy name: 1-128 characters of letters, digits and +=,.@_-",
    })
    .describe("The policy's name; it must exist in every account the set is assigned to."),
  path: z
    .string()
    .regex(IAM_PATH_PATTERN, { error: "expected an IAM path such as / or /landing-zone/" })
    .default("/")
    .describe("The policy's path."),
});

const awsManagedPolicyArn = z
  .string({ error: "expected an AWS managed policy ARN such as arn:aws:iam::aws:policy/ReadOnlyAccess" })
  .regex(/^arn:aws[\w-]*:iam::aws:policy\/[\w+=,.@/-]+$/, {
    error: "expected an AWS managed policy ARN such as arn:aws:iam::aws:policy/ReadOnlyAccess",
  });

const stringOrList = z.union([z.string(), z.array(z.string())]);

/** An IAM policy document, checked for shape here and for content by the cross-field rules. */
const inlinePolicyDocument = z.strictObject({
  Version: z.literal("2012-10-17", { error: 'expected Version "2012-10-17"' }),
  Statement: z
    .array(
      z.looseObject({
        Sid: z.string().optional(),
        Effect: z.enum(["Allow", "Deny"], { error: "expected Effect Allow or Deny" }),
        Action: stringOrList.optional(),
        NotAction: stringOrList.optional(),
        Resource: stringOrList.optional(),
        NotResource: stringOrList.optional(),
        Condition: z.record(z.string(), z.record(z.string(), stringOrList)).optional(),
      }),
    )
    .min(1, { error: "expected at least one statement" }),
});

export const PermissionSetSchema = z.strictObject({
  name: permissionSetName.describe(
    "The set's name; unique, and not one of the catalogue's (see docs/identity-center.md).",
  ),
  description: z.string().max(700).optional().describe("What the set is for."),
  sessionHours: wholeNumber("hours", 1, MAX_SESSION_HOURS)
    .default(DEFAULT_SESSION_HOURS)
    .describe(
      `Session length; at most ${MAX_PHI_SESSION_HOURS} for sets assigned to PHI accounts (${cite("164.312(a)(2)(iii)")}).`,
    ),
  managedPolicies: z.array(awsManagedPolicyArn).default([]).describe("AWS managed policy ARNs."),
  customerManagedPolicies: z
    .array(customerManagedPolicyReference)
    .default([])
    .describe("Customer-managed policies by name and path."),
  permissionsBoundary: z
    .union([
      z.strictObject({ managedPolicyArn: awsManagedPolicyArn }),
      z.strictObject({ customerManagedPolicy: customerManagedPolicyReference }),
    ])
    .optional()
    .describe("A permission boundary: { managedPolicyArn } or { customerManagedPolicy }. @default none"),
  inlinePolicy: inlinePolicyDocument
    .optional()
    .describe('An inline IAM policy; it may not allow "*" on "*". @default none'),
  scope: z
    .enum(PERMISSION_SET_SCOPES, { error: `expected one of ${PERMISSION_SET_SCOPES.join(", ")}` })
    .default("any")
    .describe("Where the set may be assigned: any, non-phi (never a PHI account), security-tooling."),
});

export const AssignmentSchema = z
  .strictObject({
    group: z
      .string({ error: "expected an Identity Center group's display name" })
      .describe("A group from `groups`."),
    permissionSet: permissionSetName.describe("A catalogue or configured permission set."),
    accounts: z.array(accountName).optional().describe("Accounts, by name. @default none"),
    ous: z
      .array(z.string({ error: "expected Root or an OU path such as Workloads/Prod" }))
      .optional()
      .describe(
        "Root or OU paths; each expands to every account in it and below, vended ones included. @default none",
      ),
  })
  .refine((a) => (a.accounts?.length ?? 0) + (a.ous?.length ?? 0) > 0, {
    error: "expected at least one target in accounts or ous",
  });

export const IdentityCenterSchema = z.strictObject({
  groups: z
    .array(z.string().min(1).max(1024, { error: "expected a group display name of at most 1024 characters" }))
    .describe("Identity Center group display names; their IDs are looked up in the identity store."),
  permissionSets: z
    .array(PermissionSetSchema)
    .default([])
    .describe("Permission sets added to the catalogue."),
  assignments: z.array(AssignmentSchema).default([]).describe("Which group gets which set where."),
});

/** The longest a suppression may run before it must be renewed, so every exception is reviewed yearly (164.308(a)(8)). */
export const MAX_SUPPRESSION_DAYS = 366;

/** One HIPAA rule finding accepted on purpose, with the reason, who answers for it and until when. */
/** A cron expression as AWS Backup and EventBridge take it: cron(minutes hours day-of-month month day-of-week year). */
const CRON_PATTERN = /^cron\((\S+ ){5}\S+\)$/;
const cron = z
  .string({ error: "expected a cron expression in UTC such as cron(0 5 ? * * *)" })
  .regex(CRON_PATTERN, { error: "expected a cron expression in UTC such as cron(0 5 ? * * *) (six fields)" })
  // Field by field as AWS reads them (checks/cron.ts), once the six fields are there.
  .superRefine((text, ctx) => {
    const problem = CRON_PATTERN.test(text) ? cronProblem(text) : undefined;
    if (problem) ctx.addIssue({ code: "custom", message: problem, input: text });
  });

const kebabName = (what: string) =>
  z
    .string({ error: `expected a ${what} name: ${BACKUP_PLAN_NAME_RULE}` })
    .regex(BACKUP_PLAN_NAME_PATTERN, { error: `expected a ${what} name: ${BACKUP_PLAN_NAME_RULE}` });

export const BackupRuleSchema = z.strictObject({
  name: kebabName("rule").describe("The rule's name within its plan."),
  schedule: cron.describe("When backups start, in UTC (AWS Backup's cron syntax)."),
  startWindowMinutes: wholeNumber("minutes", 60, undefined, "AWS Backup's minimum start window")
    .default(DEFAULT_BACKUP_WINDOWS.startWindowMinutes)
    .describe("Minutes a backup job may wait to start before AWS Backup cancels it."),
  completionWindowMinutes: wholeNumber("minutes", 120)
    .default(DEFAULT_BACKUP_WINDOWS.completionWindowMinutes)
    .describe("Minutes a started backup job may run before AWS Backup cancels it."),
  warmRetentionDays: wholeNumber("days", 1, 36500).describe(
    "Days each recovery point stays in warm storage; its whole retention when coldRetentionDays is not set.",
  ),
  coldRetentionDays: wholeNumber("days", 1, 36500)
    .optional()
    .describe(
      "Days in cold storage after the warm days (resource types that support it; others are kept warm as long). At least 90 (AWS). @default no cold storage",
    ),
  copyToCentral: z
    .boolean({ error: "expected true or false" })
    .default(true)
    .describe("Whether every recovery point is copied to the backup account's central vault."),
  copyToRegion: regionCode
    .optional()
    .describe(
      "A governed region outside the plan's regions that receives a copy in the same account. @default no second-region copy",
    ),
});

export const BackupPlanSchema = z.strictObject({
  name: kebabName("plan").describe("The plan's name: its backup policy is lz-backup-<name>."),
  rules: z
    .array(BackupRuleSchema)
    .min(1, { error: "expected at least one rule" })
    .describe("When the plan backs up and how long it keeps each recovery point."),
  regions: z
    .array(regionCode)
    .min(1, { error: "expected at least one region" })
    .optional()
    .describe("Governed regions whose resources the plan protects. @default every governed region"),
  environments: z
    .array(z.string({ error: "expected an environment name" }))
    .min(1, { error: "expected at least one environment name" })
    .optional()
    .describe(
      "Environments the plan covers (its policy goes to their accounts' OUs). @default every PHI environment",
    ),
  selection: z
    .strictObject({
      tagKey: z.string().regex(TAG_KEY_PATTERN, { error: "expected a tag key of 1-128 characters" }),
      tagValue: z.string().min(1).max(256),
    })
    .default({ ...DEFAULT_BACKUP_SELECTION })
    .describe(
      `The tag that selects resources. @default ${DEFAULT_BACKUP_SELECTION.tagKey}=${DEFAULT_BACKUP_SELECTION.tagValue}`,
    ),
});

export const BackupSchema = z
  .strictObject({
    plans: z
      .array(BackupPlanSchema)
      .min(1, { error: "expected at least one backup plan" })
      .default(() => [
        {
          ...DEFAULT_BACKUP_PLAN,
          selection: { ...DEFAULT_BACKUP_PLAN.selection },
          rules: DEFAULT_BACKUP_PLAN.rules.map((rule) => ({ ...rule })),
        },
      ])
      .describe(
        `Backup plans, each an organization backup policy. @default plan ${DEFAULT_BACKUP_PLAN.name}: ${DEFAULT_BACKUP_PLAN.rules.map((r) => `${r.name} (${r.schedule}, kept ${retentionDays(r)} days)`).join(" and ")}, each copied to the central vault`,
      ),
    vaultLock: z
      .strictObject({
        minRetentionDays: wholeNumber("days", 1, 36500)
          .default(MIN_DAILY_RETENTION_DAYS)
          .describe(
            "Vault Lock (COMPLIANCE) minimum retention of every vault: AWS refuses a backup or copy kept shorter, and nobody can delete a recovery point sooner.",
          ),
      })
      .prefault({})
      .describe(
        `Vault Lock on every vault; it becomes immutable ${VAULT_LOCK_CHANGEABLE_DAYS} days after it is set.`,
      ),
    centralRegion: regionCode
      .optional()
      .describe(
        "Where the backup account's central vault lives. @default the log archive's replication region",
      ),
    restoreTesting: z
      .strictObject({
        schedule: cron
          .default(DEFAULT_RESTORE_TEST_SCHEDULE)
          .describe(
            "When each PHI account's restore testing plan restores its latest recovery points (UTC).",
          ),
        validationWindowHours: wholeNumber("hours", 1, 168, "AWS Backup's limit")
          .default(24)
          .describe("Hours a restored resource is kept for validation before AWS Backup deletes it."),
        resourceTypes: z
          .array(
            z.enum(RESTORE_TEST_RESOURCE_TYPES, {
              error: `expected one of ${RESTORE_TEST_RESOURCE_TYPES.join(", ")}`,
            }),
          )
          .min(1, { error: "expected at least one resource type" })
          .default([...RESTORE_TEST_RESOURCE_TYPES])
          .describe("Resource types the restore tests restore."),
      })
      .prefault({})
      .describe("Restore tests in every account of a PHI environment (164.308(a)(7)(ii)(D))."),
  })
  .prefault({})
  .describe(
    "The contingency plan: backup plans, vault lock, the central copy and restore tests (164.308(a)(7)).",
  );

export const SuppressionSchema = z.strictObject({
  rule: z
    .string({ error: "expected a HIPAA rule ID" })
    .regex(/^hipaa-[a-z0-9-]+$/, {
      error: "expected a HIPAA rule ID such as hipaa-s3-access-logging (docs/compliance.md lists them)",
    })
    .describe("The HIPAA rule whose finding is accepted (docs/compliance.md lists them)."),
  resource: z
    .string({ error: "expected the finding's address" })
    .min(1, { error: "expected the finding's address" })
    .describe(
      "The finding's address as make verify prints it, e.g. `network-prod: aws_subnet.vpc_egress-0_1A2B3C4D`; `*` matches any run of characters.",
    ),
  reason: z
    .string({ error: "expected a written reason" })
    .min(20, {
      error:
        "expected a written reason of at least 20 characters: why the control does not apply, or what compensates",
    })
    .describe(
      "Why the finding is accepted, or what compensating control covers it; printed in the evidence binder.",
    ),
  owner: z
    .string({ error: "expected the owner of the exception" })
    .min(1, { error: "expected the owner of the exception" })
    .describe("Who answers for the exception and renews or removes it."),
  expires: z.iso
    .date({ error: "expected an expiry date as YYYY-MM-DD" })
    .describe(
      `The last day the suppression applies, at most ${MAX_SUPPRESSION_DAYS} days ahead; validation fails once it has passed.`,
    ),
});

export const OrganizationSchema = z.strictObject({
  name: z
    .string({ error: "expected a landing-zone name" })
    .regex(/^[a-z][a-z0-9-]{1,30}$/, {
      error: "expected a landing-zone name: 2-31 characters, lowercase letters, digits and hyphens",
    })
    .describe("The landing zone's name, used in tags and resource names."),
  profile: z
    .enum(PROFILES, { error: `expected one of ${PROFILES.join(", ")}` })
    .default(DEFAULT_PROFILE)
    .describe(
      `hipaa: every protection on. evaluation: a trial organization that make teardown can remove (GOVERNANCE-mode Object Lock and Vault Lock kept ${EVALUATION_RETENTION_DAYS} day, closable accounts, nothing protected from destroy); refused for any environment with phi: true, and not a HIPAA deployment (docs/trial.md). @default ${DEFAULT_PROFILE}`,
    ),
  homeRegion: regionCode.describe("Where organization-wide resources and aggregations live."),
  regions: z
    .array(regionCode)
    .min(1, { error: "expected at least one governed region" })
    .describe("Governed regions: every other region is denied by SCP. Must include homeRegion."),
  roles: z
    .strictObject({
      deploy: roleName
        .default(DEFAULT_DEPLOY_ROLE)
        .describe("The role the landing zone assumes in member accounts."),
      breakGlass: roleName
        .default(DEFAULT_BREAK_GLASS_ROLE)
        .describe("The emergency-access role exempted from the protective SCPs."),
      managementDeploy: roleName
        .default(DEFAULT_MANAGEMENT_DEPLOY_ROLE)
        .describe(
          "The role the pipeline deploys with in the management account; it administers the management account's KMS keys.",
        ),
      managementPlan: roleName
        .default(DEFAULT_MANAGEMENT_PLAN_ROLE)
        .describe(
          "The read-only role pull requests and the drift run plan with in the management account (created by make bootstrap).",
        ),
      plan: roleName
        .default(DEFAULT_PLAN_ROLE)
        .describe(
          "The read-only role plans assume in every member account (created by each account's baseline): trusted only by roles.managementPlan, ReadOnlyAccess without PHI data, and the only member role a pull request reaches.",
        ),
    })
    .prefault({})
    .describe("Role names the SCPs and the cross-account providers rely on."),
  state: z
    .strictObject({
      bucket: z
        .string({ error: "expected the name of the S3 bucket that holds Terraform state" })
        .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, {
          error: "expected an S3 bucket name (3-63 characters)",
        })
        .describe("S3 bucket for Terraform state (created by the bootstrap step)."),
      region: regionCode.describe("The state bucket's region."),
      kmsKeyId: z
        .string({ error: "expected a KMS key ARN or alias for state encryption" })
        .regex(/^(arn:aws[\w-]*:kms:[\w-]+:\d{12}:(key|alias)\/[\w/-]+|alias\/[\w/-]+)$/, {
          error: "expected a KMS key ARN or alias (alias/name) for state encryption",
        })
        .describe("KMS key that encrypts state objects."),
      keyPrefix: z
        .string()
        .regex(/^[\w./-]{1,100}$/, { error: "expected a key prefix of letters, digits, '.', '_', '-', '/'" })
        .default("landing-zone")
        .describe("Prefix for each stack's state key: <prefix>/<stack>.tfstate."),
    })
    .describe("Remote state: S3 with a native lock file and KMS encryption."),
  limits: z
    .strictObject({
      scpMaxCharacters: wholeNumber("characters", 1)
        .default(ORGANIZATION_POLICY_QUOTAS.scpMaxCharacters)
        .describe("Largest SCP, in characters of minified JSON (AWS's quota)."),
      scpMaxPerTarget: wholeNumber("policies", 2, undefined, "FullAWSAccess plus one guardrail")
        .default(ORGANIZATION_POLICY_QUOTAS.scpMaxPerTarget)
        .describe("Most SCPs attached directly to one target, FullAWSAccess included (AWS's quota)."),
      rcpMaxCharacters: wholeNumber("characters", 1)
        .default(ORGANIZATION_POLICY_QUOTAS.rcpMaxCharacters)
        .describe("Largest RCP, in characters of minified JSON (AWS's quota)."),
      rcpMaxPerTarget: wholeNumber("policies", 2, undefined, "RCPFullAWSAccess plus one policy")
        .default(ORGANIZATION_POLICY_QUOTAS.rcpMaxPerTarget)
        .describe("Most RCPs attached directly to one target, RCPFullAWSAccess included (AWS's quota)."),
      aiOptOutMaxCharacters: policySizeLimit("aiOptOutMaxCharacters", "AI services opt-out policy"),
      tagPolicyMaxCharacters: policySizeLimit("tagPolicyMaxCharacters", "tag policy"),
      backupPolicyMaxCharacters: policySizeLimit("backupPolicyMaxCharacters", "backup policy"),
      declarativePolicyMaxCharacters: policySizeLimit("declarativePolicyMaxCharacters", "declarative policy"),
    })
    .prefault({})
    .describe("AWS quotas the synth enforces; raise them when AWS raises yours."),
  pipeline: z
    .strictObject({
      maxParallelDeploys: wholeNumber("jobs", 1, 256, "GitHub's matrix limit")
        .default(20)
        .describe(
          "Most stacks of the accounts group the release workflow deploys at once (its matrix's max-parallel). AWS API rate limits per account and region, not runners, are what a higher value runs into.",
        ),
      github: z
        .strictObject({
          repository: z
            .string({ error: "expected a GitHub repository as owner/name" })
            .regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,38}\/[A-Za-z0-9._-]{1,100}$/, {
              error: "expected a GitHub repository as owner/name, e.g. example-health/landing-zone",
            })
            .describe("The repository whose workflows may assume the deploy and plan roles."),
          branch: z
            .string({ error: "expected a branch name" })
            .regex(/^[\w./-]{1,200}$/, { error: "expected a branch name such as main" })
            .default(DEFAULT_RELEASE_BRANCH)
            .describe("The release branch: the plan role trusts its pushes and scheduled runs."),
        })
        .optional()
        .describe(
          "The GitHub repository make bootstrap trusts through OIDC. @default none: make bootstrap creates no OIDC provider or pipeline roles",
        ),
    })
    .prefault({})
    .describe(
      "How the pipeline reaches AWS (GitHub OIDC, make bootstrap) and how the release workflow fans out (.github/workflows/deploy.yml).",
    ),
  coreAccounts: z
    .strictObject({
      logArchive: accountName.describe("Holds the write-once log archive."),
      securityTooling: accountName.describe("Delegated administrator of the security services."),
      network: accountName.describe("Shared network services."),
      backup: accountName
        .default(DEFAULT_BACKUP_ACCOUNT)
        .describe(
          "AWS Backup's delegated administrator; holds the central vault that receives every PHI recovery point's copy. Keep it in the Security OU, outside every environment.",
        ),
    })
    .describe("Which accounts play the landing zone's core roles."),
  organizationalUnits: z.array(OrganizationalUnitSchema).describe("OUs below the root."),
  accounts: z.array(AccountSchema).describe("Member accounts."),
  serviceControlPolicies: z
    .array(GuardrailAttachmentSchema)
    .optional()
    .describe("Guardrail attachments. @default the library's attachments (see docs/controls.md)"),
  resourceControlPolicies: z
    .array(RcpAttachmentSchema)
    .optional()
    .describe(
      "Resource control policy attachments. @default the library's attachments: lz-data-perimeter on Root (see docs/controls.md)",
    ),
  contacts: z
    .strictObject({
      security: ContactSchema.optional().describe(
        "Whom AWS contacts about security events and abuse reports in every account (164.308(a)(6) incident response). Required while any environment holds PHI.",
      ),
      operations: ContactSchema.optional().describe(
        "Whom AWS contacts about operational issues. @default none",
      ),
      billing: ContactSchema.optional().describe("Whom AWS contacts about billing. @default none"),
    })
    .prefault({})
    .describe(
      "Alternate contacts set on every account, the management account included (its baseline stack).",
    ),
  tagPolicy: z
    .strictObject({
      requiredTags: z
        .array(z.enum(REQUIRABLE_TAGS, { error: `expected one of ${REQUIRABLE_TAGS.join(", ")}` }))
        .default([])
        .describe(
          "Tag keys the tag policy reports as required on every supported resource (compliance reports; AWS does not block a create for a missing tag). @default none",
        ),
      enforcedFor: z
        .array(
          z
            .string({
              error: "expected <service>:<resource type> or <service>:ALL_SUPPORTED, e.g. s3:bucket",
            })
            .regex(TAG_ENFORCEMENT_PATTERN, {
              error: "expected <service>:<resource type> or <service>:ALL_SUPPORTED, e.g. s3:bucket",
            })
            .refine((type) => !(TAG_ENFORCEMENT_UNSUPPORTED as readonly string[]).includes(type), {
              error: `expected a resource type AWS can enforce a tag policy on; AWS's table marks ${TAG_ENFORCEMENT_UNSUPPORTED.join(", ")} as reporting only (docs/controls.md)`,
            }),
        )
        .default([])
        .describe(
          `Resource types, besides the defaults (${DEFAULT_TAG_ENFORCEMENT.join(", ")}), where AWS blocks a DataClassification value other than phi or non-phi; each must be on AWS's table of resource types that support enforcement (docs/controls.md). @default none`,
        ),
    })
    .prefault({})
    .describe(
      "The lz-tag-policy tag policy on Root: DataClassification is always phi or non-phi where AWS enforces tag policies.",
    ),
  hipaaEligibleServices: z
    .array(BaaServiceSchema)
    .min(1, {
      error:
        "expected at least one service; omit hipaaEligibleServices for AWS's list as the landing zone ships it",
    })
    .optional()
    .describe(
      `The services your BAA review cleared for PHI, each checked against AWS's HIPAA Eligible Services Reference (${HIPAA_ELIGIBLE_SERVICES_REFERENCE}); lz-phi-workloads denies every other service in OUs that allow PHI. Setting it replaces the default. @default AWS's list of ${AWS_HIPAA_ELIGIBLE_SERVICES.revision} as shipped (${AWS_HIPAA_ELIGIBLE_SERVICES.prefixes.length} services, src/policies/baa-services.ts)`,
    ),
  baaListReviewed: z.iso
    .date({ error: "expected the date of the review as YYYY-MM-DD" })
    .optional()
    .describe(
      "The day your review last compared the BAA list in force (hipaaEligibleServices or AWS's list as shipped, with additionalHipaaEligibleServices) with AWS's HIPAA Eligible Services Reference and found it right: make validate warns 180 days after it. @default the list's own date: the shipped list's revision, or a configured list's oldest entry",
    ),
  additionalHipaaEligibleServices: z
    .array(BaaServiceSchema)
    .optional()
    .describe(
      "Services your BAA review cleared besides hipaaEligibleServices (or the default list): a service AWS has made eligible since, kept apart so the default can still be reviewed as one. @default none",
    ),
  ec2DeclarativePolicy: z
    .strictObject({
      vpcBlockPublicAccess: z
        .enum(VPC_BLOCK_PUBLIC_ACCESS_MODES, {
          error: `expected one of ${VPC_BLOCK_PUBLIC_ACCESS_MODES.join(", ")}`,
        })
        .default("block_ingress")
        .describe(
          "VPC block public access in every account: block_ingress stops inbound internet traffic through internet gateways (NAT gateways still reach out), block_bidirectional stops both ways, unmanaged leaves it to each account. @default block_ingress",
        ),
      vpcExclusionsAllowed: z
        .boolean({ error: "expected true or false" })
        .default(true)
        .describe(
          "Whether an account may exclude a VPC or subnet from VPC block public access (e.g. for a public load balancer). @default true",
        ),
      allowedImages: z
        .strictObject({
          state: z
            .enum(ALLOWED_IMAGES_STATES, { error: `expected one of ${ALLOWED_IMAGES_STATES.join(", ")}` })
            .default("enabled")
            .describe(
              "enabled: in the OUs that allow PHI only images from the providers launch (each account's own images always do); audit_mode: every image still launches and EC2 only marks which are not allowed. @default enabled",
            ),
          providers: z
            .array(
              z
                .string({ error: "expected an image provider" })
                .regex(/^([a-z_]+|\d{12}|[a-z0-9][a-z0-9-]*)$/, {
                  error: `expected ${IMAGE_PROVIDER_ALIASES.join(", ")}, a 12-digit account ID or an account name from accounts`,
                }),
            )
            .min(1, { error: "expected at least one image provider" })
            .max(MAX_IMAGE_PROVIDERS, {
              error: `expected at most ${MAX_IMAGE_PROVIDERS} image providers (AWS's Allowed AMIs limit)`,
            })
            .optional()
            .describe(
              `Whose shared images launch in the OUs that allow PHI: ${IMAGE_PROVIDER_ALIASES.join(", ")}, 12-digit account IDs, or account names from accounts. @default amazon and the coreAccounts.network account (where a golden-image pipeline shares from)`,
            ),
        })
        .prefault({})
        .describe(
          "The lz-ec2-phi-images declarative policy on every topmost OU that allows PHI: Allowed AMIs.",
        ),
    })
    .prefault({})
    .describe(
      "The lz-ec2-baseline declarative policy on Root (no public AMIs or snapshots, no serial console, IMDSv2 by default, VPC block public access) and lz-ec2-phi-images on the OUs that allow PHI (Allowed AMIs).",
    ),
  dataPerimeter: z
    .strictObject({
      trustedAccounts: z
        .array(
          z
            .string({ error: "expected a 12-digit AWS account ID" })
            .regex(/^\d{12}$/, { error: "expected a 12-digit AWS account ID" }),
        )
        .default([])
        .describe(
          "Accounts outside the organization whose principals the data perimeter lets through, where a resource policy also grants them (a vendor under a BAA). @default none",
        ),
    })
    .prefault({})
    .describe("The lz-data-perimeter RCP: who outside the organization may reach its resources."),
  network: z
    .strictObject({
      dnsFirewall: z
        .strictObject({
          enabled: z
            .boolean({ error: "expected true or false" })
            .default(true)
            .describe(
              `Route 53 Resolver DNS Firewall on every environment's VPC, blocking lookups of the domains on AWS's managed threat lists (${BLOCKED_MANAGED_DOMAIN_LISTS.join(", ")}). Required while any environment holds PHI. @default true`,
            ),
          failClosed: z
            .enum(DNS_FIREWALL_FAIL_CLOSED, {
              error: `expected one of ${DNS_FIREWALL_FAIL_CLOSED.join(", ")}`,
            })
            .default("phi")
            .describe(
              `Where a lookup DNS Firewall cannot evaluate gets no answer (fail closed: filtering before availability) rather than an unfiltered one: phi environments only, all, or none (refused while any environment holds PHI) (${DNS_FIREWALL_DOCS.failOpen}). @default phi`,
            ),
          blockResponse: z
            .enum(DNS_FIREWALL_BLOCK_RESPONSES, {
              error: `expected one of ${DNS_FIREWALL_BLOCK_RESPONSES.join(", ")}`,
            })
            .default("NODATA")
            .describe(
              "How a blocked lookup is answered: NODATA (the name exists, with no answer) or NXDOMAIN (no such name). Either way the query log records the block. @default NODATA",
            ),
          managedDomainListIds: z
            .partialRecord(
              regionCode,
              z.strictObject(
                Object.fromEntries(
                  BLOCKED_MANAGED_DOMAIN_LISTS.map((name) => [
                    name,
                    z
                      .string({ error: "expected a domain list ID such as rslvr-fdl-0123456789abcdef" })
                      .regex(DOMAIN_LIST_ID_PATTERN, {
                        error: "expected a domain list ID such as rslvr-fdl-0123456789abcdef",
                      }),
                  ]),
                ) as Record<(typeof BLOCKED_MANAGED_DOMAIN_LISTS)[number], z.ZodString>,
              ),
            )
            .default({})
            .describe(
              "The managed lists' IDs in a region, replacing the landing zone's table (src/policies/dns-firewall.ts): needed for a region the table lacks. `aws route53resolver list-firewall-domain-lists --region <region>` prints them. @default the table's entry for each region",
            ),
        })
        .prefault({})
        .describe("DNS Firewall on every environment's VPC; blocks show in the VPC's DNS query log."),
      transitGateway: z
        .strictObject({
          enabled: z
            .boolean({ error: "expected true or false" })
            .default(false)
            .describe(
              `A Transit Gateway in coreAccounts.network in the home region (where every environment's VPC is), shared with the organization through AWS RAM, with a route table per segment (${SEGMENTS.join(", ")}): every environment's VPC attaches and joins its network.segment; prod and non-prod never route to each other, both reach shared (${TRANSIT_GATEWAY_DOCS.isolated}). @default false`,
            ),
          amazonSideAsn: z
            .int({ error: "expected a private BGP ASN from 64512 to 65534" })
            .min(64512, { error: "expected a private BGP ASN from 64512 to 65534" })
            .max(65534, { error: "expected a private BGP ASN from 64512 to 65534" })
            .default(DEFAULT_AMAZON_SIDE_ASN)
            .describe(
              `The Amazon side's BGP ASN, which on-premises routers peer with; it cannot change without replacing the gateway. @default ${DEFAULT_AMAZON_SIDE_ASN}`,
            ),
        })
        .prefault({})
        .describe("The hub: how environments reach each other and shared services."),
      hybrid: z
        .strictObject({
          onPremisesCidrs: z
            .array(ipv4Cidr)
            .default([])
            .describe(
              "The on-premises ranges: every environment of a segment in `segments` routes them to the hub and admits them in its network ACL. Required with a customer gateway or Direct Connect; none may overlap an environment's CIDR. @default none",
            ),
          segments: z
            .array(z.enum(SEGMENTS, { error: `expected one of the segments ${SEGMENTS.join(", ")}` }))
            .default([...DEFAULT_ON_PREMISES_SEGMENTS])
            .describe(
              `The segments that reach on-premises and that on-premises reaches: their environments' routes propagate to the VPN and Direct Connect attachments, and on-premises routes reach only their route tables. @default ${DEFAULT_ON_PREMISES_SEGMENTS.join(", ")}`,
            ),
          customerGateways: z
            .array(
              z.strictObject({
                name: z
                  .string({ error: "expected a lowercase name such as main-datacenter" })
                  .regex(/^[a-z][a-z0-9-]{0,30}[a-z0-9]$/, {
                    error: "expected a lowercase name such as main-datacenter (2-32 of a-z, 0-9, -)",
                  })
                  .describe("Names the customer gateway and its VPN connection."),
                ipAddress: ipv4Address.describe("The on-premises router's public IPv4 address."),
                bgpAsn: z
                  .int({ error: ASN_ERROR })
                  .min(CUSTOMER_GATEWAY_ASN_RANGE.min, { error: ASN_ERROR })
                  .max(CUSTOMER_GATEWAY_ASN_RANGE.max, { error: ASN_ERROR })
                  .describe(
                    `The on-premises router's BGP ASN (required even with static routing, as AWS requires it of every customer gateway: ${HYBRID_DOCS.customerGateway}).`,
                  ),
                routing: z
                  .enum(VPN_ROUTING, { error: `expected one of ${VPN_ROUTING.join(", ")}` })
                  .default("dynamic")
                  .describe(
                    `dynamic: on-premises advertises its routes over BGP and they propagate to the allowed segments; static: the pipeline writes a route per staticRoutes entry (${HYBRID_DOCS.routing}). @default dynamic`,
                  ),
                staticRoutes: z
                  .array(ipv4Cidr)
                  .default([])
                  .describe(
                    "With static routing, the on-premises ranges behind this gateway, each inside onPremisesCidrs and on no other gateway. @default none",
                  ),
              }),
            )
            .default([])
            .describe(
              `Site-to-Site VPN connections to the hub, one per on-premises router, two tunnels each with IKEv2, AES-256 and SHA-2 only (${TUNNEL_CRYPTO.ikeVersions.join(", ")}; ${HYBRID_DOCS.tunnelOptions}). @default none`,
            ),
          directConnectGatewayId: z
            .string({
              error: "expected a Direct Connect gateway ID such as 5f2d1e3c-0a1b-4c2d-9e8f-7a6b5c4d3e2f",
            })
            .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, {
              error: "expected a Direct Connect gateway ID such as 5f2d1e3c-0a1b-4c2d-9e8f-7a6b5c4d3e2f",
            })
            .optional()
            .describe(
              `An existing Direct Connect gateway in coreAccounts.network to associate with the hub; it advertises only the allowed segments' environment CIDRs to on-premises (${HYBRID_DOCS.allowedPrefixes}). @default none`,
            ),
          resolver: z
            .strictObject({
              cidr: ipv4Cidr
                .optional()
                .describe(
                  "The resolver VPC's CIDR in coreAccounts.network (private, /16 to /24, overlapping no environment or on-premises range): it holds the Route 53 Resolver endpoints and joins the shared segment. Required with a forwarding rule or the inbound endpoint. @default none",
                ),
              forwardingRules: z
                .array(
                  z.strictObject({
                    domain: z
                      .string({ error: "expected a domain name such as ehr.hospital.local" })
                      .regex(
                        /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/,
                        {
                          error: "expected a lowercase domain name such as ehr.hospital.local",
                        },
                      )
                      .describe("The on-premises domain whose lookups are forwarded."),
                    targetIps: z
                      .array(ipv4Address)
                      .min(1, { error: "expected at least one on-premises DNS server address" })
                      .describe(
                        "The on-premises DNS servers that answer for it (port 53), each inside onPremisesCidrs.",
                      ),
                  }),
                )
                .default([])
                .describe(
                  `Forwarding rules: lookups of each domain from the environments whose segment reaches on-premises go through an outbound endpoint to the on-premises DNS servers (${HYBRID_DOCS.resolverForwarding}). @default none`,
                ),
              inboundEndpoint: z
                .boolean({ error: "expected true or false" })
                .default(false)
                .describe(
                  "An inbound endpoint on-premises DNS servers forward to, admitting DNS from onPremisesCidrs only; it answers what the resolver VPC resolves (associate with it the private hosted zones on-premises must resolve). @default false",
                ),
            })
            .prefault({})
            .describe(
              "Route 53 Resolver endpoints in the network account, between on-premises DNS and the environments' VPCs.",
            ),
        })
        .prefault({})
        .describe(
          "How on-premises reaches the hub: Site-to-Site VPN and Direct Connect. Off until a gateway is named.",
        ),
      inspection: z
        .strictObject({
          enabled: z
            .boolean({ error: "expected true or false" })
            .default(false)
            .describe(
              `Inspected egress: an inspection VPC in coreAccounts.network with AWS Network Firewall and NAT; every environment's VPC without an egress tier of its own sends 0.0.0.0/0 to the hub, and only TLS and HTTP to allowedDomains leave (${INSPECTION_DOCS.centralizedEgress}). Needs network.transitGateway. @default false`,
            ),
          cidr: ipv4Cidr
            .optional()
            .describe(
              "The inspection VPC's CIDR (private, /16 to /24, overlapping no environment, on-premises or resolver range). Required while enabled. @default none",
            ),
          allowedDomains: z
            .array(
              z
                .string({ error: "expected a domain such as .amazonaws.com or updates.vendor.example" })
                .regex(ALLOWED_DOMAIN_PATTERN, {
                  error:
                    "expected a lowercase domain such as updates.vendor.example, or .vendor.example for it and its subdomains",
                }),
            )
            .default([])
            .describe(
              `The only destinations a TLS connection (by its SNI) or an HTTP request (by its Host) may reach; a leading dot admits every subdomain. Everything else is dropped and logged (${INSPECTION_DOCS.domainLists}). Required while enabled. @default none`,
            ),
        })
        .prefault({})
        .describe(
          "Inspected egress through the network account: the one way to the internet the landing zone builds for the environments.",
        ),
      ipam: z
        .strictObject({
          pools: z
            .partialRecord(
              z.enum(SEGMENTS, { error: `expected one of the segments ${SEGMENTS.join(", ")}` }),
              z.partialRecord(regionCode, ipv4Cidr),
            )
            .default({})
            .describe(
              `The address plan: per segment, per governed region, the private range its VPCs take theirs from (/${WIDEST_POOL_PREFIX} to the VPCs' own prefix, no two overlapping). With any pool an IPAM in coreAccounts.network (its delegated administrator) holds a pool per entry and allocates every environment's CIDR from its segment's pool in the home region; make validate refuses a CIDR outside it, and make vend of a new environment takes the next free range (${IPAM_DOCS.planning}). Needs network.transitGateway. @default none`,
            ),
          vpcNetmaskLength: wholeNumber(
            "prefix length",
            LARGEST_VPC_PREFIX,
            SMALLEST_VPC_PREFIX,
            "an environment's VPC range",
          )
            .default(DEFAULT_VPC_NETMASK_LENGTH)
            .describe(
              `The prefix length of the range make vend takes from a pool for a new environment. @default ${DEFAULT_VPC_NETMASK_LENGTH}`,
            ),
        })
        .prefault({})
        .describe(
          "IP address management: which ranges each segment's VPCs may use, so no two environments are ever given the same.",
        ),
    })
    .prefault({})
    .describe(
      "The landing zone's network: what every environment's VPC gets besides its own subnets and endpoints.",
    ),
  logArchive: z
    .strictObject({
      retentionDays: wholeNumber("days", 1, 36500, "36500 is the Object Lock maximum")
        .default(HIPAA_RETENTION_DAYS)
        .describe(
          "Object Lock (COMPLIANCE) retention of every log object; at least 2192 (six years) while any environment holds PHI.",
        ),
      glacierInstantRetrievalAfterDays: wholeNumber(
        "days",
        30,
        undefined,
        "S3's minimum before a Glacier transition",
      )
        .default(90)
        .describe("Days before log objects move to Glacier Instant Retrieval."),
      deepArchiveAfterDays: wholeNumber("days", 1)
        .default(365)
        .describe("Days before log objects move to Glacier Deep Archive."),
      replicationRegion: regionCode
        .optional()
        .describe(
          "Where the archive is replicated. @default the first governed region other than homeRegion",
        ),
    })
    .prefault({})
    .describe("The write-once log archive in the log-archive account."),
  sessionManager: z
    .strictObject({
      idleSessionTimeoutMinutes: wholeNumber(
        "minutes",
        IDLE_SESSION_TIMEOUT_RANGE.min,
        IDLE_SESSION_TIMEOUT_RANGE.max,
        "Session Manager's range",
      )
        .default(DEFAULT_IDLE_SESSION_MINUTES)
        .describe("Minutes without input after which Session Manager ends a session (automatic logoff)."),
      maxSessionDurationMinutes: wholeNumber(
        "minutes",
        MAX_SESSION_DURATION_RANGE.min,
        MAX_SESSION_DURATION_RANGE.max,
        "Session Manager's range",
      )
        .default(DEFAULT_MAX_SESSION_MINUTES)
        .describe("Minutes after which Session Manager ends any session."),
    })
    .prefault({})
    .describe(
      "Session Manager in every account and governed region: every session logged to an encrypted log group kept six years and encrypted with the account's session key; these timeouts end sessions.",
    ),
  detectiveControls: z
    .strictObject({
      guardDuty: z
        .strictObject({
          enabled: controlSwitch("guardDuty"),
          findingPublishingFrequency: z
            .enum(GUARDDUTY_PUBLISHING_FREQUENCIES, {
              error: `expected one of ${GUARDDUTY_PUBLISHING_FREQUENCIES.join(", ")}`,
            })
            .default("FIFTEEN_MINUTES")
            .describe("How often updated findings are exported to the log archive."),
        })
        .prefault({}),
      securityHub: z.strictObject({ enabled: controlSwitch("securityHub") }).prefault({}),
      config: z.strictObject({ enabled: controlSwitch("config") }).prefault({}),
      accessAnalyzer: z
        .strictObject({
          enabled: controlSwitch("accessAnalyzer"),
          unusedAccessAgeDays: wholeNumber("days", 1, 365)
            .default(90)
            .describe("Days without use after which a role, user or permission is reported."),
        })
        .prefault({}),
      inspector: z.strictObject({ enabled: controlSwitch("inspector") }).prefault({}),
      centralLogs: z.strictObject({ enabled: controlSwitch("centralLogs") }).prefault({}),
      macie: z
        .strictObject({
          enabled: controlSwitch("macie"),
          classificationSchedule: z
            .enum(MACIE_SCHEDULES, { error: `expected one of ${MACIE_SCHEDULES.join(", ")}` })
            .default("WEEKLY")
            .describe("How often Macie classifies the PHI buckets."),
          samplingPercentage: wholeNumber("percent", 1, 100)
            .default(100)
            .describe("Share of objects each classification run inspects."),
        })
        .prefault({}),
    })
    .prefault({})
    .describe(
      "GuardDuty, Security Hub, Config, Access Analyzer, Inspector, central application logs and Macie in every governed region.",
    ),
  backup: BackupSchema,
  alarms: z
    .strictObject({
      email: z
        .email({ error: "expected the email address of the security team's alert inbox" })
        .describe("Subscribed to the security alarm topic; confirm the subscription from that inbox."),
    })
    .describe("Where security alarms (root use, trail changes, ...) are sent."),
  identityCenter: IdentityCenterSchema.optional().describe(
    "IAM Identity Center permission sets and assignments. @default no identity-center stack",
  ),
  compliance: z
    .strictObject({
      suppressions: z
        .array(SuppressionSchema)
        .default([])
        .describe(
          "HIPAA rule findings accepted on purpose; each shows in the evidence binder (make compliance).",
        ),
    })
    .prefault({})
    .describe("Exceptions to the HIPAA rules checked at synth."),
  tags: tags.optional().describe("Tags added to every resource."),
});

/** The blueprints a workload is built from (modules/workload/, docs/workloads.md). */
export const WORKLOAD_BLUEPRINTS = ["serverless-api"] as const;

const WORKLOAD_NAME_PATTERN = /^[a-z][a-z0-9-]{0,22}[a-z0-9]$/;
const WORKLOAD_NAME_RULE =
  "2-24 characters: lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen";
const HANDLER_PATH_PATTERN = /^(?!\/)(?!.*\.\.)[\w./-]+\.ts$/;

const WorkloadSchema = z.strictObject({
  name: z
    .string({ error: `expected a workload name: ${WORKLOAD_NAME_RULE}` })
    .regex(WORKLOAD_NAME_PATTERN, { error: `expected a workload name: ${WORKLOAD_NAME_RULE}` })
    .describe(
      "The workload's name, unique in its environment: its stack is workload-<environment>-<name>, and its function, table, queues, role and key are named <environment>-<name>.",
    ),
  account: accountName
    .optional()
    .describe(
      "The account it deploys into: one of the environment's accounts that holds its VPC (network.account). @default the environment's VPC account",
    ),
  blueprint: z
    .enum(WORKLOAD_BLUEPRINTS, { error: `expected one of ${WORKLOAD_BLUEPRINTS.join(", ")}` })
    .describe(
      "serverless-api: a function in the PHI VPC's private subnets with its own key, table, queue and dead-letter queues (docs/workloads.md).",
    ),
  alarmEmail: z
    .string({ error: "expected an email address (name@domain), at most 254 characters" })
    .max(254, { error: "expected an email address (name@domain), at most 254 characters" })
    .regex(/^[\w+=.#|!&-]+@[\w.-]+\.\w+$/, {
      error: "expected an email address (name@domain), at most 254 characters",
    })
    .describe(
      "The team's on-call inbox: the workload's alarms (errors, throttles, dead-letter depth, latency) go to its topic, which this address subscribes to.",
    ),
  handler: z
    .string({ error: "expected the path of a TypeScript file such as workloads/patient-intake/handler.ts" })
    .regex(HANDLER_PATH_PATTERN, {
      error: "expected the path of a TypeScript file such as workloads/patient-intake/handler.ts",
    })
    .describe(
      "The function's TypeScript source, relative to the repository root; it exports `handler` and is bundled at synth.",
    ),
  options: z
    .strictObject({
      reservedConcurrency: wholeNumber(
        "concurrent executions",
        1,
        1000,
        "a function without a cap can take the account's whole concurrency",
      )
        .default(5)
        .describe("Concurrent executions reserved for, and the most allowed to, the function."),
      timeoutSeconds: wholeNumber("seconds", 1, 900, "Lambda's range")
        .default(10)
        .describe("How long one invocation may run."),
      memoryMb: wholeNumber("MB", 128, 10240, "Lambda's range")
        .default(256)
        .describe("The function's memory."),
      partitionKey: z
        .string({
          error: "expected an attribute name of 1-255 letters, digits, underscores, hyphens or dots",
        })
        .regex(/^[A-Za-z0-9_.-]{1,255}$/, {
          error: "expected an attribute name of 1-255 letters, digits, underscores, hyphens or dots",
        })
        .default("id")
        .describe("The table's partition key (a string attribute)."),
    })
    .prefault({})
    .describe("The blueprint's options; every HIPAA setting is fixed, not an option."),
});

export const EnvironmentSchema = z.strictObject({
  name: z
    .string({ error: `expected an environment name: ${ENVIRONMENT_NAME_RULE}` })
    .regex(ENVIRONMENT_NAME_PATTERN, { error: `expected an environment name: ${ENVIRONMENT_NAME_RULE}` })
    .describe("The environment's name; must match the file name."),
  phi: z
    .boolean({ error: "expected true or false: does this environment hold PHI?" })
    .describe("Whether the environment holds PHI; PHI environments get every control."),
  codeSigning: z
    .enum(CODE_SIGNING_MODES, { error: `expected one of ${CODE_SIGNING_MODES.join(", ")}` })
    .optional()
    .describe(
      "Whether lz-phi-creation refuses this environment's accounts a Lambda function without a code-signing configuration (container-image functions cannot be signed, so required refuses them too); a PHI environment may not set optional. @default required where phi: true, optional otherwise",
    ),
  accounts: z
    .array(accountName)
    .min(1, { error: "expected at least one account name" })
    .describe("Accounts (by name, from organization.yaml) that belong to this environment."),
  cidr: ipv4Cidr.describe(
    "The PHI VPC's IPv4 CIDR: private, /16 to /22, not overlapping other environments.",
  ),
  region: regionCode
    .optional()
    .describe(
      "The governed region that holds the environment's VPC, its DNS Firewall and its workloads. While network.transitGateway is on, only the home region: the hubs of other regions are not peered yet. @default the organization's homeRegion",
    ),
  network: z
    .strictObject({
      account: accountName
        .optional()
        .describe("The account that holds the environment's VPC. @default the first of `accounts`"),
      availabilityZones: wholeNumber("availability zones", 2, 6, "one zone is one outage from no service")
        .default(2)
        .describe("Availability zones with a private subnet each."),
      interfaceEndpoints: z
        .array(
          z
            .string({ error: "expected an endpoint service name such as kms or ecr.api" })
            .regex(/^[a-z][a-z0-9-]*(\.[a-z0-9-]+)*$/, {
              error: "expected an endpoint service name such as kms or ecr.api",
            }),
        )
        .optional()
        .describe(
          `Interface endpoints (service names without com.amazonaws.<region>.); an environment with workloads also gets the ones they call (docs/workloads.md). @default ${DEFAULT_INTERFACE_ENDPOINTS.join(", ")}`,
        ),
      segment: z
        .enum(SEGMENTS, { error: `expected one of the segments ${SEGMENTS.join(", ")}` })
        .optional()
        .describe(
          "Which Transit Gateway segment the VPC joins: prod and non-prod never route to each other; shared reaches both. Required while network.transitGateway is on in organization.yaml. @default none",
        ),
      egress: z
        .boolean({ error: "expected true or false" })
        .default(false)
        .describe(
          "Internet egress through NAT gateways in a separate egress tier; PHI subnets still get no public IPs.",
        ),
    })
    .prefault({})
    .describe("The environment's PHI VPC."),
  detectiveControls: z
    .strictObject({
      config: z
        .boolean({ error: "expected true or false" })
        .optional()
        .describe(
          `Whether ${describeControl("config")} covers this environment's accounts. @default the organization's setting`,
        ),
      macie: z
        .boolean({ error: "expected true or false" })
        .optional()
        .describe(
          `Whether ${describeControl("macie")} covers this environment's accounts. @default the organization's setting`,
        ),
    })
    .optional()
    .describe("Per-environment switches; a PHI environment may not switch a control off."),
  workloads: z
    .array(WorkloadSchema)
    .default([])
    .describe("Workloads built from a blueprint into this environment's accounts (docs/workloads.md)."),
  tags: tags.optional().describe("Tags added to this environment's resources."),
});

export type OrganizationConfig = z.output<typeof OrganizationSchema>;
/** One accepted HIPAA rule finding. */
export type SuppressionConfig = z.output<typeof SuppressionSchema>;
/** The backup section, defaults applied. */
export type BackupConfig = z.output<typeof BackupSchema>;
export type BackupPlanConfig = z.output<typeof BackupPlanSchema>;
export type BackupRuleConfig = z.output<typeof BackupRuleSchema>;
export type AccountConfig = z.output<typeof AccountSchema>;
export type GuardrailAttachmentConfig = z.output<typeof GuardrailAttachmentSchema>;
export type RcpAttachmentConfig = z.output<typeof RcpAttachmentSchema>;
export type ContactConfig = z.output<typeof ContactSchema>;
export type EnvironmentConfig = z.output<typeof EnvironmentSchema>;
/** One workload of an environment, defaults applied. */
export type WorkloadConfig = z.output<typeof WorkloadSchema>;
export type IdentityCenterConfig = z.output<typeof IdentityCenterSchema>;
export type PermissionSetConfig = z.output<typeof PermissionSetSchema>;
export type AssignmentConfig = z.output<typeof AssignmentSchema>;

/** The whole validated configuration: the organization file and every environment file. */
export interface LandingZoneConfig {
  /** The organization file's contents, defaults applied. */
  readonly organization: OrganizationConfig;
  /** Environment files by environment name, in file-name order. */
  readonly environments: readonly EnvironmentConfig[];
  /**
   * Accounts the account ledger remembers but organization.yaml no longer lists: kept in the Suspended OU,
   * never closed.
   * @default - none
   */
  readonly suspendedAccounts?: readonly SuspendedAccount[];
  /**
   * What make adopt found in an existing organization (environments/adopted.json): imported on the first apply.
   * @default - none: a new organization
   */
  readonly adoption?: Adoption;
}

/** An account removed from organization.yaml, as the account ledger last recorded it. */
export interface SuspendedAccount {
  /** The account's name. */
  readonly name: string;
  /** The account's root email. */
  readonly email: string;
}
