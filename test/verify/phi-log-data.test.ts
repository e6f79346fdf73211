// PHI in CloudWatch Logs: CloudWatch Logs decrypts a log group's events with its key as its own service principal,
// so PHIReadOnly's and Developer's PHI key deny does not protect log data; their deny on the logs actions does.
// These tests put each deny back out of the synthesized identity-center inline policies and expect make verify to
// fail the "PHI log data" paths by name, and no other path.
import * as path from "path";
import { loadConfig } from "../../src/config/load";
import { allAccountNames } from "../../src/config/model";
import { LOG_DATA_READ_ACTIONS, phiDataReadDenyStatements } from "../../src/policies/permission-sets";
import { SynthesizedLandingZone } from "../../src/verify/synthesized";
import { failureLines, verifyLandingZone, VerifyReport } from "../../src/verify/verify";
import { synthApp } from "../helpers/synth";

jest.setTimeout(120_000);

const example = loadConfig(path.join(__dirname, "..", "..", "environments"));
const synthesized = synthApp(example);

type Block = Record<string, unknown>;
type Stacks = Map<string, { resource: Record<string, Record<string, Block>> }>;
interface Statement {
  Sid: string;
}

/** The example's synthesized stacks with the named statements removed from one set's inline policy. */
async function verifyWithout(set: string, sids: readonly string[]): Promise<VerifyReport> {
  const copy = JSON.parse(JSON.stringify(Object.fromEntries(synthesized.stacks))) as Record<string, unknown>;
  const stacks = new Map(Object.entries(copy)) as Stacks;
  const inline = Object.values(
    stacks.get("identity-center")!.resource.aws_ssoadmin_permission_set_inline_policy,
  ).find((b) => (b["//"] as { metadata: { path: string } }).metadata.path.endsWith(`set-${set}/inline`))!;
  const policy = JSON.parse(inline.inline_policy as string) as { Statement: Statement[] };
  const before = policy.Statement.length;
  policy.Statement = policy.Statement.filter((s) => !sids.includes(s.Sid));
  expect(before - policy.Statement.length).toBe(sids.length);
  inline.inline_policy = JSON.stringify(policy);
  return verifyLandingZone(
    example,
    new SynthesizedLandingZone(stacks, allAccountNames(example.organization)),
  );
}

const failed = (report: VerifyReport) =>
  report.paths
    .filter((p) => !p.ok)
    .map((p) => p.id)
    .sort();
const short = (action: string) => action.replace(/^logs:/, "");
/** What ReadOnlyAccess grants of the log-data actions (all but Unmask and the four that copy data out). */
const READ_ONLY_GRANTS = [
  "GetLogEvents",
  "FilterLogEvents",
  "GetLogRecord",
  "StartQuery",
  "GetQueryResults",
  "StartLiveTail",
];

