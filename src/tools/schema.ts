// `npm run schema`: writes schema/*.json from the zod schema. A unit test fails when the committed files are stale.
import * as fs from "fs";
import * as path from "path";
import { runCli } from "../cli";
import { renderJsonSchema, SCHEMA_FILES } from "../config/json-schema";
import { REPO_ROOT } from "../deploy/terraform-env";

runCli(() => {
  for (const file of Object.keys(SCHEMA_FILES) as Array<keyof typeof SCHEMA_FILES>) {
    const target = path.join(REPO_ROOT, "schema", file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, renderJsonSchema(file));
    console.log(`wrote ${path.relative(process.cwd(), target)}`);
  }
});
