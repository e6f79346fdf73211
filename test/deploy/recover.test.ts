// Recovering `make local` after an interrupted run: which failed creates are "already exists", and the import
// blocks that adopt them (pure parsing; the end-to-end tier shows a killed run converging on the emulator).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  alreadyExisting,
  hasOtherErrors,
  recoveryImports,
  removeRecoveryImports,
  RECOVERY_FILE,
  repairInterruptedStates,
  recoveryMessage,
  replacedInState,
  stateAttribute,
  writeRecoveryImports,
} from "../../src/deploy/recover";
import { changingAddresses } from "../../src/deploy/terraform";

/** Terraform 1.11's error output for the failure the issue reported, as `make local` captured it. */
const ALIAS_TAKEN = `
Error: creating KMS Alias (alias/example-health/ebs-default): operation error KMS: CreateAlias, https response error StatusCode: 400, RequestID: LO92, AlreadyExistsException: An alias with the name arn:aws:kms:us-east-1:830540499873:alias/example-health/ebs-default already exists

  with aws_kms_alias.hardening_ebs-key-us-east-1_alias_ADFC2B93,
  on cdk.tf.json line 356, in resource.aws_kms_alias.hardening_ebs-key-us-east-1_alias_ADFC2B93:
 356:       },
`;
const ACCESS_DENIED = `
Error: creating IAM Role (lz-x): operation error IAM: CreateRole, https response error StatusCode: 403, AccessDenied: not allowed

  with aws_iam_role.x,
  on cdk.tf.json line 10, in resource.aws_iam_role.x:
`;

function stackWith(resource: Record<string, Record<string, unknown>>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-recover-"));
  fs.writeFileSync(path.join(dir, "cdk.tf.json"), JSON.stringify({ resource }));
  return dir;
}

describe("alreadyExisting", () => {
  it("names the resource whose create found it already there, with the error's first line", () => {
    expect(alreadyExisting(ALIAS_TAKEN)).toEqual([
      {
        address: "aws_kms_alias.hardening_ebs-key-us-east-1_alias_ADFC2B93",
        error: expect.stringMatching(
          /^creating KMS Alias \(alias\/example-health\/ebs-default\).*already exists$/,
        ),
      },
    ]);
    expect(hasOtherErrors(ALIAS_TAKEN)).toBe(false);
  });

  it("leaves other errors alone and says they are there", () => {
    expect(alreadyExisting(ACCESS_DENIED)).toEqual([]);
    expect(hasOtherErrors(ACCESS_DENIED)).toBe(true);
    expect(hasOtherErrors(ALIAS_TAKEN + ACCESS_DENIED)).toBe(true);
  });
});

