// In the backup account (AWS Backup's delegated administrator): Backup Audit Manager report plans that deliver
// the organization's backup, copy and restore job reports, restore tests included, every day to the backup
// account's write-once reports bucket (stacks/backup-stack.ts), as the auditor's record of the contingency plan at
// work (164.308(a)(7)(ii)(A), (D); 164.316(b)(2)).
import { Construct } from "constructs";
import { BackupReportPlan } from "@cdktf/provider-aws/lib/backup-report-plan";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { BACKUP_REPORTS_PREFIX } from "../src/policies/backup-policies";
import { MULTI_ACCOUNT_REPORT_FORMATS } from "../src/policies/backup-resource-types";

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
  /**
   * The reports bucket, in the backup account: Audit Manager's service-linked role has no S3 write permission of
   * its own, so it can deliver only into a bucket of its account whose policy admits it.
   */
  readonly bucketName: string;
  /** Every member account: a delegated administrator's report covers the accounts it names. */
  readonly accountIds: readonly string[];
  /** Governed regions. */
  readonly regions: readonly string[];
}

/** One report plan per job report template, into the reports bucket under BACKUP_REPORTS_PREFIX. */
export class BackupReports extends Construct {
  constructor(scope: Construct, id: string, props: BackupReportsProps) {
    super(scope, id);
    for (const [name, template] of Object.entries(BACKUP_JOB_REPORTS)) {
      new BackupReportPlan(this, name, {
        provider: props.provider,
        name,
        description: `The organization's ${template.toLowerCase().replace(/_/g, " ")}s, daily, into the write-once reports bucket`,
        reportDeliveryChannel: {
          s3BucketName: props.bucketName,
          s3KeyPrefix: BACKUP_REPORTS_PREFIX,
          // A plan covering several accounts or regions may ask only for CSV ("Organization report only support
          // CSV file", BACKUP_REPORT_PLAN_DOC in src/policies/backup-resource-types.ts).
          formats: [...MULTI_ACCOUNT_REPORT_FORMATS],
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
