package io.nodeward.issuer.ca;

import io.nodeward.kit.tls.Pem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.util.List;

/** Writes the CA chain as PEM where the authorizer (and operators) can pick it up as the trust anchor. */
public final class CaChainFile {

  public static final String FILE_NAME = "ca-chain.pem";

  private CaChainFile() {
  }

  /** Blocking file I/O: call from a worker. Written to a temporary file and moved, so readers never see half. */
  public static Path write(Path directory, List<X509Certificate> chain) {
    try {
      Files.createDirectories(directory);
      Path target = directory.resolve(FILE_NAME);
      Path temporary = Files.createTempFile(directory, FILE_NAME, ".tmp");
      Files.writeString(temporary, Pem.certificates(chain), StandardCharsets.US_ASCII);
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the CA chain to " + directory, e);
    }
  }
}
