#!/bin/sh
# Regenerates the SSH test keys and the fingerprints `ssh-keygen -lf` prints
# for them (the tests compare against fingerprints.txt). Test-only keys.
set -eu
cd "$(dirname "$0")"
rm -f id_* fingerprints.txt
ssh-keygen -q -t ed25519 -N '' -C 'alice@example.com' -f id_ed25519
ssh-keygen -q -t rsa -b 2048 -N '' -C 'rsa openssh' -f id_rsa
ssh-keygen -q -t rsa -b 2048 -m PEM -N '' -C 'rsa pem' -f id_rsa_pem
ssh-keygen -q -t ecdsa -b 256 -N '' -C 'ecdsa 256' -f id_ecdsa
ssh-keygen -q -t ecdsa -b 384 -N '' -C 'ecdsa 384' -f id_ecdsa384
ssh-keygen -q -t ecdsa -b 256 -m PEM -N '' -C '' -f id_ecdsa_pem
ssh-keygen -q -t ed25519 -N 'correct horse' -C 'encrypted key' -f id_ed25519_encrypted
ssh-keygen -q -t rsa -b 2048 -m PKCS8 -N '' -C '' -f id_rsa_pkcs8
ssh-keygen -q -t ecdsa -b 384 -m PKCS8 -N '' -C '' -f id_ecdsa_pkcs8
# A legacy PEM key with a passphrase: its public half is encrypted too.
ssh-keygen -q -t rsa -b 2048 -m PEM -N 'correct horse' -C '' -f id_rsa_pem_encrypted
for k in id_ed25519 id_rsa id_rsa_pem id_ecdsa id_ecdsa384 id_ecdsa_pem id_ed25519_encrypted id_rsa_pem_encrypted \
    id_rsa_pkcs8 id_ecdsa_pkcs8; do
  echo "$k $(ssh-keygen -lf "$k.pub")" >> fingerprints.txt
done
