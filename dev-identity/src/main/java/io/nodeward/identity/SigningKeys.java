package io.nodeward.identity;

import io.nodeward.kit.tls.PrivateFiles;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The pool's RS256 signing keys, persisted as PKCS#8 PEM files (mode 600) so tokens survive a restart.
 * The newest key signs; older keys stay published in the JWKS so tokens they signed still verify after a
 * rotation. Key ids are RFC 7638 thumbprints, so they are stable and derived, never stored.
 * Key generation, file I/O and signing are slow: call from a worker.
 */
final class SigningKeys {

  /** One key pair with its id. */
  record SigningKey(String kid, RSAPrivateCrtKey privateKey, RSAPublicKey publicKey) {
    @Override
    public String toString() {
      return "SigningKey[" + kid + "]";
    }
  }

  private static final String PEM_BEGIN = "-----BEGIN PRIVATE KEY-----";
  private static final String PEM_END = "-----END PRIVATE KEY-----";
  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

  private final Path dir;
  private volatile List<SigningKey> keys; // oldest first; the last one signs

  private SigningKeys(Path dir, List<SigningKey> keys) {
    this.dir = dir;
    this.keys = List.copyOf(keys);
  }

  static SigningKeys openOrCreate(Path dir) {
    try {
      Files.createDirectories(dir);
      List<SigningKey> loaded = new ArrayList<>();
      try (Stream<Path> files = Files.list(dir)) {
        for (Path file : files.filter(f -> f.getFileName().toString().matches("signing-key-\\d{4}\\.pem")).sorted().toList()) {
          loaded.add(read(file));
        }
      }
      SigningKeys signingKeys = new SigningKeys(dir, loaded);
      if (loaded.isEmpty()) {
        signingKeys.rotate();
      }
      return signingKeys;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the signing keys in " + dir, e);
    }
  }

  SigningKey current() {
    List<SigningKey> snapshot = keys;
    return snapshot.get(snapshot.size() - 1);
  }

  Optional<SigningKey> byKid(String kid) {
    return keys.stream().filter(k -> k.kid().equals(kid)).findFirst();
  }

  /** Generates and persists a new key that signs from now on; the old ones stay in the JWKS. */
  synchronized SigningKey rotate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) generator.generateKeyPair().getPrivate();
      Path file = dir.resolve(String.format("signing-key-%04d.pem", keys.size() + 1));
      writePrivate(file, privateKey);
      SigningKey key = toSigningKey(privateKey);
      List<SigningKey> next = new ArrayList<>(keys);
      next.add(key);
      keys = List.copyOf(next);
      return key;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA key generation is part of every JDK", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a signing key to " + dir, e);
    }
  }

  /** RFC 7517 JWKS of every key, current last. */
  JsonObject jwks() {
    JsonArray list = new JsonArray();
    for (SigningKey key : keys) {
      list.add(new JsonObject()
          .put("alg", "RS256")
          .put("e", unsigned(key.publicKey().getPublicExponent()))
          .put("kid", key.kid())
          .put("kty", "RSA")
          .put("n", unsigned(key.publicKey().getModulus()))
          .put("use", "sig"));
    }
    return new JsonObject().put("keys", list);
  }

  /** A compact RS256 JWS of the claims, signed by {@code key} and naming {@code kid} in its header. */
  static String sign(SigningKey key, String kid, JsonObject claims) {
    JsonObject header = new JsonObject().put("kid", kid).put("alg", "RS256");
    String input = B64URL.encodeToString(header.encode().getBytes(StandardCharsets.UTF_8)) + "."
        + B64URL.encodeToString(claims.encode().getBytes(StandardCharsets.UTF_8));
    try {
      Signature signer = Signature.getInstance("SHA256withRSA");
      signer.initSign(key.privateKey());
      signer.update(input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + B64URL.encodeToString(signer.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with an RSA key we generated", e);
    }
  }

  /** The claims of a JWT this pool signed with a key it still publishes, or empty. Alg pinned to RS256. */
  Optional<JsonObject> verifiedClaims(String token) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      return Optional.empty();
    }
    try {
      Base64.Decoder decoder = Base64.getUrlDecoder();
      JsonObject header = new JsonObject(new String(decoder.decode(parts[0]), StandardCharsets.UTF_8));
      if (!"RS256".equals(header.getValue("alg")) || !(header.getValue("kid") instanceof String kid)) {
        return Optional.empty();
      }
      SigningKey key = byKid(kid).orElse(null);
      if (key == null) {
        return Optional.empty();
      }
      Signature verifier = Signature.getInstance("SHA256withRSA");
      verifier.initVerify(key.publicKey());
      verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      if (!verifier.verify(decoder.decode(parts[2]))) {
        return Optional.empty();
      }
      return Optional.of(new JsonObject(new String(decoder.decode(parts[1]), StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The current public key as X.509 SubjectPublicKeyInfo PEM. */
  String currentPublicKeyPem() {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(current().publicKey().getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }

  private static SigningKey read(Path file) throws IOException {
    String pem = Files.readString(file, StandardCharsets.US_ASCII);
    String body = pem.replace(PEM_BEGIN, "").replace(PEM_END, "").replaceAll("\\s", "");
    try {
      PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body));
      return toSigningKey((RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(spec));
    } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
      throw new IOException("not an RSA PKCS#8 PEM private key: " + file.getFileName());
    }
  }

  private static void writePrivate(Path file, RSAPrivateCrtKey key) throws IOException {
    String pem = PEM_BEGIN + "\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
        + "\n" + PEM_END + "\n";
    try {
      PrivateFiles.createOwnerOnly(file, pem);
    } catch (FileAlreadyExistsException e) {
      throw new IOException("refusing to overwrite signing key " + file.getFileName(), e);
    }
  }

  private static SigningKey toSigningKey(RSAPrivateCrtKey privateKey) throws GeneralSecurityException {
    RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
        .generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
    return new SigningKey(thumbprint(publicKey), privateKey, publicKey);
  }

  /** RFC 7638 §3: SHA-256 over the required members in lexicographic order, no whitespace. */
  private static String thumbprint(RSAPublicKey key) throws GeneralSecurityException {
    String canonical = "{\"e\":\"" + unsigned(key.getPublicExponent()) + "\",\"kty\":\"RSA\",\"n\":\"" + unsigned(key.getModulus()) + "\"}";
    return B64URL.encodeToString(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
  }

  /** RFC 7518 §6.3.1: base64url of the unsigned big-endian value, no leading zero byte. */
  private static String unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    if (bytes.length > 1 && bytes[0] == 0) {
      byte[] trimmed = new byte[bytes.length - 1];
      System.arraycopy(bytes, 1, trimmed, 0, trimmed.length);
      bytes = trimmed;
    }
    return B64URL.encodeToString(bytes);
  }
}
