package io.nodeward.stack.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** compose/docker-compose.yml read as data, with ${VAR:-default} resolved to its default as compose would. */
final class ComposeFile {

  static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  static final Path FILE = REPO.resolve("compose/docker-compose.yml");
  private static final Pattern DEFAULTED = Pattern.compile("\\$\\{([A-Z0-9_]+):-([^}]*)}");

  private final JsonNode root;

  private ComposeFile(JsonNode root) {
    this.root = root;
  }

  static ComposeFile read() throws IOException {
    return new ComposeFile(new ObjectMapper(new YAMLFactory()).readTree(Files.readString(FILE)));
  }

  JsonNode services() {
    return root.path("services");
  }

  JsonNode service(String name) {
    JsonNode service = services().path(name);
    if (service.isMissingNode()) {
      throw new AssertionError("compose has no service " + name);
    }
    return service;
  }

  Map<String, String> environment(String service) {
    Map<String, String> env = new LinkedHashMap<>();
    service(service).path("environment").fields().forEachRemaining(e -> env.put(e.getKey(), resolve(e.getValue().asText())));
    return env;
  }

  static String resolve(String value) {
    Matcher m = DEFAULTED.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(2)));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Container ports published to the host ("127.0.0.1:8080:8080" gives 8080). */
  List<Integer> publishedContainerPorts(String service) {
    List<Integer> ports = new ArrayList<>();
    service(service).path("ports").forEach(p -> {
      String[] parts = p.asText().split(":");
      ports.add(Integer.parseInt(parts[parts.length - 1]));
    });
    return ports;
  }

  /** Volume mounts as target path to source name. */
  Map<String, String> mounts(String service) {
    Map<String, String> mounts = new LinkedHashMap<>();
    service(service).path("volumes").forEach(v -> {
      String[] parts = v.asText().split(":");
      mounts.put(parts[1], parts[0]);
    });
    return mounts;
  }

  List<String> declaredVolumes() {
    List<String> names = new ArrayList<>();
    root.path("volumes").fieldNames().forEachRemaining(names::add);
    return names;
  }
}
