package io.nodeward.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** The CloudFormation template, parsed (it is written in long form, so plain YAML reads it). */
final class Template {

  static final Path FILE = Path.of("nodeward.yaml");
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  final ObjectNode root;

  private Template(ObjectNode root) {
    this.root = root;
  }

  static Template read() {
    try {
      return new Template((ObjectNode) YAML.readTree(FILE.toFile()));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + FILE.toAbsolutePath(), e);
    }
  }

  /** A deep copy to break on purpose. */
  Template copy() {
    return new Template(root.deepCopy());
  }

  ObjectNode resource(String logicalId) {
    JsonNode node = root.path("Resources").path(logicalId);
    if (!node.isObject()) {
      throw new AssertionError("no resource " + logicalId);
    }
    return (ObjectNode) node;
  }

  /** Logical id → resource, for every resource of this type. */
  List<Map.Entry<String, JsonNode>> resources(String type) {
    List<Map.Entry<String, JsonNode>> found = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> fields = root.path("Resources").fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> entry = fields.next();
      if (type.equals(entry.getValue().path("Type").asText())) {
        found.add(entry);
      }
    }
    return found;
  }

  /** {"Ref": id} → id; anything else → null. */
  static String ref(JsonNode node) {
    return node != null && node.has("Ref") ? node.get("Ref").asText() : null;
  }
}
