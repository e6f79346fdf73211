// Every REST API is private, reached only through a VPC endpoint and over TLS 1.2 (AWS's default for private APIs;
// a regional or edge API's default endpoint also accepts TLS 1.0): PHI in a request never crosses the internet nor
// an old protocol (164.312(e)(1) transmission security).
import { API_DOCS } from "../../../policies/workload-api";
import { WORKLOAD_RULE_IDS } from "../../../policies/workload";
import { block, listOf, perResource } from "./rule";

export const apiPrivate = perResource({
  id: WORKLOAD_RULE_IDS.apiPrivate,
  title: "Every REST API is PRIVATE, reached through a VPC endpoint, over TLS 1.2",
  sections: ["164.312(e)(1)"],
  resourceTypes: ["aws_api_gateway_rest_api"],
  configRules: [],
  doc: API_DOCS.tlsVersions,
  fix: 'set endpoint_configuration.types to ["PRIVATE"] with the environment\'s execute-api endpoint in vpc_endpoint_ids (the serverless-api blueprint does)',
  type: "aws_api_gateway_rest_api",
  problem(ref) {
    const endpoint = block(ref.body.endpoint_configuration);
    const types = listOf(endpoint?.types as string[] | string | undefined);
    const name = String(ref.body.name);
    if (types.length !== 1 || types[0] !== "PRIVATE")
      return `API ${name} has endpoint type ${types.length === 0 ? "EDGE (the default)" : types.join(", ")}: reachable from the internet, and its default endpoint accepts TLS 1.0`;
    if (listOf(endpoint?.vpc_endpoint_ids as string[] | undefined).length === 0)
      return `API ${name} is PRIVATE with no vpc_endpoint_ids: no VPC endpoint is named for it`;
    return undefined;
  },
});
