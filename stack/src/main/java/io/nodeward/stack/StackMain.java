package io.nodeward.stack;

import io.nodeward.kit.app.ServiceLauncher;
import java.time.Duration;

/**
 * {@code java -jar stack/target/nodeward-stack.jar}: the whole of nodeward on 127.0.0.1, state under ./data.
 * SIGTERM or Ctrl-C stops it through the stack's {@link io.nodeward.kit.app.Lifecycle}: services in reverse
 * order of start, each bounded, the broker last.
 */
public final class StackMain {

  /** Only a guard: the stack's own component bounds keep a stop to a few seconds. */
  private static final Duration STOP_GUARD = Duration.ofSeconds(20);

  private StackMain() {
  }

  public static void main(String[] args) throws Exception {
    long started = System.nanoTime();
    ServiceLauncher.run("nodeward", STOP_GUARD, StackConfig::fromEnv,
        (vertx, config) -> NodewardStack.start(vertx, config)
            .onSuccess(stack -> System.out.println(Banner.render(stack, config, (System.nanoTime() - started) / 1e9))),
        NodewardStack::close);
  }
}
