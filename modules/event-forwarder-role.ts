// The role EventBridge uses to send a rule's events to an event bus in another account, with a customer managed
// policy that allows PutEvents on that bus and nothing else (164.312(a)(1) least privilege). AWS recommends a role
// for a cross-account bus target: https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-bus-perms.html
import { Construct } from "constructs";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { renderPolicy, serviceTrustPolicy } from "../src/policies/policy-document";
import { RolePermissions } from "./role-permissions";

export interface EventForwarderRoleProps {
  /** The provider of the role's account (IAM is global: any region of it). */
  readonly provider: AwsProvider;
  /** The role's account: only its rules may assume the role. */
  readonly accountId: string;
  /** The role's name, also its policy's name. */
  readonly roleName: string;
  /** What the role forwards and where, shown in IAM. */
  readonly description: string;
  /** The destination bus. */
  readonly busArn: string;
  /** The permissions policy's description, shown in IAM. */
  readonly policyDescription: string;
  /** The permission statement's Sid. */
  readonly sid: string;
  /**
   * The rules that may send with the role (their ARNs, wildcards allowed): EventBridge sends the rule's ARN as
   * aws:SourceArn when it assumes a target's role.
   * @default - any rule of the account (aws:SourceAccount only)
   */
  readonly sourceRuleArns?: readonly string[];
}

/**
 * Adds the role (`role`) and its permissions (`permissions`) directly to `scope`, so constructs that already own
 * them keep their addresses.
 */
export function addEventForwarderRole(
  scope: Construct,
  props: EventForwarderRoleProps,
): { readonly role: IamRole; readonly permissions: RolePermissions } {
  const role = new IamRole(scope, "role", {
    provider: props.provider,
    name: props.roleName,
    description: props.description,
    // Confused-deputy guard: only this account's rules, and only the named ones where they are named.
    assumeRolePolicy: renderPolicy(
      serviceTrustPolicy("EventBridgeForwardsForThisAccount", "events.amazonaws.com", {
        StringEquals: { "aws:SourceAccount": props.accountId },
        ...(props.sourceRuleArns ? { ArnLike: { "aws:SourceArn": [...props.sourceRuleArns] } } : {}),
      }),
    ),
  });
  const permissions = new RolePermissions(scope, "permissions", {
    provider: props.provider,
    roleName: role.name,
    policyName: props.roleName,
    description: props.policyDescription,
    document: {
      Version: "2012-10-17",
      Statement: [{ Sid: props.sid, Effect: "Allow", Action: "events:PutEvents", Resource: props.busArn }],
    },
  });
  return { role, permissions };
}
