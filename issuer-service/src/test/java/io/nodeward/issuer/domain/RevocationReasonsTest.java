package io.nodeward.issuer.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nodeward.events.RevocationReason;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class RevocationReasonsTest {

  @ParameterizedTest
  @CsvSource({
      "keyCompromise, KEY_COMPROMISE",
      "KEY_COMPROMISE, KEY_COMPROMISE",
      "key-compromise, KEY_COMPROMISE",
      "key_compromise, KEY_COMPROMISE",
      "cACompromise, CERTIFICATE_AUTHORITY_COMPROMISE",
      "ca-compromise, CERTIFICATE_AUTHORITY_COMPROMISE",
      "affiliationChanged, AFFILIATION_CHANGED",
      "superseded, SUPERSEDED",
      "cessationOfOperation, CESSATION_OF_OPERATION",
      "privilegeWithdrawn, PRIVILEGE_WITHDRAWN",
      "aACompromise, A_A_COMPROMISE",
      "aa-compromise, A_A_COMPROMISE",
      "unspecified, UNSPECIFIED",
  })
  void rfc5280AndKebabSpellingsAreAccepted(String spelling, RevocationReason reason) {
    assertEquals(Optional.of(reason), RevocationReasons.parse(spelling));
  }

  @ParameterizedTest
  @EnumSource(RevocationReason.class)
  void everyNameNodewardUsesIsAccepted(RevocationReason reason) {
    assertEquals(Optional.of(reason), RevocationReasons.parse(reason.name()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"certificateHold", "removeFromCRL", "compromised", "", "key compromise"})
  void holdsAndUnknownReasonsAreRefused(String spelling) {
    assertTrue(RevocationReasons.parse(spelling).isEmpty(), spelling);
  }

  @ParameterizedTest
  @CsvSource({"UNSPECIFIED, 0", "KEY_COMPROMISE, 1", "CERTIFICATE_AUTHORITY_COMPROMISE, 2", "SUPERSEDED, 4",
      "PRIVILEGE_WITHDRAWN, 9", "A_A_COMPROMISE, 10"})
  void crlReasonCodesFollowRfc5280(RevocationReason reason, int code) {
    assertEquals(code, RevocationReasons.crlReasonCode(reason));
  }
}
