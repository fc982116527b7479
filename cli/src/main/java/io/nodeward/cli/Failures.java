package io.nodeward.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nodeward.cli.core.CliFailure;
import io.nodeward.cli.core.ExitCode;
import io.nodeward.cli.http.Json;
import io.nodeward.cli.output.OutputFormat;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Every failure ends here: printed on stderr as one line with its code ({@code error: <sentence> [CODE]}), or as
 * one JSON object with {@code --output json}, and turned into the documented exit code. Stack traces only with
 * {@code NODEWARD_CLI_DEBUG=1}, and only for failures nobody anticipated.
 */
final class Failures implements IExecutionExceptionHandler, IParameterExceptionHandler {

  private final NodewardCli cli;

  Failures(NodewardCli cli) {
    this.cli = cli;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
    CliFailure failure;
    if (ex instanceof CliFailure known) {
      failure = known;
    } else {
      failure = new CliFailure(ExitCode.REFUSED, "INTERNAL_ERROR", "Unexpected failure: " + ex, 0, ex);
      if ("1".equals(System.getenv("NODEWARD_CLI_DEBUG"))) {
        ex.printStackTrace(commandLine.getErr());
      }
    }
    if (failure.exitCode() == ExitCode.USAGE) {
      return report(commandLine.getErr(), failure, hint(commandLine));
    }
    return report(commandLine.getErr(), failure, null);
  }

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine commandLine = ex.getCommandLine();
    String hint = hint(commandLine);
    if (ex instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
      hint = "Did you mean: " + String.join(", ", unmatched.getSuggestions()) + "? " + hint;
    }
    return report(commandLine.getErr(), CliFailure.usage("USAGE", ex.getMessage()), hint);
  }

  private int report(PrintWriter err, CliFailure failure, String hint) {
    if (cli.output == OutputFormat.json) {
      ObjectNode error = Json.object().put("code", failure.code()).put("message", failure.getMessage())
          .put("exitCode", failure.exitCode());
      if (failure.httpStatus() > 0) {
        error.put("status", failure.httpStatus());
      }
      ObjectNode document = Json.object();
      document.set("error", error);
      err.println(Json.write(document));
    } else {
      err.println("error: " + failure.getMessage() + " [" + failure.code() + "]");
      if (hint != null) {
        err.println(hint);
      }
    }
    err.flush();
    return failure.exitCode();
  }

  private static String hint(CommandLine commandLine) {
    return "See '" + commandLine.getCommandSpec().qualifiedName() + " --help'.";
  }
}
