// One account's baseline, applied to the management account and every account the configuration lists: EBS
// encryption by default with the account's own key, IMDSv2, the S3 public access block, the IAM password policy
// (164.312(a)(2)(iv), (a)(1), (d)) and AWS Config recording into the log archive in every governed region
// (164.312(b) audit controls), and in member accounts AWS Backup's role, a locked vault and the resource type
// opt-in per region and, in PHI accounts, restore tests (164.308(a)(7)) and masking of PHI in logs; the alternate
// contacts (164.308(a)(6)); in member accounts the read-only plan role (164.312(a)(1)); Session Manager logging,
// encryption and idle timeouts with Default Host Management (164.312(a)(2)(iii), 164.312(b)); the link that shares
// its log groups and metrics with security-tooling (164.308(a)(1)(ii)(D)). A new account gets it from its
// configuration entry alone.
import { Construct } from "constructs";
import {
  codeSigningOf,
  controlCovers,
  environmentOf,
  MANAGEMENT_ACCOUNT_NAME,
  regionOf,
  workloadAccountOf,
} from "../src/config/model";
import { workloadNames } from "../src/policies/workload";
import { workloadBucketNames } from "../src/policies/workload-bucket";
import { CODE_PREFIXES } from "../src/policies/workload-code-signing";
import { AccountBackup } from "../modules/account-backup";
import { BackupRegionSettings } from "../modules/backup-region-settings";
import { BACKUP_RESOURCE_TYPES } from "../src/policies/backup-resource-types";
import { BackupFailureForwarder } from "../modules/backup-alerts";
import { BACKUP_ALERTS_ROLE_NAME, backupAlertsBusName, eventBusArn } from "../src/policies/backup-policies";
import { AccountHardening } from "../modules/account-hardening";
import { AlternateContacts } from "../modules/alternate-contacts";
import { LogDataProtection } from "../modules/log-data-protection";
import { ConfigRecorder } from "../modules/config-recorder";
import { PlanReaderRole } from "../modules/plan-reader-role";
import { SessionManager } from "../modules/session-manager";
import { ObservabilityLink } from "../modules/observability-link";
import { LandingZoneStack, StackContext } from "./landing-zone-stack";
import { LogArchiveStack } from "./log-archive-stack";
import { OrganizationStack } from "./organization-stack";
import { SecurityStack } from "./security-stack";

/** The baseline stack's ID for an account: its state key and its directory in cdktf.out. */
export function baselineStackId(accountName: string): string {
  return `baseline-${accountName}`;
}

export interface AccountBaselineStackProps extends StackContext {
  /** The account's name in the configuration, or MANAGEMENT_ACCOUNT_NAME for the management account. */
  readonly accountName: string;
  /** The organization stack: account IDs. */
  readonly organization: OrganizationStack;
  /** The security stack: the archive key and the observability sinks. */
  readonly security: SecurityStack;
  /** The log archive stack: the bucket. */
  readonly logArchive: LogArchiveStack;
}

/** The baseline of one account. */
export class AccountBaselineStack extends LandingZoneStack {
  /** EBS, IMDS, S3 and IAM defaults. */
  readonly hardening: AccountHardening;
  /** The Config recorders, when Config covers the account. */
  readonly configRecorder?: ConfigRecorder;
  /** The backup role and vaults (member accounts; backup policies do not reach the management account). */
  readonly backup?: AccountBackup;
  /** The read-only plan role (member accounts; the management account plans with the plan role itself). */
  readonly planReader?: PlanReaderRole;
  /** Session Manager's preferences, keys and log groups, and Default Host Management. */
  readonly sessionManager: SessionManager;

