// The data perimeter and root access: each weakening of the RCP or of the SCPs' root and function URL statements,
// put back into the example's synthesized stacks, fails verification naming its paths. These policies apply to
// most requests, so each case decides most of the catalogue again (verify.test.ts holds the other defects).
import { Stacks, blocks, editPolicy, failedPaths, verifyWith } from "../helpers/defects";

// Each case simulates most of about 900 requests afresh: 15 s alone, a minute on a busy two-core machine.
jest.setTimeout(180_000);

describe("the data perimeter and root access: each weakening fails verification, naming it", () => {
  const perimeterPolicy = (stacks: Stacks) =>
    blocks(stacks, "organization", "aws_organizations_policy", "lz-data-perimeter/policy")[0];
  const services = ["s3", "kms", "sqs", "secretsmanager", "sts"];

  it("the RCP detached from Root: outsiders with a resource policy grant get in", async () => {
    const report = await verifyWith((stacks) => {
      const resources = stacks.get("organization")!.resource;
      const attachments = resources.aws_organizations_policy_attachment;
      for (const [id, block] of Object.entries(attachments)) {
        const path = (block["//"] as { metadata: { path: string } }).metadata.path;
        if (path.endsWith("lz-data-perimeter/attach-Root")) delete attachments[id];
      }
    });
    // Without the RCP the team's grant stands; plain HTTP is refused by no other layer of these stand-in resources.
    expect(failedPaths(report)).toEqual([
      ...services.flatMap((s) => [`perimeter-${s}-outsider-denied`, `perimeter-${s}-plain-http-denied`]),
      "perimeter-s3-tls-1-1-denied",
      "perimeter-foreign-service-request-denied",
    ]);
  });

  it("the confused-deputy statement removed: another organization's trail writes into a PHI account", async () => {
    const report = await verifyWith((stacks) =>
      editPolicy(perimeterPolicy(stacks), "content", (p) => {
        p.Statement = p.Statement.filter((s) => s.Sid !== "EnforceConfusedDeputyProtection");
      }),
    );
    expect(failedPaths(report)).toEqual(["perimeter-foreign-service-request-denied"]);
  });

  it("an identity perimeter that forgets AWS services: the trail, Config and replication stop", async () => {
    const report = await verifyWith((stacks) =>
      editPolicy(perimeterPolicy(stacks), "content", (p) => {
        const statement = p.Statement.find((s) => s.Sid === "EnforceOrgIdentities")!;
        delete (statement.Condition as Record<string, unknown>).BoolIfExists;
      }),
    );
    const failed = failedPaths(report);
    for (const id of [
      "trail-writes-organization-prefix",
      "trail-generates-data-keys",
      "config-phi-prod-us-west-2-write",
      "flow-logs-network-prod-write",
    ]) {
      expect(failed).toContain(id);
    }
    expect(failed.every((id) => !id.startsWith("perimeter-") && !id.startsWith("root-"))).toBe(true);
  });

  it("DenyRootUser without the AssumeRoot exception: the root task session is refused", async () => {
    const report = await verifyWith((stacks) => {
      const core = blocks(stacks, "organization", "aws_organizations_policy", "lz-core-guardrails/policy")[0];
      editPolicy(core, "content", (p) => {
        const statement = p.Statement.find((s) => s.Sid === "DenyRootUser")!;
        delete (statement.Condition as Record<string, unknown>).Null;
      });
    });
    expect(failedPaths(report)).toEqual(["root-task-session-allowed"]);
  });

  it("lz-phi-workloads without its function URL statement: a public URL in a PHI account", async () => {
    const report = await verifyWith((stacks) => {
      const phi = blocks(stacks, "organization", "aws_organizations_policy", "lz-phi-workloads/policy")[0];
      editPolicy(phi, "content", (p) => {
        p.Statement = p.Statement.filter((s) => s.Sid !== "DenyPublicFunctionUrls");
      });
    });
    expect(failedPaths(report)).toEqual([
      "phi-workloads-phi-prod-url-none",
      "phi-workloads-phi-prod-url-update-none",
    ]);
  });

  it("DenyRootUser removed: root signs in and does as it likes", async () => {
    const report = await verifyWith((stacks) => {
      const core = blocks(stacks, "organization", "aws_organizations_policy", "lz-core-guardrails/policy")[0];
      editPolicy(core, "content", (p) => {
        p.Statement = p.Statement.filter((s) => s.Sid !== "DenyRootUser");
      });
    });
    expect(failedPaths(report)).toEqual(["root-sign-in-denied"]);
  });
});
