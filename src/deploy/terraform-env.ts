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

/** `env` with TF_CLI_CONFIG_FILE and CHECKPOINT_DISABLE set, overriding whatever the machine had. */
export function terraformEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...env, TF_CLI_CONFIG_FILE: cliConfigFile(env), CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1" };
}
