// Amazon Inspector's organization-wide vulnerability scanning: the scan types turned on in every account, where AWS
// offers each, and which findings notify the security team (164.308(a)(1)(ii)(A) risk analysis,
// 164.308(a)(1)(ii)(D) activity review).
import { NOTIFY_SEVERITIES } from "./finding-metrics";
import { HipaaSectionId } from "./hipaa-sections";

/** The sections Inspector's scanning serves: the vulnerability part of the risk analysis, and activity review. */
export const INSPECTOR_SECTIONS = [
  "164.308(a)(1)(ii)(A)",
  "164.308(a)(1)(ii)(D)",
] as const satisfies readonly HipaaSectionId[];

/** The scan types every account gets: EC2 instances, ECR images, Lambda functions and Lambda code. */
export const INSPECTOR_SCAN_TYPES = ["EC2", "ECR", "LAMBDA", "LAMBDA_CODE"] as const;
export type InspectorScanType = (typeof INSPECTOR_SCAN_TYPES)[number];

/**
 * Regions where AWS offers Lambda code scanning, as the page of its Config rule lists them ("Only available in ...",
 * https://docs.aws.amazon.com/config/latest/developerguide/inspector-lambda-code-scan-enabled.html); enabling it
 * elsewhere fails (hashicorp/terraform-provider-aws#38327). Lambda standard scanning still covers the functions'
 * packages there.
 */
export const LAMBDA_CODE_SCANNING_REGIONS = [
  "us-east-1",
  "us-east-2",
  "us-west-2",
  "eu-west-1",
  "eu-west-2",
  "eu-central-1",
  "eu-north-1",
  "ap-northeast-1",
  "ap-southeast-1",
  "ap-southeast-2",
] as const;

/** The scan types Inspector offers in `region` (Lambda code scanning needs Lambda standard scanning). */
export function inspectorScanTypesIn(region: string): InspectorScanType[] {
  return INSPECTOR_SCAN_TYPES.filter(
    (type) => type !== "LAMBDA_CODE" || (LAMBDA_CODE_SCANNING_REGIONS as readonly string[]).includes(region),
  );
}

/**
 * Active HIGH and CRITICAL findings as Inspector sends them to EventBridge: source aws.inspector2, detail-type
 * "Inspector2 Finding", the finding in detail
 * (https://docs.aws.amazon.com/inspector/latest/user/eventbridge-integration.html). Inspector sends them to the
 * default bus of the delegated administrator in the region where it scanned
 * (https://docs.aws.amazon.com/inspector/latest/user/findings-managing-automating-responses.html).
 */
export function inspectorFindingsPattern(): Record<string, unknown> {
  return {
    source: ["aws.inspector2"],
    "detail-type": ["Inspector2 Finding"],
    detail: { severity: [...NOTIFY_SEVERITIES], status: ["ACTIVE"] },
  };
}

/** The rule in the home region that sends Inspector's findings to the findings topic. */
export function inspectorFindingsRuleName(organizationName: string): string {
  return `${organizationName}-inspector-findings`;
}

/**
 * The role EventBridge forwards other regions' findings with (a service role: lz-protect-security-services and the
 * BAA deny exempt it, and ProtectLandingZoneRoles freezes it).
 */
export function inspectorForwarderRoleName(organizationName: string): string {
  return `${organizationName}-inspector-forwarder`;
}

/** The rules in the other governed regions that forward Inspector's findings to the home region's default bus. */
export function inspectorForwardRuleName(organizationName: string): string {
  return `${organizationName}-inspector-findings-to-home`;
}
