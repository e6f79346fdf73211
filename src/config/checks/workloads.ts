// Checks of each environment's workloads: names unique in the environment, an account of the environment that holds
// its VPC (the function runs in the VPC's private subnets, which are not shared across accounts), and a handler
// source that exists (164.312(e)(1): a function outside the PHI VPC is refused before anything is built).
import * as fs from "fs";
import { ConfigIssue } from "../errors";
import { handlerSourceOf, vpcAccountOf, workloadAccountOf } from "../model";
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

/** Every issue of the environments' workloads. */
export function workloadIssues(environments: readonly EnvironmentSource[]): ConfigIssue[] {
  return environments.flatMap(({ config: env, file }) => {
    const out = new IssueList(file);
    checkWorkloadNames(env, out);
    checkWorkloadAccounts(env, out);
    checkHandlers(env, out);
    return out.issues;
  });
}
