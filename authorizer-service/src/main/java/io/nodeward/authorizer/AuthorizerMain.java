package io.nodeward.authorizer;

import io.nodeward.authorizer.config.AuthorizerConfig;
import io.nodeward.kit.app.ServiceLauncher;

/** The authorizer on its own (containers, compose). */
public final class AuthorizerMain {

  private AuthorizerMain() {
  }

  public static void main(String[] args) throws InterruptedException {
    ServiceLauncher.run("authorizer", AuthorizerConfig::fromEnv, AuthorizerService::start, AuthorizerService::close);
  }
}
