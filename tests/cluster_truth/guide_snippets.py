"""The Python-client guide's snippets (shared/seed-guide.md), run against the
test cluster, in a namespace of the test's choosing.

usage: python guide_snippets.py NAMESPACE create|read|patch|list|digests NAME
Prints JSON with digests, never values.
"""
import base64
import hashlib
import json
import sys

from kubernetes import client, config


def digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def main() -> None:
    namespace, action, name = sys.argv[1], sys.argv[2], sys.argv[3]
    config.load_kube_config()
    v1 = client.CoreV1Api()

    if action == "create":  # "Creating a Secret"
        secret = client.V1Secret(
            metadata=client.V1ObjectMeta(name=name, namespace=namespace),
            type="Opaque",
            data={
                "username": base64.b64encode(b"admin").decode(),
                "password": base64.b64encode(b"s3cr3t-db-pass").decode(),
                "connection-string": base64.b64encode(
                    b"postgresql://admin:s3cr3t-db-pass@postgres:5432/mydb"
                ).decode(),
            },
        )
        v1.create_namespaced_secret(namespace=namespace, body=secret)
        print(json.dumps({"created": name}))
    elif action == "read":  # "Reading a Secret"
        secret = v1.read_namespaced_secret(name=name, namespace=namespace)
        username = base64.b64decode(secret.data["username"]).decode()
        password = base64.b64decode(secret.data["password"]).decode()
        print(json.dumps({"username": digest(username.encode()), "password": digest(password.encode())}))
    elif action == "patch":  # "Updating a Secret"
        patch = {"data": {"password": base64.b64encode(b"new-rotated-password").decode()}}
        v1.patch_namespaced_secret(name=name, namespace=namespace, body=patch)
        print(json.dumps({"patched": name}))
    elif action == "list":  # "Listing Secrets"
        secrets = v1.list_namespaced_secret(namespace=namespace)
        print(json.dumps([{"name": s.metadata.name, "type": s.type} for s in secrets.items]))
    elif action == "digests":
        secret = v1.read_namespaced_secret(name=name, namespace=namespace)
        print(json.dumps({k: digest(base64.b64decode(v)) for k, v in (secret.data or {}).items()}))
    else:
        raise SystemExit(f"unknown action {action}")


if __name__ == "__main__":
    main()
