// The management account's audit stack: the organization trail into the log archive, its CloudWatch Logs copy,
// and the security alarms on it (164.312(b) audit controls, 164.308(a)(1)(ii)(D) activity review).
import { Construct } from "constructs";
import { securityAlarms } from "../src/policies/alarm-patterns";
import { cloudWatchLogsKeyUse, keyPolicy, snsAlarmKeyUse } from "../src/policies/kms-policies";
import { LandingZoneKey } from "../modules/landing-zone-key";
import { OrganizationTrail } from "../modules/organization-trail";
import { SecurityAlarms } from "../modules/security-alarms";
import { LandingZoneStack, StackContext } from "./landing-zone-stack";
import { LogArchiveStack } from "./log-archive-stack";
import { OrganizationStack } from "./organization-stack";
import { SecurityStack } from "./security-stack";
import { SecurityDashboard } from "../modules/security-dashboard";
import { FindingsMetrics } from "../modules/findings-metrics";
import { findingMetrics } from "../src/policies/finding-metrics";
import { BackupAlertsBus } from "../modules/backup-alerts";
import { backupAlertsBusName, backupAlertsRuleName, eventRuleArn } from "../src/policies/backup-policies";

export const ORGANIZATION_TRAIL_STACK_ID = "organization-trail";

export interface OrganizationTrailStackProps extends StackContext {
  /** The organization stack. */
  readonly organization: OrganizationStack;
  /** The security stack: the CloudTrail key. */
  readonly security: SecurityStack;
  /** The log archive stack: the bucket. */
  readonly logArchive: LogArchiveStack;
}

/** The organization trail and its alarms, in the management account. */
export class OrganizationTrailStack extends LandingZoneStack {
  readonly trail: OrganizationTrail;
  /** The alarms and their topic. */
  readonly alarms: SecurityAlarms;

  constructor(scope: Construct, id: string, props: OrganizationTrailStackProps) {
    super(scope, id, { config: props.config, target: props.target });
    const org = props.config.organization;
    const managementAccountId = props.organization.managementAccountId;
    const admins = this.keyAdministrators();
    const local = { accountId: managementAccountId, region: org.homeRegion };

    // CloudWatch Logs and SNS encrypt with a key in the log group's or topic's own region, and the alarm path must
    // not depend on another account being reachable, so these two keys live here beside what they encrypt.
    const logsKey = new LandingZoneKey(this, "cloudwatch-logs-key", {
      alias: `${org.name}/cloudwatch-logs`,
      description: "CloudWatch Logs groups in the management account (the organization trail's copy)",
      policy: keyPolicy(admins, cloudWatchLogsKeyUse(local)),
    });
    const snsKey = new LandingZoneKey(this, "sns-alarms-key", {
      alias: `${org.name}/sns-alarms`,
      description: "The security alarm topic",
      policy: keyPolicy(admins, snsAlarmKeyUse(local)),
    });

    const archive = props.logArchive.archive;
    this.trail = new OrganizationTrail(this, "trail", {
      trailName: props.organization.trailName,
      trailArn: props.organization.trailArn,
      bucketName: archive.archive.bucketName,
      excludedDataEventBuckets: [
        archive.archive.arn,
        archive.accessLogs.arn,
        archive.replicaAccessLogs.arn,
        archive.configIngest.arn,
      ],
      kmsKeyArn: props.security.keys.cloudTrail.arn,
      logGroupKeyArn: logsKey.arn,
      logRetentionDays: org.logArchive.retentionDays,
    });
    const securityToolingId = props.organization.accountId(org.coreAccounts.securityTooling);
    const namespace = `${org.name}/SecurityAlarms`;
    const busName = backupAlertsBusName(org.name);
    const ruleName = backupAlertsRuleName(org.name);
    this.alarms = new SecurityAlarms(this, "alarms", {
      eventRuleArns: [eventRuleArn(org.homeRegion, managementAccountId, busName, ruleName)],
      topicName: `${org.name}-security-alarms`,
      logGroupName: this.trail.logGroup.name,
      namespace,
      alarms: securityAlarms(org.roles.breakGlass),
      kmsKeyArn: snsKey.arn,
      accountId: managementAccountId,
      securityAccountId: securityToolingId,
      email: org.alarms.email,
    });
    new BackupAlertsBus(this, "backup-alerts", {
      busName,
      ruleName,
      accountId: managementAccountId,
      region: org.homeRegion,
      organizationId: props.organization.organizationId,
      topicArn: this.alarms.topic.arn,
    });
    const findings = org.detectiveControls.securityHub.enabled
      ? { namespace: `${org.name}/SecurityFindings`, metrics: findingMetrics() }
      : undefined;
    if (findings) {
      new FindingsMetrics(this, "findings", {
        accountId: managementAccountId,
        region: org.homeRegion,
        sourceAccountId: securityToolingId,
        ruleName: `${org.name}-security-findings-in`,
        logGroupName: `/landing-zone/${org.name}-security-findings`,
        kmsKeyArn: logsKey.arn,
        retentionDays: org.logArchive.retentionDays,
        ...findings,
      });
    }
    new SecurityDashboard(this, "dashboard", {
      findings,
      dashboardName: `${org.name}-security`,
      region: org.homeRegion,
      namespace,
      alarms: this.alarms.alarms.map(({ name, alarm }) => ({ name, arn: alarm.arn })),
      findingsAccountName: org.coreAccounts.securityTooling,
      backupFailures: { busName, ruleName },
    });
  }
}
