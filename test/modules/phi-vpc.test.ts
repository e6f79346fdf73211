// PhiVpc on its own (a fresh stack, one construct per test): private subnets without public IPs, the flow log of
// ALL traffic and the DNS query log into the archive, and what an egress tier adds (164.312(e)(1), (b)).
// Proves the synthesized Terraform; EC2's acceptance of it is the end-to-end tier's.
import { TerraformStack, Testing } from "cdktf";
import { FlowLog } from "@cdktf/provider-aws/lib/flow-log";
import { InternetGateway } from "@cdktf/provider-aws/lib/internet-gateway";
import { NatGateway } from "@cdktf/provider-aws/lib/nat-gateway";
import { Route53ResolverQueryLogConfig } from "@cdktf/provider-aws/lib/route53-resolver-query-log-config";
import { PhiVpc } from "../../modules/phi-vpc";
import { subnetPlan } from "../../src/config/network-plan";

type Json = { resource: Record<string, Record<string, Record<string, unknown>>> };

function synth(egress: boolean): { text: string; json: Json } {
  const stack = new TerraformStack(Testing.app(), "s");
  new PhiVpc(stack, "vpc", {
    namePrefix: "example-prod",
    cidr: "10.10.0.0/16",
    subnets: subnetPlan("10.10.0.0/16", 2, egress),
    region: "us-east-1",
    interfaceEndpoints: ["kms"],
    organizationId: "o-exampleorg01",
    logArchiveBucketArn: "arn:aws:s3:::example-log-archive",
  });
  const text = Testing.synth(stack);
  return { text, json: JSON.parse(text) as Json };
}
const all = (json: Json, type: string) => Object.values(json.resource[type] ?? {});

describe("PhiVpc", () => {
  it("without egress: two private subnets with no public IPs, no internet gateway or NAT, logs to the archive", () => {
    const { text, json } = synth(false);
    const subnets = all(json, "aws_subnet");
    expect(subnets.map((s) => s.cidr_block)).toEqual(["10.10.0.0/18", "10.10.64.0/18"]);
    expect(subnets.every((s) => s.map_public_ip_on_launch === false)).toBe(true);
    expect(text).not.toHaveResource(InternetGateway);
    expect(text).not.toHaveResource(NatGateway);
    expect(text).toHaveResourceWithProperties(FlowLog, {
      traffic_type: "ALL",
      log_destination_type: "s3",
      log_destination: "arn:aws:s3:::example-log-archive",
    });
    expect(text).toHaveResourceWithProperties(Route53ResolverQueryLogConfig, {
      destination_arn: "arn:aws:s3:::example-log-archive",
    });
  });

  it("with egress: an internet gateway and a NAT gateway per zone in a separate tier, still no public IPs", () => {
    const { text, json } = synth(true);
    expect(text).toHaveResource(InternetGateway);
    expect(all(json, "aws_nat_gateway")).toHaveLength(2);
    expect(all(json, "aws_subnet").every((s) => s.map_public_ip_on_launch === false)).toBe(true);
    expect(all(json, "aws_subnet")).toHaveLength(4);
  });
});
