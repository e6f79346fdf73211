// docs/configuration.md's key tables are the schema's own: a key, a description or a default changed in
// src/config/schema.ts without `npm run docs` fails here.
import * as fs from "fs";
import * as path from "path";
import { CONFIGURATION_MARKERS, CONFIGURATION_PAGE, configurationTable } from "../../src/config/config-docs";
import { normalizedMarkdown, sectionOf } from "../../src/config/generated-section";

const page = fs.readFileSync(path.join(__dirname, "..", "..", CONFIGURATION_PAGE), "utf8");

it.each(["organization.schema.json", "environment.schema.json"] as const)(
  "the %s table is current",
  (file) => {
    expect(normalizedMarkdown(sectionOf(page, CONFIGURATION_MARKERS[file], CONFIGURATION_PAGE))).toEqual(
      normalizedMarkdown(configurationTable(file)),
    );
  },
);

it("states each default once, as the schema has it: values from .default, computed ones from @default notes", () => {
  const rows = normalizedMarkdown(configurationTable("organization.schema.json"));
  expect(rows).toContain(
    "|`limits.scpMaxPerTarget`|no|Most SCPs attached directly to one target, FullAWSAccess included (AWS's quota).|`10`|",
  );
  expect(rows).toContain(
    "|`logArchive.replicationRegion`|no|Where the archive is replicated.|the first governed region other than homeRegion|",
  );
  expect(rows).toContain(
    "|`state.bucket`|yes|S3 bucket for Terraform state (created by the bootstrap step).||",
  );
  // An inline policy's IAM grammar has no descriptions and adds no rows.
  expect(rows.some((r) => r.includes("inlinePolicy.Statement"))).toBe(false);
});
