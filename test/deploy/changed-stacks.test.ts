// The pull-request plan's selection (npm run stacks -- --changed-since): from the example's synth and a changed
// one, which stacks are planned and why. Real synths of real configuration changes; what it proves is which
// stacks' synthesized JSON, or the outputs they read, differ, not what AWS would plan.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { synthesizeLandingZone } from "../../src/app";
import { loadConfig } from "../../src/config/load";
import { selectChangedStacks, selectionMarkdown, StackSelection } from "../../src/deploy/changed-stacks";
import { exampleCopy } from "../helpers/config-fixture";

function synth(configDir: string): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-changed-"));
  synthesizeLandingZone(loadConfig(configDir), { mode: "aws" }, outdir);
  return outdir;
}

const example = exampleCopy();
const base = synth(example);
const planned = (selection: readonly StackSelection[]) => selection.filter((s) => s.plan).map((s) => s.stack);

function changed(edit: (dir: string) => void): StackSelection[] {
  const dir = exampleCopy();
  edit(dir);
  return selectChangedStacks(base, synth(dir));
}

function replaceIn(file: string, from: string, to: string): void {
  const text = fs.readFileSync(file, "utf8");
  if (!text.includes(from)) throw new Error(`${file} does not contain ${from}`);
  fs.writeFileSync(file, text.replace(from, to));
}

it("plans nothing for a change that touches nothing synthesized, and says so for every stack", () => {
  const selection = changed((dir) =>
    replaceIn(path.join(dir, "dev.yaml"), "name: dev", "# a comment only\nname: dev"),
  );
  expect(planned(selection)).toEqual([]);
  expect(selection).toHaveLength(23);
  expect(new Set(selection.map((s) => s.reason))).toEqual(
    new Set(["synthesized identically, and reads no output that changed"]),
  );
  expect(selectionMarkdown(selection, "origin/main")).toContain(
    "No synthesized stack differs from the base branch: nothing to plan.",
  );
});

it("plans a vended account's new baseline and the central stacks that list it, not the other baselines", () => {
  const selection = changed((dir) => {
    replaceIn(
      path.join(dir, "organization.yaml"),
      "  - name: sandbox\n",
      "  - name: radiology-ai\n    email: aws+radiology-ai@example-health.org\n    ou: Workloads/NonProd\n    owner: imaging\n  - name: sandbox\n",
    );
    replaceIn(path.join(dir, "dev.yaml"), "  - phi-dev\n", "  - phi-dev\n  - radiology-ai\n");
  });
  expect(planned(selection).sort()).toEqual(
    // security: the keys' policies name every member account; backup: the job reports list every member account;
    // baseline-backup: its AWS Backup role's vault-key policy names every other member account's keys.
    [
      "organization",
      "security",
      "backup",
      "baseline-backup",
      "baseline-radiology-ai",
      "detective-controls",
      "identity-center",
    ].sort(),
  );
  expect(selection.find((s) => s.stack === "organization")!.reason).toBe("1 resource differs");
  expect(selection.find((s) => s.stack === "identity-center")!.reason).toMatch(
    /^\d+ resources differ; it reads changed outputs \(organization\/cross-stack-output-aws_organizations_accountaccount-radiology-ai_account_\w+id\)$/,
  );
  expect(selection.find((s) => s.stack === "baseline-radiology-ai")!.reason).toBe("new stack");
  expect(selection.find((s) => s.stack === "baseline-phi-dev")).toEqual({
    stack: "baseline-phi-dev",
    plan: false,
    reason: "synthesized identically, and reads no output that changed",
  });
});

it("plans a changed central stack alone when the outputs other stacks read stay the same", () => {
  const selection = changed((dir) =>
    replaceIn(
      path.join(dir, "organization.yaml"),
      "glacierInstantRetrievalAfterDays: 90",
      "glacierInstantRetrievalAfterDays: 120",
    ),
  );
  expect(planned(selection)).toEqual(["log-archive"]);
  expect(selection.find((s) => s.stack === "log-archive")!.reason).toMatch(
    /^(1 resource differs|\d+ resources differ)$/,
  );
});

describe("with hand-written stacks", () => {
  /** A synth output directory holding these stacks' cdk.tf.json, b and c depending on a. */
  function outdir(stacks: Record<string, object>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-changed-fixture-"));
    const manifest: Record<string, object> = {};
    for (const [name, body] of Object.entries(stacks)) {
      fs.mkdirSync(path.join(dir, "stacks", name), { recursive: true });
      fs.writeFileSync(path.join(dir, "stacks", name, "cdk.tf.json"), JSON.stringify(body));
      manifest[name] = { workingDirectory: `stacks/${name}`, dependencies: name === "a" ? [] : ["a"] };
    }
    fs.writeFileSync(path.join(dir, "manifest.json"), JSON.stringify({ stacks: manifest }));
    return dir;
  }
  const reads = (output: string) => ({
    resource: {
      aws_ssm_parameter: {
        p: { value: `\${data.terraform_remote_state.cross-stack-reference-input-a.outputs.${output}}` },
      },
    },
  });
  const a = (keyDescription: string) => ({
    resource: {
      aws_kms_key: { k: { description: keyDescription } },
      aws_kms_alias: { n: { name: "alias/n", target_key_id: "${aws_kms_key.k.id}" } },
      aws_s3_bucket: { b: { bucket: "b" } },
    },
    output: { alias: { value: "${aws_kms_alias.n.arn}" }, bucket: { value: "${aws_s3_bucket.b.arn}" } },
  });

  it("plans the stacks that read an output whose resource changes, even through another resource, and only those", () => {
    const before = outdir({ a: a("one"), b: reads("alias"), c: reads("bucket") });
    const after = outdir({ a: a("two"), b: reads("alias"), c: reads("bucket") });
    expect(selectChangedStacks(before, after)).toEqual([
      { stack: "a", plan: true, reason: "1 resource differs" },
      { stack: "b", plan: true, reason: "it reads changed outputs (a/alias)" },
      { stack: "c", plan: false, reason: "synthesized identically, and reads no output that changed" },
    ]);
  });

  it("plans every stack reading a stack whose provider or backend changed, and names a stack no longer synthesized", () => {
    const before = outdir({ a: a("one"), b: reads("alias"), c: reads("bucket") });
    const after = outdir({
      a: { ...a("one"), provider: { aws: [{ region: "us-west-2" }] } },
      b: reads("alias"),
    });
    expect(selectChangedStacks(before, after)).toEqual([
      { stack: "a", plan: true, reason: "its provider configuration changed" },
      { stack: "b", plan: true, reason: "it reads changed outputs (a/alias)" },
      {
        stack: "c",
        plan: false,
        reason: "no longer synthesized: nothing to plan; its resources stay in AWS and in its state",
      },
    ]);
  });
});
