// The landing zone's controls, each with where it applies, the files that implement it and the HIPAA sections it
// serves: the source of docs/controls.md's tables (npm run docs), so a reader gets from a section to a control
// and from a control to its code in two hops. SCP and detective-control rows come from their own tables.
import { HipaaSectionId } from "../policies/hipaa-sections";
import { buildGuardrails } from "../policies/scp-library";
import { buildResourceControlPolicies } from "../policies/rcp-library";
import { SESSION_MANAGER_SECTIONS } from "../policies/session-manager";
import { DETECTIVE_CONTROL_NAMES, DETECTIVE_CONTROLS, DetectiveControlName } from "./controls";

/** One control as the documentation lists it. */
export interface CatalogueControl {
  /** What the control does, as an auditor would read it. */
  readonly control: string;
  /** Where it applies: the SCP and its targets, the stack, the command. */
  readonly where: string;
  /** Repository-relative files that implement it; a test checks each exists. */
  readonly files: readonly string[];
  /** The sections it serves, from the registry. */
  readonly sections: readonly HipaaSectionId[];
}

/** The files that implement each detective control. */
const DETECTIVE_CONTROL_FILES: Record<DetectiveControlName, readonly string[]> = {
  guardDuty: ["modules/guardduty-organization.ts"],
  securityHub: ["modules/security-hub-organization.ts"],
  config: [
    "modules/config-recorder.ts",
    "modules/config-organization.ts",
    "src/policies/hipaa-conformance-pack.ts",
  ],
  accessAnalyzer: ["modules/access-analyzers.ts"],
  inspector: ["modules/inspector-organization.ts", "src/policies/inspector.ts"],
  centralLogs: [
    "modules/observability-sink.ts",
    "modules/observability-link.ts",
    "src/policies/observability.ts",
  ],
  macie: ["modules/macie-organization.ts"],
};

/** Where a detective control lives, when not (only) in the detective-controls stack. */
const DETECTIVE_CONTROL_WHERE: Partial<Record<DetectiveControlName, string>> = {
  config: "`detective-controls` stack (Config recorders: `baseline-<account>` stacks)",
  centralLogs:
    "`security` stack (the sinks in security-tooling), links in member accounts' `baseline-<account>` stacks",
};

