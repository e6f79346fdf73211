// `make preflight [LOCAL=1]`: read-only checks, with management-account credentials, that AWS is ready for the
// configuration before the first deploy (src/tools/preflight-checks.ts). One line per check, a fix for each
// failure, a JSON report in preflight/report.json; exits 1 when any check fails. It changes nothing.
import * as fs from "fs";
import * as path from "path";
import { runCli } from "../cli";
import { displayPath } from "../config/errors";
import { loadConfig } from "../config/load";
import { callerIdentity, clientSettings, withAwsErrors } from "../deploy/aws-clients";
import { REPO_ROOT } from "../deploy/terraform-env";
import { CheckResult, failed, PREFLIGHT_CHECKS, preflightContext } from "./preflight-checks";
import { knownOptions, toolTarget } from "./aws-target";

/** Where the JSON report goes (ignored by git). */
export const PREFLIGHT_REPORT = path.join(REPO_ROOT, "preflight", "report.json");

const LABEL = { pass: "PASS", fail: "FAIL", pending: "TODO", unchecked: "SKIP" } as const;

runCli(async () => {
  const args = process.argv.slice(2);
  knownOptions("make preflight", args, ["--local", "--report"]);
  const report = args.find((a) => a.startsWith("--report="))?.slice("--report=".length) ?? PREFLIGHT_REPORT;
  const config = loadConfig();
  const target = await toolTarget(args.includes("--local"));
  const settings = clientSettings(target, config.organization.homeRegion);
  const caller = await withAwsErrors("make preflight: reading the caller", () => callerIdentity(settings));
  const where = target.mode === "local" ? `the emulator at ${target.endpoint}` : "AWS";
  console.log(`preflight: account ${caller.account} as ${caller.arn} (${where}); read-only`);
  const ctx = await withAwsErrors("make preflight: reading the organization", () =>
    preflightContext(config, settings, caller.account),
  );
  const results: CheckResult[] = [];
  for (const check of PREFLIGHT_CHECKS) {
    const lines = await withAwsErrors(`make preflight: ${check.name}`, () => check(ctx));
    for (const line of lines) {
      console.log(`${LABEL[line.status]}  ${line.check}: ${line.message}`);
      if (line.fix) console.log(`      fix: ${line.fix}`);
    }
    results.push(...lines);
  }
  const counts = { pass: 0, fail: 0, pending: 0, unchecked: 0 };
  for (const r of results) counts[r.status] += 1;
  fs.mkdirSync(path.dirname(report), { recursive: true });
  fs.writeFileSync(
    report,
    `${JSON.stringify({ account: caller.account, target: where, checkedAt: new Date().toISOString(), counts, results }, null, 2)}\n`,
  );
  console.log(
    `\npreflight: ${counts.pass} passed, ${counts.fail} failed, ${counts.pending} left to the organization stack (TODO)${counts.unchecked > 0 ? `, ${counts.unchecked} not checkable (SKIP: the emulator or AWS has no API for them)` : ""}; report: ${displayPath(report)}`,
  );
  if (failed(results)) process.exitCode = 1;
  else console.log("Next: make plan, then make deploy (or push to the release branch).");
});
