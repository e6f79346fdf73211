// The offline plan make vend prints: which leaves of a resolved attribute change (lists as sets, statements by Sid,
// policies held in strings read as JSON), and why each existing stack changes, key policies by statement.
import {
  diffResources,
  explainChanges,
  leafChanges,
  resolvedSide,
  ResolvedSide,
  SynthesizedResources,
} from "../../src/deploy/synth-diff";

const policy = (accounts: string[], logGroups: string[]) =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "EnvironmentAccountsUseViaServices",
        Effect: "Allow",
        Principal: { AWS: "*" },
        Action: ["kms:Decrypt"],
        Condition: { StringEquals: { "aws:PrincipalAccount": accounts } },
      },
      {
        Sid: "CloudWatchLogsEncryptsEnvironmentLogGroups",
        Effect: "Allow",
        Principal: { Service: "logs.us-east-1.amazonaws.com" },
        Action: "kms:Encrypt*",
        Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": logGroups } },
      },
    ],
  });

describe("leafChanges", () => {
  it("reads a list as a set, so one added account is one added value whatever its position", () => {
    expect(
      leafChanges(
        "report_setting",
        { accounts: ["a", "b"], regions: ["r"] },
        { accounts: ["c", "a", "b"], regions: ["r"] },
      ),
    ).toEqual([{ path: "report_setting.accounts", added: ["c"], removed: [] }]);
  });

  it("reads a policy held in a string, naming each statement by its Sid", () => {
    expect(
      leafChanges("policy", policy(["dev"], ["lg-dev"]), policy(["dev", "new"], ["lg-dev", "lg-new"])),
    ).toEqual([
      {
        path: "policy.CloudWatchLogsEncryptsEnvironmentLogGroups.Condition.ArnLike.kms:EncryptionContext:aws:logs:arn",
        added: ["lg-new"],
        removed: [],
      },
      {
        path: "policy.EnvironmentAccountsUseViaServices.Condition.StringEquals.aws:PrincipalAccount",
        added: ["new"],
        removed: [],
      },
    ]);
  });

  it("reports removals, and nothing for equal values", () => {
    expect(leafChanges("tags", { a: "1", b: "2" }, { a: "1" })).toEqual([
      { path: "tags.b", added: [], removed: ["2"] },
    ]);
    expect(leafChanges("policy", policy(["x"], []), policy(["x"], []))).toEqual([]);
  });
});

describe("explainChanges", () => {
  // Placeholder IDs differ between the two sides (accounts are numbered by position); resolve names them.
  const resources = (accounts: string[], withMember: boolean): SynthesizedResources =>
    new Map([
      [
        "security",
        new Map([
          [
            "aws_kms_key.dev_key",
            { path: "security/keys/phi-data-dev/key", body: { policy: policy(accounts, []) } },
          ],
        ]),
      ],
      [
        "backup",
        new Map([
          [
            "aws_backup_report_plan.jobs",
            { path: "backup/reports/lz_backup_jobs", body: { report_setting: { accounts } } },
          ],
        ]),
      ],
      [
        "detective-controls",
        new Map(
          withMember
            ? [["aws_macie2_member.m", { path: "detective-controls/macie/member-radiology-ai", body: {} }]]
            : [],
        ),
      ],
    ]);
  const side = (accounts: string[], names: Record<string, string>, withMember: boolean): ResolvedSide => ({
    resources: resources(accounts, withMember),
    resolve: (_stack, value) =>
      JSON.parse(JSON.stringify(value).replace(/\b1000\d\b/g, (id) => names[id] ?? id)) as unknown,
  });
  const before = side(["10001"], { "10001": "account phi-dev" }, false);
  const after = side(
    ["10001", "10002"],
    { "10001": "account radiology-ai", "10002": "account phi-dev" },
    true,
  );

  it("says which key policy statement gains which principal, by name", () => {
    const explained = explainChanges(diffResources(before.resources, after.resources), before, after);
    expect(explained.keyPolicies).toEqual([
      "  security: aws_kms_key keys/phi-data-dev/key",
      "      EnvironmentAccountsUseViaServices.Condition.StringEquals.aws:PrincipalAccount: + account radiology-ai",
    ]);
  });

  it("gives each changed stack its reason from the resolved difference", () => {
    const explained = explainChanges(diffResources(before.resources, after.resources), before, after);
    expect(explained.reasons).toEqual([
      "  security: aws_kms_key keys/phi-data-dev/key: its key policy changes (Key policies above)",
      "  backup: aws_backup_report_plan reports/lz_backup_jobs: report_setting.accounts + account radiology-ai",
      "  detective-controls: adds aws_macie2_member macie/member-radiology-ai",
    ]);
  });

  it("says nothing about an attribute whose placeholders moved but whose names did not", () => {
    const same = side(["10002"], { "10002": "account phi-dev" }, false);
    const explained = explainChanges(diffResources(before.resources, same.resources), before, same);
    expect(explained.keyPolicies).toEqual([]);
    expect(explained.reasons).toEqual([
      "  security: aws_kms_key keys/phi-data-dev/key: policy is written differently, with the same value",
      "  backup: aws_backup_report_plan reports/lz_backup_jobs: report_setting is written differently, with the same value",
    ]);
  });
});

describe("resolvedSide", () => {
  const resources: SynthesizedResources = new Map();
  const model = {
    resolveValue: (_stack: string, value: unknown) => {
      if (value === "${data.terraform_remote_state.x.outputs.unknown}") throw new Error("only AWS knows");
      return JSON.parse(JSON.stringify(value).replace("${aws_organizations_account.a.id}", "100000000002"));
    },
  };
  const side = resolvedSide(resources, model, (text) => text.replace("100000000002", "account phi-dev"));

  it("resolves a value and names each placeholder in it, however deep", () => {
    expect(side.resolve("security", { list: ["${aws_organizations_account.a.id}"], n: 1 })).toEqual({
      list: ["account phi-dev"],
      n: 1,
    });
  });

  it("compares a value only AWS can resolve as written", () => {
    expect(side.resolve("security", "${data.terraform_remote_state.x.outputs.unknown}")).toBe(
      "${data.terraform_remote_state.x.outputs.unknown}",
    );
  });
});
