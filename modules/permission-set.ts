// One IAM Identity Center permission set with its managed, customer-managed and inline policies and its
// permission boundary (164.312(a)(1) access control; session length serves 164.312(a)(2)(iii) automatic logoff).
import { Construct } from "constructs";
import { constructError } from "../src/config/errors";
import { SsoadminCustomerManagedPolicyAttachment } from "@cdktf/provider-aws/lib/ssoadmin-customer-managed-policy-attachment";
import { SsoadminManagedPolicyAttachment } from "@cdktf/provider-aws/lib/ssoadmin-managed-policy-attachment";
import { SsoadminPermissionSet } from "@cdktf/provider-aws/lib/ssoadmin-permission-set";
import { SsoadminPermissionSetInlinePolicy } from "@cdktf/provider-aws/lib/ssoadmin-permission-set-inline-policy";
import { SsoadminPermissionsBoundaryAttachment } from "@cdktf/provider-aws/lib/ssoadmin-permissions-boundary-attachment";
import { renderPolicy } from "../src/policies/policy-document";
import {
  allowAllStatements,
  MAX_SESSION_HOURS,
  PermissionSetDefinition,
  sessionDuration,
} from "../src/policies/permission-sets";

export interface PermissionSetProps {
  /** The Identity Center instance's ARN. */
  readonly instanceArn: string;
  /** What the set grants. */
  readonly definition: PermissionSetDefinition;
}

/** The permission set and its policy attachments. */
export class PermissionSet extends Construct {
  readonly permissionSet: SsoadminPermissionSet;

  constructor(scope: Construct, id: string, props: PermissionSetProps) {
    super(scope, id);
    const set = props.definition;
    if (!Number.isInteger(set.sessionHours) || set.sessionHours < 1 || set.sessionHours > MAX_SESSION_HOURS) {
      throw constructError(
        this,
        "definition.sessionHours",
        set.sessionHours,
        `a whole number from 1 to ${MAX_SESSION_HOURS} hours`,
      );
    }
    if (set.inlinePolicy && allowAllStatements(set.inlinePolicy).length > 0) {
      throw constructError(
        this,
        "definition.inlinePolicy",
        allowAllStatements(set.inlinePolicy).map((i) => set.inlinePolicy!.Statement[i]),
        `no statement that allows "*" on "*" (permission set ${set.name})`,
      );
    }

    this.permissionSet = new SsoadminPermissionSet(this, "set", {
      instanceArn: props.instanceArn,
      name: set.name,
      description: set.description,
      sessionDuration: sessionDuration(set.sessionHours),
    });
    const common = { instanceArn: props.instanceArn, permissionSetArn: this.permissionSet.arn };

    for (const arn of set.managedPolicyArns) {
      new SsoadminManagedPolicyAttachment(this, `managed-${arn.split("/").pop()}`, {
        ...common,
        managedPolicyArn: arn,
      });
    }
    for (const policy of set.customerManagedPolicies) {
      new SsoadminCustomerManagedPolicyAttachment(this, `customer-managed-${policy.name}`, {
        ...common,
        customerManagedPolicyReference: { name: policy.name, path: policy.path },
      });
    }
    if (set.inlinePolicy) {
      new SsoadminPermissionSetInlinePolicy(this, "inline", {
        ...common,
        inlinePolicy: renderPolicy(set.inlinePolicy),
      });
    }
    const boundary = set.permissionsBoundary;
    if (boundary?.managedPolicyArn || boundary?.customerManagedPolicy) {
      new SsoadminPermissionsBoundaryAttachment(this, "boundary", {
        ...common,
        permissionsBoundary: boundary.managedPolicyArn
          ? { managedPolicyArn: boundary.managedPolicyArn }
          : { customerManagedPolicyReference: { ...boundary.customerManagedPolicy! } },
      });
    }
  }
}