describe("PHI log data in make verify", () => {
  let report: VerifyReport;
  beforeAll(async () => {
    report = await verifyLandingZone(
      example,
      new SynthesizedLandingZone(synthesized.stacks, allAccountNames(example.organization)),
    );
  });

  it("decides every PHI log data path as expected, with the denials, the allowed reads and the service's decrypt", () => {
    const mine = report.paths.filter((p) => p.group === "PHI log data");
    expect(mine.filter((p) => !p.ok).map((p) => p.id)).toEqual([]);
    const ids = mine.map((p) => p.id);
    for (const id of [
      "phi-logs-PHIReadOnly-phi-prod-GetLogEvents",
      "phi-logs-PHIReadOnly-phi-prod-StartQuery",
      "phi-logs-PHIReadOnly-phi-staging-Unmask",
      "phi-logs-PHIReadOnly-phi-prod-DescribeLogGroups",
      "phi-logs-Developer-phi-dev-own-StartQuery",
      "phi-logs-Developer-phi-dev-phi-tagged-GetLogEvents",
      "phi-logs-Developer-phi-dev-phi-prod-StartQuery",
      "phi-logs-Developer-sandbox-phi-staging-GetLogEvents",
      "phi-logs-service-decrypts-prod-phi-prod",
      "phi-logs-service-decrypts-staging-phi-staging",
      "phi-logs-SecurityResponder-security-tooling-trail-log-group-StartQuery",
    ]) {
      expect(ids).toContain(id);
    }
    expect(mine.find((p) => p.id === "phi-logs-service-decrypts-prod-phi-prod")!.expect).toBe("allow");
  });

  it("PHIReadOnly without DenyLogData reads log events in every account it is assigned to", async () => {
    const without = await verifyWithout("PHIReadOnly", ["DenyLogData"]);
    expect(failed(without)).toEqual(
      ["phi-dev", "phi-prod", "phi-staging"]
        .flatMap((account) => READ_ONLY_GRANTS.map((a) => `phi-logs-PHIReadOnly-${account}-${a}`))
        .sort(),
    );
    expect(failureLines(without)[0]).toContain("expected deny, decided Allowed");
  });

  it("Developer without DenyPhiAccounts reads the PHI accounts' shared log groups and becomes their roles", async () => {
    const without = await verifyWithout("Developer", ["DenyPhiAccounts"]);
    expect(failed(without)).toEqual(
      ["phi-dev", "sandbox"]
        .flatMap((account) =>
          ["phi-prod", "phi-staging"].flatMap((phi) => [
            ...LOG_DATA_READ_ACTIONS.map((a) => `phi-logs-Developer-${account}-${phi}-${short(a)}`),
            `set-Developer-${account}-assume-role-in-${phi}`,
          ]),
        )
        .sort(),
    );
  });

  it("Developer without DenyLogDataTaggedPhi reads a log group tagged phi in its own account", async () => {
    const without = await verifyWithout("Developer", ["DenyLogDataTaggedPhi"]);
    expect(failed(without)).toEqual(
      ["phi-dev", "sandbox"]
        .flatMap((account) =>
          ["GetLogEvents", "StartQuery"].map((a) => `phi-logs-Developer-${account}-phi-tagged-${a}`),
        )
        .sort(),
    );
  });

  it("the log denies hold without the PHI key deny: removing DenyPhiKeyUse fails no path", async () => {
    // The key deny is not what stops a log read (CloudWatch Logs decrypts as itself), and for PHIReadOnly it is
    // defence in depth for the keys too: ReadOnlyAccess grants no kms:Decrypt.
    const without = await verifyWithout("PHIReadOnly", ["DenyPhiKeyUse"]);
    expect(failed(without)).toEqual([]);
  });
});

describe("phiDataReadDenyStatements", () => {
  it("without accounts denies log data everywhere; with them, in those accounts and on phi-tagged log groups", () => {
    expect(phiDataReadDenyStatements().map((s) => [s.Sid, s.Resource])).toEqual([
      ["DenyPhiKeyUse", "*"],
      ["DenyLogData", "*"],
    ]);
    expect(phiDataReadDenyStatements(["111111111111"]).map((s) => [s.Sid, s.Resource, s.Condition])).toEqual([
      ["DenyPhiKeyUse", "*", { StringEquals: { "aws:ResourceTag/DataClassification": "phi" } }],
      ["DenyPhiAccounts", "*", { StringEquals: { "aws:ResourceAccount": ["111111111111"] } }],
      ["DenyLogDataTaggedPhi", "*", { StringEquals: { "aws:ResourceTag/DataClassification": "phi" } }],
    ]);
    expect(phiDataReadDenyStatements(["111111111111"], ["sts:AssumeRole"])[1].Action).toEqual([
      "sts:AssumeRole",
      ...LOG_DATA_READ_ACTIONS,
    ]);
    expect(phiDataReadDenyStatements([]).map((s) => s.Sid)).toEqual([
      "DenyPhiKeyUse",
      "DenyLogDataTaggedPhi",
    ]);
  });
});
