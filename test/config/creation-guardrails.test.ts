// Validation of the creation guardrails' one per-environment switch, codeSigning: required by default where PHI is,
// never optional there (exact message), and the accounts lz-phi-creation requires signing in follow it.
import { codeSigningAccounts } from "../../src/config/model";
import { configIssues, DEV_YAML, fixture, PROD_YAML, validConfig } from "../helpers/config-fixture";

describe("codeSigning", () => {
  it("requires code signing in PHI environments by default, and nowhere else unless set", () => {
    expect(codeSigningAccounts(validConfig({ "dev.yaml": DEV_YAML }))).toEqual(["phi-prod"]);
    expect(
      codeSigningAccounts(validConfig({ "dev.yaml": `${DEV_YAML}codeSigning: required\n` })).sort(),
    ).toEqual(["network", "phi-prod"]);
  });

  it("refuses a PHI environment that turns code signing off, naming the guardrail and the section", () => {
    expect(configIssues(fixture({ "prod.yaml": `${PROD_YAML}codeSigning: optional\n` }))).toEqual([
      'cfg/prod.yaml:5 codeSigning: received "optional"; expected "required" or no setting: environment "prod" holds PHI (phi: true), so lz-phi-creation refuses its accounts a Lambda function without a code-signing configuration (45 CFR 164.312(c)(1) integrity)',
    ]);
  });

  it("rejects a value other than required or optional", () => {
    expect(configIssues(fixture({ "prod.yaml": `${PROD_YAML}codeSigning: warn\n` }))).toEqual([
      'cfg/prod.yaml:5 codeSigning: received "warn"; expected one of required, optional',
    ]);
  });
});
