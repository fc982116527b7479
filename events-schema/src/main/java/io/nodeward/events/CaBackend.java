package io.nodeward.events;

/** Which certificate authority signed a certificate. */
public enum CaBackend {
  LOCAL,
  ACM_PCA
}
