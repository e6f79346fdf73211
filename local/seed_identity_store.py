"""Creates Identity Center groups in the emulator's identity store, as an identity provider would through SCIM.

Usage: python3 local/seed_identity_store.py --endpoint URL --region REGION GROUP [GROUP ...]

Only `make local` runs this: on AWS the groups come from the organization's identity provider, and the
identity-center stack looks them up by display name. Prints one line: how many groups were created.
"""
import argparse

import boto3


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--region", required=True)
    parser.add_argument("groups", nargs="+")
    args = parser.parse_args()
    session = boto3.Session(aws_access_key_id="test", aws_secret_access_key="test", region_name=args.region)
    sso = session.client("sso-admin", endpoint_url=args.endpoint)
    store_id = sso.list_instances()["Instances"][0]["IdentityStoreId"]
    store = session.client("identitystore", endpoint_url=args.endpoint)
    created = 0
    for name in args.groups:
        found = store.list_groups(
            IdentityStoreId=store_id,
            Filters=[{"AttributePath": "DisplayName", "AttributeValue": name}],
        )["Groups"]
        if not found:
            store.create_group(IdentityStoreId=store_id, DisplayName=name, Description="seeded by make local")
            created += 1
    print(f"{store_id}: {created} group(s) created, {len(args.groups) - created} already there")


if __name__ == "__main__":
    main()
