// The local emulator: its compatibility patches (local/moto_compat.py) make the APIs the stacks need behave as
// AWS documents them, and it refuses to share a port with a process the repo did not start.
import * as net from "net";
import {
  CreateAccountCommand,
  CreateOrganizationCommand,
  EnableAWSServiceAccessCommand,
  ListDelegatedServicesForAccountCommand,
  OrganizationsClient,
  RegisterDelegatedAdministratorCommand,
} from "@aws-sdk/client-organizations";
import {
  DisableOrganizationAdminAccountCommand,
  EnableOrganizationAdminAccountCommand,
  ListOrganizationAdminAccountsCommand,
  SecurityHubClient,
} from "@aws-sdk/client-securityhub";
import { ensureEmulator, emulatorPaths, stopEmulator } from "../../src/deploy/emulator";
import { clientConfig, freePort, localDir } from "../helpers/emulator";

jest.setTimeout(60_000);
const paths = emulatorPaths(localDir());
let endpoint: string;

beforeAll(async () => {
  endpoint = (await ensureEmulator(await freePort(), paths)).endpoint;
});
afterAll(() => stopEmulator(paths));

it("accepts the delegated-admin and trusted-access principals AWS accepts, and Security Hub admin list/disable", async () => {
  const orgs = new OrganizationsClient(clientConfig(endpoint));
  await orgs.send(new CreateOrganizationCommand({ FeatureSet: "ALL" }));
  const created = await orgs.send(
    new CreateAccountCommand({ AccountName: "security-tooling", Email: "st@example.org" }),
  );
  const accountId = created.CreateAccountStatus!.AccountId!;
  await orgs.send(
    new EnableAWSServiceAccessCommand({ ServicePrincipal: "malware-protection.guardduty.amazonaws.com" }),
  );
  for (const principal of [
    "config.amazonaws.com",
    "cloudtrail.amazonaws.com",
    "securityhub.amazonaws.com",
    "sso.amazonaws.com",
  ]) {
    await orgs.send(
      new RegisterDelegatedAdministratorCommand({ AccountId: accountId, ServicePrincipal: principal }),
    );
  }
  const { DelegatedServices } = await orgs.send(
    new ListDelegatedServicesForAccountCommand({ AccountId: accountId }),
  );
  expect(DelegatedServices!.map((s) => s.ServicePrincipal).sort()).toEqual([
    "cloudtrail.amazonaws.com",
    "config.amazonaws.com",
    "securityhub.amazonaws.com",
    "sso.amazonaws.com",
  ]);

  const hub = new SecurityHubClient(clientConfig(endpoint));
  expect((await hub.send(new ListOrganizationAdminAccountsCommand({}))).AdminAccounts).toEqual([]);
  await hub.send(new EnableOrganizationAdminAccountCommand({ AdminAccountId: accountId }));
  expect((await hub.send(new ListOrganizationAdminAccountsCommand({}))).AdminAccounts).toEqual([
    { AccountId: accountId, Status: "ENABLED" },
  ]);
  await hub.send(new DisableOrganizationAdminAccountCommand({ AdminAccountId: accountId }));
  expect((await hub.send(new ListOrganizationAdminAccountsCommand({}))).AdminAccounts).toEqual([]);
});

it("reuses its own running emulator", async () => {
  const again = await ensureEmulator(Number(new URL(endpoint).port), paths);
  expect(again).toMatchObject({ endpoint, started: false });
});

it("refuses a port held by a process it did not start", async () => {
  const server = net.createServer();
  const port = await new Promise<number>((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve((server.address() as net.AddressInfo).port)),
  );
  try {
    await expect(ensureEmulator(port, emulatorPaths(localDir()))).rejects.toThrow(
      `Port ${port} on 127.0.0.1 is in use by a process this repo did not start; stop it or set LZ_LOCAL_PORT to a free port.`,
    );
  } finally {
    server.close();
  }
});
