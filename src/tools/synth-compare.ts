// Proves a refactor changes no infrastructure: synthesizes the example configuration from a git ref (default
// HEAD) and from the working tree, for real AWS and for the emulator, and compares every file byte for byte.
// Usage: npm run synth:compare [-- <ref>]. Exit 0 when identical, 1 with the differing files listed.
import * as fs from "fs";
import * as path from "path";
import { runCli } from "../cli";
import { SYNTH_TARGETS, synthesizeIn, withRefWorktree } from "./synth-ref";

/** Every file under `dir`, relative to it, sorted. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
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
  let differences = 0;
  withRefWorktree(ref, (worktree, scratch) => {
    for (const [name, env] of Object.entries(SYNTH_TARGETS)) {
      const before = path.join(scratch, `${name}-before`);
      const after = path.join(scratch, `${name}-after`);
      synthesizeIn(worktree, before, env);
      synthesizeIn(process.cwd(), after, env);
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
  });
  if (differences > 0) process.exitCode = 1;
}

if (require.main === module) runCli(main);
