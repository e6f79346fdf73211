// Synth-time SCP quotas: a policy over the size limit or a target over the attachment limit stops synth with a
// message naming the construct, the policy or target, the size or count, and the limit to raise.
import { TerraformStack, Testing } from "cdktf";
import { ServiceControlPolicy } from "../../modules/service-control-policy";
import { ScpGuardrails } from "../../modules/scp-guardrails";
import { LandingZoneError } from "../../src/config/errors";
import { PolicyDocument, renderPolicy } from "../../src/policies/policy-document";
import { buildGuardrails } from "../../src/policies/scp-library";
import { ORGANIZATION_POLICY_QUOTAS } from "../../src/policies/policy-kinds";

const document: PolicyDocument = {
  Version: "2012-10-17",
  Statement: [{ Sid: "DenyEverything", Effect: "Deny", Action: "*", Resource: "*" }],
};

describe("ServiceControlPolicy", () => {
  it("refuses a policy larger than the configured limit", () => {
    const size = renderPolicy(document).length;
    const create = () =>
      new ServiceControlPolicy(new TerraformStack(Testing.app(), "s"), "too-big", {
        policyName: "lz-deny-all",
        description: "d",
        document,
        targets: [],
        maxCharacters: size - 1,
      });
    expect(create).toThrow(LandingZoneError);
    expect(create).toThrow(
      `s/too-big: document (policy "lz-deny-all"), in characters: received ${size}; expected at most ${size - 1} characters of minified JSON (limits.scpMaxCharacters in organization.yaml); split the policy, or raise the limit if AWS has raised your quota`,
    );
  });

  it("accepts a policy exactly at the limit", () => {
    const stack = new TerraformStack(Testing.app(), "s");
    const policy = new ServiceControlPolicy(stack, "fits", {
      policyName: "p",
      description: "d",
      document,
      targets: [],
      maxCharacters: renderPolicy(document).length,
    });
    expect(policy.content).toBe(renderPolicy(document));
  });
});

describe("ScpGuardrails", () => {
  const guardrails = buildGuardrails({
    regions: ["us-east-1"],
    deployRoleName: "d",
    breakGlassRoleName: "b",
  });
  const attachments = guardrails.slice(0, 5).map((g) => ({ policy: g.name, targets: ["Root"] }));

  it("refuses more attachments on one target than the limit, counting FullAWSAccess", () => {
    const stack = new TerraformStack(Testing.app(), "s");
    expect(
      () =>
        new ScpGuardrails(stack, "guardrails", {
          guardrails,
          attachments,
          resolveTarget: () => "r-1",
          maxCharacters: ORGANIZATION_POLICY_QUOTAS.scpMaxCharacters,
          maxPerTarget: 5,
          dependsOn: [],
        }),
    ).toThrow(
      's/guardrails: attachments (target "Root"): received ["FullAWSAccess","lz-core-guardrails","lz-protect-security-services","lz-protect-kms-keys","lz-protect-network","lz-deny-unapproved-regions"]; expected at most 5 SCPs per target, FullAWSAccess included (limits.scpMaxPerTarget in organization.yaml)',
    );
  });

  it("accepts the same attachments once the limit is raised", () => {
    const stack = new TerraformStack(Testing.app(), "s");
    const created = new ScpGuardrails(stack, "guardrails", {
      guardrails,
      attachments,
      resolveTarget: () => "r-1",
      maxCharacters: ORGANIZATION_POLICY_QUOTAS.scpMaxCharacters,
      maxPerTarget: 6,
      dependsOn: [],
    });
    expect(created.policies.size).toBe(guardrails.length);
  });
});
