// PutOrganizationConformancePack accepts a template body of at most 51,200 bytes, and a conformance pack holds at
// most 130 rules; a larger HIPAA pack fails to deploy and the conformance evidence (164.308(a)(8)) is never
// produced.
import { parse } from "yaml";
import { addressOf, RuleFinding, ServiceRule } from "./rule";

/** AWS's limit on TemplateBody (API_PutOrganizationConformancePack). */
export const CONFORMANCE_PACK_TEMPLATE_MAX_BYTES = 51_200;
/** AWS Config's quota on rules per conformance pack, not adjustable (https://docs.aws.amazon.com/general/latest/gr/awsconfig.html). */
export const CONFORMANCE_PACK_MAX_RULES = 130;

export const conformancePackSize: ServiceRule = {
  id: "conformance-pack-size",
  title: `A conformance pack template body is at most ${CONFORMANCE_PACK_TEMPLATE_MAX_BYTES} bytes and holds at most ${CONFORMANCE_PACK_MAX_RULES} rules`,
  doc: "https://docs.aws.amazon.com/config/latest/APIReference/API_PutOrganizationConformancePack.html",
  check(model) {
    const out: RuleFinding[] = [];
    for (const ref of model.resources("aws_config_organization_conformance_pack")) {
      const body = String(model.argument(ref, "template_body"));
      const bytes = Buffer.byteLength(body, "utf8");
      if (bytes > CONFORMANCE_PACK_TEMPLATE_MAX_BYTES) {
        out.push({
          address: addressOf(ref),
          message: `template body is ${bytes} bytes; AWS accepts at most ${CONFORMANCE_PACK_TEMPLATE_MAX_BYTES}`,
        });
      }
      const resources =
        (parse(body) as { Resources?: Record<string, { Type?: string }> } | null)?.Resources ?? {};
      const rules = Object.values(resources).filter((r) => r.Type === "AWS::Config::ConfigRule").length;
      if (rules > CONFORMANCE_PACK_MAX_RULES) {
        out.push({
          address: addressOf(ref),
          message: `template holds ${rules} rules; a conformance pack holds at most ${CONFORMANCE_PACK_MAX_RULES}`,
        });
      }
    }
    return out;
  },
};
