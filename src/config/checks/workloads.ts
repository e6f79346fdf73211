// Checks of each environment's workloads: names unique in the environment, an account of the environment that holds
// its VPC (the function runs in the VPC's private subnets, which are not shared across accounts), and a handler
// source that exists (164.312(e)(1): a function outside the PHI VPC is refused before anything is built).
import * as fs from "fs";
import { ConfigIssue } from "../errors";
import { codeSigningOf, handlerSourceOf, vpcAccountOf, workloadAccountOf } from "../model";
import { EnvironmentConfig } from "../schema";
import { EnvironmentSource, IssueList, notUnique, repeats } from "./sources";

/** No two workloads of an environment share a name: the name is their stack's and their resources'. */
function checkWorkloadNames(env: EnvironmentConfig, out: IssueList): void {
  for (const { item, index, first } of repeats(env.workloads, (w) => w.name)) {
    out.add(["workloads", index, "name"], item.name, notUnique("workload name", `workloads[${first}]`));
  }
}

/** A workload deploys into the environment's VPC account: its function's subnets and endpoints are there. */
function checkWorkloadAccounts(env: EnvironmentConfig, out: IssueList): void {
  const vpcAccount = vpcAccountOf(env);
  env.workloads.forEach((workload, index) => {
    if (workload.account === undefined || workloadAccountOf(env, workload) === vpcAccount) return;
    out.add(
      ["workloads", index, "account"],
      workload.account,
      `expected "${vpcAccount}", the account that holds this environment's VPC (network.account): the function runs in its private subnets, which no other account reaches`,
    );
  });
}

/** A workload's handler is a TypeScript file in the repository. */
function checkHandlers(env: EnvironmentConfig, out: IssueList): void {
  env.workloads.forEach((workload, index) => {
    const source = handlerSourceOf(workload);
    if (fs.existsSync(source) && fs.statSync(source).isFile()) return;
    out.add(
      ["workloads", index, "handler"],
      workload.handler,
      "expected the path of an existing TypeScript file, relative to the repository root (the folder with cdktf.json)",
    );
  });
}

/**
 * The blueprint does not sign its code yet, and lz-phi-creation refuses an unsigned function where the environment
 * requires code signing (every PHI environment): such a workload would fail at its first apply, so it is refused
 * here (164.312(c)(1) integrity).
 */
function checkCodeSigning(env: EnvironmentConfig, out: IssueList): void {
  if (codeSigningOf(env) !== "required") return;
  env.workloads.forEach((workload, index) => {
    out.add(
      ["workloads", index],
      workload.name,
      `expected no workload where codeSigning is required (${env.phi ? "phi: true" : "codeSigning: required"}): the serverless-api blueprint does not sign its code yet, and lz-phi-creation refuses an unsigned function in this environment's accounts (docs/workloads.md)`,
    );
  });
}

/** Every issue of the environments' workloads. */
export function workloadIssues(environments: readonly EnvironmentSource[]): ConfigIssue[] {
  return environments.flatMap(({ config: env, file }) => {
    const out = new IssueList(file);
    checkWorkloadNames(env, out);
    checkWorkloadAccounts(env, out);
    checkHandlers(env, out);
    checkCodeSigning(env, out);
    return out.issues;
  });
}
