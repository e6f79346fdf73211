// make preflight's Identity Center MFA line: AWS has no API that reads the setting, so the line says so, never
// passes, does not block a deploy, and names the console path and the alarms that watch it instead.
import * as path from "path";
import { loadConfig } from "../../src/config/load";
import { checkIdentityCenterMfa, failed, PreflightContext } from "../../src/tools/preflight-checks";

const example = loadConfig(path.join(__dirname, "..", "..", "environments"));

it("reports the MFA setting as not checkable, with the manual step and the alarms, and does not fail", async () => {
  const results = await checkIdentityCenterMfa({ config: example } as PreflightContext);
  expect(results).toHaveLength(1);
  expect(results[0]).toMatchObject({ check: "identity-center-mfa", status: "unchecked" });
  expect(results[0].message).toContain("AWS has no public API for them");
  expect(results[0].message).toContain("IdentityCenterSignInWithoutMfa");
  expect(results[0].fix).toBe(
    'check by hand: IAM Identity Center console in us-east-1 > Settings > Authentication > Multi-factor authentication: prompt users "Every time they sign in", and require them to register a device at sign-in (docs/identity-center.md)',
  );
  expect(failed(results)).toBe(false);
});

it("says nothing when Identity Center is not configured", async () => {
  const config = { ...example, organization: { ...example.organization, identityCenter: undefined } };
  expect(await checkIdentityCenterMfa({ config } as PreflightContext)).toEqual([]);
});
