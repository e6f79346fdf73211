// What a vended account gets without any other file edited, and what removing its entry does: a move to the
// Suspended OU, never a destroy.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App } from "cdktf";
import { buildLandingZone } from "../../src/app";
import { loadConfig } from "../../src/config/load";
import { applyVend, planVend } from "../../src/config/vend";
import { diffResources } from "../../src/deploy/synth-diff";
import { synthesizeResources } from "../../src/app";
import { ConfigError, formatIssue } from "../../src/config/errors";
import { exampleCopy, removeAccountEntry } from "../helpers/config-fixture";

const removeEntry = (dir: string) => removeAccountEntry(dir, "radiology-ai", "dev");

const dir = exampleCopy();
const before = loadConfig(dir);
applyVend(
  planVend(
    {
      name: "radiology-ai",
      email: "aws+radiology-ai@example-health.org",
      ou: "Workloads/NonProd",
      environment: "dev",
    },
    dir,
  ),
);
const vended = loadConfig(dir);
const resourcesBefore = synthesizeResources(before);
const resourcesVended = synthesizeResources(vended);

describe("a vended account", () => {
  const changes = diffResources(resourcesBefore, resourcesVended);

  it("changes only the stacks that must know about it, and destroys nothing", () => {
    expect(changes.map((c) => [c.stack, c.kind])).toEqual([
      ["organization", "changed"],
      // The backup account's job reports list every member account.
      ["backup", "changed"],
      ["security", "changed"],
      // The backup account's lz-backup role uses every member account's vault keys (lz-backup-vault-keys).
      ["baseline-backup", "changed"],
      ["baseline-radiology-ai", "new"],
      ["detective-controls", "changed"],
      ["identity-center", "changed"],
    ]);
    expect(changes.flatMap((c) => c.changes.filter((r) => r.action === "delete"))).toEqual([]);
  });

  it("is created in its OU, tagged with its data classification", () => {
    const organization = changes.find((c) => c.stack === "organization")!;
    expect(organization.changes).toEqual([
      {
        action: "create",
        address: expect.stringMatching(/^aws_organizations_account\.account-radiology-ai_account_/),
        path: "organization/account-radiology-ai/account",
        attributes: [],
      },
    ]);
    const account = resourcesVended.get("organization")!.get(organization.changes[0].address)!.body;
    expect(account).toMatchObject({
      name: "radiology-ai",
      parent_id: expect.stringContaining("ou-Workloads-NonProd"),
      close_on_deletion: false,
      lifecycle: expect.objectContaining({ prevent_destroy: true }),
      tags: expect.objectContaining({ DataClassification: "non-phi" }),
    });
  });

  it("gets the baseline, the Config recorders and its OU's Identity Center assignments", () => {
    const baseline = [...resourcesVended.get("baseline-radiology-ai")!.keys()].map((a) => a.split(".")[0]);
    for (const type of [
      "aws_ebs_encryption_by_default",
      "aws_config_configuration_recorder",
      "aws_iam_account_password_policy",
      "aws_s3_account_public_access_block",
    ]) {
      expect(baseline).toContain(type);
    }
    const identity = changes.find((c) => c.stack === "identity-center")!.changes.map((c) => c.path);
    expect(identity.sort()).toEqual(
      [
        "lz-billing-Billing",
        "lz-break-glass-BreakGlass",
        "lz-phi-readers-PHIReadOnly",
        "lz-platform-admins-PlatformAdmin",
        "lz-security-auditors-SecurityAudit",
      ].map((a) => `identity-center/identity-center/assignment-${a}-radiology-ai`),
    );
  });

  it("is reachable by people only after its baseline has applied (identity-center depends on every baseline)", () => {
    const manifestDir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-manifest-"));
    const lz = buildLandingZone(new App({ outdir: manifestDir }), vended, { mode: "aws" });
    fs.rmSync(manifestDir, { recursive: true, force: true });
    const dependencies = lz.identityCenter!.dependencies.map((d) => d.node.id);
    expect(dependencies).toEqual(
      expect.arrayContaining([...lz.baselines.keys()].map((n) => `baseline-${n}`)),
    );
  });
});

describe("removing an account's entry", () => {
  const removedDir = exampleCopy();
  for (const f of fs.readdirSync(dir)) fs.copyFileSync(path.join(dir, f), path.join(removedDir, f));
  removeEntry(removedDir);
  const removed = loadConfig(removedDir);
  const changes = diffResources(resourcesVended, synthesizeResources(removed));

  it("moves the account to the Suspended OU and destroys no account", () => {
    expect(removed.suspendedAccounts).toEqual([
      { name: "radiology-ai", email: "aws+radiology-ai@example-health.org" },
    ]);
    const organization = changes.find((c) => c.stack === "organization")!;
    expect(organization.changes).toEqual([
      {
        action: "update",
        address: expect.stringMatching(/^aws_organizations_account\.account-radiology-ai_account_/),
        path: "organization/account-radiology-ai/account",
        attributes: ["parent_id", "tags"],
      },
    ]);
    expect(
      changes.flatMap((c) => c.changes).filter((c) => c.address.startsWith("aws_organizations_account.")),
    ).toEqual([expect.objectContaining({ action: "update" })]);
  });

  it("keeps the account's baseline stack out of the deploy rather than destroying it", () => {
    expect(changes.find((c) => c.stack === "baseline-radiology-ai")?.kind).toBe("removed");
    // What goes is access and membership, nothing that holds data: its Identity Center assignments (people lose
    // access) and its Macie membership.
    const deleted = changes
      .filter((c) => c.kind === "changed")
      .flatMap((c) => c.changes.filter((r) => r.action === "delete").map((r) => r.address.split(".")[0]));
    // The suspended account leaves Macie and Inspector and loses its assignments; nothing else is destroyed.
    expect([...new Set(deleted)].sort()).toEqual([
      "aws_inspector2_member_association",
      "aws_macie2_member",
      "aws_ssoadmin_account_assignment",
    ]);
  });
});

describe("ledger checks", () => {
  it("refuses a removal when there is no Suspended OU to move the account to", () => {
    const noSuspended = exampleCopy();
    for (const f of fs.readdirSync(dir)) fs.copyFileSync(path.join(dir, f), path.join(noSuspended, f));
    removeEntry(noSuspended);
    const org = path.join(noSuspended, "organization.yaml");
    fs.writeFileSync(
      org,
      fs
        .readFileSync(org, "utf8")
        .replace("  - name: Suspended # accounts removed from this file are moved here, never closed\n", "")
        .replace("  - policy: lz-deny-all\n    targets: [Suspended]\n", ""),
    );
    let messages: string[] = [];
    try {
      loadConfig(noSuspended);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      messages = error.issues.map((i) => formatIssue(i).split(noSuspended).join("cfg"));
    }
    expect(messages).toEqual([
      'cfg/accounts.ledger.json accounts: expected a top-level OU named "Suspended" in organization.yaml: account(s) radiology-ai are no longer in accounts, so they move there (deny-all SCP) rather than being closed',
    ]);
  });
});
