// The log-archive account's stack: the write-once archive, its access logs, its cross-region replica and the
// regional archives of the other governed regions
// (164.312(b) audit controls, 164.312(c)(1) integrity, 164.316(b)(2)(i) retention).
import { Construct } from "constructs";
import { regionalArchiveRegions, replicationRegion } from "../src/config/model";
import { administratorArns } from "../src/policies/kms-policies";
import { LogArchive } from "../modules/log-archive";
import { LandingZoneStack, StackContext } from "./landing-zone-stack";
import { OrganizationStack } from "./organization-stack";
import { SecurityStack } from "./security-stack";

export const LOG_ARCHIVE_STACK_ID = "log-archive";

export interface LogArchiveStackProps extends StackContext {
  /** The organization stack: account and organization IDs, the trail's ARN. */
  readonly organization: OrganizationStack;
  /** The security stack: the archive's keys. */
  readonly security: SecurityStack;
}

/** The log archive in the log-archive account. */
export class LogArchiveStack extends LandingZoneStack {
  readonly archive: LogArchive;

  constructor(scope: Construct, id: string, props: LogArchiveStackProps) {
    const org = props.config.organization;
    const accountId = props.organization.accountId(org.coreAccounts.logArchive);
    super(scope, id, { config: props.config, target: props.target, accountId, holdsPhi: true });
    const region = replicationRegion(org);
    this.archive = new LogArchive(this, "log-archive", {
      namePrefix: org.name,
      accountId,
      organizationId: props.organization.organizationId,
      managementAccountId: props.organization.managementAccountId,
      trailArn: props.organization.trailArn,
      homeRegion: org.homeRegion,
      replicationRegion: region,
      replicationProvider: this.providerFor(region),
      archiveKeyArn: props.security.keys.logArchive.arn,
      replicaKeyArn: props.security.keys.logArchiveReplica.arn,
      cloudTrailKeyArn: props.security.keys.cloudTrail.arn,
      administratorArns: administratorArns(this.keyAdministrators()),
      retentionDays: org.logArchive.retentionDays,
      glacierInstantRetrievalAfterDays: org.logArchive.glacierInstantRetrievalAfterDays,
      deepArchiveAfterDays: org.logArchive.deepArchiveAfterDays,
      regional: regionalArchiveRegions(props.config).map((r) => ({
        region: r,
        provider: this.providerFor(r),
        keyArn: props.security.keys.regionalArchives.get(r)!.arn,
      })),
    });
  }
}
