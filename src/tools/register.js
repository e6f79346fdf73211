// Transpile-only TypeScript loader for the CDKTF app and the repo's tools: synth must start fast, so type
// checking is a separate step (`npm run typecheck`). swc strips types without reading the whole program.
require("ts-node").register({ transpileOnly: true, swc: true, compilerOptions: { module: "commonjs" } });
