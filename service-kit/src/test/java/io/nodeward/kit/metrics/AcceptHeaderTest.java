package io.nodeward.kit.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nodeward.kit.metrics.AcceptHeader.Format;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AcceptHeaderTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "''|PROMETHEUS_TEXT",
      "*/*|PROMETHEUS_TEXT",
      "text/plain|PROMETHEUS_TEXT",
      "text/*;q=0.5|PROMETHEUS_TEXT",
      "text/plain;version=0.0.4;q=0.3, */*;q=0.1|PROMETHEUS_TEXT",
      "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1|OPENMETRICS",
      "application/openmetrics-text; q=0.4, text/plain; q=0.9|PROMETHEUS_TEXT",
      "APPLICATION/OpenMetrics-Text|OPENMETRICS",
      "application/json, text/plain;q=0.1|PROMETHEUS_TEXT",
      "text/plain,,|PROMETHEUS_TEXT",
  })
  void picksTheFormatTheScraperPrefers(String header, Format expected) throws Exception {
    assertEquals(Optional.of(expected), AcceptHeader.choose(header));
  }

  @ParameterizedTest
  @ValueSource(strings = {"application/json", "text/html, application/xml", "text/plain;q=0", "*/*;q=0.000"})
  void nothingServableIsEmpty(String header) throws Exception {
    assertEquals(Optional.empty(), AcceptHeader.choose(header));
  }

  @ParameterizedTest
  @ValueSource(strings = {"text", "text/plain/x", "text/plain;q=2", "text/plain;q=0.5555", "text/plain;q=",
      "text/plain;q", "*/plain", "te xt/plain", "text/pl\"ain", "/plain", "text/"})
  void malformedHeadersAreRefused(String header) {
    assertThrows(AcceptHeader.MalformedAccept.class, () -> AcceptHeader.choose(header));
  }

  @org.junit.jupiter.api.Test
  void anOversizedHeaderIsRefusedWithoutParsingIt() {
    assertThrows(AcceptHeader.MalformedAccept.class, () -> AcceptHeader.choose("text/plain,".repeat(200)));
  }
}
