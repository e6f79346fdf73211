// Every account of an environment sits below the core guardrails (root locked, security services and keys
// protected, regions limited), and every PHI account below the IAM-user deny, lz-phi-workloads and lz-phi-creation
// too, attached to its OU, an ancestor or Root (164.312(a)(1) access control, 164.308(a)(4) information access
// management, 164.312(a)(2)(iv) encryption at creation).
import { DEFAULT_GUARDRAIL_TARGETS, GuardrailName } from "../../../policies/scp-library";
import { phiAccountNames, ROOT_TARGET } from "../../../config/model";
import { PLACEHOLDER_ROOT_ID, SynthesizedLandingZone } from "../../synthesized";
import { addressOf, RuleFinding } from "../rule";
import { HipaaRule } from "./rule";

/** The guardrails every environment account must be below: those the library attaches to Root. */
export const CORE_GUARDRAILS = (Object.keys(DEFAULT_GUARDRAIL_TARGETS) as GuardrailName[]).filter((name) =>
  DEFAULT_GUARDRAIL_TARGETS[name].includes(ROOT_TARGET),
);
/** What PHI accounts must be below as well. */
export const PHI_GUARDRAILS: readonly GuardrailName[] = [
  "lz-deny-iam-users",
  "lz-phi-workloads",
  "lz-phi-creation",
];

/** The SCP names in effect on a target and its ancestors, by the synthesized attachments. */
function policiesInEffect(model: SynthesizedLandingZone): (targetId: string) => Set<string> {
  const parents = new Map<string, string>();
  for (const ref of model.resources("aws_organizations_organizational_unit"))
    parents.set(model.attribute(ref, "id"), String(model.argument(ref, "parent_id")));
  const names = new Map<string, string>();
  for (const ref of model.resources("aws_organizations_policy")) {
    if ((model.argument(ref, "type") ?? "SERVICE_CONTROL_POLICY") === "SERVICE_CONTROL_POLICY")
      names.set(model.attribute(ref, "id"), String(model.argument(ref, "name")));
  }
  const attached = new Map<string, string[]>();
  for (const ref of model.resources("aws_organizations_policy_attachment")) {
    const name = names.get(String(model.argument(ref, "policy_id")));
    const target = String(model.argument(ref, "target_id"));
    if (name) attached.set(target, [...(attached.get(target) ?? []), name]);
  }
  return (targetId) => {
    const out = new Set<string>();
    for (
      let at: string | undefined = targetId;
      at;
      at = at === PLACEHOLDER_ROOT_ID ? undefined : parents.get(at)
    )
      for (const name of attached.get(at) ?? []) out.add(name);
    return out;
  };
}

export const scpGuardrailsOnWorkloads: HipaaRule = {
  id: "hipaa-scp-guardrails-on-workloads",
  title: `Every environment account is below ${CORE_GUARDRAILS.join(", ")}; PHI accounts also below ${PHI_GUARDRAILS.join(", ")}`,
  sections: ["164.312(a)(1)", "164.308(a)(4)"],
  resourceTypes: ["aws_organizations_policy_attachment"],
  configRules: [],
  doc: "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_inheritance_auth.html",
  fix: "attach the missing guardrails to the account's OU, an ancestor or Root (serviceControlPolicies in organization.yaml)",
  check(model, config) {
    const inEffect = policiesInEffect(model);
    const phi = phiAccountNames(config.environments);
    const out: RuleFinding[] = [];
    for (const account of config.environments.flatMap((e) => e.accounts)) {
      const ref = model
        .resources("aws_organizations_account")
        .find((a) => model.argument(a, "name") === account);
      if (!ref) continue;
      const have = inEffect(String(model.argument(ref, "parent_id")));
      const lacking = [...CORE_GUARDRAILS, ...(phi.has(account) ? PHI_GUARDRAILS : [])].filter(
        (g) => !have.has(g),
      );
      if (lacking.length > 0)
        out.push({
          address: addressOf(ref),
          message: `account ${account} is not below ${lacking.join(", ")}`,
        });
    }
    return out;
  },
};
