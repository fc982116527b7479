package io.nodeward.identity;

import io.nodeward.kit.app.ServiceLauncher;

/** DEV ONLY. Runs dev-identity on its own, configured from the environment ({@link DevIdentityConfig}). */
public final class DevIdentityMain {

  private DevIdentityMain() {
  }

  public static void main(String[] args) throws InterruptedException {
    ServiceLauncher.run("dev-identity", DevIdentityConfig::fromEnv, DevIdentityProvider::start, DevIdentityProvider::close);
  }
}
