package io.nodeward.cli.commands;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that only groups others ({@code cert}, {@code node}, {@code audit}): alone, it shows its usage. */
abstract class GroupCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
    throw new CommandLine.ParameterException(spec.commandLine(), "Name a '" + spec.qualifiedName() + "' command.");
  }
}
