package io.nodeward.console;

import io.nodeward.console.config.ConsoleConfig;
import io.nodeward.kit.app.ServiceLauncher;

/** The console on its own (containers, compose): {@code java -jar console/target/console-all.jar}. */
public final class ConsoleMain {

  private ConsoleMain() {
  }

  public static void main(String[] args) throws InterruptedException {
    ServiceLauncher.run("console", ConsoleConfig::fromEnv, ConsoleService::start, ConsoleService::close);
  }
}
