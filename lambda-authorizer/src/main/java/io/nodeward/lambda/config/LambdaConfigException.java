package io.nodeward.lambda.config;

/** A configuration value is missing or wrong; the message names the variable. */
public final class LambdaConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LambdaConfigException(String variable, String problem) {
    super(variable + " " + problem);
  }
}
