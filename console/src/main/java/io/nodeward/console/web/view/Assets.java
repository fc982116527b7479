package io.nodeward.console.web.view;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Where the pages' scripts and styles are. The WebJar paths carry their versions (from the pom, through
 * {@code console-assets.properties}), so they can be cached for ever; the console's own files carry its version.
 */
public record Assets(String htmxJs, String uplotJs, String uplotCss, String consoleJs, String consoleCss) {

  public static Assets fromClasspath() {
    Properties versions = new Properties();
    try (InputStream in = Assets.class.getResourceAsStream("/console-assets.properties")) {
      if (in == null) {
        throw new IllegalStateException("console-assets.properties is missing from the classpath");
      }
      versions.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String own = "/static/" + versions.getProperty("version");
    return new Assets(
        "/webjars/htmx.org/" + versions.getProperty("htmx") + "/dist/htmx.min.js",
        "/webjars/uplot/" + versions.getProperty("uplot") + "/dist/uPlot.iife.min.js",
        "/webjars/uplot/" + versions.getProperty("uplot") + "/dist/uPlot.min.css",
        own + "/console.js",
        own + "/console.css");
  }
}
