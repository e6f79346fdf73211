// The committed JSON Schemas are generated from the zod schema; this fails when someone changes one without the
// other (run `make schema`).
import * as fs from "fs";
import * as path from "path";
import { renderJsonSchema, SCHEMA_FILES } from "../../src/config/json-schema";

describe("schema/", () => {
  it.each(Object.keys(SCHEMA_FILES) as Array<keyof typeof SCHEMA_FILES>)("%s is up to date", (file) => {
    const committed = fs.readFileSync(path.join(__dirname, "..", "..", "schema", file), "utf8");
    expect(committed).toBe(renderJsonSchema(file));
  });

  it("lets editors complete region codes and knows the key names tools rely on", () => {
    const org = JSON.parse(renderJsonSchema("organization.schema.json"));
    expect(org.properties.regions.items.enum).toContain("us-east-1");
    expect(org.properties.accounts.items.required).toEqual(["name", "email", "ou"]);
    expect(org.additionalProperties).toBe(false);
    const env = JSON.parse(renderJsonSchema("environment.schema.json"));
    expect(env.required).toEqual(["name", "phi", "accounts", "cidr"]);
  });

  it("is referenced from every shipped YAML file", () => {
    const dir = path.join(__dirname, "..", "..", "environments");
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".yaml"))) {
      const schema = file === "organization.yaml" ? "organization" : "environment";
      expect([file, fs.readFileSync(path.join(dir, file), "utf8").split("\n")[0]]).toEqual([
        file,
        `# yaml-language-server: $schema=../schema/${schema}.schema.json`,
      ]);
    }
  });
});
