"""Starts the local AWS emulator (moto_server) with the landing zone's compatibility patches applied.

Usage: python3 local/emulator.py --port 4566   (binds 127.0.0.1 only)
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

# AWS managed policies (AdministratorAccess, ReadOnlyAccess, ...) exist in every AWS account; moto loads them only
# when asked (about 80 ms per account). make bootstrap's pipeline roles attach them.
os.environ.setdefault("MOTO_IAM_LOAD_MANAGED_POLICIES", "true")

import moto_compat  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=4566)
    args = parser.parse_args()
    patches = moto_compat.apply()
    print(f"lz-emulator: moto with patches: {', '.join(patches)}", flush=True)
    from moto.server import main as moto_main
    from werkzeug.serving import WSGIRequestHandler

    # HTTP/1.1 keep-alive: with the development server's default (HTTP/1.0, a new connection per request),
    # concurrent Terraform runs sometimes lose a response and the SDK's retry repeats a create that succeeded.
    WSGIRequestHandler.protocol_version = "HTTP/1.1"

    moto_main(["-H", "127.0.0.1", "-p", str(args.port)])


if __name__ == "__main__":
    main()
