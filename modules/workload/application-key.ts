// A workload's application key: one customer managed key per workload that encrypts its table, bucket, queues,
// function environment and log groups, used only by the workload's role through those services, rotated yearly, never
// destroyed by Terraform (164.312(a)(2)(iv) encryption at rest, 164.312(a)(1) access control).
import { Construct } from "constructs";
import { constructError } from "../../src/config/errors";
import { KeyAdministrators, keyPolicy } from "../../src/policies/kms-policies";
import { applicationKeyUse, PipelineRoles, WorkloadNames } from "../../src/policies/workload";
import { LandingZoneKey } from "../landing-zone-key";

export interface ApplicationKeyProps {
  /** Who administers the key: the pipeline's deploy role and break-glass. */
  readonly keyAdmins: KeyAdministrators;
  /** The deploy role (it creates the table and the function under the key) and the read-only plan role. */
  readonly pipeline: PipelineRoles;
  /** The workload's account, where the key and everything it encrypts live. */
  readonly accountId: string;
  /** The region of the key and of the workload. */
  readonly region: string;
  /** The workload's resource names, which the key policy's conditions name. */
  readonly names: WorkloadNames;
  /** The workload API's ID, which its execution log group's name carries. */
  readonly restApiId: string;
  /** AWS Backup's roles in the account: they back the table and the bucket up through their services. */
  readonly backupRoleArns: readonly string[];
  /** Whether the workload's code is signed (its environment requires it): the pipeline stores code under the key. */
  readonly signCode: boolean;
}

/** The key and its alias `<organization>/workload/<environment>-<workload>`. */
export class ApplicationKey extends Construct {
  readonly key: LandingZoneKey;
  /** The key's ARN. */
  readonly arn: string;

  constructor(scope: Construct, id: string, props: ApplicationKeyProps) {
    super(scope, id);
    this.key = new LandingZoneKey(this, "key", {
      alias: props.names.keyAlias,
      description: `Workload ${props.names.base}: its table, queues, function environment, API and logs`,
      policy: keyPolicy(
        props.keyAdmins,
        applicationKeyUse({ ...props, ...props.pipeline, admins: props.keyAdmins }),
      ),
    });
    this.arn = this.key.arn;
  }
}

/**
 * Refuses a store without the workload's key (a JavaScript caller, or a token-less undefined), naming the construct,
 * the prop and, where a rule checks it, the rule.
 */
export function requireKeyArn(scope: Construct, prop: string, value: unknown, rule?: string): void {
  if (typeof value === "string" && value !== "") return;
  const why = rule ? `: a store is encrypted with a customer managed key (${rule})` : "";
  throw constructError(scope, prop, value, `the ARN of the workload's application key${why}`);
}
