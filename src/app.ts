// Builds the landing zone's stacks from a validated configuration. main.ts and the tests both call this, so
// what is tested is what is deployed.
import { App } from "cdktf";
import { LandingZoneConfig } from "./config/schema";
import { DeploymentTarget } from "./deploy/target";
import { ORGANIZATION_STACK_ID, OrganizationStack } from "../stacks/organization-stack";
import { SECURITY_STACK_ID, SecurityStack } from "../stacks/security-stack";
import { LOG_ARCHIVE_STACK_ID, LogArchiveStack } from "../stacks/log-archive-stack";
import { ORGANIZATION_TRAIL_STACK_ID, OrganizationTrailStack } from "../stacks/organization-trail-stack";

/** The stacks of one landing zone. */
export interface LandingZone {
  /** The management account's organization stack. */
  readonly organization: OrganizationStack;
  /** The security-tooling account's central keys. */
  readonly security: SecurityStack;
  /** The log-archive account's archive. */
  readonly logArchive: LogArchiveStack;
  /** The management account's organization trail and alarms. */
  readonly organizationTrail: OrganizationTrailStack;
}

/** Adds every landing-zone stack to `app`. Stack order is deployment order. */
export function buildLandingZone(app: App, config: LandingZoneConfig, target: DeploymentTarget): LandingZone {
  const organization = new OrganizationStack(app, ORGANIZATION_STACK_ID, { config, target });
  const security = new SecurityStack(app, SECURITY_STACK_ID, { config, target, organization });
  const logArchive = new LogArchiveStack(app, LOG_ARCHIVE_STACK_ID, {
    config,
    target,
    organization,
    security,
  });
  const organizationTrail = new OrganizationTrailStack(app, ORGANIZATION_TRAIL_STACK_ID, {
    config,
    target,
    organization,
    security,
    logArchive,
  });
  return { organization, security, logArchive, organizationTrail };
}
