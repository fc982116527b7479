package io.nodeward.lambda.testing;

import com.fasterxml.jackson.jr.ob.JSON;
import io.nodeward.lambda.NodewardAuthorizerHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Invokes the Lambda's handler in-process as the Lambda runtime does: constructed once from an environment, then
 * {@code handleRequest(in, out, context)} with the event's bytes; the answer parsed back.
 */
public final class LambdaInvoker {

  /** The policy the Lambda returned. */
  public record Policy(Map<String, Object> json) {
    @SuppressWarnings("unchecked")
    public Map<String, Object> statement() {
      Map<String, Object> document = (Map<String, Object>) json.get("policyDocument");
      List<Object> statements = (List<Object>) document.get("Statement");
      if (statements.size() != 1) {
        throw new AssertionError("expected one statement: " + json);
      }
      return (Map<String, Object>) statements.get(0);
    }

    public String effect() {
      return (String) statement().get("Effect");
    }

    /** The Resource, whether written as a string or a one-element list. */
    public String resource() {
      Object resource = statement().get("Resource");
      return resource instanceof List<?> list ? (String) list.get(0) : (String) resource;
    }

    public String principalId() {
      return (String) json.get("principalId");
    }

    @SuppressWarnings("unchecked")
    public String context(String key) {
      return (String) ((Map<String, Object>) json.get("context")).get(key);
    }

    public String version() {
      @SuppressWarnings("unchecked")
      Map<String, Object> document = (Map<String, Object>) json.get("policyDocument");
      return (String) document.get("Version");
    }
  }

  private final NodewardAuthorizerHandler handler;

  public LambdaInvoker(Map<String, String> env) {
    this.handler = new NodewardAuthorizerHandler(env);
  }

  public Policy invoke(String event) {
    return invoke(event.getBytes(StandardCharsets.UTF_8));
  }

  public Policy invoke(byte[] event) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      handler.handleRequest(new ByteArrayInputStream(event), out, null);
      return new Policy(JSON.std.mapFrom(out.toByteArray()));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The environment for an identity in three PEM files under {@code dir}. */
  public static Map<String, String> fileEnv(Path dir, String authorizeUrl, String timeout, TestCa.Issued client,
      String serverCaPem) {
    try {
      Files.createDirectories(dir);
      Map<String, String> env = new HashMap<>();
      env.put("NODEWARD_LAMBDA_AUTHORIZE_URL", authorizeUrl);
      env.put("NODEWARD_LAMBDA_TIMEOUT", timeout);
      env.put("NODEWARD_LAMBDA_CLIENT_CERT_PEM", Files.writeString(dir.resolve("client.pem"), client.certPem()).toString());
      env.put("NODEWARD_LAMBDA_CLIENT_KEY_PEM", Files.writeString(dir.resolve("client.key"), client.keyPem()).toString());
      env.put("NODEWARD_LAMBDA_SERVER_CA_PEM", Files.writeString(dir.resolve("ca.pem"), serverCaPem).toString());
      return env;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