describe("recoveryImports", () => {
  it("imports an alias by its name, as the AWS provider's import documents", () => {
    const dir = stackWith({
      aws_kms_alias: {
        "hardening_ebs-key-us-east-1_alias_ADFC2B93": { name: "alias/example-health/ebs-default" },
      },
    });
    const imports = recoveryImports(dir, alreadyExisting(ALIAS_TAKEN));
    expect(imports).toEqual([
      {
        to: "aws_kms_alias.hardening_ebs-key-us-east-1_alias_ADFC2B93",
        id: "alias/example-health/ebs-default",
      },
    ]);
    writeRecoveryImports(dir, imports!);
    expect(JSON.parse(fs.readFileSync(path.join(dir, RECOVERY_FILE), "utf8"))).toEqual({ import: imports });
    removeRecoveryImports(dir);
    expect(fs.existsSync(path.join(dir, RECOVERY_FILE))).toBe(false);
  });

  it("imports a backup vault by its name, as a retried CreateBackupVault on a busy machine left it", () => {
    const dir = stackWith({
      aws_backup_vault: { "central-vault_F8ACEA29": { name: "lz-central-backup" } },
    });
    const error = [
      "Error: creating Backup Vault (lz-central-backup): operation error Backup: CreateBackupVault, https response error StatusCode: 400, AlreadyExistsException: Backup vault with the same name already exists",
      "",
      "  with aws_backup_vault.central-vault_F8ACEA29,",
      "  on cdk.tf.json line 264, in resource.aws_backup_vault.central-vault_F8ACEA29:",
    ].join("\n");
    const imports = recoveryImports(dir, alreadyExisting(error))!;
    expect(imports).toEqual([{ to: "aws_backup_vault.central-vault_F8ACEA29", id: "lz-central-backup" }]);
    // Without a key of the stack's own there is nothing to bring back with it and nothing to drop from state.
    expect(replacedInState(imports)).toEqual([]);
  });

  it("imports a found vault's key with it, read from the vault, so the vault is not planned for replacement", () => {
    const dir = stackWith({
      aws_backup_vault: {
        "backup_vault-us-west-2_vault_0AF2080A": {
          name: "lz-backup",
          kms_key_arn: "${aws_kms_key.backup_vault-us-west-2_key_392F17A3.arn}",
          provider: "aws.us-west-2",
        },
      },
    });
    const error = [
      "Error: creating Backup Vault (lz-backup): operation error Backup: CreateBackupVault, https response error StatusCode: 400, AlreadyExistsException: Backup vault with the same name already exists",
      "",
      "  with aws_backup_vault.backup_vault-us-west-2_vault_0AF2080A,",
    ].join("\n");
    const imports = recoveryImports(dir, alreadyExisting(error))!;
    const data = {
      type: "aws_backup_vault",
      name: "lz_recovered_1",
      body: { name: "lz-backup", provider: "aws.us-west-2" },
    };
    expect(imports).toEqual([
      { to: "aws_backup_vault.backup_vault-us-west-2_vault_0AF2080A", id: "lz-backup" },
      {
        to: "aws_kms_key.backup_vault-us-west-2_key_392F17A3",
        id: '${split("/", data.aws_backup_vault.lz_recovered_1.kms_key_arn)[1]}',
        via: {
          data,
          what: "the key backup vault lz-backup of aws_backup_vault.backup_vault-us-west-2_vault_0AF2080A uses",
        },
      },
    ]);
    // The key the failed run created at that address leaves state first; the vault's own entry is not touched.
    expect(replacedInState(imports)).toEqual(["aws_kms_key.backup_vault-us-west-2_key_392F17A3"]);
    writeRecoveryImports(dir, imports);
    expect(JSON.parse(fs.readFileSync(path.join(dir, RECOVERY_FILE), "utf8"))).toEqual({
      data: { aws_backup_vault: { lz_recovered_1: { name: "lz-backup", provider: "aws.us-west-2" } } },
      import: [
        { to: "aws_backup_vault.backup_vault-us-west-2_vault_0AF2080A", id: "lz-backup" },
        {
          to: "aws_kms_key.backup_vault-us-west-2_key_392F17A3",
          id: '${split("/", data.aws_backup_vault.lz_recovered_1.kms_key_arn)[1]}',
        },
      ],
    });
  });

  it("reads each vault's key through a data source of its own, on the vault's provider", () => {
    const dir = stackWith({
      aws_backup_vault: {
        east: { name: "lz-backup", kms_key_arn: "${aws_kms_key.east_key.arn}", provider: "aws" },
        west: { name: "lz-backup", kms_key_arn: "${aws_kms_key.west_key.arn}", provider: "aws.us-west-2" },
        // Two vaults on one key (not something the landing zone builds): the key is imported once.
        other: { name: "lz-other", kms_key_arn: "${aws_kms_key.west_key.arn}" },
      },
    });
    const imports = recoveryImports(
      dir,
      ["east", "west", "other"].map((name) => ({
        address: `aws_backup_vault.${name}`,
        error: "already exists",
      })),
    )!;
    expect(imports.map(({ to, via }) => [to, via?.data.name, via?.data.body])).toEqual([
      ["aws_backup_vault.east", undefined, undefined],
      ["aws_kms_key.east_key", "lz_recovered_1", { name: "lz-backup", provider: "aws" }],
      ["aws_backup_vault.west", undefined, undefined],
      ["aws_kms_key.west_key", "lz_recovered_3", { name: "lz-backup", provider: "aws.us-west-2" }],
      ["aws_backup_vault.other", undefined, undefined],
    ]);
    // A vault on the stack's default provider, named or not, reads through it.
    const plain = stackWith({
      aws_backup_vault: { v: { name: "lz-backup", kms_key_arn: "${aws_kms_key.k.arn}" } },
    });
    expect(recoveryImports(plain, [{ address: "aws_backup_vault.v", error: "" }])![1].via!.data.body).toEqual(
      {
        name: "lz-backup",
      },
    );
  });

  it("imports a Systems Manager document by its name, as a retried CreateDocument on a busy machine left it", () => {
    const dir = stackWith({
      aws_ssm_document: {
        "session-manager_preferences-us-west-2_8B6157C4": { name: "SSM-SessionManagerRunShell" },
      },
    });
    const error = [
      "Error: creating SSM Document (SSM-SessionManagerRunShell): operation error SSM: CreateDocument, https response error StatusCode: 400, RequestID: KkEv, DocumentAlreadyExists: The specified document already exists.",
      "",
      "  with aws_ssm_document.session-manager_preferences-us-west-2_8B6157C4,",
      "  on cdk.tf.json line 1096, in resource.aws_ssm_document.session-manager_preferences-us-west-2_8B6157C4:",
    ].join("\n");
    expect(recoveryImports(dir, alreadyExisting(error))).toEqual([
      {
        to: "aws_ssm_document.session-manager_preferences-us-west-2_8B6157C4",
        id: "SSM-SessionManagerRunShell",
      },
    ]);
  });

  it("imports a service-linked role by its ARN, in the account the stack's provider assumes a role in", () => {
    const account = "${data.terraform_remote_state.cross-stack-reference-input-organization.outputs.sandbox}";
    const dir = stackWith({
      aws_iam_service_linked_role: { config_role: { aws_service_name: "config.amazonaws.com" } },
    });
    const file = path.join(dir, "cdk.tf.json");
    const stack = JSON.parse(fs.readFileSync(file, "utf8"));
    stack.provider = {
      aws: [
        {
          region: "us-east-1",
          assume_role: [{ role_arn: `arn:aws:iam::${account}:role/OrganizationAccountAccessRole` }],
        },
        { alias: "us-west-2", region: "us-west-2" },
      ],
    };
    fs.writeFileSync(file, JSON.stringify(stack));
    const error =
      "creating IAM Service Linked Role (config.amazonaws.com): operation error IAM: CreateServiceLinkedRole, https response error StatusCode: 400, InvalidInput: Service role name AWSServiceRoleForConfig has been taken in this account, please try a different suffix.";
    expect(recoveryImports(dir, [{ address: "aws_iam_service_linked_role.config_role", error }])).toEqual([
      {
        to: "aws_iam_service_linked_role.config_role",
        id: `arn:aws:iam::${account}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
      },
    ]);
  });

  it("imports a customer managed policy by its ARN, with its path, in the stack's account", () => {
    const dir = stackWith({
      aws_iam_policy: { p: { name: "lz-backup-alerts", path: "/landing-zone/" }, q: { name: "plain" } },
    });
    const file = path.join(dir, "cdk.tf.json");
    const stack = JSON.parse(fs.readFileSync(file, "utf8"));
    stack.provider = {
      aws: [
        {
          region: "us-east-1",
          assume_role: [{ role_arn: "arn:aws:iam::123456789012:role/OrganizationAccountAccessRole" }],
        },
      ],
    };
    fs.writeFileSync(file, JSON.stringify(stack));
    const error =
      "EntityAlreadyExists: A policy called lz-backup-alerts already exists. Duplicate names are not allowed.";
    expect(
      recoveryImports(dir, [
        { address: "aws_iam_policy.p", error },
        { address: "aws_iam_policy.q", error },
      ]),
    ).toEqual([
      { to: "aws_iam_policy.p", id: "arn:aws:iam::123456789012:policy/landing-zone/lz-backup-alerts" },
      { to: "aws_iam_policy.q", id: "arn:aws:iam::123456789012:policy/plain" },
    ]);
  });

  it("recovers nothing when a name is only known after apply or the type has no import rule", () => {
    const computed = stackWith({
      aws_kms_alias: { a: { name: "alias/${aws_kms_key.k.id}" } },
    });
    expect(recoveryImports(computed, [{ address: "aws_kms_alias.a", error: "" }])).toBeUndefined();
    const unknownType = stackWith({ aws_guardduty_detector: { d: {} } });
    expect(
      recoveryImports(unknownType, [{ address: "aws_guardduty_detector.d", error: "" }]),
    ).toBeUndefined();
  });
});

describe("recoveryMessage and stateAttribute", () => {
  const byName = { to: "aws_kms_alias.a", id: "alias/example-health/ebs-default" };
  const key = {
    to: "aws_kms_key.k",
    id: '${split("/", data.aws_backup_vault.lz_recovered_1.kms_key_arn)[1]}',
    via: {
      data: { type: "aws_backup_vault", name: "lz_recovered_1", body: { name: "lz-backup" } },
      what: "the key backup vault lz-backup of aws_backup_vault.v uses",
    },
  };
  const old = "arn:aws:kms:us-east-1:123456789012:key/1111";
  const found = "arn:aws:kms:us-east-1:123456789012:key/2222";

  it("says what was imported, and what became of what state held at that address", () => {
    expect(recoveryMessage("s", { block: byName })).toBe(
      "recovered: s: aws_kms_alias.a (alias/example-health/ebs-default) existed in the emulator but not in state, left by an interrupted run; imported it",
    );
    expect(recoveryMessage("s", { block: key, after: found })).toBe(
      "recovered: s: aws_kms_key.k (the key backup vault lz-backup of aws_backup_vault.v uses) existed in the emulator but not in state, left by an interrupted run; imported it",
    );
    expect(recoveryMessage("s", { block: key, before: old, after: found })).toBe(
      `recovered: s: aws_kms_key.k (the key backup vault lz-backup of aws_backup_vault.v uses) existed in the emulator but not in state, left by an interrupted run; imported it in place of ${old}, the one state held, which stays in the emulator unused`,
    );
    // State already held the vault's own key (a kill that saved the key but not the vault): nothing is left over.
    expect(recoveryMessage("s", { block: key, before: found, after: found })).toBe(
      "recovered: s: aws_kms_key.k (the key backup vault lz-backup of aws_backup_vault.v uses) was the one state held; imported it again, unchanged",
    );
  });

  it("reads an attribute of a root-module managed resource from pulled state, and nothing else", () => {
    const state = JSON.stringify({
      version: 4,
      resources: [
        { mode: "data", type: "aws_kms_key", name: "k", instances: [{ attributes: { arn: "data" } }] },
        {
          module: "module.m",
          mode: "managed",
          type: "aws_kms_key",
          name: "k",
          instances: [{ attributes: { arn: "m" } }],
        },
        {
          mode: "managed",
          type: "aws_kms_key",
          name: "k",
          instances: [{ attributes: { arn: old, deletion_window_in_days: 7 } }],
        },
      ],
    });
    expect(stateAttribute(state, "aws_kms_key.k", "arn")).toBe(old);
    expect(stateAttribute(state, "aws_kms_key.k", "deletion_window_in_days")).toBeUndefined();
    expect(stateAttribute(state, "aws_kms_key.other", "arn")).toBeUndefined();
    expect(stateAttribute(JSON.stringify({ version: 4 }), "aws_kms_key.k", "arn")).toBeUndefined();
  });
});

describe("changingAddresses", () => {
  it("lists the planned changes of a streamed plan, leaving out reads and no-ops", () => {
    const lines = [
      '{"type":"version","terraform":"1.11.4"}',
      '{"type":"planned_change","change":{"resource":{"addr":"aws_macie2_member.m"},"action":"create"}}',
      '{"type":"planned_change","change":{"resource":{"addr":"data.aws_iam_policy_document.p"},"action":"read"}}',
      '{"type":"planned_change","change":{"resource":{"addr":"aws_s3_bucket.b"},"action":"noop"}}',
      '{"type":"planned_change","change":{"resource":{"addr":"aws_kms_key.k"},"action":"update"}}',
      '{"type":"change_summary","changes":{"add":1,"change":1}}',
    ].join("\n");
    expect(changingAddresses(lines)).toEqual(["aws_macie2_member.m", "aws_kms_key.k"]);
  });
});

describe("repairInterruptedStates", () => {
  const WHOLE = JSON.stringify({ version: 4, serial: 3, resources: [] });
  const BEFORE = JSON.stringify({ version: 4, serial: 2, resources: [] });
  // What a SIGKILL during Terraform's in-place save leaves: the first 64 KiB of a longer state, not JSON.
  const CUT = WHOLE.slice(0, -10);
  const at = new Date("2026-12-07T14:30:00.000Z");
  const stateDir = (files: Record<string, string>) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-state-"));
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    return dir;
  };

  it("keeps a cut state file and restores the state from before the killed run", () => {
    const dir = stateDir({ "baseline-a.tfstate": CUT, "baseline-a.tfstate.backup": BEFORE });
    expect(repairInterruptedStates(dir, at)).toEqual([
      {
        stack: "baseline-a",
        bytes: CUT.length,
        keptAs: path.join(dir, "baseline-a.tfstate.interrupted-2026-12-07T14-30-00-000Z"),
        restoredBackup: true,
      },
    ]);
    expect(fs.readFileSync(path.join(dir, "baseline-a.tfstate"), "utf8")).toBe(BEFORE);
    expect(
      fs.readFileSync(path.join(dir, "baseline-a.tfstate.interrupted-2026-12-07T14-30-00-000Z"), "utf8"),
    ).toBe(CUT);
  });

  it("starts a stack with no state when the killed run was its first (no backup) or its backup is cut too", () => {
    const dir = stateDir({ "a.tfstate": CUT, "b.tfstate": CUT, "b.tfstate.backup": CUT.slice(0, 5) });
    expect(repairInterruptedStates(dir, at).map((r) => [r.stack, r.restoredBackup])).toEqual([
      ["a", false],
      ["b", false],
    ]);
    expect(fs.existsSync(path.join(dir, "a.tfstate"))).toBe(false);
    expect(fs.existsSync(path.join(dir, "b.tfstate"))).toBe(false);
    expect(fs.readdirSync(dir).filter((f) => f.includes(".interrupted-"))).toHaveLength(2);
  });

  it("leaves a whole state, an empty file (Terraform's no state) and files that are not states alone", () => {
    const dir = stateDir({
      "whole.tfstate": WHOLE,
      "empty.tfstate": "",
      "whole.applied.json": "{}",
      "whole.tfstate.backup": "cut",
    });
    expect(repairInterruptedStates(dir, at)).toEqual([]);
    expect(fs.readdirSync(dir).sort()).toEqual([
      "empty.tfstate",
      "whole.applied.json",
      "whole.tfstate",
      "whole.tfstate.backup",
    ]);
  });

  it("treats JSON without a format version as cut (Terraform refuses it the same way)", () => {
    const dir = stateDir({ "a.tfstate": "{}" });
    expect(repairInterruptedStates(dir, at)).toHaveLength(1);
  });

  it("does nothing when there is no state directory yet", () => {
    expect(repairInterruptedStates(path.join(os.tmpdir(), "lz-no-such-state-dir"), at)).toEqual([]);
  });
});
