package io.nodeward.cli.commands;

import io.nodeward.cli.pki.KeyType;
import java.util.Arrays;
import java.util.Iterator;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

final class KeyTypeConverter implements ITypeConverter<KeyType> {

  @Override
  public KeyType convert(String value) {
    try {
      return KeyType.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }

  /** For shell completion. */
  static final class Candidates implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(KeyType.values()).map(KeyType::cliName).iterator();
    }
  }
}
