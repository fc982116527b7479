package io.nodeward.console.web.view;

import java.util.List;

/**
 * The issue form, with what the person chose so far (never the password) and what was wrong with it.
 *
 * @param mode {@code pkcs12} (the issuer makes the key) or {@code csr} (the person keeps it)
 */
public record IssueView(Chrome chrome, List<String> nodeIds, String nodeId, String mode, String keyAlgorithm, String csrPem,
    String validityHours, List<String> errors, int minPasswordLength) {

  public static final List<String> KEY_ALGORITHMS = List.of("EC_P256", "RSA_2048", "RSA_3072");
}
