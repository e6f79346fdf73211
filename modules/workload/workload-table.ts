// A workload's DynamoDB table: encrypted with the workload's key, point-in-time recovery on, deletion protection on,
// a resource policy that keeps its items the workload's, tagged for the organization's backup policy in PHI
// environments (164.312(a)(2)(iv) encryption at rest, 164.308(a)(7)(ii)(A) data backup, 164.312(a)(1) access
// control).
import { Construct } from "constructs";
import { DynamodbResourcePolicy } from "@cdktf/provider-aws/lib/dynamodb-resource-policy";
import { DynamodbTable } from "@cdktf/provider-aws/lib/dynamodb-table";
import { settingsOf } from "../../src/config/profile";
import { PHI_TAG } from "../../src/policies/data-classification";
import { PolicyDocument, renderPolicy } from "../../src/policies/policy-document";
import { WORKLOAD_RULE_IDS } from "../../src/policies/workload";
import { requireKeyArn } from "./application-key";

export interface WorkloadTableProps {
  /** The table's name. */
  readonly tableName: string;
  /** The partition key's attribute name (a string attribute). */
  readonly partitionKey: string;
  /** The workload's key; a table without one is refused (hipaa-dynamodb-kms). */
  readonly encryptionKeyArn: string;
  /** Who reaches the items (src/policies/workload.ts, tableResourcePolicy). */
  readonly resourcePolicy: PolicyDocument;
  /**
   * Whether the table holds PHI: tagged DataClassification=phi, which the organization's backup policy selects.
   * @default false
   */
  readonly holdsPhi?: boolean;
}

/** The table and its resource policy. */
export class WorkloadTable extends Construct {
  readonly table: DynamodbTable;

  constructor(scope: Construct, id: string, props: WorkloadTableProps) {
    super(scope, id);
    requireKeyArn(this, "encryptionKeyArn", props.encryptionKeyArn, WORKLOAD_RULE_IDS.tableKey);
    this.table = new DynamodbTable(this, "table", {
      name: props.tableName,
      billingMode: "PAY_PER_REQUEST",
      hashKey: props.partitionKey,
      attribute: [{ name: props.partitionKey, type: "S" }],
      serverSideEncryption: { enabled: true, kmsKeyArn: props.encryptionKeyArn },
      pointInTimeRecovery: { enabled: true },
      deletionProtectionEnabled: true,
      ...(props.holdsPhi ? { tags: { [PHI_TAG.key]: PHI_TAG.value } } : {}),
      lifecycle: { preventDestroy: settingsOf(this).preventDestroy },
    });
    new DynamodbResourcePolicy(this, "policy", {
      resourceArn: this.table.arn,
      policy: renderPolicy(props.resourcePolicy),
    });
  }
}