  constructor(scope: Construct, id: string, props: AccountBaselineStackProps) {
    const org = props.config.organization;
    const isManagement = props.accountName === MANAGEMENT_ACCOUNT_NAME;
    const environment = isManagement ? undefined : environmentOf(props.config, props.accountName);
    super(scope, id, {
      config: props.config,
      target: props.target,
      // The management account is reached with the pipeline's own credentials, members through the deploy role.
      accountId: isManagement ? undefined : props.organization.accountId(props.accountName),
      environment: environment?.name,
      holdsPhi: environment?.phi ?? false,
    });

    const account = {
      accountId: isManagement
        ? props.organization.managementAccountId
        : props.organization.accountId(props.accountName),
      homeRegion: org.homeRegion,
      regions: org.regions,
      providerFor: (region: string) => this.providerFor(region),
    };
    this.hardening = new AccountHardening(this, "hardening", {
      ...account,
      keyAdmins: this.keyAdministrators(),
      aliasPrefix: org.name,
      centralBackupAccountId: props.organization.accountId(org.coreAccounts.backup),
    });

    if (!isManagement) {
      const restoreTesting = environment?.phi
        ? {
            ...org.backup.restoreTesting,
            selection: org.backup.plans[0].selection,
            region: regionOf(org, environment),
          }
        : undefined;
      this.backup = new AccountBackup(this, "backup", {
        ...account,
        keyAdmins: this.keyAdministrators(),
        aliasPrefix: org.name,
        centralAccountId: props.organization.accountId(org.coreAccounts.backup),
        organizationId: props.organization.organizationId,
        centralCopySources:
          props.accountName === org.coreAccounts.backup
            ? [...props.organization.accounts.keys()]
                .filter((name) => name !== org.coreAccounts.backup)
                .map((name) => props.organization.accountId(name))
            : undefined,
        minRetentionDays: org.backup.vaultLock.minRetentionDays,
        restoreTesting,
      });
      // The backup policies select by tag, which reaches only the types opted in here.
      new BackupRegionSettings(this, "backup-region-settings", { ...account, types: BACKUP_RESOURCE_TYPES });
      // Plans reach the account only through this role (stacks/landing-zone-stack.ts, plan access).
      this.planReader = new PlanReaderRole(this, "plan-reader", {
        roleName: org.roles.plan,
        managementAccountId: props.organization.managementAccountId,
        managementPlanRole: org.roles.managementPlan,
        // The code each signed workload of this account uploads for signing (modules/workload/workload-code-signing.ts).
        codeObjectArns: (environment && codeSigningOf(environment) === "required"
          ? environment.workloads
          : []
        )
          .filter((workload) => workloadAccountOf(environment!, workload) === props.accountName)
          .map((workload) => {
            const names = workloadNames(org.name, environment!.name, workload.name);
            const code = workloadBucketNames({
              accountId: account.accountId,
              region: regionOf(org, environment!),
              names,
            }).code;
            return `arn:aws:s3:::${code}/${CODE_PREFIXES.unsigned}*`;
          }),
      });
      new BackupFailureForwarder(this, "backup-alerts", {
        ...account,
        busArn: eventBusArn(
          org.homeRegion,
          props.organization.managementAccountId,
          backupAlertsBusName(org.name),
        ),
        roleName: BACKUP_ALERTS_ROLE_NAME,
      });
    }

    new AlternateContacts(this, "contacts", { contacts: org.contacts, provider: this.homeProvider });
    this.sessionManager = new SessionManager(this, "session-manager", {
      ...account,
      keyAdmins: this.keyAdministrators(),
      namePrefix: org.name,
      timeouts: org.sessionManager,
      logRetentionDays: org.logArchive.retentionDays,
    });
    // Every member account but the monitoring account itself shares its log groups and metrics with security-tooling.
    // The management account does not: its log groups hold the organization trail's CloudWatch copy, which only
    // BreakGlass there may read, and make verify's proof that SecurityResponder cannot query it assumes nothing
    // shares it (docs/identity-center.md, "What SecurityResponder reaches of the trail").
    if (
      props.security.observability &&
      !isManagement &&
      props.accountName !== org.coreAccounts.securityTooling
    ) {
      new ObservabilityLink(this, "central-logs", {
        regions: org.regions,
        providerFor: account.providerFor,
        sinkArns: props.security.observability.sinkArns,
      });
    }
    if (environment?.phi) new LogDataProtection(this, "log-data-protection", account);

    const configOn = isManagement
      ? org.detectiveControls.config.enabled
      : controlCovers(props.config, "config", props.accountName);
    if (configOn) {
      this.configRecorder = new ConfigRecorder(this, "config", {
        homeRegion: org.homeRegion,
        regions: org.regions,
        providerFor: (region) => this.providerFor(region),
        // AWS Config refuses an Object Lock bucket; the ingest bucket replicates into the archive.
        bucketName: props.logArchive.archive.configIngest.bucketName,
        kmsKeyArn: props.security.keys.logArchive.arn,
      });
    }
  }
}
