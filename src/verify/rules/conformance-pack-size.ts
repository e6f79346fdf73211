// PutOrganizationConformancePack accepts a template body of at most 51,200 bytes; a larger HIPAA pack fails to
// deploy and the conformance evidence (164.308(a)(8)) is never produced.
import { addressOf, RuleFinding, ServiceRule } from "./rule";

/** AWS's limit on TemplateBody. */
export const CONFORMANCE_PACK_TEMPLATE_MAX_BYTES = 51_200;

export const conformancePackSize: ServiceRule = {
  id: "conformance-pack-size",
  title: `A conformance pack template body is at most ${CONFORMANCE_PACK_TEMPLATE_MAX_BYTES} bytes`,
  doc: "https://docs.aws.amazon.com/config/latest/APIReference/API_PutOrganizationConformancePack.html",
  check(model) {
    const out: RuleFinding[] = [];
    for (const ref of model.resources("aws_config_organization_conformance_pack")) {
      const bytes = Buffer.byteLength(String(model.argument(ref, "template_body")), "utf8");
      if (bytes > CONFORMANCE_PACK_TEMPLATE_MAX_BYTES) {
        out.push({
          address: addressOf(ref),
          message: `template body is ${bytes} bytes; AWS accepts at most ${CONFORMANCE_PACK_TEMPLATE_MAX_BYTES}`,
        });
      }
    }
    return out;
  },
};
