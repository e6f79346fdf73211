"""Compatibility patches for moto 5.2.1, applied only inside the local emulator (local/emulator.py).

Each patch fills a gap between moto and real AWS that the landing zone's stacks hit; each is the smallest change
that lets the real Terraform resource apply and read back. Nothing here is on the real deploy path: real AWS
runs none of this. test/local/emulator.test.ts checks every patch through the AWS API.

Patches:
  1. organizations-delegated-admin-principals: AWS accepts config.amazonaws.com, cloudtrail.amazonaws.com,
     securityhub.amazonaws.com and sso.amazonaws.com as delegated-administrator principals; moto 5.2.1 does not.
  2. organizations-trusted-access-principals: AWS accepts malware-protection.guardduty.amazonaws.com for trusted
     access (GuardDuty Malware Protection across the organization); moto 5.2.1 does not.
  3. securityhub-list-disable-admin: moto 5.2.1 implements EnableOrganizationAdminAccount but not
     ListOrganizationAdminAccounts or DisableOrganizationAdminAccount, which the AWS provider uses to read and
     delete aws_securityhub_organization_admin_account.
"""
import json

PATCHES = [
    "organizations-delegated-admin-principals",
    "organizations-trusted-access-principals",
    "securityhub-list-disable-admin",
]


def _patch_organizations():
    from moto.organizations import models

    for principal in [
        "cloudtrail.amazonaws.com",
        "config.amazonaws.com",
        "securityhub.amazonaws.com",
        "sso.amazonaws.com",
    ]:
        if principal not in models.FakeDelegatedAdministrator.SUPPORTED_SERVICES:
            models.FakeDelegatedAdministrator.SUPPORTED_SERVICES.append(principal)
    if "malware-protection.guardduty.amazonaws.com" not in models.FakeServiceAccess.TRUSTED_SERVICES:
        models.FakeServiceAccess.TRUSTED_SERVICES.append("malware-protection.guardduty.amazonaws.com")


def _patch_securityhub():
    from moto.securityhub import models, responses, urls

    def list_organization_admin_accounts(self):
        config = self._get_org_config()
        admin = config.get("admin_account_id")
        return [{"AccountId": admin, "Status": "ENABLED"}] if admin else []

    def disable_organization_admin_account(self, admin_account_id):
        config = self._get_org_config()
        if config.get("admin_account_id") == admin_account_id:
            config["admin_account_id"] = None

    models.SecurityHubBackend.list_organization_admin_accounts = list_organization_admin_accounts
    models.SecurityHubBackend.disable_organization_admin_account = disable_organization_admin_account

    def list_response(self):
        accounts = self.securityhub_backend.list_organization_admin_accounts()
        return json.dumps({"AdminAccounts": accounts})

    def disable_response(self):
        params = json.loads(self.body)
        self.securityhub_backend.disable_organization_admin_account(params.get("AdminAccountId"))
        return json.dumps({})

    responses.SecurityHubResponse.list_organization_admin_accounts = list_response
    responses.SecurityHubResponse.disable_organization_admin_account = disable_response
    urls.url_paths["{0}/organization/admin$"] = responses.SecurityHubResponse.dispatch
    urls.url_paths["{0}/organization/admin/disable$"] = responses.SecurityHubResponse.dispatch


def apply():
    """Applies every patch; returns their names."""
    _patch_organizations()
    _patch_securityhub()
    return list(PATCHES)
