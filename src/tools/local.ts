// `make local`: validates the configuration, starts the local emulator, synthesizes for it and applies every
// stack in dependency order with local state, then prints what exists. Safe to run again: unchanged
// configuration applies as no changes.
import * as fs from "fs";
import * as path from "path";
import { App } from "cdktf";
import { buildLandingZone } from "../app";
import { runCli } from "../cli";
import { LandingZoneError } from "../config/errors";
import { loadConfig } from "../config/load";
import { ensureEmulator, emulatorPaths } from "../deploy/emulator";
import { DEFAULT_LOCAL_PORT } from "../deploy/target";
import { stacksInOrder, stateResources, terraformOrThrow } from "../deploy/terraform";

/** LZ_LOCAL_PORT, validated. */
function localPort(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.LZ_LOCAL_PORT;
  if (raw === undefined || raw === "") return DEFAULT_LOCAL_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1024 || port > 65535) {
    throw new LandingZoneError(
      `LZ_LOCAL_PORT: received "${raw}"; expected a whole number from 1024 to 65535`,
    );
  }
  return port;
}

/** Adds where to look next to an apply failure: the emulator's own log names an API it lacks. */
async function withEmulatorHint<T>(logFile: string, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (!(error instanceof LandingZoneError)) throw error;
    throw new LandingZoneError(
      `${error.message}\n\nThe emulator's log is ${logFile}. A 404 or 500 there usually means an API moto 5.2.1 lacks; ` +
        "README.md (Local emulator) lists the known gaps and the compatibility patches.",
    );
  }
}

function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)}s`;
}

runCli(async () => {
  const started = Date.now();
  const config = loadConfig();
  const port = localPort();
  const paths = emulatorPaths();
  const emulator = await ensureEmulator(port, paths);
  const stateDir = path.join(paths.dir, "state");
  if (emulator.started) {
    // A new emulator holds no resources; state from an earlier one would describe things that no longer exist.
    fs.rmSync(stateDir, { recursive: true, force: true });
  }
  fs.mkdirSync(stateDir, { recursive: true });
  console.log(
    `emulator: ${emulator.started ? "started" : "already running"} at ${emulator.endpoint} (pid ${emulator.pid})`,
  );

  const outdir = path.join(paths.dir, "cdktf.out");
  fs.rmSync(outdir, { recursive: true, force: true });
  const app = new App({ outdir, skipValidation: false });
  buildLandingZone(app, config, { mode: "local", endpoint: emulator.endpoint, stateDir });
  app.synth();
  const stacks = stacksInOrder(outdir);
  console.log(`synth: ${stacks.length} stack(s) in ${seconds(started)}`);

  const logDir = path.join(paths.dir, "logs");
  fs.mkdirSync(logDir, { recursive: true });
  const summary: string[] = [];
  for (const stack of stacks) {
    const t = Date.now();
    await terraformOrThrow(stack.dir, ["init", "-input=false", "-no-color"], `init of stack ${stack.name}`);
    const apply = await withEmulatorHint(paths.logFile, () =>
      terraformOrThrow(
        stack.dir,
        ["apply", "-auto-approve", "-input=false", "-no-color"],
        `apply of stack ${stack.name} to the emulator`,
      ),
    );
    fs.writeFileSync(path.join(logDir, `${stack.name}.apply.log`), apply.stdout);
    const outcome = /Apply complete! Resources: (\d+) added, (\d+) changed, (\d+) destroyed/.exec(
      apply.stdout,
    );
    const result = outcome
      ? `${outcome[1]} added, ${outcome[2]} changed, ${outcome[3]} destroyed`
      : "no changes";
    console.log(`apply: ${stack.name}: ${result} (${seconds(t)})`);

    const byType = new Map<string, number>();
    for (const resource of await stateResources(stack.dir))
      byType.set(resource.type, (byType.get(resource.type) ?? 0) + 1);
    const total = [...byType.values()].reduce((a, b) => a + b, 0);
    summary.push(`  ${stack.name}: ${total} resources`);
    for (const [type, count] of [...byType].sort()) summary.push(`    ${String(count).padStart(3)} ${type}`);
  }

  const region = config.organization.homeRegion;
  console.log(
    [
      "",
      `Local landing zone "${config.organization.name}" is up (${seconds(started)}). What exists in the emulator:`,
      ...summary,
      "Planned but not applied locally (the emulator lacks the API): none",
      "",
      "Inspect it:",
      `  AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test aws --endpoint-url ${emulator.endpoint} --region ${region} organizations list-accounts`,
      `  boto3: boto3.client("organizations", endpoint_url="${emulator.endpoint}", region_name="${region}", aws_access_key_id="test", aws_secret_access_key="test")`,
      "Stop it and remove local state: make local-down",
    ].join("\n"),
  );
});
