#!/usr/bin/env bash
# Between the two phases of deploy/aws/nodeward.yaml (README "Deploy on AWS"): issues the internal certificates
# from the stack's private CA and stores them in the stack's secrets, puts the CA chain into API Gateway's
# truststore, and prints MSK's bootstrap string for Phase=services.
#   bash deploy/aws/bootstrap-pki.sh <stack-name> [validity-days]
# Needs the AWS CLI (credentials for the stack's account) and openssl. Private keys are made here, in a
# temporary directory (mode 700) removed on exit, and leave it only into Secrets Manager.
# Run it again to renew them (weekly with CaUsageMode=SHORT_LIVED_CERTIFICATE), then restart the authorizer
# service and let the Lambda cold-start again (update its configuration or wait for new instances).
set -euo pipefail

stack=${1:?usage: bootstrap-pki.sh <stack-name> [validity-days]}
days=${2:-365}
work=$(mktemp -d)
chmod 700 "$work"
trap 'rm -rf "$work"' EXIT

output() {
  aws cloudformation describe-stacks --stack-name "$stack" \
    --query "Stacks[0].Outputs[?OutputKey=='$1'].OutputValue" --output text
}
ca_arn=$(output CertificateAuthorityArn)
bucket=$(output TruststoreBucketName)
lambda_secret=$(output LambdaIdentitySecretArn)
authorizer_secret=$(output AuthorizerTlsSecretArn)
audit_key_secret=$(output AuditLogKeySecretArn)
kafka_arn=$(output KafkaClusterArn)
authorizer_host=$(output AuthorizerHost)
trust_domain=$(aws cloudformation describe-stacks --stack-name "$stack" \
  --query "Stacks[0].Parameters[?ParameterKey=='TrustDomain'].ParameterValue" --output text)
partition=$(echo "$ca_arn" | cut -d: -f2)

# The CA chain: API Gateway's truststore, the authorizer's trust for client certificates, the Lambda's trust.
aws acm-pca get-certificate-authority-certificate --certificate-authority-arn "$ca_arn" \
  --query '[Certificate, CertificateChain]' --output text | tr '\t' '\n' | sed '/^None$/d' > "$work/ca-chain.pem"
aws s3 cp "$work/ca-chain.pem" "s3://$bucket/truststore.pem" --only-show-errors

# issue <name> <template> <openssl -addext value>: a P-256 key (PKCS#8), a CSR, a certificate from the CA.
issue() {
  local name=$1 template=$2 san=$3
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$work/$name.key"
  openssl req -new -key "$work/$name.key" -subj "/CN=$name" -addext "subjectAltName=$san" -out "$work/$name.csr"
  local arn
  arn=$(aws acm-pca issue-certificate --certificate-authority-arn "$ca_arn" --csr "fileb://$work/$name.csr" \
    --signing-algorithm SHA256WITHECDSA --validity "Value=$days,Type=DAYS" \
    --template-arn "arn:$partition:acm-pca:::template/$template" --query CertificateArn --output text)
  aws acm-pca wait certificate-issued --certificate-authority-arn "$ca_arn" --certificate-arn "$arn"
  aws acm-pca get-certificate --certificate-authority-arn "$ca_arn" --certificate-arn "$arn" \
    --query Certificate --output text > "$work/$name.pem"
}

# put <secret> <cert file> <key file>: {"certificatePem","privateKeyPem","caChainPem"}, read by the template.
put() {
  python3 - "$work" "$2" "$3" > "$work/secret.json" <<'PY'
import json, sys, pathlib
work, cert, key = sys.argv[1:]
read = lambda p: pathlib.Path(p).read_text()
print(json.dumps({"certificatePem": read(cert), "privateKeyPem": read(key),
                  "caChainPem": read(pathlib.Path(work) / "ca-chain.pem")}))
PY
  aws secretsmanager put-secret-value --secret-id "$1" --secret-string "file://$work/secret.json" >/dev/null
  rm -f "$work/secret.json"
}

issue authorizer EndEntityServerAuthCertificate/V1 "DNS:$authorizer_host"
issue lambda-authorizer EndEntityClientAuthCertificate/V1 "URI:spiffe://$trust_domain/service/lambda-authorizer"
put "$authorizer_secret" "$work/authorizer.pem" "$work/authorizer.key"
put "$lambda_secret" "$work/lambda-authorizer.pem" "$work/lambda-authorizer.key"

# The audit log's checkpoint key: made once, never replaced by a re-run (every published checkpoint verifies with
# it). Its public half, for auditors: openssl pkey -pubout, or GET /v1/audit/log/key once the service runs.
if ! aws secretsmanager get-secret-value --secret-id "$audit_key_secret" --query ARN --output text >/dev/null 2>&1; then
  openssl genpkey -algorithm ed25519 -out "$work/audit-log-key.pem"
  aws secretsmanager put-secret-value --secret-id "$audit_key_secret" \
    --secret-string "file://$work/audit-log-key.pem" >/dev/null
fi

bootstrap=$(aws kafka get-bootstrap-brokers --cluster-arn "$kafka_arn" \
  --query BootstrapBrokerStringSaslScram --output text)
echo "Truststore, authorizer and Lambda certificates are in place (valid $days days)."
echo "Next: the same 'aws cloudformation deploy' with Phase=services KafkaBootstrapServers=$bootstrap"
