package io.nodeward.cli.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nodeward.cli.core.CliFailure;
import io.nodeward.cli.core.SafeFiles;
import io.nodeward.cli.http.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The sessions file ({@code session.json} in the config directory, mode 600, folder 700): one session per
 * identity provider and app client, so pointing the client at another deployment does not send it this one's
 * tokens. A file that others can read is refused, as ssh refuses such a key.
 */
public final class TokenStore {

  private static final Set<PosixFilePermission> OTHERS = Set.of(PosixFilePermission.GROUP_READ,
      PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

  private final Path file;

  public TokenStore(Path configDir) {
    this.file = configDir.resolve("session.json");
  }

  public Path file() {
    return file;
  }

  public Optional<Tokens> find(String idpUrl, String clientId) {
    JsonNode entry = read().path(key(idpUrl, clientId));
    if (entry.isMissingNode() || entry.isNull()) {
      return Optional.empty();
    }
    return Optional.of(new Tokens(idpUrl, clientId, Json.text(entry, "username"), Json.text(entry, "accessToken"),
        Json.text(entry, "idToken"), Json.text(entry, "refreshToken"),
        Instant.ofEpochSecond(entry.path("accessTokenExpiresAt").asLong(0))));
  }

  public void save(Tokens tokens) {
    ObjectNode all = read();
    all.putObject(key(tokens.idpUrl(), tokens.clientId()))
        .put("username", tokens.username())
        .put("accessToken", tokens.accessToken())
        .put("idToken", tokens.idToken())
        .put("refreshToken", tokens.refreshToken())
        .put("accessTokenExpiresAt", tokens.accessTokenExpiresAt().getEpochSecond());
    write(all);
  }

  /** Forgets the session; true when there was one. */
  public boolean remove(String idpUrl, String clientId) {
    ObjectNode all = read();
    boolean had = all.remove(key(idpUrl, clientId)) != null;
    if (had) {
      write(all);
    }
    return had;
  }

  private static String key(String idpUrl, String clientId) {
    return clientId + " " + idpUrl;
  }

  private ObjectNode read() {
    try {
      refuseIfReadableByOthers();
      JsonNode node = Json.read(Files.readString(file, StandardCharsets.UTF_8), false);
      return node instanceof ObjectNode object ? object : Json.object();
    } catch (NoSuchFileException e) {
      return Json.object();
    } catch (IOException e) {
      throw CliFailure.failed("CANNOT_READ_SESSION", "Cannot read the session file " + file + "; sign in again with "
          + "'nodeward login' (" + e.getClass().getSimpleName() + ").");
    }
  }

  private void refuseIfReadableByOthers() throws IOException {
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      if (permissions.stream().anyMatch(OTHERS::contains)) {
        throw CliFailure.failed("SESSION_FILE_EXPOSED", "The session file " + file + " can be read or written by other "
            + "users; remove it and sign in again.");
      }
    } catch (UnsupportedOperationException notPosix) {
      // no POSIX permissions on this file system: nothing to check
    }
  }

  private void write(ObjectNode all) {
    SafeFiles.ensurePrivateDir(file.getParent());
    SafeFiles.writePrivate(file, Json.write(all).getBytes(StandardCharsets.UTF_8));
  }
}
