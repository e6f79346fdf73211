// Transpile-only TypeScript loader for the CDKTF app and the repo's tools (`node -r ./src/tools/register.js`):
// every command starts through it, so it must start fast; type checking is a separate step (`npm run typecheck`).
// swc strips the types of one file at a time, and the result is kept on disk, so a command transpiles only the
// files that changed since the last run. It replaces ts-node, which loaded the TypeScript compiler on every
// start and mapped every stack trace through source-map-support: cdktf captures a stack trace per token, and
// those two cost about half of a validate or synth (3.3 s → 1.7 s for `npm run validate`, measured 2026-12-05).
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");
const swc = require("@swc/core");

const REPO_ROOT = path.join(__dirname, "..", "..");

/**
 * The swc options ts-node derived from tsconfig.json (the same emit, so nothing changes for the code): the
 * target, the interop and the class-field semantics are read from there, so tsconfig.json stays their one home.
 */
function swcOptions() {
  const { compilerOptions } = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "tsconfig.json"), "utf8"));
  const target = String(compilerOptions.target).toLowerCase();
  if (!/^es(20\d\d|next)$/.test(target)) {
    throw new Error(
      `tsconfig.json compilerOptions.target: received "${compilerOptions.target}"; expected ES2015 or later`,
    );
  }
  return {
    swcrc: false,
    sourceMaps: "inline",
    module: {
      type: "commonjs",
      noInterop: !compilerOptions.esModuleInterop,
      strictMode: true,
      ignoreDynamic: false,
    },
    jsc: {
      parser: { syntax: "typescript", tsx: false, dynamicImport: true },
      target,
      // TypeScript's default: [[Define]] semantics from ES2022 on.
      transform: { useDefineForClassFields: compilerOptions.useDefineForClassFields ?? target >= "es2022" },
      keepClassNames: true,
    },
  };
}

const OPTIONS = swcOptions();

/**
 * What a transpiled file depends on besides its own path and text: this loader's source (its options and the way
 * it post-processes, so editing it invalidates every entry), the options read from tsconfig.json and the swc
 * version. With the file's absolute path (it is in the source map) and its text, that is every input of
 * `transformSync`, so an entry can only be served for exactly the code it was made from.
 */
const KEY_BASE = crypto
  .createHash("sha256")
  .update(fs.readFileSync(__filename))
  .update(JSON.stringify(OPTIONS))
  .update(swc.version)
  .digest("hex");

/** node_modules/.cache: removed with node_modules, so `npm ci` starts it empty; one entry per source file. */
const CACHE_DIR = path.join(REPO_ROOT, "node_modules", ".cache", "lz-register");

/** Compiled code by file name, for mapping stack frames back to the TypeScript lines on demand. */
const compiled = new Map();

/** The JavaScript for `filename` (whose text is `source`): from the cache when its key matches, else from swc. */
function transpile(filename, source) {
  const key = crypto
    .createHash("sha256")
    .update(KEY_BASE)
    .update(filename)
    .update("\0")
    .update(source)
    .digest("hex");
  const header = `// lz-register ${key}\n`;
  const entry = path.join(CACHE_DIR, `${crypto.createHash("sha256").update(filename).digest("hex")}.js`);
  try {
    const cached = fs.readFileSync(entry, "utf8");
    if (cached.startsWith(header)) return cached.slice(header.length);
  } catch {
    // No entry yet.
  }
  const { code } = swc.transformSync(source, { ...OPTIONS, filename });
  try {
    // Written whole under a private name, then renamed: a reader in another process sees the old entry or the
    // new one, never half of one. A cache that cannot be written (a read-only checkout) only costs the speed.
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    const partial = `${entry}.${process.pid}`;
    fs.writeFileSync(partial, header + code);
    fs.renameSync(partial, entry);
  } catch {
    // Uncached.
  }
  return code;
}

require.extensions[".ts"] = function loadTypeScript(module, filename) {
  const code = transpile(filename, fs.readFileSync(filename, "utf8"));
  compiled.set(filename, code);
  module._compile(code, filename);
};

/** Parsed source maps by file name, read from the compiled code the first time a frame in it is printed. */
const maps = new Map();

function sourceMapOf(filename) {
  if (!maps.has(filename)) {
    const code = compiled.get(filename);
    const marker = "//# sourceMappingURL=data:application/json;base64,";
    const at = code.lastIndexOf(marker);
    maps.set(
      filename,
      at < 0
        ? undefined
        : new (require("module").SourceMap)(
            JSON.parse(Buffer.from(code.slice(at + marker.length), "base64").toString()),
          ),
    );
  }
  return maps.get(filename);
}

/**
 * Stack traces name the TypeScript line (a bug report must point at the source), as V8 formats them otherwise.
 * Only frames in files this loader compiled are looked up, and each file's map is parsed only when one of its
 * frames is first printed: the thousands of traces cdktf captures cost little more than V8's own formatting.
 */
Error.prepareStackTrace = function prepareStackTrace(error, frames) {
  let header;
  try {
    header = Error.prototype.toString.call(error);
  } catch {
    header = "Error";
  }
  return (
    header +
    frames
      .map((frame) => {
        const text = frame.toString();
        const filename = frame.getFileName();
        if (!filename || !compiled.has(filename)) return `\n    at ${text}`;
        const line = frame.getLineNumber();
        const column = frame.getColumnNumber();
        const found = sourceMapOf(filename)?.findEntry(line - 1, column - 1);
        if (!found || found.originalLine === undefined) return `\n    at ${text}`;
        const generated = `${filename}:${line}:${column}`;
        const at = text.lastIndexOf(generated);
        const original = `${filename}:${found.originalLine + 1}:${found.originalColumn + 1}`;
        return `\n    at ${at < 0 ? text : text.slice(0, at) + original + text.slice(at + generated.length)}`;
      })
      .join("")
  );
};
