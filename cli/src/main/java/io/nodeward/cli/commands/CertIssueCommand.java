package io.nodeward.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nodeward.cli.core.CliFailure;
import io.nodeward.cli.core.SafeFiles;
import io.nodeward.cli.http.Json;
import io.nodeward.cli.pki.Csr;
import io.nodeward.cli.pki.KeyType;
import io.nodeward.cli.pki.MutualTls;
import io.nodeward.cli.pki.Pem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "issue", mixinStandardHelpOptions = true,
    description = {"Get a certificate for one of your nodes. By default the key pair is made here and only a CSR is "
        + "sent: the private key never leaves this machine.",
        "Writes NODE.crt, NODE.key (mode 600) and ca.pem (the CA chain) into --out."})
public final class CertIssueCommand extends BaseCommand {

  @Option(names = {"-n", "--node"}, required = true, paramLabel = "NODE", description = "The node the certificate is for.")
  String node;

  @Option(names = "--key-type", paramLabel = "TYPE", defaultValue = "ec-p256", converter = KeyTypeConverter.class,
      completionCandidates = KeyTypeConverter.Candidates.class,
      description = "ec-p256, rsa-2048 or rsa-3072 (default: ${DEFAULT-VALUE}).")
  KeyType keyType;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = ".", description = "Where to write the files (default: the current folder).")
  Path out;

  @Option(names = "--server-key", description = "Let the issuer make the key and send it back (once) instead.")
  boolean serverKey;

  @Option(names = "--p12", description = "Also write NODE.p12 (key, certificate and chain), protected by a password you give.")
  boolean p12;

  @Option(names = "--p12-password-stdin", description = "Read the PKCS#12 password from standard input instead of asking.")
  boolean p12PasswordStdin;

  @Option(names = "--validity", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "How long the certificate is valid, e.g. 12h, 7d, 30m (default: the issuer's).")
  Duration validity;

  @Option(names = {"-f", "--force"}, description = "Replace NODE.crt/NODE.key/NODE.p12 if they exist.")
  boolean force;

  @Override
  protected void execute() {
    Path crt = out.resolve(node + ".crt");
    Path key = out.resolve(node + ".key");
    Path bundle = out.resolve(node + ".p12");
    Path ca = out.resolve("ca.pem");
    refuseToOverwrite(p12 ? List.of(crt, key, bundle) : List.of(crt, key));
    char[] bundlePassword = p12 ? Passwords.newPassword(p12PasswordStdin, "PKCS#12 password for " + node + ".p12") : null;

    KeyPair pair = serverKey ? null : keyType.generate();
    ObjectNode request = Json.object().put("nodeId", node);
    if (serverKey) {
      request.put("keyAlgorithm", keyType.apiName());
    } else {
      request.put("csrPem", Csr.pem(pair, keyType, node));
    }
    putValidity(request, validity);
    JsonNode issued = cli().issuer().post("/v1/certificates", request);

    String certificatePem = Json.required(issued, "certificatePem", "The issuance answer");
    String chainPem = Json.required(issued, "certificateChainPem", "The issuance answer");
    PrivateKey privateKey = serverKey
        ? Pem.privateKey(Json.required(issued, "privateKeyPem", "The issuance answer"), "The issued private key")
        : pair.getPrivate();
    SafeFiles.writePrivate(key, Pem.privateKey(privateKey).getBytes(StandardCharsets.US_ASCII));
    SafeFiles.writePublic(crt, certificatePem.getBytes(StandardCharsets.US_ASCII));
    SafeFiles.writePublic(ca, chainPem.getBytes(StandardCharsets.US_ASCII));
    if (p12) {
      List<X509Certificate> chain = new ArrayList<>(Pem.certificates(certificatePem, "The issued certificate"));
      chain.addAll(Pem.certificates(chainPem, "The CA chain"));
      SafeFiles.writePrivate(bundle, MutualTls.pkcs12(node, privateKey, chain, bundlePassword));
      Arrays.fill(bundlePassword, '\0');
    }
    report(issued, crt, key, ca, p12 ? bundle : null);
  }

  private void refuseToOverwrite(List<Path> files) {
    if (force) {
      return;
    }
    for (Path file : files) {
      if (Files.exists(file)) {
        throw CliFailure.usage("FILE_EXISTS", file + " exists; pass --force to replace it (or --out another folder).");
      }
    }
  }

  /** Whole hours as validityHours, anything else as whole minutes (the issuer's two fields). */
  static void putValidity(ObjectNode request, Duration validity) {
    if (validity == null) {
      return;
    }
    if (validity.toMinutes() < 1 || validity.toSeconds() % 60 != 0) {
      throw CliFailure.usage("INVALID_VALIDITY", "--validity must be whole minutes (e.g. 30m, 12h, 7d).");
    }
    if (validity.toMinutes() % 60 == 0) {
      request.put("validityHours", validity.toHours());
    } else {
      request.put("validityMinutes", validity.toMinutes());
    }
  }

  private void report(JsonNode issued, Path crt, Path key, Path ca, Path bundle) {
    ObjectNode document = Json.object();
    for (String field : new String[] {"serialNumber", "nodeId", "userId", "notBefore", "notAfter", "keyAlgorithm",
        "keySource", "fingerprintSha256"}) {
      if (issued.hasNonNull(field)) {
        document.put(field, issued.get(field).asText());
      }
    }
    ObjectNode files = document.putObject("files")
        .put("certificate", crt.toString()).put("privateKey", key.toString()).put("caChain", ca.toString());
    if (bundle != null) {
      files.put("pkcs12", bundle.toString());
    }
    output().result(document, () -> {
      output().line("Issued certificate " + Json.text(issued, "serialNumber") + " for node " + node + " ("
          + Json.text(issued, "keyAlgorithm") + ", " + (serverKey ? "key made by the issuer" : "key made here, only a CSR sent")
          + "), valid until " + Json.text(issued, "notAfter") + ".");
      output().line("Wrote " + key + " (mode 600), " + crt + ", " + ca + (bundle == null ? "" : ", " + bundle + " (mode 600)") + ".");
    });
  }
}
