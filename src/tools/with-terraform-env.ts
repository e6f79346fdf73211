// Runs a command (cdktf or terraform) with the repo's Terraform environment: the CLI config that installs
// providers from the filesystem mirror, and no checkpoint calls. Usage: with-terraform-env.ts <cmd> [args...]
import { spawnSync } from "child_process";
import { terraformEnv } from "../deploy/terraform-env";

const [command, ...args] = process.argv.slice(2);
const result = spawnSync(command, args, { stdio: "inherit", env: terraformEnv(process.env) });
process.exitCode = result.status ?? 1;
