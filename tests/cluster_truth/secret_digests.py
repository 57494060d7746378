"""Reads a secret with the official Python client, as the guide does, and
prints its type and the sha256 of each decoded value (never the values).

usage: python secret_digests.py NAMESPACE NAME   (KUBECONFIG selects the user)
"""
import base64
import hashlib
import json
import sys

from kubernetes import client, config


def main() -> None:
    namespace, name = sys.argv[1], sys.argv[2]
    config.load_kube_config()
    v1 = client.CoreV1Api()
    secret = v1.read_namespaced_secret(name=name, namespace=namespace)
    digests = {
        key: hashlib.sha256(base64.b64decode(value)).hexdigest()
        for key, value in (secret.data or {}).items()
    }
    print(json.dumps({"type": secret.type, "digests": digests}))


if __name__ == "__main__":
    main()
