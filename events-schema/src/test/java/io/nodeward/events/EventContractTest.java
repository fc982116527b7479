package io.nodeward.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins the wire format: every event round-trips, validates against its schema, and encodes to exactly the
 * golden file beside this test. A change that would break a consumer breaks this test first. To accept a
 * deliberate change, run with -Dnodeward.golden.write=true and review the diff of src/test/resources/golden.
 */
class EventContractTest {

  private static final Path GOLDEN = Path.of("src/test/resources/golden");
  private final EventCodec codec = new EventCodec();

  static Stream<CloudEvent<?>> samples() {
    return EventSamples.all().stream();
  }

  @Test
  void everyEventTypeHasASample() {
    Set<EventType> sampled = EventSamples.all().stream().map(CloudEvent::type).collect(Collectors.toSet());
    assertEquals(EnumSet.allOf(EventType.class), sampled);
  }

  @ParameterizedTest
  @MethodSource("samples")
  void everyEventRoundTripsThroughJson(CloudEvent<?> event) throws Exception {
    CloudEvent<EventData> decoded = codec.decode(codec.encodeBytes(event));
    assertEquals(event, decoded);
  }

  @ParameterizedTest
  @MethodSource("samples")
  void everyEventMatchesItsGoldenFile(CloudEvent<?> event) throws Exception {
    Path file = GOLDEN.resolve(event.type().type() + ".json");
    String canonical = codec.canonical(event);
    if (Boolean.getBoolean("nodeward.golden.write")) {
      Files.createDirectories(GOLDEN);
      Files.writeString(file, canonical + "\n", StandardCharsets.UTF_8);
    }
    if (!Files.exists(file)) {
      fail("no golden file " + file + "; generate with -Dnodeward.golden.write=true and review it");
    }
    String golden = Files.readString(file, StandardCharsets.UTF_8).strip();
    assertEquals(golden, canonical, "wire format of " + event.type() + " changed");
    assertEquals(event, codec.decode(golden), "golden file no longer decodes to the sample");
  }

  @Test
  void aRenewalNamesTheCertificateItRenewsAndMatchesItsGoldenFile() throws Exception {
    CloudEvent<CertificateIssued> event = EventSamples.renewal();
    Path file = GOLDEN.resolve(event.type().type() + ".renewal.json");
    String canonical = codec.canonical(event);
    if (Boolean.getBoolean("nodeward.golden.write")) {
      Files.writeString(file, canonical + "\n", StandardCharsets.UTF_8);
    }
    assertEquals(Files.readString(file, StandardCharsets.UTF_8).strip(), canonical);
    assertEquals(event, codec.decode(canonical));
    assertEquals(EventSamples.SERIAL, ((CertificateIssued) codec.decode(canonical).data()).renews());
  }

  @Test
  void aRenewsValueThatIsNoSerialIsRefused() {
    String canonical = codec.canonical(EventSamples.renewal()).replace(EventSamples.SERIAL, "not-a-serial");
    assertThrows(InvalidEventException.class, () -> codec.decode(canonical));
  }

  static Stream<String> variants() {
    return EventSamples.variants().keySet().stream().sorted();
  }

  @ParameterizedTest
  @MethodSource("variants")
  void everyVariantMatchesItsGoldenFile(String name) throws Exception {
    CloudEvent<?> event = EventSamples.variants().get(name);
    Path file = GOLDEN.resolve(event.type().type() + "." + name + ".json");
    String canonical = codec.canonical(event);
    if (Boolean.getBoolean("nodeward.golden.write")) {
      Files.writeString(file, canonical + "\n", StandardCharsets.UTF_8);
    }
    if (!Files.exists(file)) {
      fail("no golden file " + file + "; generate with -Dnodeward.golden.write=true and review it");
    }
    assertEquals(Files.readString(file, StandardCharsets.UTF_8).strip(), canonical, "wire format of " + name);
    assertEquals(event, codec.decode(canonical));
  }

  @ParameterizedTest
  @MethodSource("samples")
  void everyEventTravelsOnTheTopicThatDeclaresIt(CloudEvent<?> event) {
    assertTrue(event.topic().carries(event.type()));
    assertTrue(Topics.ALL.contains(event.topic()));
  }

  @Test
  void topicNamesAreUniqueAndVersioned() throws IOException {
    Set<String> names = Topics.ALL.stream().map(Topic::name).collect(Collectors.toSet());
    assertEquals(Topics.ALL.size(), names.size());
    names.forEach(n -> assertTrue(n.matches("nodeward\\.[a-z-]+\\.v\\d+"), n));
  }
}
