package io.nodeward.cli.renew;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nodeward.cli.core.CliFailure;
import io.nodeward.cli.core.SafeFiles;
import io.nodeward.cli.http.Api;
import io.nodeward.cli.http.Http;
import io.nodeward.cli.http.Json;
import io.nodeward.cli.pki.CertificateFacts;
import io.nodeward.cli.pki.Csr;
import io.nodeward.cli.pki.KeyType;
import io.nodeward.cli.pki.MutualTls;
import io.nodeward.cli.pki.Pem;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.Consumer;

/**
 * One renewal, as step-ca renews: authenticated by the still-valid certificate itself over mutual TLS (an
 * unattended node needs nobody's token), onto a fresh key unless told to keep it. The new key and certificate are
 * each written to a temporary file and renamed over the old one, key first; a reader sees old or new files, never
 * half a file. (Between the two renames the old certificate sits beside the new key for an instant; the next run
 * notices a mismatch and says so.)
 */
public final class Renewer implements Renewal {

  private final URI mtlsUrl;
  private final RenewalTarget target;
  private final boolean reuseKey;
  private final Consumer<ObjectNode> validity;
  private final String userAgent;

  /** {@code validity} adds validityHours/validityMinutes to the request, or nothing (the certificate's own lifetime). */
  public Renewer(URI mtlsUrl, RenewalTarget target, boolean reuseKey, Consumer<ObjectNode> validity, String userAgent) {
    this.mtlsUrl = mtlsUrl;
    this.target = target;
    this.reuseKey = reuseKey;
    this.validity = validity;
    this.userAgent = userAgent;
  }

  /** The certificate as it is on disk now. */
  @Override
  public CertificateFacts current() {
    return CertificateFacts.of(Pem.readCertificates(target.certificate()).get(0));
  }

  @Override
  public Renewed renew() {
    List<X509Certificate> chain = Pem.readCertificates(target.certificate());
    PrivateKey key = Pem.readPrivateKey(target.key());
    if (!MutualTls.matches(chain.get(0), key)) {
      throw CliFailure.failed("KEY_MISMATCH", target.key() + " is not the key of " + target.certificate() + ".");
    }
    CertificateFacts old = CertificateFacts.of(chain.get(0));
    List<X509Certificate> trusted = Pem.readCertificates(target.caChain());
    Api issuer = new Api(Http.mutualTls(MutualTls.context(chain, key, trusted), userAgent), mtlsUrl, "issuer's renewal listener", null);

    ObjectNode request = Json.object();
    KeyPair fresh = null;
    if (!reuseKey) {
      KeyType type = KeyType.of(key);
      fresh = type.generate();
      request.put("csrPem", Csr.pem(fresh, type, old.nodeId() == null ? "node" : old.nodeId()));
    }
    validity.accept(request);
    JsonNode answer = issuer.post("/v1/certificates/renew", request);

    String certificatePem = Json.required(answer, "certificatePem", "The renewal answer");
    X509Certificate renewed = Pem.certificates(certificatePem, "The renewed certificate").get(0);
    PrivateKey newKey = fresh == null ? key : fresh.getPrivate();
    if (!MutualTls.matches(renewed, newKey)) {
      throw CliFailure.failed("KEY_MISMATCH", "The issuer returned a certificate for another key; nothing was replaced.");
    }
    if (fresh != null) {
      SafeFiles.writePrivate(target.key(), Pem.privateKey(newKey).getBytes(StandardCharsets.US_ASCII));
    }
    SafeFiles.writePublic(target.certificate(), certificatePem.getBytes(StandardCharsets.US_ASCII));
    CertificateFacts now = CertificateFacts.of(renewed);
    return new Renewed(now.nodeId(), old.serial(), now.serial(), now.notBefore(), now.notAfter(), fresh != null);
  }

  public static Path defaultCaChain(Path certificate) {
    Path dir = certificate.toAbsolutePath().getParent();
    return dir.resolve("ca.pem");
  }
}
