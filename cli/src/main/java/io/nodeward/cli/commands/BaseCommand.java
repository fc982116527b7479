package io.nodeward.cli.commands;

import io.nodeward.cli.Context;
import io.nodeward.cli.NodewardCli;
import io.nodeward.cli.core.ExitCode;
import io.nodeward.cli.output.Output;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A leaf command: runs with the run's {@link Context} and returns an exit code (failures are thrown). */
abstract class BaseCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  protected Context cli() {
    return ((NodewardCli) spec.root().userObject()).context();
  }

  protected Output output() {
    return cli().output();
  }

  @Override
  public final Integer call() throws Exception {
    execute();
    return ExitCode.OK;
  }

  protected abstract void execute() throws Exception;
}
