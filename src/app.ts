// Builds the landing zone's stacks from a validated configuration. main.ts and the tests both call this, so
// what is tested is what is deployed.
import { App } from "cdktf";
import { LandingZoneConfig } from "./config/schema";
import { DeploymentTarget } from "./deploy/target";
import { ORGANIZATION_STACK_ID, OrganizationStack } from "../stacks/organization-stack";

/** The stacks of one landing zone. */
export interface LandingZone {
  /** The management account's organization stack. */
  readonly organization: OrganizationStack;
}

/** Adds every landing-zone stack to `app`. Stack order is deployment order. */
export function buildLandingZone(app: App, config: LandingZoneConfig, target: DeploymentTarget): LandingZone {
  const organization = new OrganizationStack(app, ORGANIZATION_STACK_ID, { config, target });
  return { organization };
}
