// Where an evidence binder comes from: the commit of the code, a digest of the configuration files it was made from,
// and the accounts in scope by name and ID where one is known. An auditor matches a binder to exactly one
// configuration and one version of the controls (164.316(b)(2)(iii) updates, 164.308(a)(8) evaluation).
import { execFileSync } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { ADOPTION_FILE } from "../config/adoption";
import { LEDGER_FILE } from "../config/ledger";
import { ORGANIZATION_FILE } from "../config/load";
import { environmentOf, MANAGEMENT_ACCOUNT_NAME, SUSPENDED_OU } from "../config/model";
import { LandingZoneConfig } from "../config/schema";

/** How the configuration digest is computed, as the binder states it. */
export const CONFIG_DIGEST_METHOD =
  "sha256 over each configuration file loadConfig reads (organization.yaml, the environment files, accounts.ledger.json and adopted.json when present), in sorted file-name order, each as its name, a NUL byte, its bytes and a NUL byte";

/** The configuration's digest and the files it covers. */
export interface ConfigDigest {
  /** `sha256:` and the hex digest. */
  readonly value: string;
  /** The files covered, by name inside the configuration directory, in the order hashed. */
  readonly files: readonly string[];
  readonly method: string;
}

/** Where a binder comes from. */
export interface BinderProvenance {
  /** `git rev-parse HEAD`, with `-dirty` when the work tree has changes; `unknown` outside git. */
  readonly commit: string;
  readonly configDigest: ConfigDigest;
}

/** The files of the configuration directory that loadConfig reads, by name, sorted. */
export function configFiles(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter(
      (f) =>
        f === ORGANIZATION_FILE ||
        f.endsWith(".yaml") ||
        f.endsWith(".yml") ||
        f === LEDGER_FILE ||
        f === ADOPTION_FILE,
    )
    .sort();
}

/** The digest of the configuration files in `dir`, as CONFIG_DIGEST_METHOD describes. */
export function configDigest(dir: string): ConfigDigest {
  const files = configFiles(dir);
  const hash = createHash("sha256");
  for (const file of files) {
    hash.update(file);
    hash.update("\0");
    hash.update(fs.readFileSync(path.join(dir, file)));
    hash.update("\0");
  }
  return { value: `sha256:${hash.digest("hex")}`, files, method: CONFIG_DIGEST_METHOD };
}

/** The commit checked out in `dir`, `-dirty` when its work tree has changes, or `unknown` outside a git tree. */
export function gitCommit(dir: string): string {
  const git = (...args: string[]) =>
    execFileSync("git", args, { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  try {
    const head = git("rev-parse", "HEAD");
    return git("status", "--porcelain") === "" ? head : `${head}-dirty`;
  } catch {
    // Not a git tree (an exported copy), or git is not installed: the digest still identifies the configuration.
    return "unknown";
  }
}

/** The provenance of a binder made now from the code in `codeDir` and the configuration in `configDir`. */
export function binderProvenance(codeDir: string, configDir: string): BinderProvenance {
  return { commit: gitCommit(codeDir), configDigest: configDigest(configDir) };
}

/** The text a member account without a known ID is listed with. */
export const NO_ACCOUNT_ID = "not yet created";

/** The management account exists before the landing zone does; without adopted.json its ID is just not recorded. */
export const NO_MANAGEMENT_ID = "not recorded";

/** One account in scope. */
export interface ScopedAccount {
  readonly name: string;
  /** The 12-digit ID from adopted.json (make adopt), else NO_ACCOUNT_ID (NO_MANAGEMENT_ID for the management account). */
  readonly id: string;
  /** The OU path, `Root` for the management account, `Suspended` for an account removed from organization.yaml. */
  readonly ou: string;
  readonly environment?: string;
  /** Whether the account is in an environment that holds PHI. */
  readonly phi: boolean;
}

/**
 * The accounts in scope: the management account, every configured account and every suspended one, with the ID
 * adopted.json records for it. The ledger records names and emails only; Terraform state holds the IDs of accounts
 * the landing zone created, which the binder does not read (it runs without AWS access).
 */
export function accountsInScope(config: LandingZoneConfig): ScopedAccount[] {
  const adoption = config.adoption;
  const idOf = (name: string) => adoption?.accounts[name]?.id ?? NO_ACCOUNT_ID;
  const management = adoption?.organization.managementAccountId ?? NO_MANAGEMENT_ID;
  return [
    { name: MANAGEMENT_ACCOUNT_NAME, id: management, ou: "Root", phi: false },
    ...config.organization.accounts.map((a) => {
      const env = environmentOf(config, a.name);
      return {
        name: a.name,
        id: idOf(a.name),
        ou: a.ou,
        ...(env ? { environment: env.name } : {}),
        phi: env?.phi ?? false,
      };
    }),
    ...(config.suspendedAccounts ?? []).map((a) => ({
      name: a.name,
      id: idOf(a.name),
      ou: SUSPENDED_OU,
      phi: false,
    })),
  ];
}
