// A workload function's code, bundled at synth: its TypeScript handler transpiled to one CommonJS file and zipped
// byte for byte the same on every synth (pinned file times), so a plan shows a code change only when the code
// changed (164.312(c)(1) integrity: what runs is what was reviewed). The AWS SDK comes from the Lambda runtime.
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import { builtinModules } from "module";
import * as path from "path";
import { Construct } from "constructs";
import { AssetType, TerraformAsset } from "cdktf";
import { transformSync } from "@swc/core";
import { constructError } from "../../src/config/errors";

/** The file Lambda loads, and the handler it calls: `index.handler`. */
export const FUNCTION_ENTRY = { file: "index.js", handler: "index.handler" } as const;

/** A fixed time for the zipped file, so equal code zips to equal bytes (zip stores each file's time). */
const PINNED_TIME = new Date("2000-01-01T00:00:00Z");

/** Whether a single-file bundle may keep an import: Node's built-ins and the AWS SDK the Lambda runtime provides. */
function runtimeProvides(name: string): boolean {
  return name.startsWith("node:") || name.startsWith("@aws-sdk/") || builtinModules.includes(name);
}

export interface FunctionCodeProps {
  /** The handler's TypeScript source, as an absolute path; it exports `handler`. */
  readonly source: string;
  /** How the source is named in errors (the configuration's path). */
  readonly sourceName: string;
}

/** A function's zipped code as a Terraform asset. */
export class FunctionCode extends Construct {
  /** The zip, as a path Terraform reads relative to the stack's directory. */
  readonly path: string;
  /** The hash Lambda is told about, so Terraform updates the code when it changes. */
  readonly hash: string;

  constructor(scope: Construct, id: string, props: FunctionCodeProps) {
    super(scope, id);
    const typescript = fs.readFileSync(props.source, "utf8");
    // Every module the file loads: import and export-from statements, dynamic imports and require calls.
    const imports = [
      ...typescript.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]/gm),
      ...typescript.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm),
      ...typescript.matchAll(/\b(?:require|import)\s*\(\s*['"]([^'"]+)['"]\s*\)/g),
    ].map((m) => m[1]);
    const foreign = imports.filter((name) => !runtimeProvides(name));
    if (foreign.length > 0) {
      throw constructError(
        this,
        `source (${props.sourceName}) imports`,
        foreign,
        "only Node's built-ins and @aws-sdk/* (the Lambda runtime's SDK): the serverless-api blueprint bundles one file",
      );
    }
    const { code } = transformSync(typescript, {
      swcrc: false,
      filename: path.basename(props.source),
      module: { type: "commonjs", strictMode: true },
      jsc: { parser: { syntax: "typescript" }, target: "es2022" },
    });
    const digest = crypto.createHash("sha256").update(code).digest("hex").slice(0, 16);
    const dir = path.join(os.tmpdir(), `lz-function-${digest}`);
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, FUNCTION_ENTRY.file);
    fs.writeFileSync(file, code);
    fs.utimesSync(file, PINNED_TIME, PINNED_TIME);
    fs.utimesSync(dir, PINNED_TIME, PINNED_TIME);
    const asset = new TerraformAsset(this, "asset", {
      path: dir,
      type: AssetType.ARCHIVE,
      assetHash: digest,
    });
    this.path = asset.path;
    this.hash = digest;
  }
}
