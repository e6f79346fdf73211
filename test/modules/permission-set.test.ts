// PermissionSet on its own (a fresh stack, one construct per test): the set and each optional attachment, and the
// construct errors for a session or inline policy the schema would have refused. Proves the synthesized Terraform.
import { TerraformStack, Testing } from "cdktf";
import { SsoadminCustomerManagedPolicyAttachment } from "@cdktf/provider-aws/lib/ssoadmin-customer-managed-policy-attachment";
import { SsoadminManagedPolicyAttachment } from "@cdktf/provider-aws/lib/ssoadmin-managed-policy-attachment";
import { SsoadminPermissionSet } from "@cdktf/provider-aws/lib/ssoadmin-permission-set";
import { SsoadminPermissionSetInlinePolicy } from "@cdktf/provider-aws/lib/ssoadmin-permission-set-inline-policy";
import { SsoadminPermissionsBoundaryAttachment } from "@cdktf/provider-aws/lib/ssoadmin-permissions-boundary-attachment";
import { PermissionSet } from "../../modules/permission-set";
import { LandingZoneError } from "../../src/config/errors";
import { PermissionSetDefinition } from "../../src/policies/permission-sets";

const INSTANCE = "arn:aws:sso:::instance/ssoins-1";
const BASE: PermissionSetDefinition = {
  name: "Auditor",
  description: "Reads the audit record",
  sessionHours: 1,
  managedPolicyArns: [],
  customerManagedPolicies: [],
  scope: "any",
  hipaa: ["164.312(a)(1)"],
};

function synth(definition: Partial<PermissionSetDefinition>): string {
  const stack = new TerraformStack(Testing.app(), "s");
  new PermissionSet(stack, "set", { instanceArn: INSTANCE, definition: { ...BASE, ...definition } });
  return Testing.synth(stack);
}

describe("PermissionSet", () => {
  it("with no policies: the set alone, its session as ISO 8601", () => {
    const text = synth({ sessionHours: 4 });
    expect(text).toHaveResourceWithProperties(SsoadminPermissionSet, {
      instance_arn: INSTANCE,
      name: "Auditor",
      session_duration: "PT4H",
    });
    for (const type of [
      SsoadminManagedPolicyAttachment,
      SsoadminCustomerManagedPolicyAttachment,
      SsoadminPermissionSetInlinePolicy,
      SsoadminPermissionsBoundaryAttachment,
    ]) {
      expect(text).not.toHaveResource(type);
    }
  });

  it("attaches each managed and customer-managed policy, the inline policy and the boundary", () => {
    const text = synth({
      managedPolicyArns: ["arn:aws:iam::aws:policy/SecurityAudit"],
      customerManagedPolicies: [{ name: "lz-extra", path: "/" }],
      inlinePolicy: {
        Version: "2012-10-17",
        Statement: [{ Sid: "Read", Effect: "Allow", Action: "s3:GetObject", Resource: "*" }],
      },
      permissionsBoundary: { customerManagedPolicy: { name: "lz-boundary", path: "/" } },
    });
    expect(text).toHaveResourceWithProperties(SsoadminManagedPolicyAttachment, {
      managed_policy_arn: "arn:aws:iam::aws:policy/SecurityAudit",
    });
    expect(text).toHaveResourceWithProperties(SsoadminCustomerManagedPolicyAttachment, {
      customer_managed_policy_reference: { name: "lz-extra", path: "/" },
    });
    expect(text).toHaveResourceWithProperties(SsoadminPermissionSetInlinePolicy, {
      inline_policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Sid: "Read", Effect: "Allow", Action: "s3:GetObject", Resource: "*" }],
      }),
    });
    expect(text).toHaveResourceWithProperties(SsoadminPermissionsBoundaryAttachment, {
      permissions_boundary: { customer_managed_policy_reference: { name: "lz-boundary", path: "/" } },
    });
  });

  it("refuses a session outside 1-12 hours, naming the construct, the prop and the value", () => {
    expect(() => synth({ sessionHours: 13 })).toThrow(LandingZoneError);
    expect(() => synth({ sessionHours: 13 })).toThrow(
      "s/set: definition.sessionHours: received 13; expected a whole number from 1 to 12 hours",
    );
  });

  it('refuses an inline policy that allows "*" on "*", showing the statement', () => {
    const allowAll = { Sid: "All", Effect: "Allow" as const, Action: "*", Resource: "*" };
    expect(() => synth({ inlinePolicy: { Version: "2012-10-17", Statement: [allowAll] } })).toThrow(
      's/set: definition.inlinePolicy: received [{"Sid":"All","Effect":"Allow","Action":"*","Resource":"*"}]; expected no statement that allows "*" on "*" (permission set Auditor)',
    );
  });
});
