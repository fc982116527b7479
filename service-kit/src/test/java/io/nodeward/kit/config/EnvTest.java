package io.nodeward.kit.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvTest {

  enum Backend { LOCAL, ACM_PCA }

  @Test
  void defaultsApplyWhenUnsetOrBlank() {
    Env env = Env.of(Map.of("BLANK", "  "));
    assertEquals(8080, env.port("PORT", 8080));
    assertEquals("x", env.string("BLANK", "x"));
    assertEquals(Duration.ofSeconds(5), env.duration("D", Duration.ofSeconds(5)));
  }

  @ParameterizedTest
  @CsvSource({"500ms,500", "30s,30000", "5m,300000", "2h,7200000", "7d,604800000", "PT1S,1000", "P1D,86400000"})
  void durationsAcceptUnitsAndIso8601(String text, long millis) {
    assertEquals(millis, Env.of(Map.of("D", text)).duration("D", Duration.ZERO).toMillis());
  }

  @Test
  void badValuesNameTheVariable() {
    Env env = Env.of(Map.of("PORT", "99999", "N", "abc", "D", "soon", "B", "maybe", "E", "vault", "U", "not a url"));
    assertTrue(assertThrows(ConfigException.class, () -> env.port("PORT", 1)).getMessage().startsWith("PORT:"));
    assertTrue(assertThrows(ConfigException.class, () -> env.integer("N", 1, 0, 10)).getMessage().startsWith("N:"));
    assertTrue(assertThrows(ConfigException.class, () -> env.duration("D", Duration.ZERO)).getMessage().startsWith("D:"));
    assertTrue(assertThrows(ConfigException.class, () -> env.bool("B", false)).getMessage().startsWith("B:"));
    ConfigException e = assertThrows(ConfigException.class, () -> env.enumValue("E", Backend.class, Backend.LOCAL));
    assertTrue(e.getMessage().contains("acm-pca") && e.getMessage().contains("local"), e.getMessage());
    assertThrows(ConfigException.class, () -> env.uri("U", null));
    assertThrows(ConfigException.class, () -> env.required("MISSING"));
  }

  @Test
  void enumsListsAndOverrides() {
    Env env = Env.of(Map.of("E", "acm-pca", "L", "a, b,,c")).with(Map.of("X", "1"));
    assertEquals(Backend.ACM_PCA, env.enumValue("E", Backend.class, Backend.LOCAL));
    assertEquals(List.of("a", "b", "c"), env.list("L", null));
    assertEquals(1, env.integer("X", 0, 0, 5));
  }
}
