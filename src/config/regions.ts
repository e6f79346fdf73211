// The AWS region codes the configuration accepts. The governed-region list drives the region-deny SCP
// (164.312(a)(1) access control: PHI stays where it is governed), so a typo must fail validation, not synth.

/** Commercial and GovCloud region codes, as AWS publishes them. Update when AWS opens a region. */
export const AWS_REGIONS: readonly string[] = [
  "af-south-1",
  "ap-east-1",
  "ap-east-2",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "ap-south-1",
  "ap-south-2",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-southeast-3",
  "ap-southeast-4",
  "ap-southeast-5",
  "ap-southeast-6",
  "ap-southeast-7",
  "ca-central-1",
  "ca-west-1",
  "eu-central-1",
  "eu-central-2",
  "eu-north-1",
  "eu-south-1",
  "eu-south-2",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "il-central-1",
  "me-central-1",
  "me-south-1",
  "mx-central-1",
  "sa-east-1",
  "us-east-1",
  "us-east-2",
  "us-gov-east-1",
  "us-gov-west-1",
  "us-west-1",
  "us-west-2",
];

const REGION_SET = new Set(AWS_REGIONS);

/** True when `code` is a real AWS region code. */
export function isAwsRegion(code: string): boolean {
  return REGION_SET.has(code);
}
