// In the backup account (AWS Backup's delegated administrator): Backup Audit Manager report plans that deliver
// the organization's backup, copy and restore job reports, restore tests included, to the write-once log archive
// every day, as the auditor's record of the contingency plan at work (164.308(a)(7)(ii)(A), (D); 164.316(b)(2)).
import { Construct } from "constructs";
import { BackupReportPlan } from "@cdktf/provider-aws/lib/backup-report-plan";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { BACKUP_REPORTS_PREFIX } from "../src/policies/backup-policies";

/**
 * The job report templates, each a report plan; names allow letters, digits and underscores
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/API_ReportSetting.html).
 */
export const BACKUP_JOB_REPORTS = {
  lz_backup_jobs: "BACKUP_JOB_REPORT",
  lz_copy_jobs: "COPY_JOB_REPORT",
  lz_restore_jobs: "RESTORE_JOB_REPORT",
} as const;

export interface BackupReportsProps {
  /** The backup account's home-region provider. */
  readonly provider: AwsProvider;
  /** The log archive bucket. */
  readonly bucketName: string;
  /** Every member account: a delegated administrator's report covers the accounts it names. */
  readonly accountIds: readonly string[];
  /** Governed regions. */
  readonly regions: readonly string[];
}

/** One report plan per job report template, into the archive under BACKUP_REPORTS_PREFIX. */
export class BackupReports extends Construct {
  constructor(scope: Construct, id: string, props: BackupReportsProps) {
    super(scope, id);
    for (const [name, template] of Object.entries(BACKUP_JOB_REPORTS)) {
      new BackupReportPlan(this, name, {
        provider: props.provider,
        name,
        description: `The organization's ${template.toLowerCase().replace(/_/g, " ")}s, daily, into the log archive`,
        reportDeliveryChannel: {
          s3BucketName: props.bucketName,
          s3KeyPrefix: BACKUP_REPORTS_PREFIX,
          formats: ["CSV", "JSON"],
        },
        reportSetting: {
          reportTemplate: template,
          accounts: [...props.accountIds],
          regions: [...props.regions],
        },
      });
    }
  }
}