/** The controls no other table describes. */
const OTHER_CONTROLS: readonly CatalogueControl[] = [
  {
    control:
      "Accounts never closed or removed by Terraform; an account deleted from the configuration moves to Suspended (account ledger)",
    where: "`close_on_deletion = false`, `prevent_destroy`, `accounts.ledger.json`",
    files: ["modules/member-account.ts", "src/config/ledger.ts"],
    sections: ["164.312(c)(1)", "164.316(b)(2)(i)"],
  },
  {
    control:
      "New accounts vended only through a reviewed, validated change; PHI accounts only in PHI environments and OUs that allow PHI; people get access only after the baseline applied",
    where: "`make vend`, `allowPhi`, stack ordering",
    files: ["src/config/vend.ts", "src/config/checks/classification.ts", "src/app.ts"],
    sections: ["164.308(a)(4)", "164.312(a)(1)"],
  },
  {
    control:
      "AI services opted out for every account: no AWS AI service stores or uses the organization's content; child policies cannot change it",
    where: "AI services opt-out policy `lz-ai-services-opt-out` on Root (`organization` stack)",
    files: ["src/policies/ai-opt-out-policy.ts", "modules/management-policy.ts"],
    sections: ["164.312(a)(1)"],
  },
  {
    control:
      "DataClassification tag values fixed to phi and non-phi, enforced on Secrets Manager and the configured resource types and reported everywhere, so a mistyped tag cannot quietly take PHI out of the controls that select it; required tags reported where configured",
    where: "Tag policy `lz-tag-policy` on Root (`organization` stack), `tagPolicy` in organization.yaml",
    files: ["src/policies/tag-policy.ts", "modules/management-policy.ts"],
    sections: ["164.312(a)(1)"],
  },
  {
    control:
      "EC2 account settings held by the organization, which no account administrator can change: no new public AMIs, no public EBS snapshots, no serial console, IMDSv2 as every new instance's default, VPC block public access for internet gateways (configurable)",
    where:
      "Declarative policy `lz-ec2-baseline` on Root (`organization` stack), `ec2DeclarativePolicy` in organization.yaml",
    files: ["src/policies/ec2-declarative-policy.ts", "modules/management-policy.ts"],
    sections: ["164.312(a)(1)", "164.312(e)(1)"],
  },
  {
    control:
      "Centralized root access: IAM manages member accounts' root credentials from the management account; root-only tasks run in 15-minute `sts:AssumeRoot` sessions scoped by a task policy, while root sign-in stays denied",
    where: "`aws_iam_organizations_features` (`organization` stack), SCP `lz-core-guardrails` (DenyRootUser)",
    files: ["modules/root-access.ts", "src/policies/scp-library.ts"],
    sections: ["164.312(a)(2)(i)", "164.312(a)(2)(ii)", "164.312(d)"],
  },
  {
    control:
      "PHI kept out of what log readers see: an account-level CloudWatch Logs data protection policy in every PHI account and governed region audits and masks each HIPAA identifier AWS has a managed data identifier for (names, addresses, birth dates, phone numbers, email addresses, SSNs, health plan and account numbers, IP addresses and more), health codes and private and secret keys",
    where: "`baseline-<account>` stacks of PHI environments",
    files: ["modules/log-data-protection.ts", "src/policies/log-data-protection.ts"],
    sections: ["164.312(a)(1)", "164.312(b)"],
  },
  {
    control:
      "Session Manager in every account and governed region: every session streamed to an encrypted CloudWatch Logs group kept six years, session data encrypted with the account's session key, idle sessions ended after `sessionManager.idleSessionTimeoutMinutes` (default 15) and every session after `maxSessionDurationMinutes`; Default Host Management manages instances with one role that may write only those logs",
    where: "`baseline-<account>` stacks, `sessionManager` in organization.yaml",
    files: ["modules/session-manager.ts", "src/policies/session-manager.ts"],
    sections: SESSION_MANAGER_SECTIONS,
  },
  {
    control:
      "Alternate contacts on every account: AWS's security notices and abuse reports reach the security contact; required while any environment holds PHI",
    where: "`baseline-<account>` stacks, `contacts` in organization.yaml",
    files: ["modules/alternate-contacts.ts", "src/config/checks/contacts.ts"],
    sections: ["164.308(a)(6)(ii)"],
  },
  {
    control: "Security services administered from a dedicated account",
    where: "delegated administrators → security-tooling",
    files: ["modules/delegated-administrators.ts"],
    sections: ["164.308(a)(1)(ii)(D)"],
  },
  {
    control:
      "Per-purpose KMS keys, rotation on, 30-day deletion window, destroy-protected; administration separated from use",
    where: "`security` and `organization-trail` stacks",
    files: ["modules/central-keys.ts", "modules/landing-zone-key.ts", "src/policies/kms-policies.ts"],
    sections: ["164.312(a)(2)(iv)"],
  },
  {
    control:
      "Log archive: Object Lock COMPLIANCE for `logArchive.retentionDays` (default 2,192 days), versioning, SSE-KMS with bucket keys; only this organization's log deliveries may write to it",
    where: "`log-archive` stack",
    files: ["modules/log-archive.ts"],
    sections: ["164.312(c)(1)", "164.316(b)(2)(i)"],
  },
  {
    control:
      "Organization backup policies: resources tagged `DataClassification=phi` in PHI environments are backed up daily (35 days) and monthly (six years) into their account's vault, with a copy in the backup account's central vault",
    where:
      "`organization` stack (`lz-backup-<plan>` on the OUs of the PHI environments), `backup:` in organization.yaml",
    files: [
      "modules/organization-backup.ts",
      "src/policies/backup-policies.ts",
      "src/config/checks/backup.ts",
    ],
    sections: ["164.308(a)(7)", "164.308(a)(7)(ii)(A)", "164.308(a)(7)(ii)(B)"],
  },
  {
    control:
      "Backup vaults in every member account and governed region and the central vault: own KMS key, Vault Lock COMPLIANCE, access policy denying recovery-point deletion to everyone; SCP denies deleting backups or changing plans",
    where: "`baseline-<account>` stacks, `backup` stack, SCP `lz-protect-kms-keys`",
    files: ["modules/account-backup.ts", "modules/backup-vault.ts", "stacks/backup-stack.ts"],
    sections: ["164.308(a)(7)(ii)(A)", "164.308(a)(7)(ii)(B)", "164.312(c)(1)"],
  },
  {
    control:
      "Monthly restore tests in every PHI account (AWS Backup restore testing) and an AWS Backup Audit Manager framework over plans, vaults and recovery points",
    where: "`baseline-<account>` stacks of PHI environments, `backup.restoreTesting`",
    files: ["modules/account-backup.ts"],
    sections: ["164.308(a)(7)(ii)(D)"],
  },
  {
    control: "Replica in a second governed region under its own key and Object Lock",
    where: "`log-archive` stack",
    files: ["modules/log-archive.ts"],
    sections: ["164.312(c)(1)", "164.316(b)(2)(i)"],
  },
  {
    control:
      "Every bucket: SSE-KMS, versioning, public access blocked, ACLs disabled, plain HTTP and TLS below 1.2 denied",
    where: "`SecureBucket` construct",
    files: ["modules/secure-bucket.ts"],
    sections: [
      "164.312(a)(1)",
      "164.312(a)(2)(iv)",
      "164.312(e)(1)",
      "164.312(e)(2)(i)",
      "164.312(e)(2)(ii)",
    ],
  },
  {
    control:
      "Organization trail: all regions, global events, log file validation, SSE-KMS, S3, Lambda and DynamoDB data events, Insights",
    where: "`organization-trail` stack",
    files: ["modules/organization-trail.ts"],
    sections: ["164.312(b)", "164.312(c)(2)"],
  },
  {
    control:
      "Trail copy in CloudWatch Logs for six years, KMS-encrypted; alarms on root use, IAM, trail, KMS, S3 policy, Config, network and Organizations changes, failed and MFA-less sign-ins, unauthorized calls, break-glass use",
    where: "`organization-trail` stack",
    files: ["modules/security-alarms.ts", "src/policies/alarm-patterns.ts"],
    sections: ["164.308(a)(1)(ii)(D)", "164.312(a)(2)(ii)"],
  },
  {
    control:
      "PHI VPC: private subnets only, closed default security group, NACLs, no internet routes (`network.egress` only where no PHI is); flow logs of ALL traffic and DNS query logs to the archive",
    where: "`network-<environment>` stacks",
    files: ["modules/phi-vpc.ts", "src/config/network-plan.ts"],
    sections: ["164.312(e)(1)", "164.312(b)", "164.312(a)(1)"],
  },
  {
    control:
      "DNS Firewall on every environment's VPC: AWS's managed malware, botnet, aggregate and GuardDuty threat lists blocked by a rule group evaluated first, failing closed where PHI is, each block in the query log; only the pipeline changes it (`DenyDnsFirewallChanges`)",
    where: "`network-<environment>` stacks (`network.dnsFirewall`)",
    files: ["modules/dns-firewall.ts", "src/policies/dns-firewall.ts"],
    sections: ["164.308(a)(5)(ii)(B)", "164.312(e)(1)", "164.312(b)"],
  },
  {
    control:
      "The hub: a Transit Gateway in the network account with a route table per segment; prod and non-prod never route to each other (blackholes both ways), attachments accepted and placed only by the pipeline (`DenyTransitGatewayChanges`), shared with the organization only, flow logs to the archive; no PHI VPC sends 0.0.0.0/0 anywhere but the hub",
    where: "`network-hub`, `network-segments` and `network-<environment>` stacks (`network.transitGateway`)",
    files: [
      "modules/transit-gateway-hub.ts",
      "stacks/network-segments-stack.ts",
      "src/policies/transit-gateway.ts",
    ],
    sections: ["164.312(a)(1)", "164.312(e)(1)", "164.312(b)"],
  },
  {
    control:
      "The hub's on-premises side: Site-to-Site VPN tunnels of IKEv2, AES-256 and SHA-2 only (keys in Secrets Manager, not readable by pull requests' plans) and a Direct Connect association, on their own route table; on-premises reaches only the segments `network.hybrid.segments` allows (blackholes the rest), and only the pipeline changes a tunnel, its routes or what Direct Connect advertises (`DenyHybridNetworkChanges`); Route 53 Resolver endpoints in a resolver VPC of the network account forward on-premises domains for the allowed segments' VPCs only (rules shared by RAM with their accounts only) and admit on-premises DNS only; every tunnel logs its IKE negotiations, dead peer detection and state to an encrypted log group kept as long as the archive, which only the pipeline deletes (`DenyVpnTunnelLogChanges`)",
    where: "`network-hub`, `network-segments` and `network-<environment>` stacks (`network.hybrid`)",
    files: [
      "modules/hybrid-connectivity.ts",
      "modules/vpn-tunnel-logs.ts",
      "modules/resolver-endpoints.ts",
      "src/policies/hybrid-network.ts",
    ],
    sections: ["164.312(a)(1)", "164.312(e)(1)", "164.312(e)(2)(ii)", "164.312(b)"],
  },
  {
    control:
      "Inspected egress: the one way to the internet the landing zone builds, through an inspection VPC in the network account where AWS Network Firewall lets out only TLS and HTTP to allow-listed domains (everything else dropped and alerted, logs to the archive); only the pipeline changes the firewall (`DenyEgressInspectionChanges`)",
    where: "`network-hub` and `network-<environment>` stacks (`network.inspection`)",
    files: ["modules/inspection-vpc.ts", "src/policies/inspection.ts"],
    sections: ["164.312(e)(1)", "164.312(b)", "164.308(a)(5)(ii)(B)"],
  },
  {
    control:
      "Address plan: an IPAM in the network account (its delegated administrator) with a pool per segment and region and every VPC's range allocated in its segment's pool, so no range is ever given to two VPCs; make validate refuses a range outside its pool; only the pipeline changes it (`DenyAddressPlanChanges`)",
    where: "`network-hub` and `organization` stacks (`network.ipam`)",
    files: ["modules/ipam-address-plan.ts", "src/policies/ipam.ts", "src/config/checks/ipam.ts"],
    sections: ["164.312(a)(1)", "164.312(e)(1)"],
  },
  {
    control: "VPC endpoints with data-perimeter policies: only this organization's principals and resources",
    where: "`network-<environment>` stacks",
    files: ["src/policies/endpoint-policies.ts", "modules/phi-vpc.ts"],
    sections: ["164.312(e)(1)", "164.312(a)(1)"],
  },
  {
    control:
      "Account baseline: EBS encryption by default with the account's key, S3 account public access block, IAM password policy",
    where: "`baseline-<account>` stacks",
    files: ["modules/account-hardening.ts"],
    sections: ["164.312(a)(2)(iv)", "164.312(a)(1)", "164.312(d)", "164.308(a)(5)(ii)(D)"],
  },
  {
    control:
      "People reach accounts only through Identity Center permission sets with one-hour sessions; Developer kept out of PHI accounts, PHI keys denied to Developer and PHIReadOnly, inline `*` on `*` refused",
    where: "`identity-center` stack",
    files: ["modules/identity-center.ts", "modules/permission-set.ts", "src/policies/permission-sets.ts"],
    sections: ["164.312(a)(1)", "164.312(a)(2)(iii)", "164.308(a)(4)"],
  },
  {
    control:
      "Every access path and AWS service rule proven on the synthesized stacks before anything deploys",
    where:
      "`make verify`, and the gate in `make synth`, `make local`, `make plan`, `make deploy`, `make vend`",
    files: ["src/verify/verify.ts", "src/verify/gate.ts"],
    sections: ["164.308(a)(8)"],
  },
  {
    control:
      "HIPAA rules checked at synth on every synthesized resource, each mirroring the conformance pack's managed rules; exceptions only with a reason, an owner and an expiry within a year; an evidence binder per Security Rule section",
    where: "`make verify`, the deploy gate, `make compliance`",
    files: ["src/verify/rules/hipaa/index.ts", "src/verify/hipaa-rules.ts", "src/verify/binder.ts"],
    sections: ["164.308(a)(8)", "164.316(b)(2)"],
  },
  {
    control:
      "Security dashboard: every security alarm's state and metric, and GuardDuty, Security Hub and Config findings per day by severity, generated from the alarm and finding catalogues",
    where:
      "`organization-trail` stack (management account, home region); the forwarder in `detective-controls`",
    files: [
      "modules/security-dashboard.ts",
      "modules/findings-metrics.ts",
      "modules/findings-forwarder.ts",
      "src/policies/finding-metrics.ts",
    ],
    sections: ["164.308(a)(1)(ii)(D)"],
  },
  {
    control:
      "Daily drift check of every stack against AWS; out-of-band changes to a control are critical and fail the scheduled run; deploys only from main, guardrail, security and access changes behind a reviewer",
    where: "`make drift`, `.github/workflows`",
    files: ["src/deploy/drift/classify.ts", ".github/workflows/drift.yml", "src/tools/stack-groups.ts"],
    sections: ["164.308(a)(1)(ii)(D)", "164.308(a)(8)", "164.312(b)"],
  },
  {
    control:
      "Workloads from the serverless-api blueprint: an application key per workload; a private HTTPS API reached only through the environment's endpoint by IAM-signed callers of the account, every call logged without bodies; a DynamoDB table under the key with point-in-time recovery, deletion protection and a policy keeping its items the workload's; a bucket taking writes under the key only; encrypted queues with dead-letter queues; a function in the PHI VPC's private subnets reaching only the endpoints, with a least-privilege execution role and its logs kept six years; a secret under the key, the workload's alone, rotated every 30 days by a function of its own; where the environment requires it, code signed by the workload's Signer profile and enforced by Lambda",
    where: "`workload-<environment>-<name>` stacks (`workloads:` in an environment file)",
    files: [
      "modules/workload/serverless-api.ts",
      "modules/workload/workload-api.ts",
      "modules/workload/workload-function.ts",
      "modules/workload/workload-table.ts",
      "modules/workload/workload-bucket.ts",
      "modules/workload/workload-secret.ts",
      "modules/workload/workload-code-signing.ts",
      "src/policies/workload.ts",
      "src/policies/workload-api.ts",
      "src/policies/workload-bucket.ts",
      "src/policies/workload-secret.ts",
      "src/policies/workload-code-signing.ts",
      "workloads/blueprint/rotate-secret.ts",
    ],
    sections: [
      "164.312(a)(1)",
      "164.312(a)(2)(iv)",
      "164.312(b)",
      "164.312(c)(1)",
      "164.312(d)",
      "164.312(e)(1)",
      "164.308(a)(5)(ii)(D)",
      "164.308(a)(7)(ii)(A)",
    ],
  },
];

