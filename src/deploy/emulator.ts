// Starts, finds and stops the local AWS emulator (moto with the patches in local/moto_compat.py). It listens on
// 127.0.0.1 only and holds its state in memory: a new emulator means empty AWS, so local state is reset with it.
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as path from "path";
import { LandingZoneError } from "../config/errors";
import { REPO_ROOT } from "./terraform-env";
import { emulatorPython, MOTO_VERSION } from "./toolchain";

/** Where the emulator's pid, log and local state live. */
export interface EmulatorPaths {
  /** The directory for everything local mode writes. */
  readonly dir: string;
  /** The emulator's process ID file. */
  readonly pidFile: string;
  /** The emulator's log. */
  readonly logFile: string;
}

/** The paths under LZ_LOCAL_DIR, default .lz/local (tests use their own directory to run side by side). */
export function emulatorPaths(
  dir: string = process.env.LZ_LOCAL_DIR ?? path.join(REPO_ROOT, ".lz", "local"),
): EmulatorPaths {
  return { dir, pidFile: path.join(dir, "emulator.pid"), logFile: path.join(dir, "emulator.log") };
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** True when something accepts connections on 127.0.0.1:port. */
export function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** The running emulator's pid from the pid file, when that process is alive. */
export function runningEmulatorPid(paths: EmulatorPaths): number | undefined {
  if (!fs.existsSync(paths.pidFile)) return undefined;
  const pid = Number(fs.readFileSync(paths.pidFile, "utf8").trim());
  return Number.isInteger(pid) && pid > 0 && processAlive(pid) ? pid : undefined;
}

/** What `ensureEmulator` did. */
export interface EmulatorStatus {
  /** The emulator's base URL. */
  readonly endpoint: string;
  /** True when this call started it (so AWS is empty); false when one of ours was already running. */
  readonly started: boolean;
  readonly pid: number;
}

/**
 * Starts the emulator on `port` unless ours is already running there. Refuses a port held by anything else,
 * rather than deploying into an unknown service.
 */
export async function ensureEmulator(
  port: number,
  paths: EmulatorPaths = emulatorPaths(),
): Promise<EmulatorStatus> {
  const endpoint = `http://127.0.0.1:${port}`;
  const existing = runningEmulatorPid(paths);
  if (existing !== undefined && (await portOpen(port))) return { endpoint, started: false, pid: existing };
  if (existing !== undefined) stopEmulator(paths);
  if (await portOpen(port)) {
    throw new LandingZoneError(
      `Port ${port} on 127.0.0.1 is in use by a process this repo did not start; stop it or set LZ_LOCAL_PORT to a free port.`,
    );
  }
  fs.mkdirSync(paths.dir, { recursive: true });
  const log = fs.openSync(paths.logFile, "a");
  const python = emulatorPython();
  const child = spawn(python, [path.join(REPO_ROOT, "local", "emulator.py"), "--port", String(port)], {
    detached: true,
    stdio: ["ignore", log, log],
  });
  child.unref();
  fs.closeSync(log);
  if (child.pid === undefined)
    throw new LandingZoneError(`Could not start the emulator: ${python} did not start.`);
  fs.writeFileSync(paths.pidFile, String(child.pid));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (await portOpen(port)) return { endpoint, started: true, pid: child.pid };
    if (!processAlive(child.pid)) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  stopEmulator(paths);
  const tail = fs.existsSync(paths.logFile)
    ? fs.readFileSync(paths.logFile, "utf8").split("\n").slice(-15).join("\n")
    : "";
  throw new LandingZoneError(
    `The emulator did not start on port ${port} (${python} with moto ${MOTO_VERSION} is required; npm run prereqs checks it). Its log (${paths.logFile}) ends:\n${tail}`,
  );
}

/** Stops our emulator if it runs; returns true when one was stopped. */
export function stopEmulator(paths: EmulatorPaths = emulatorPaths()): boolean {
  const pid = runningEmulatorPid(paths);
  if (fs.existsSync(paths.pidFile)) fs.rmSync(paths.pidFile);
  if (pid === undefined) return false;
  try {
    process.kill(-pid, "SIGTERM");
  } catch {
    process.kill(pid, "SIGTERM");
  }
  return true;
}

/**
 * Creates the configured Identity Center groups in the emulator's identity store (home region, management
 * account), standing in for the identity provider that provisions them on AWS. Returns the script's summary.
 */
export function seedIdentityStore(endpoint: string, region: string, groups: readonly string[]): string {
  const result = spawnSync(
    emulatorPython(),
    [
      path.join(REPO_ROOT, "local", "seed_identity_store.py"),
      "--endpoint",
      endpoint,
      "--region",
      region,
      ...groups,
    ],
    { encoding: "utf8" },
  );
  if (result.status !== 0) {
    throw new LandingZoneError(
      `Could not create the Identity Center groups in the emulator: ${(result.stderr || result.stdout).trim()}`,
    );
  }
  return result.stdout.trim();
}
