package io.nodeward.cli.commands;

import io.nodeward.cli.core.CliFailure;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Passwords the user sets (a PKCS#12 bundle's): from stdin, or asked twice on the terminal, never echoed. */
final class Passwords {

  static final int MIN_LENGTH = 12;

  private Passwords() {
  }

  static char[] newPassword(boolean fromStdin, String prompt) {
    char[] password;
    if (fromStdin) {
      try {
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        password = line == null ? new char[0] : line.toCharArray();
      } catch (IOException e) {
        throw CliFailure.failed("CANNOT_READ_PASSWORD", "Cannot read the password from standard input.");
      }
    } else {
      java.io.Console console = System.console();
      if (console == null) {
        throw CliFailure.usage("USAGE", "No terminal to ask for the " + prompt + " on; use --p12-password-stdin.");
      }
      password = console.readPassword("%s: ", prompt);
      char[] again = console.readPassword("Again: ");
      if (password == null || !Arrays.equals(password, again)) {
        throw CliFailure.usage("PASSWORDS_DIFFER", "The two passwords differ.");
      }
      Arrays.fill(again, '\0');
    }
    if (password.length < MIN_LENGTH) {
      throw CliFailure.usage("WEAK_PASSWORD", "The " + prompt + " must have at least " + MIN_LENGTH + " characters.");
    }
    return password;
  }
}
