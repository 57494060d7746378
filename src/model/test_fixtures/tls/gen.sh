#!/bin/sh
# Regenerates the TLS test fixtures (OpenSSL 3.0). Keys are random, so the
# expectations hard-coded in the tests (moduli, serials of openssl-ca certs,
# fingerprints) must be re-read with `openssl x509 -text` after running this.
set -eu
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# RSA 2048, self-signed, with DNS, IP, email and URI SANs; PKCS#1 and PKCS#8 key.
openssl genrsa -traditional -out rsa.pkcs1.key 2048
openssl pkcs8 -topk8 -nocrypt -in rsa.pkcs1.key -out rsa.pkcs8.key
openssl req -x509 -new -key rsa.pkcs1.key -days 36500 -set_serial 0x01a3f2 -sha256 \
  -subj "/CN=myapp.example.com/O=Acme/OU=Platform/C=US/ST=California/L=San Francisco" \
  -addext "subjectAltName=DNS:myapp.example.com,DNS:*.myapp.example.com,IP:10.0.0.1,IP:::1,IP:2001:db8::42,email:ops@example.com,URI:https://myapp.example.com/" \
  -addext "basicConstraints=critical,CA:FALSE" -out rsa.crt

# A second RSA key that matches nothing.
openssl genrsa -traditional -out other.key 2048

# EC P-256: SEC1 with its EC PARAMETERS block, PKCS#8, and SEC1 without the public point.
openssl ecparam -name prime256v1 -genkey -out ec.sec1.key
openssl pkcs8 -topk8 -nocrypt -in ec.sec1.key -out ec.pkcs8.key
openssl ec -in ec.sec1.key -no_public -out ec.nopub.key
openssl req -x509 -new -key ec.sec1.key -days 36500 -set_serial 7 -sha256 \
  -subj "/CN=ec.example.com" -addext "subjectAltName=DNS:ec.example.com" -out ec.crt

# EC P-384 certificate (key size label).
openssl ecparam -name secp384r1 -genkey -noout -out "$work/p384.key"
openssl req -x509 -new -key "$work/p384.key" -days 36500 -set_serial 8 -sha384 \
  -subj "/CN=p384.example.com" -out p384.crt

# Ed25519 (PKCS#8 v1) and the same key as PKCS#8 v2 with its public key [1].
openssl genpkey -algorithm ed25519 -out ed25519.key
openssl req -x509 -new -key ed25519.key -days 36500 -set_serial 9 \
  -subj "/CN=ed.example.com" -out ed25519.crt
seed=$(openssl pkey -in ed25519.key -outform DER | tail -c 32 | xxd -p -c 64)
pub=$(openssl pkey -in ed25519.key -pubout -outform DER | tail -c 32 | xxd -p -c 64)
{ echo "-----BEGIN PRIVATE KEY-----"
  echo "3051020101300506032b657004220420${seed}8121 00${pub}" | tr -d ' ' | xxd -r -p | base64 -w 64
  echo "-----END PRIVATE KEY-----"; } > ed25519.v2.key

# CA -> intermediate -> leaf; tls.crt order is leaf first.
openssl req -x509 -new -newkey rsa:2048 -nodes -keyout "$work/ca.key" -days 36500 -set_serial 100 \
  -subj "/CN=Keyhole Test Root CA/O=Keyhole" -addext "basicConstraints=critical,CA:TRUE" -out ca.crt
openssl req -new -newkey rsa:2048 -nodes -keyout "$work/int.key" \
  -subj "/CN=Keyhole Test Intermediate CA/O=Keyhole" -out "$work/int.csr"
printf 'basicConstraints=critical,CA:TRUE,pathlen:0\n' > "$work/int.ext"
openssl x509 -req -in "$work/int.csr" -CA ca.crt -CAkey "$work/ca.key" -set_serial 101 \
  -days 36500 -sha256 -extfile "$work/int.ext" -out intermediate.crt
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout leaf.key \
  -subj "/CN=leaf.example.com" -out "$work/leaf.csr"
printf 'basicConstraints=CA:FALSE\nsubjectAltName=DNS:leaf.example.com\n' > "$work/leaf.ext"
openssl x509 -req -in "$work/leaf.csr" -CA intermediate.crt -CAkey "$work/int.key" -set_serial 102 \
  -days 36500 -sha256 -extfile "$work/leaf.ext" -out leaf.crt
cat leaf.crt intermediate.crt > chain.crt

# Expired (2020-01-01 .. 2021-01-01): `openssl x509` 3.0 has no -not_before, so `openssl ca`.
mkdir -p "$work/ca/newcerts"; : > "$work/ca/index.txt"; echo 0200 > "$work/ca/serial"
cat > "$work/ca.cnf" <<CNF
[ca]
default_ca = test
[test]
dir = $work/ca
database = \$dir/index.txt
new_certs_dir = \$dir/newcerts
serial = \$dir/serial
default_md = sha256
policy = anything
copy_extensions = copy
[anything]
commonName = supplied
CNF
openssl req -new -key rsa.pkcs1.key -subj "/CN=expired.example.com" -out "$work/exp.csr"
openssl ca -batch -config "$work/ca.cnf" -cert ca.crt -keyfile "$work/ca.key" -in "$work/exp.csr" \
  -startdate 20200101000000Z -enddate 20210101000000Z -notext -out expired.crt

# Encrypted keys: PKCS#8 "ENCRYPTED PRIVATE KEY" and the legacy Proc-Type header.
openssl pkcs8 -topk8 -in rsa.pkcs1.key -passout pass:secret -out encrypted.pkcs8.key
openssl rsa -in rsa.pkcs1.key -aes128 -traditional -passout pass:secret -out encrypted.legacy.key

# What `openssl pkcs12 -nodes` prints: Bag Attributes text around each block.
openssl pkcs12 -export -in rsa.crt -inkey rsa.pkcs1.key -passout pass: -out "$work/b.p12"
openssl pkcs12 -in "$work/b.p12" -passin pass: -nodes -out bag.pem
