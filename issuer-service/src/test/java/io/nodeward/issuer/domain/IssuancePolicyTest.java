package io.nodeward.issuer.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nodeward.events.IssuanceRefusal;
import io.nodeward.events.KeyAlgorithm;
import io.nodeward.kit.auth.Principal;
import io.nodeward.kit.auth.Role;
import io.nodeward.kit.auth.TokenUse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IssuancePolicyTest {

  private static final CertificateProfile PROFILE =
      CertificateProfile.clientAuth("nodeward.local", Duration.ofDays(7), Duration.ofDays(30));
  private static final IssuancePolicy POLICY = new IssuancePolicy(PROFILE);
  private static final Node NODE = new Node("node-1", "alice", "http://127.0.0.1:9000", Instant.EPOCH);

  private static Principal principal(String userId, Role role) {
    Set<String> groups = role == Role.ADMIN ? Set.of("admin") : role == Role.AUDITOR ? Set.of("auditor") : Set.of();
    return new Principal(userId, userId, groups, role, TokenUse.ACCESS, "client");
  }

  @ParameterizedTest(name = "{0} ({1}) asks for {2}, key {3}, csr {4}, {5}h -> {6}")
  @CsvSource(nullValues = "null", value = {
      // caller, role,  node exists, key,      csr,   hours, refusal
      "alice,  OWNER,   true,  RSA_2048, false, null,  null",
      "alice,  OWNER,   true,  EC_P256,  false, 24,    null",
      "alice,  OWNER,   true,  RSA_3072, false, 720,   null",
      "alice,  OWNER,   true,  RSA_4096, false, null,  INVALID_REQUEST",
      "alice,  OWNER,   true,  EC_P384,  false, null,  INVALID_REQUEST",
      "alice,  OWNER,   true,  RSA_4096, true,  null,  null",
      "alice,  OWNER,   true,  RSA_2048, false, 721,   VALIDITY_TOO_LONG",
      "alice,  OWNER,   true,  RSA_2048, false, 0,     INVALID_REQUEST",
      "alice,  OWNER,   true,  RSA_2048, false, -1,    INVALID_REQUEST",
      "bob,    OWNER,   true,  RSA_2048, false, null,  NOT_OWNER",
      "bob,    AUDITOR, true,  RSA_2048, false, null,  NOT_OWNER",
      "root,   ADMIN,   true,  RSA_2048, false, null,  null",
      "root,   ADMIN,   true,  RSA_2048, false, 721,   VALIDITY_TOO_LONG",
      "alice,  OWNER,   false, RSA_2048, false, null,  UNKNOWN_NODE",
      "root,   ADMIN,   false, RSA_2048, false, null,  UNKNOWN_NODE",
      "bob,    OWNER,   false, RSA_2048, false, 9999,  UNKNOWN_NODE",
  })
  void decidesWhoMayHaveWhichCertificate(String caller, Role role, boolean nodeExists, KeyAlgorithm key, boolean csr,
      Integer hours, IssuanceRefusal expected) {
    CertificateRequest request = new CertificateRequest("node-1", key, csr ? "csr" : null,
        hours == null ? null : Duration.ofHours(hours));

    Optional<IssuanceRefusal> refusal =
        POLICY.check(principal(caller, role), nodeExists ? Optional.of(NODE) : Optional.empty(), request);

    assertEquals(Optional.ofNullable(expected), refusal);
  }
}
