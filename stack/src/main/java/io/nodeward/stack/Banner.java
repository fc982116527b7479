package io.nodeward.stack;

import io.nodeward.identity.DevUsers;

/** What the stack prints once it is up: where everything is, the dev users, and a walk-through to paste. */
final class Banner {

  private Banner() {
  }

  /** The mutual-TLS /authorize listener runs only for configured callers (NODEWARD_AUTHORIZER_AUTHORIZE_CLIENTS). */
  private static String authorizeLine(int port) {
    return port < 0
        ? "  Authorize (mTLS)    off: set NODEWARD_AUTHORIZER_AUTHORIZE_CLIENTS to the callers' URI SANs"
        : "  Authorize (mTLS)    https://127.0.0.1:" + port + "   POST /authorize (listed callers only)";
  }

  static String render(NodewardStack stack, StackConfig config, double startSeconds) {
    String idp = stack.identity().baseUrl();
    int issuer = stack.issuer().port();
    int audit = stack.audit().port();
    int gateway = stack.authorizer().gatewayPort();
    int admin = stack.authorizer().adminPort();
    String pool = stack.identity().poolId();
    String signIn = "curl -s " + idp + "/ -H 'X-Amz-Target: AWSCognitoIdentityProviderService.InitiateAuth' "
        + "-H 'Content-Type: application/x-amz-json-1.1' -d '{\"AuthFlow\":\"USER_PASSWORD_AUTH\",\"ClientId\":"
        + "\"nodeward-cli\",\"AuthParameters\":{\"USERNAME\":\"%s\",\"PASSWORD\":\"%s\"}}' | jq -r .AuthenticationResult.AccessToken";
    String mtls = "curl -s --cacert ca.pem --cert alice.crt --key alice.key https://127.0.0.1:" + gateway
        + "/nodes/demo-node-1/hello; echo";
    return String.join("\n",
        "",
        "nodeward is up (%.1f s). State: %s".formatted(startSeconds, config.dataDir()),
        "",
        "  Console             " + stack.console().publicUrl() + "    open it in a browser and sign in as alice",
        "  Issuer API          http://127.0.0.1:" + issuer + "    POST /generate-cert, /v1/certificates, /v1/admin/nodes, GET /v1/ca, /v1/crl",
        "  Issuer renewal      https://127.0.0.1:" + stack.issuer().renewalPort() + "   POST /v1/certificates/renew (mTLS, the certificate itself)",
        "  Audit API           http://127.0.0.1:" + audit + "    GET /v1/audit/events|summary|export|verify",
        "  Authorizer admin    http://127.0.0.1:" + admin + "    GET /health, /metrics",
        authorizeLine(stack.authorizer().authorizePort()),
        "  mTLS gateway        https://127.0.0.1:" + gateway + "   /nodes/<nodeId>/...",
        "  Identity (Cognito)  " + idp + "    pool " + pool + ", app clients nodeward-console, nodeward-cli",
        "  Kafka               " + stack.bootstrapServers(),
        "  Demo node           demo-node-1 -> http://127.0.0.1:" + stack.demoNode().port() + " (owned by alice)",
        "",
        "Dev users (development passwords, stored hashed under " + config.dataDir().resolve("dev-identity") + "):",
        "  " + DevUsers.ADMIN.username() + " / " + DevUsers.ADMIN.password() + "   (group admin)",
        "  " + DevUsers.AUDITOR.username() + " / " + DevUsers.AUDITOR.password() + "   (group auditor)",
        "  " + DevUsers.ALICE.username() + " / " + DevUsers.ALICE.password() + "   (owns demo-node-1)",
        "  " + DevUsers.BOB.username() + " / " + DevUsers.BOB.password() + "   (owns nothing)",
        "",
        "Walk-through (curl and jq), from another terminal:",
        "  TOKEN=$(" + signIn.formatted(DevUsers.ALICE.username(), DevUsers.ALICE.password()) + ")",
        "  curl -s -X POST http://127.0.0.1:" + issuer + "/generate-cert -H \"Authorization: Bearer $TOKEN\" "
            + "-H 'Content-Type: application/json' -d '{\"nodeId\":\"demo-node-1\"}' > cert.json",
        "  jq -r .certificatePem cert.json > alice.crt; jq -r .privateKeyPem cert.json > alice.key; "
            + "curl -s http://127.0.0.1:" + issuer + "/v1/ca > ca.pem",
        "  " + mtls + "                         # 200 from the node",
        "  curl -s -X POST http://127.0.0.1:" + issuer + "/v1/certificates/$(jq -r .serialNumber cert.json)/revoke "
            + "-H \"Authorization: Bearer $TOKEN\" -H 'Content-Type: application/json' -d '{\"reason\":\"KEY_COMPROMISE\"}'",
        "  " + mtls + "                         # 403 REVOKED",
        "  AUDITOR=$(" + signIn.formatted(DevUsers.AUDITOR.username(), DevUsers.AUDITOR.password()) + ")",
        "  curl -s 'http://127.0.0.1:" + audit + "/v1/audit/events?nodeId=demo-node-1' -H \"Authorization: Bearer $AUDITOR\" | jq",
        "  curl -s http://127.0.0.1:" + audit + "/v1/audit/verify -H \"Authorization: Bearer $AUDITOR\" | jq",
        "",
        "Ctrl-C stops it; starting again keeps every certificate, revocation and audit record.",
        "");
  }
}
