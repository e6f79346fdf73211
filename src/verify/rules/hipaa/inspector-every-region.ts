// Inspector scans every account in every governed region: the delegated administrator's own enabler and the
// members' carry every scan type AWS offers there, every configured account is a member, and accounts that join
// later are enabled automatically (164.308(a)(1)(ii)(A) risk analysis, 164.308(a)(1)(ii)(D) activity review).
import { inspectorScanTypesIn, INSPECTOR_SECTIONS } from "../../../policies/inspector";
import { block, listOf, HipaaRule, missing } from "./rule";
import { addressOf, RuleFinding } from "../rule";

/** The organization configuration's auto_enable flag for each scan type. */
const AUTO_ENABLE_FLAG = { EC2: "ec2", ECR: "ecr", LAMBDA: "lambda", LAMBDA_CODE: "lambda_code" } as const;

export const inspectorEveryRegion: HipaaRule = {
  id: "hipaa-inspector-every-region",
  title:
    "Inspector scans EC2, ECR and Lambda (and Lambda code where offered) in every account and governed region",
  sections: [...INSPECTOR_SECTIONS],
  resourceTypes: [
    "aws_inspector2_enabler",
    "aws_inspector2_member_association",
    "aws_inspector2_organization_configuration",
  ],
  configRules: [
    "INSPECTOR_EC2_SCAN_ENABLED",
    "INSPECTOR_ECR_SCAN_ENABLED",
    "INSPECTOR_LAMBDA_STANDARD_SCAN_ENABLED",
    "INSPECTOR_LAMBDA_CODE_SCAN_ENABLED",
  ],
  doc: "https://docs.aws.amazon.com/config/latest/developerguide/inspector-ec2-scan-enabled.html",
  fix: "keep detectiveControls.inspector on: the detective-controls stack enables every scan type for every account per governed region",
  check(model, config) {
    if (!config.organization.detectiveControls.inspector.enabled) {
      return [missing("has Inspector off (detectiveControls.inspector.enabled is false)")];
    }
    const org = config.organization;
    const out: RuleFinding[] = [];
    const accounts = org.accounts.map((a) => a.name);
    for (const region of org.regions) {
      const expected = inspectorScanTypesIn(region);
      const enablers = model
        .resources("aws_inspector2_enabler")
        .filter((ref) => model.regionOf(ref) === region);
      if (enablers.length === 0) {
        out.push(missing(`has no Inspector enabler in ${region}`));
        continue;
      }
      const covered = new Set<string>();
      for (const ref of enablers) {
        const types = listOf(model.argument(ref, "resource_types") as string[]).map(String);
        const lacking = expected.filter((type) => !types.includes(type));
        if (lacking.length > 0) {
          out.push({ address: addressOf(ref), message: `does not scan ${lacking.join(", ")} in ${region}` });
        }
        for (const id of listOf(model.argument(ref, "account_ids") as string[])) covered.add(String(id));
      }
      // A member is enabled only once associated (the administrator's own account needs no association).
      const associated = new Set(
        model
          .resources("aws_inspector2_member_association")
          .filter((ref) => model.regionOf(ref) === region)
          .map((ref) => String(model.argument(ref, "account_id"))),
      );
      for (const name of accounts) {
        const id = model.accountId(name);
        if (!covered.has(id)) {
          out.push(missing(`does not enable Inspector for account ${name} in ${region}`));
        } else if (name !== org.coreAccounts.securityTooling && !associated.has(id)) {
          out.push(missing(`does not associate account ${name} with Inspector's administrator in ${region}`));
        }
      }
      const orgConfig = model
        .resources("aws_inspector2_organization_configuration")
        .find((ref) => model.regionOf(ref) === region);
      const autoEnable: Record<string, unknown> =
        (orgConfig ? block(model.argument(orgConfig, "auto_enable")) : undefined) ?? {};
      const off = expected.filter((type) => autoEnable[AUTO_ENABLE_FLAG[type]] !== true);
      if (!orgConfig || off.length > 0) {
        out.push({
          address: orgConfig ? addressOf(orgConfig) : "(landing zone)",
          message: `does not enable ${off.join(", ")} for accounts that join later in ${region}`,
        });
      }
    }
    return out;
  },
};
