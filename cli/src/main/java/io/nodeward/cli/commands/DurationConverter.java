package io.nodeward.cli.commands;

import io.nodeward.cli.output.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code 90s}, {@code 30m}, {@code 12h}, {@code 7d} or ISO-8601 on the command line. */
final class DurationConverter implements ITypeConverter<Duration> {

  @Override
  public Duration convert(String value) {
    try {
      Duration duration = Durations.parse(value);
      if (duration.isNegative() || duration.isZero()) {
        throw new TypeConversionException("'" + value + "' must be longer than zero");
      }
      return duration;
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
