package io.nodeward.audit.domain;

/** The last link of the chain: the next record gets {@code sequence + 1} and chains onto {@code hash}. */
public record ChainHead(long sequence, String hash) {

  public static final ChainHead GENESIS = new ChainHead(0, HashChain.GENESIS);

  public ChainHead {
    if (sequence < 0) {
      throw new IllegalArgumentException("sequence must not be negative");
    }
    HashChain.decode(hash);
  }
}
