package io.nodeward.identity;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The dev pool's users, kept in {@code users.json} in the data directory and created with the
 * {@link DevUsers#SEED} users on first start. All methods do file I/O or PBKDF2: call from a worker.
 */
final class UserDirectory {

  static final String FILE_NAME = "users.json";

  private final Path file;
  private final Map<String, DevUser> users;

  private UserDirectory(Path file, Map<String, DevUser> users) {
    this.file = file;
    this.users = users;
  }

  static UserDirectory openOrCreate(Path dir) {
    Path file = dir.resolve(FILE_NAME);
    try {
      Files.createDirectories(dir);
      if (Files.exists(file)) {
        return new UserDirectory(file, read(file));
      }
      UserDirectory directory = new UserDirectory(file, new LinkedHashMap<>());
      for (DevUsers.Credentials seed : DevUsers.SEED) {
        directory.add(seed.username(), seed.password(), DevUsers.email(seed.username()), seed.groups());
      }
      return directory;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the dev users file " + file, e);
    }
  }

  /** The user if the password is theirs; the same answer, after the same work, for unknown users. */
  Optional<DevUser> authenticate(String username, String password) {
    DevUser user = find(username).orElse(null);
    char[] chars = password.toCharArray();
    boolean ok = user == null ? PasswordHasher.matchesNothing(chars) : PasswordHasher.matches(chars, user.passwordHash());
    return ok ? Optional.of(user) : Optional.empty();
  }

  synchronized Optional<DevUser> find(String username) {
    return Optional.ofNullable(users.get(username));
  }

  /** Adds (or replaces) a user and rewrites the file; a new user gets a fresh random {@code sub}. */
  synchronized DevUser add(String username, String password, String email, List<String> groups) {
    if (!username.matches("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]{1,128}")) {
      throw new IllegalArgumentException("a username is 1-128 printable characters without spaces");
    }
    String sub = Optional.ofNullable(users.get(username)).map(DevUser::sub).orElseGet(() -> UUID.randomUUID().toString());
    DevUser user = new DevUser(username, sub, email, groups, PasswordHasher.hash(password.toCharArray()));
    users.put(username, user);
    write();
    return user;
  }

  private static Map<String, DevUser> read(Path file) throws IOException {
    JsonObject json = new JsonObject(Files.readString(file, StandardCharsets.UTF_8));
    Map<String, DevUser> users = new LinkedHashMap<>();
    for (Object entry : json.getJsonArray("users", new JsonArray())) {
      DevUser user = DevUser.fromJson((JsonObject) entry);
      users.put(user.username(), user);
    }
    return users;
  }

  private void write() {
    JsonArray list = new JsonArray();
    users.values().forEach(user -> list.add(user.toJson()));
    JsonObject json = new JsonObject()
        .put("comment", "nodeward dev-identity users. Passwords are PBKDF2 hashes; dev passwords are documented in DevUsers.")
        .put("users", list);
    try {
      // Write-then-rename so a crash never leaves half a file behind.
      Path temp = file.resolveSibling(FILE_NAME + ".tmp");
      Files.writeString(temp, json.encodePrettily(), StandardCharsets.UTF_8);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the dev users file " + file, e);
    }
  }
}
