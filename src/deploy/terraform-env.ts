// The environment every Terraform command runs with: the repo's CLI config (providers from a filesystem mirror,
// never the registry) and no checkpoint calls.
import * as fs from "fs";
import * as path from "path";
import { configuredMirror, readToolchain, REPO_ROOT } from "./toolchain";

// Defined beside the toolchain's own paths (src/deploy/toolchain.ts), which this file reads; imported from here.
export { REPO_ROOT };
/** The Terraform CLI config shipped in the repo. */
export const CLI_CONFIG = path.join(REPO_ROOT, "terraform", "cli.tfrc");

/**
 * The Terraform CLI config to use: the repo's own when the mirror is the one it names (/opt/tf-plugins), else an
 * equivalent config written to .lz/cli.tfrc that names the mirror LZ_TF_PLUGIN_DIR sets or `npm run prereqs`
 * chose (.lz/toolchain.json: .lz/tf-plugins on a machine without /opt/tf-plugins).
 */
export function cliConfigFile(env: NodeJS.ProcessEnv = process.env, toolchainFile?: string): string {
  const pluginDir = env.LZ_TF_PLUGIN_DIR || readToolchain(toolchainFile).terraform?.providerMirror;
  const text = fs.readFileSync(CLI_CONFIG, "utf8");
  if (!pluginDir || pluginDir === configuredMirror(text)) return CLI_CONFIG;
  const generated = path.join(REPO_ROOT, ".lz", "cli.tfrc");
  const wanted = text.replace(/path\s*=\s*"[^"]*"/, `path    = ${JSON.stringify(pluginDir)}`);
  const current = fs.existsSync(generated) ? fs.readFileSync(generated, "utf8") : undefined;
  if (current !== wanted) {
    // Written aside and renamed: Terraform processes started side by side never read half a file.
    fs.mkdirSync(path.dirname(generated), { recursive: true });
    fs.writeFileSync(`${generated}.${process.pid}`, wanted);
    fs.renameSync(`${generated}.${process.pid}`, generated);
  }
  return generated;
}

/**
 * Go's garbage-collector target for Terraform and the AWS provider, unless the caller set GOGC. Most of a
 * plan's CPU is the provider starting (five processes per plan of a two-region stack, each building the schema
 * of every AWS resource type); at 400 each start costs about a third less CPU than at Go's default of 100, for
 * roughly 100 MB more memory per process (measured on 2 cores, 2026-12-01: a baseline stack's plan 17.2 s of CPU
 * at 100, 11.4 s at 400; docs/development.md "Speed").
 */
export const TERRAFORM_GOGC = "400";

/**
 * `env` with TF_CLI_CONFIG_FILE and CHECKPOINT_DISABLE set, overriding whatever the machine had, and GOGC
 * defaulted to TERRAFORM_GOGC.
 */
export function terraformEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return {
    GOGC: TERRAFORM_GOGC,
    ...env,
    TF_CLI_CONFIG_FILE: cliConfigFile(env),
    CHECKPOINT_DISABLE: "1",
    TF_IN_AUTOMATION: "1",
  };
}
