// Every member account but security-tooling links its log groups and metrics to security-tooling's sink in every governed
// region, and each sink's policy admits the organization only, for those two types only (164.308(a)(1)(ii)(D)
// information system activity review, 164.312(b) audit controls). No AWS Config managed rule checks it.
import { DETECTIVE_CONTROLS } from "../../../config/controls";
import { SHARED_RESOURCE_TYPES } from "../../../policies/observability";
import { PLACEHOLDER_ORG_ID } from "../../synthesized";
import { addressOf, RuleFinding } from "../rule";
import { HipaaRule, listOf, missing } from "./rule";

export const centralLogsLinked: HipaaRule = {
  id: "hipaa-central-logs-linked",
  title:
    "Every member account's log groups and metrics are linked to security-tooling's observability sink in every governed region, and the management account's are not",
  sections: [...DETECTIVE_CONTROLS.centralLogs.sections],
  resourceTypes: ["aws_oam_sink", "aws_oam_sink_policy", "aws_oam_link"],
  configRules: [],
  doc: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch-Unified-Cross-Account.html",
  fix: "keep detectiveControls.centralLogs on: the security stack creates the sinks and every baseline its links",
  check(model, config) {
    const org = config.organization;
    if (!org.detectiveControls.centralLogs.enabled) {
      return [missing("has central application logs off (detectiveControls.centralLogs.enabled is false)")];
    }
    const monitoring = model.accountId(org.coreAccounts.securityTooling);
    const out: RuleFinding[] = [];
    // Member accounts only: the management account's log groups (the trail's copy) stay unshared on purpose.
    const sources = org.accounts
      .map((a) => ({ name: a.name, id: model.accountId(a.name) }))
      .filter((account) => account.id !== monitoring);
    const management = model.managementAccountId();
    for (const ref of model.resources("aws_oam_link").filter((l) => model.accountOf(l) === management)) {
      out.push({
        address: addressOf(ref),
        message: "links the management account, whose log groups hold the organization trail's copy",
      });
    }
    for (const region of org.regions) {
      const policy = model
        .resources("aws_oam_sink_policy")
        .find((ref) => model.regionOf(ref) === region && model.accountOf(ref) === monitoring);
      if (!policy) {
        out.push(missing(`has no observability sink with a policy in security-tooling in ${region}`));
        continue;
      }
      const sinkArn = model.attribute(policy, "arn");
      const statements = listOf(model.policyArgument(policy, "policy").Statement);
      // Each Allow must name this organization and only the shared types (AWS's organization example).
      for (const statement of statements.filter((st) => st.Effect === "Allow")) {
        const condition = (statement.Condition ?? {}) as Record<string, Record<string, unknown> | undefined>;
        const org = condition.StringEquals?.["aws:PrincipalOrgID"];
        const types = listOf(condition["ForAllValues:StringEquals"]?.["oam:ResourceTypes"] as string[]).map(
          String,
        );
        const extra = types.filter((t) => !(SHARED_RESOURCE_TYPES as readonly string[]).includes(t));
        const problems = [
          ...(org !== PLACEHOLDER_ORG_ID
            ? [`admits ${org === undefined ? "any organization" : `organization ${String(org)}`}`]
            : []),
          ...(types.length === 0 ? ["admits every resource type"] : []),
          ...(extra.length > 0 ? [`admits ${extra.join(", ")}`] : []),
        ];
        if (problems.length > 0) {
          out.push({
            address: addressOf(policy),
            message: `sink policy in ${region} ${problems.join(" and ")}, not this organization's ${SHARED_RESOURCE_TYPES.join(" and ")} only`,
          });
        }
      }
      const links = model
        .resources("aws_oam_link")
        .filter(
          (ref) => model.regionOf(ref) === region && model.argument(ref, "sink_identifier") === sinkArn,
        );
      for (const account of sources) {
        const link = links.find((ref) => model.accountOf(ref) === account.id);
        if (!link) {
          out.push(missing(`does not link account ${account.name} to the sink in ${region}`));
          continue;
        }
        const types = listOf(model.argument(link, "resource_types") as string[]).map(String);
        const lacking = SHARED_RESOURCE_TYPES.filter((type) => !types.includes(type));
        if (lacking.length > 0) {
          out.push({
            address: addressOf(link),
            message: `does not share ${lacking.join(", ")} in ${region}`,
          });
        }
      }
    }
    return out;
  },
};
