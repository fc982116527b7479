package io.nodeward.events;

/** Key types a client certificate may carry. RSA 2048 is the seeds' default; RSA below 2048 is never accepted. */
public enum KeyAlgorithm {
  RSA_2048,
  RSA_3072,
  RSA_4096,
  EC_P256,
  EC_P384
}
