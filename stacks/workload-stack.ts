// One workload of an environment, in the account and region of the environment's PHI VPC, built from its blueprint
// after the account's baseline and the environment's network (docs/workloads.md; the safeguards are the
// blueprint's: modules/workload/serverless-api.ts).
import { Construct } from "constructs";
import { codeSigningOf, handlerSourceOf, regionOf, workloadAccountOf } from "../src/config/model";
import { EnvironmentConfig, WorkloadConfig } from "../src/config/schema";
import { awsBackupRoleArns, roleArn } from "../src/policies/kms-policies";
import { workloadNames } from "../src/policies/workload";
import { PhiVpc } from "../modules/phi-vpc";
import { ServerlessApi } from "../modules/workload/serverless-api";
import { LandingZoneStack, StackContext } from "./landing-zone-stack";
import { NetworkStack } from "./network-stack";
import { OrganizationStack } from "./organization-stack";

export { WORKLOAD_STACK_PREFIX, workloadStackId } from "../src/config/model";

export interface WorkloadStackProps extends StackContext {
  /** The workload's environment. */
  readonly environment: EnvironmentConfig;
  /** The workload's configuration entry. */
  readonly workload: WorkloadConfig;
  /** The organization stack: account IDs. */
  readonly organization: OrganizationStack;
  /** The environment's network stack: the VPC, its private subnets and endpoints. */
  readonly network: NetworkStack;
}

/** The environment's execute-api endpoint, which the network adds wherever there are workloads (interfaceEndpointsOf). */
function apiEndpointOf(vpc: PhiVpc, environment: string): string {
  const endpoint = vpc.interfaceEndpoints.get("execute-api");
  if (!endpoint)
    throw new Error(`the ${environment} VPC has no execute-api endpoint for its workloads' APIs`);
  return endpoint.id;
}

/** A workload from the serverless-api blueprint. */
export class WorkloadStack extends LandingZoneStack {
  readonly blueprint: ServerlessApi;

  constructor(scope: Construct, id: string, props: WorkloadStackProps) {
    const env = props.environment;
    const workload = props.workload;
    const org = props.config.organization;
    const accountId = props.organization.accountId(workloadAccountOf(env, workload));
    super(scope, id, {
      config: props.config,
      target: props.target,
      accountId,
      region: regionOf(org, env),
      environment: env.name,
      holdsPhi: env.phi,
    });
    const vpc = props.network.vpc;
    this.blueprint = new ServerlessApi(this, "blueprint", {
      names: workloadNames(org.name, env.name, workload.name),
      accountId,
      region: regionOf(org, env),
      keyAdmins: this.keyAdministrators(),
      pipeline: {
        deployRoleArn: roleArn({ accountId, roleName: org.roles.deploy }),
        planRoleArn: roleArn({ accountId, roleName: org.roles.plan }),
      },
      backupRoleArns: awsBackupRoleArns(accountId),
      holdsPhi: env.phi,
      // lz-phi-creation refuses a function without a code signing configuration in these accounts.
      signCode: codeSigningOf(env) === "required",
      network: {
        vpcId: vpc.vpc.id,
        subnetIds: vpc.privateSubnets.map((subnet) => subnet.id),
        subnetArns: vpc.privateSubnets.map((subnet) => subnet.arn),
        endpointSecurityGroupId: vpc.endpointSecurityGroup.id,
        gatewayPrefixListIds: vpc.gatewayEndpoints.map((endpoint) => endpoint.prefixListId),
        apiEndpointId: apiEndpointOf(vpc, env.name),
      },
      source: handlerSourceOf(workload),
      sourceName: workload.handler,
      partitionKey: workload.options.partitionKey,
      reservedConcurrency: workload.options.reservedConcurrency,
      timeoutSeconds: workload.options.timeoutSeconds,
      memoryMb: workload.options.memoryMb,
      logRetentionDays: org.logArchive.retentionDays,
      alarmEmail: workload.alarmEmail,
    });
  }
}