/** Every control: the SCP guardrails, the RCPs, the detective controls, then the rest. */
export function controlCatalogue(): CatalogueControl[] {
  // Role names, regions and the organization's ID only shape the documents, not what each policy is for.
  const guardrails = buildGuardrails({ regions: [], deployRoleName: "", breakGlassRoleName: "" });
  const rcps = buildResourceControlPolicies({ orgId: "", trustedAccounts: [] });
  return [
    ...guardrails.map((g) => ({
      control: g.description,
      where: `SCP \`${g.name}\` on ${g.defaultTargets.join(", ")}`,
      files: ["src/policies/scp-library.ts", "modules/scp-guardrails.ts"],
      sections: g.hipaa,
    })),
    ...rcps.map((r) => ({
      control: r.description,
      where: `RCP \`${r.name}\` on ${r.defaultTargets.join(", ")}`,
      files: ["src/policies/rcp-library.ts", "modules/scp-guardrails.ts"],
      sections: r.hipaa,
    })),
    ...DETECTIVE_CONTROL_NAMES.map((name) => ({
      control: `${DETECTIVE_CONTROLS[name].title} in every governed region`,
      where: DETECTIVE_CONTROL_WHERE[name] ?? "`detective-controls` stack",
      files: DETECTIVE_CONTROL_FILES[name],
      sections: DETECTIVE_CONTROLS[name].sections,
    })),
    ...OTHER_CONTROLS,
  ];
}
