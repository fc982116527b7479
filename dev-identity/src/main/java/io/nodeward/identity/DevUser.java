package io.nodeward.identity;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;

/** A user of the dev pool as stored in {@code users.json}: the password only as a PBKDF2 hash. */
record DevUser(String username, String sub, String email, List<String> groups, String passwordHash) {

  DevUser {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(sub, "sub");
    Objects.requireNonNull(email, "email");
    groups = List.copyOf(groups);
    Objects.requireNonNull(passwordHash, "passwordHash");
  }

  JsonObject toJson() {
    return new JsonObject()
        .put("username", username)
        .put("sub", sub)
        .put("email", email)
        .put("groups", new JsonArray(groups))
        .put("passwordHash", passwordHash);
  }

  static DevUser fromJson(JsonObject json) {
    List<String> groups = json.getJsonArray("groups", new JsonArray()).stream().map(String.class::cast).toList();
    return new DevUser(json.getString("username"), json.getString("sub"), json.getString("email"), groups,
        json.getString("passwordHash"));
  }

  @Override
  public String toString() {
    return "DevUser[" + username + ", sub=" + sub + ", groups=" + groups + "]"; // no hash in logs
  }
}
