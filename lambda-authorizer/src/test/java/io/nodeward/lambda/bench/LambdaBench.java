package io.nodeward.lambda.bench;

import io.nodeward.lambda.testing.LambdaInvoker;
import io.nodeward.lambda.testing.SampleEvents;
import io.nodeward.lambda.testing.ScriptedAuthorizeServer;
import io.nodeward.lambda.testing.SecretsManagerEndpoint;
import io.nodeward.lambda.testing.TestCa;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Cold start and warm cost of the Lambda authorizer, measured in-process the way the Lambda runtime runs it:
 * each sample is a fresh JVM ({@link LambdaProcess}) with only the deployment package on its class path, against
 * an mTLS /authorize stand-in that answers Allow at once (so the numbers are the Lambda's own side) and a local
 * Secrets Manager endpoint (the template's identity source).
 *
 * <pre>java -cp &lt;test class path&gt; io.nodeward.lambda.bench.LambdaBench &lt;package jar&gt; &lt;samples&gt; &lt;warm calls&gt; [jvm flags...]</pre>
 */
public final class LambdaBench {

  private LambdaBench() {
  }

  public static void main(String[] args) throws Exception {
    String packageJar = args[0];
    int samples = Integer.parseInt(args[1]);
    String warm = args[2];
    List<String> jvmFlags = List.of(args).subList(3, args.length);
    TestCa pki = TestCa.create("bench-ca");
    TestCa.Issued lambda = pki.client("spiffe://nodeward.local/service/lambda-authorizer");
    Path dir = Files.createTempDirectory("aws-lambda-bench");
    Path event = Files.writeString(dir.resolve("event.json"), SampleEvents.rest("node-1", lambda.certPem()));
    try (ScriptedAuthorizeServer server = ScriptedAuthorizeServer.start(pki.server(), pki, pki);
         SecretsManagerEndpoint secrets = SecretsManagerEndpoint.start()) {
      server.answer(200, "{\"principalId\":\"alice\",\"policyDocument\":{\"Version\":\"2012-10-17\",\"Statement\":[{"
          + "\"Action\":\"execute-api:Invoke\",\"Effect\":\"Allow\",\"Resource\":\"" + SampleEvents.arn("node-1")
          + "\"}]},\"context\":{\"reason\":\"ALLOWED\",\"decisionId\":\"d\",\"userId\":\"alice\",\"nodeId\":\"node-1\"}}");
      secrets.put("identity", "{\"certificatePem\":\"" + lambda.certPem().replace("\n", "\\n") + "\",\"privateKeyPem\":\""
          + lambda.keyPem().replace("\n", "\\n") + "\",\"caChainPem\":\"" + pki.pem().replace("\n", "\\n") + "\"}");
      Map<String, String> files = LambdaInvoker.fileEnv(dir.resolve("files"), server.uri().toString(), "20s", lambda,
          pki.pem());
      Map<String, String> secret = Map.of("NODEWARD_LAMBDA_AUTHORIZE_URL", server.uri().toString(),
          "NODEWARD_LAMBDA_TIMEOUT", "20s", "NODEWARD_LAMBDA_IDENTITY_SECRET", "identity",
          "NODEWARD_LAMBDA_SECRETS_ENDPOINT", secrets.uri().toString(), "AWS_REGION", "eu-west-1",
          "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY", "bench", "AWS_SESSION_TOKEN", "bench");
      for (Map.Entry<String, Map<String, String>> variant : Map.of("files", files, "secrets-manager", secret).entrySet()) {
        for (int i = 0; i < samples; i++) {
          int before = server.connections();
          System.out.println(variant.getKey() + " " + run(packageJar, jvmFlags, variant.getValue(), event, warm)
              + " connections=" + (server.connections() - before));
        }
      }
    }
  }

  private static String run(String packageJar, List<String> flags, Map<String, String> env, Path event, String warm)
      throws Exception {
    String driver = Path.of(LambdaProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(flags);
    env.forEach((k, v) -> command.add("-Denv." + k + "=" + v));
    command.addAll(List.of("-cp", packageJar + File.pathSeparator + driver, LambdaProcess.class.getName(),
        event.toString(), warm));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor();
    return output.lines().filter(l -> l.startsWith("RESULT")).findFirst().orElse("FAILED " + output);
  }
}
