package io.nodeward.stack.cli;

import io.nodeward.issuer.IssuerService;
import io.nodeward.issuer.config.IssuerConfig;
import io.nodeward.kit.config.Env;
import io.nodeward.kit.testing.Await;
import io.nodeward.stack.StackHarness;
import java.util.HashMap;
import java.util.Map;

/**
 * Stops the stack's issuer (both listeners close: clients get "connection refused") and later starts a new one on
 * the same ports, data and broker, as an operator restarting it would. The new issuer is closed by {@link #close()}.
 */
final class IssuerOutage {

  private static IssuerService restarted;

  private final StackHarness harness;
  private final Map<String, String> env;

  private IssuerOutage(StackHarness harness, Map<String, String> env) {
    this.harness = harness;
    this.env = env;
  }

  static IssuerOutage begin(StackHarness harness, Map<String, String> stackEnv) {
    IssuerService issuer = harness.stack.issuer();
    Map<String, String> env = new HashMap<>(stackEnv);
    env.put("NODEWARD_PROFILE", "dev"); // as the stack sets it for its services
    env.put("NODEWARD_ISSUER_PORT", Integer.toString(issuer.port()));
    env.put("NODEWARD_ISSUER_MTLS_PORT", Integer.toString(issuer.renewalPort()));
    env.put("NODEWARD_KAFKA_BOOTSTRAP", harness.stack.bootstrapServers());
    env.put("NODEWARD_COGNITO_ISSUER", harness.stack.identity().issuer());
    Await.result(issuer.close());
    return new IssuerOutage(harness, env);
  }

  void end() {
    restarted = Await.result(IssuerService.start(harness.vertx, IssuerConfig.fromEnv(Env.of(env))));
  }

  /** Closes the issuer started by {@link #end()}, if any; before the stack (and its broker) stops. */
  static void close() {
    if (restarted != null) {
      Await.result(restarted.close());
      restarted = null;
    }
  }
}
