package io.nodeward.cli.auth;

import java.io.IOException;
import java.util.List;

/** Asks the desktop to open an address; on a machine without one nothing happens (the address is printed anyway). */
final class Browser {

  private Browser() {
  }

  static void open(String url) {
    String os = System.getProperty("os.name", "").toLowerCase();
    List<String> command;
    if (os.contains("mac")) {
      command = List.of("open", url);
    } else if (os.contains("win")) {
      command = List.of("rundll32", "url.dll,FileProtocolHandler", url);
    } else if (System.getenv("DISPLAY") != null || System.getenv("WAYLAND_DISPLAY") != null) {
      command = List.of("xdg-open", url);
    } else {
      return;
    }
    try {
      new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      // no opener installed: the user opens the printed address
    }
  }
}
