// Proves a refactor changes no infrastructure: synthesizes the example configuration from a git ref (default
// HEAD) and from the working tree, for real AWS and for the emulator, and compares every file byte for byte.
// Usage: npm run synth:compare [-- <ref>]. Exit 0 when identical, 1 with the differing files listed.
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runCli } from "../cli";
import { LandingZoneError } from "../config/errors";

/** The two targets a synth can be for; the emulator one points at a fixed endpoint so output is comparable. */
const TARGETS: Record<string, NodeJS.ProcessEnv> = {
  aws: {},
  local: { LZ_LOCAL_ENDPOINT: "http://127.0.0.1:4566", LZ_LOCAL_STATE_DIR: "/lz-state" },
};

/** Every file under `dir`, relative to it, sorted. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

/** Synthesizes the app in `root` into `outdir` for one target; throws with the app's stderr on failure. */
function synthesize(root: string, outdir: string, targetEnv: NodeJS.ProcessEnv): void {
  // Only the target's own settings decide local mode: an LZ_LOCAL_ENDPOINT in the caller's shell is left out.
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => key !== "LZ_LOCAL_ENDPOINT"),
  );
  const env = { ...inherited, ...targetEnv, CDKTF_OUTDIR: outdir };
  const result = spawnSync("node", ["-r", "./src/tools/register.js", "main.ts"], {
    cwd: root,
    env,
    encoding: "utf8",
  });
  if (result.status !== 0) {
    throw new LandingZoneError(`synth in ${root} failed:\n${result.stderr}`);
  }
}

/** The files that differ between two synth output directories (missing on either side counts). */
export function differingFiles(before: string, after: string): string[] {
  const names = [...new Set([...filesUnder(before), ...filesUnder(after)])].sort();
  return names.filter((name) => {
    const a = path.join(before, name);
    const b = path.join(after, name);
    if (!fs.existsSync(a) || !fs.existsSync(b)) return true;
    return !fs.readFileSync(a).equals(fs.readFileSync(b));
  });
}

function main(): void {
  const ref = process.argv[2] ?? "HEAD";
  const repo = process.cwd();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "lz-synth-compare-"));
  const worktree = path.join(scratch, "base");
  execFileSync("git", ["worktree", "add", "--detach", "--quiet", worktree, ref], { cwd: repo });
  try {
    fs.symlinkSync(path.join(repo, "node_modules"), path.join(worktree, "node_modules"));
    let differences = 0;
    for (const [name, env] of Object.entries(TARGETS)) {
      const before = path.join(scratch, `${name}-before`);
      const after = path.join(scratch, `${name}-after`);
      synthesize(worktree, before, env);
      synthesize(repo, after, env);
      const differing = differingFiles(before, after);
      const count = filesUnder(after).length;
      if (differing.length === 0) {
        process.stdout.write(`${name}: ${count} files identical to ${ref}\n`);
      } else {
        differences += differing.length;
        process.stdout.write(`${name}: ${differing.length} files differ from ${ref}:\n`);
        for (const file of differing) process.stdout.write(`  ${file}\n`);
      }
    }
    if (differences > 0) process.exitCode = 1;
  } finally {
    execFileSync("git", ["worktree", "remove", "--force", worktree], { cwd: repo });
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

if (require.main === module) runCli(main);
