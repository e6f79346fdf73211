// Every REST API stage that calls an HTTP backend presents a client certificate, so the backend can tell API
// Gateway's calls from anyone else's (164.312(e)(2)(ii) encryption in transit). A Lambda proxy integration never
// uses one, and the pack's rule judges such a stage NOT_APPLICABLE; the rule mirrors that.
import { WORKLOAD_RULE_IDS } from "../../../policies/workload";
import { packRule, perResource } from "./rule";

const rule = packRule("API_GW_SSL_ENABLED");

/** Integration types that call an HTTP backend (the pack's rule applies to these only). */
const HTTP_INTEGRATIONS = ["HTTP", "HTTP_PROXY"];

export const apiBackendCertificate = perResource({
  id: WORKLOAD_RULE_IDS.apiBackendCertificate,
  title: "Every REST API stage with an HTTP integration presents a client certificate to its backend",
  sections: rule.sections,
  resourceTypes: ["aws_api_gateway_stage", "aws_api_gateway_integration"],
  configRules: [rule.identifier],
  doc: "https://docs.aws.amazon.com/config/latest/developerguide/api-gw-ssl-enabled.html",
  fix: "set client_certificate_id on the stage to an aws_api_gateway_client_certificate the backend checks, or integrate with Lambda (AWS_PROXY) as the serverless-api blueprint does",
  type: "aws_api_gateway_stage",
  problem(ref, model) {
    const api = model.argument(ref, "rest_api_id");
    const http = model
      .resources("aws_api_gateway_integration", ref.stack)
      .filter((integration) => model.argument(integration, "rest_api_id") === api)
      .filter((integration) => HTTP_INTEGRATIONS.includes(String(integration.body.type)));
    if (http.length === 0) return undefined;
    const certificate = ref.body.client_certificate_id;
    return typeof certificate === "string" && certificate !== ""
      ? undefined
      : `stage ${String(model.argument(ref, "stage_name"))} calls an HTTP backend without a client certificate`;
  },
});
