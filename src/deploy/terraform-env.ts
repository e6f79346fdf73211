// The environment every Terraform command runs with: the repo's CLI config (providers from the machine's
// filesystem mirror, never the registry) and no checkpoint calls.
import * as fs from "fs";
import * as path from "path";

/** The repo root (this file lives in src/deploy/). */
export const REPO_ROOT = path.resolve(__dirname, "..", "..");
/** The Terraform CLI config shipped in the repo. */
export const CLI_CONFIG = path.join(REPO_ROOT, "terraform", "cli.tfrc");

/**
 * The Terraform CLI config to use. LZ_TF_PLUGIN_DIR points at a mirror somewhere other than /opt/tf-plugins;
 * then an equivalent config is written to .lz/cli.tfrc.
 */
export function cliConfigFile(env: NodeJS.ProcessEnv = process.env): string {
  const pluginDir = env.LZ_TF_PLUGIN_DIR;
  if (!pluginDir) return CLI_CONFIG;
  const generated = path.join(REPO_ROOT, ".lz", "cli.tfrc");
  const text = fs
    .readFileSync(CLI_CONFIG, "utf8")
    .replace(/path\s*=\s*"[^"]*"/, `path    = ${JSON.stringify(pluginDir)}`);
  fs.mkdirSync(path.dirname(generated), { recursive: true });
  fs.writeFileSync(generated, text);
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
