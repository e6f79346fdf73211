// Generates the JSON Schemas in schema/ from the zod schema, so editors autocomplete and check the YAML files
// with exactly the rules validation applies.
import { z } from "zod";
import { EnvironmentSchema, OrganizationSchema } from "./schema";

/** The committed schema files and what each is generated from. */
export const SCHEMA_FILES = {
  "organization.schema.json": {
    schema: OrganizationSchema,
    title: "Landing zone organization (environments/organization.yaml)",
  },
  "environment.schema.json": {
    schema: EnvironmentSchema,
    title: "Landing zone environment (environments/<name>.yaml)",
  },
} as const;

/** The JSON text of one schema file, as committed. */
export function renderJsonSchema(file: keyof typeof SCHEMA_FILES): string {
  const { schema, title } = SCHEMA_FILES[file];
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" });
  return `${JSON.stringify({ title, ...json }, null, 2)}\n`;
}
