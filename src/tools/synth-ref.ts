// Synthesizes the landing zone as a git ref has it (its code and its environments/), in a scratch worktree: the
// base side of `npm run synth:compare` and of the pull-request plan's changed-stacks selection.
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { LandingZoneError } from "../config/errors";

/** The two targets a synth can be for; the emulator one points at a fixed endpoint so output is comparable. */
export const SYNTH_TARGETS: Readonly<Record<string, NodeJS.ProcessEnv>> = {
  aws: {},
  local: { LZ_LOCAL_ENDPOINT: "http://127.0.0.1:4566", LZ_LOCAL_STATE_DIR: "/lz-state" },
};

/** Synthesizes the app in `root` into `outdir` for one target; throws with the app's stderr on failure. */
export function synthesizeIn(root: string, outdir: string, targetEnv: NodeJS.ProcessEnv): void {
  // Only the target's own settings decide local mode, and the ref's own environments/ its configuration: an
  // LZ_LOCAL_ENDPOINT or LZ_CONFIG_DIR in the caller's shell is left out.
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => key !== "LZ_LOCAL_ENDPOINT" && key !== "LZ_CONFIG_DIR"),
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

/**
 * Checks `ref` out in a scratch worktree (sharing this checkout's node_modules), runs `use` with its path and a
 * scratch directory, then removes both.
 */
export function withRefWorktree<T>(ref: string, use: (worktree: string, scratch: string) => T): T {
  const repo = process.cwd();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "lz-ref-"));
  const worktree = path.join(scratch, "base");
  try {
    execFileSync("git", ["worktree", "add", "--detach", "--quiet", worktree, ref], {
      cwd: repo,
      stdio: ["ignore", "ignore", "pipe"],
    });
  } catch (error) {
    fs.rmSync(scratch, { recursive: true, force: true });
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim() ?? String(error);
    throw new LandingZoneError(
      `git ref "${ref}": cannot check it out (${stderr}); expected a commit, branch or tag`,
    );
  }
  try {
    fs.symlinkSync(path.join(repo, "node_modules"), path.join(worktree, "node_modules"));
    return use(worktree, scratch);
  } finally {
    execFileSync("git", ["worktree", "remove", "--force", worktree], { cwd: repo });
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
