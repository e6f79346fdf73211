// Helpers for the end-to-end tier: a free loopback port, an isolated local directory, AWS SDK clients aimed at
// the emulator, and running the repo's own tools as a user would.
import { ChildProcess, spawn, spawnSync } from "child_process";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { REPO_ROOT } from "../../src/deploy/terraform-env";
import { SignatureV4 } from "@smithy/signature-v4";
import { Sha256 } from "@aws-crypto/sha256-js";

/** A port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A fresh directory for one test file's emulator pid, log and state. */
export function localDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "lz-local-"));
}

/** Client settings for the emulator: its endpoint, region and fixed test credentials. */
export function clientConfig(endpoint: string, region = "us-east-1") {
  return { endpoint, region, credentials: { accessKeyId: "test", secretAccessKey: "test" }, maxAttempts: 1 };
}

/** The result of running one of the repo's tools. */
export interface ToolResult {
  /** Exit status. */
  readonly status: number;
  /** Standard output. */
  readonly stdout: string;
  /** Standard error. */
  readonly stderr: string;
}

/** Runs src/tools/<tool>.ts the way the npm scripts do, with extra environment variables. */
export function runTool(
  tool: string,
  env: Record<string, string>,
  timeoutMs = 600_000,
  args: readonly string[] = [],
): ToolResult {
  return runScript(`src/tools/${tool}.ts`, env, timeoutMs, args);
}

/** Runs a TypeScript entry point (relative to the repo root) through the repo's transpile-only loader. */
export function runScript(
  script: string,
  env: Record<string, string>,
  timeoutMs = 600_000,
  args: readonly string[] = [],
): ToolResult {
  const result = spawnSync("node", ["-r", "./src/tools/register.js", script, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    encoding: "utf8",
    timeout: timeoutMs,
  });
  // A killed run (timeout) has no status and often no stderr: say so, or the failure reads as a silent exit 1.
  const killed = result.error ? `\n[runScript: ${script} did not finish: ${result.error.message}]` : "";
  return { status: result.status ?? 1, stdout: result.stdout, stderr: `${result.stderr ?? ""}${killed}` };
}

/** Client settings for one account in the emulator, reached the way the stacks reach it: AssumeRole. */
export async function accountClientConfig(endpoint: string, accountId: string, region = "us-east-1") {
  const sts = new STSClient(clientConfig(endpoint, region));
  const { Credentials } = await sts.send(
    new AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${accountId}:role/OrganizationAccountAccessRole`,
      RoleSessionName: "e2e",
    }),
  );
  return {
    ...clientConfig(endpoint, region),
    credentials: {
      accessKeyId: Credentials!.AccessKeyId!,
      secretAccessKey: Credentials!.SecretAccessKey!,
      sessionToken: Credentials!.SessionToken!,
    },
    forcePathStyle: true,
  };
}

/**
 * One call to CloudWatch Observability Access Manager on the emulator (patch oam-sinks-and-links), signed as the SDK
 * signs: the SDK's OAM client is published only far behind the versions of the other clients (3.332.0), and a
 * read-back needs one POST. Returns the HTTP status and the parsed body.
 */
export async function oamCall(
  endpoint: string,
  config: { credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } },
  region: string,
  operation: string,
  body: Record<string, unknown> = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const url = new URL(`${endpoint}/${operation}`);
  const payload = JSON.stringify(body);
  const signed = await new SignatureV4({
    service: "oam",
    region,
    sha256: Sha256,
    credentials: config.credentials ?? { accessKeyId: "test", secretAccessKey: "test" },
  }).sign({
    method: "POST",
    protocol: url.protocol,
    hostname: url.hostname,
    port: Number(url.port),
    path: url.pathname,
    headers: { host: url.host, "content-type": "application/json" },
    body: payload,
  });
  const response = await fetch(url, { method: "POST", headers: signed.headers, body: payload });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Starts src/tools/<tool>.ts without waiting; the promise settles with its result when it exits. */
export function startTool(
  tool: string,
  env: Record<string, string>,
  args: readonly string[] = [],
): { child: ChildProcess; result: Promise<ToolResult> } {
  const child = spawn("node", ["-r", "./src/tools/register.js", `src/tools/${tool}.ts`, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const result = new Promise<ToolResult>((resolve) =>
    child.on("close", (code) => resolve({ status: code ?? 1, stdout, stderr })),
  );
  return { child, result };
}

/** The pids of running `terraform` processes whose working directory is `dir` (Linux: /proc). */
export function terraformPidsIn(dir: string): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const command = fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
      if (path.basename(command[0]) === "terraform" && fs.readlinkSync(`/proc/${entry}/cwd`) === dir) {
        pids.push(Number(entry));
      }
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}

/** Keeps `count` cores busy (a tight loop per process) until the returned function is called. */
export function cpuHogs(count: number): () => void {
  const hogs = Array.from({ length: count }, () => spawn("node", ["-e", "for (;;) {}"], { stdio: "ignore" }));
  return () => hogs.forEach((hog) => hog.kill("SIGKILL"));
}
