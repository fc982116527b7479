package io.nodeward.stack.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) driven by Selenium, the way a person
 * uses the console: through the hosted UI's login form, links, forms and downloads. It remembers every page and URL
 * it saw, so a test can ask whether a token ever showed up in one, saves a screenshot of any page under
 * {@code console/target/screenshots/}, and runs axe-core inside the page.
 *
 * <p>The driver and browser paths are given explicitly so that Selenium Manager downloads nothing. When they are
 * missing the test fails and says how to install them; it never skips.
 */
public final class ConsoleBrowser implements AutoCloseable {

  public static final Path CHROMIUM = Path.of(System.getProperty("nodeward.chromium", "/usr/bin/chromium"));
  public static final Path CHROMEDRIVER = Path.of(System.getProperty("nodeward.chromedriver", "/usr/bin/chromedriver"));
  public static final Path SCREENSHOTS = Path.of("..", "console", "target", "screenshots").toAbsolutePath().normalize();
  /** What a compact JWT looks like: a base64url JSON header, a dot, a base64url JSON payload. */
  public static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}");
  /** A hang guard for waits, never an assertion on speed. */
  static final Duration WAIT = Duration.ofSeconds(60);

  private final ChromeDriver driver;
  private final ChromeDriverService service;
  private final String consoleUrl;
  private final Path downloads;
  private final Set<String> urlsSeen = new LinkedHashSet<>();
  private final List<String> pagesSeen = new ArrayList<>();

  private ConsoleBrowser(ChromeDriverService service, ChromeDriver driver, String consoleUrl, Path downloads) {
    this.service = service;
    this.driver = driver;
    this.consoleUrl = consoleUrl;
    this.downloads = downloads;
  }

  public static ConsoleBrowser open(String consoleUrl, Path workDir) {
    requireInstalled(CHROMIUM, "chromium");
    requireInstalled(CHROMEDRIVER, "chromium-driver");
    try {
      Path profile = Files.createDirectories(workDir.resolve("profile"));
      Path downloads = Files.createDirectories(workDir.resolve("downloads"));
      ChromeOptions options = new ChromeOptions();
      options.setBinary(CHROMIUM.toFile());
      // As root here Chromium needs --no-sandbox; the background-networking flags keep it from dialling out.
      options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
          "--disable-background-networking", "--disable-component-update", "--disable-sync",
          "--disable-dev-shm-usage", "--window-size=1280,900", "--user-data-dir=" + profile);
      Map<String, Object> prefs = new HashMap<>();
      prefs.put("download.default_directory", downloads.toString());
      prefs.put("download.prompt_for_download", false);
      prefs.put("safebrowsing.enabled", false);
      options.setExperimentalOption("prefs", prefs);
      ChromeDriverService service = new ChromeDriverService.Builder()
          .usingDriverExecutable(CHROMEDRIVER.toFile())
          .usingAnyFreePort()
          .build();
      ChromeDriver driver = new ChromeDriver(service, options);
      driver.manage().timeouts().pageLoadTimeout(WAIT).scriptTimeout(WAIT);
      return new ConsoleBrowser(service, driver, consoleUrl, downloads);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void requireInstalled(Path binary, String debianPackage) {
    if (!Files.isExecutable(binary)) {
      throw new AssertionError(binary + " is missing: the console's browser tests need Debian's " + debianPackage
          + " (bash scripts/install-test-tools.sh installs chromium and chromium-driver with apt-get)");
    }
  }

  public WebDriver driver() {
    return driver;
  }

  public String consoleUrl() {
    return consoleUrl;
  }

  /** Opens a console path and remembers the page. */
  public ConsoleBrowser open(String path) {
    driver.get(consoleUrl + path);
    return seen();
  }

  /** Records the current URL and page source (for the no-token checks). */
  public ConsoleBrowser seen() {
    urlsSeen.add(driver.getCurrentUrl());
    pagesSeen.add(driver.getPageSource());
    return this;
  }

  /**
   * Signs in through the hosted UI from wherever the browser is: the console sends it to the login form, the form
   * sends it back. Ends on the page the console was asked for.
   */
  public ConsoleBrowser signIn(String path, String username, String password) {
    driver.get(consoleUrl + path);
    urlsSeen.add(driver.getCurrentUrl());
    driver.findElement(By.name("username")).sendKeys(username);
    driver.findElement(By.name("password")).sendKeys(password);
    driver.findElement(By.cssSelector("button[type=submit]")).click();
    waitUntil("back on the console after signing in as " + username, d -> d.getCurrentUrl().startsWith(consoleUrl)
        && !d.getCurrentUrl().contains("/callback") && !d.findElements(By.cssSelector("main")).isEmpty());
    return seen();
  }

  public ConsoleBrowser signOut() {
    driver.findElement(By.cssSelector("form[action='/signout'] button")).click();
    waitUntil("the signed-out page", d -> d.getCurrentUrl().endsWith("/signed-out"));
    return seen();
  }

  /** Forgets every cookie, as a new browser would (the dev hosted UI keeps no session of its own). */
  public void forgetCookies() {
    driver.get(consoleUrl + "/health/live");
    driver.manage().deleteAllCookies();
  }

  public WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  public List<WebElement> findAll(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  public String text(String css) {
    return find(css).getText();
  }

  public String title() {
    return driver.getTitle();
  }

  public String source() {
    return driver.getPageSource();
  }

  public Object script(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(js, args);
  }

  public <T> T waitUntil(String what, java.util.function.Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, WAIT).withMessage(what).until(condition::apply);
  }

  /** Saves the page as {@code console/target/screenshots/<name>.png}. */
  public Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      // the whole page, not just the window: a person scrolls
      Number height = (Number) script("return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)");
      driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, Math.min(Math.max(900, height.intValue() + 40), 4000)));
      Path file = SCREENSHOTS.resolve(name + ".png");
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
      driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A file the browser downloaded, once it is complete. */
  public Path download(String fileName) {
    Path file = downloads.resolve(fileName);
    waitUntil("the download of " + fileName, d -> Files.exists(file) && !Files.exists(downloads.resolve(fileName + ".crdownload")));
    return file;
  }

  public void clearDownloads() {
    try (var files = Files.list(downloads)) {
      files.forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Runs axe-core (from its WebJar) inside the page and answers the serious and critical violations, one line
   * each. The script goes in through the driver, so the page's Content-Security-Policy stays as it is.
   */
  @SuppressWarnings("unchecked")
  public List<String> seriousAccessibilityViolations() {
    String axe = AXE_SOURCE;
    script(axe);
    Object result = ((JavascriptExecutor) driver).executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations.map(v => ({"
            + "id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))))"
            + ".catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), targets: []}]));");
    List<String> serious = new ArrayList<>();
    for (Map<String, Object> v : (List<Map<String, Object>>) result) {
      Object impact = v.get("impact");
      if ("serious".equals(impact) || "critical".equals(impact)) {
        serious.add(impact + " " + v.get("id") + ": " + v.get("help") + " at " + v.get("targets"));
      }
    }
    return serious;
  }

  private static final String AXE_SOURCE = axeSource();

  private static String axeSource() {
    String version = System.getProperty("nodeward.axe.version", "4.6.3");
    try (InputStream in = ConsoleBrowser.class.getResourceAsStream(
        "/META-INF/resources/webjars/axe-core/" + version + "/axe.min.js")) {
      if (in == null) {
        throw new AssertionError("axe-core " + version + " is not on the test classpath (org.webjars.npm:axe-core)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every URL and page this browser was on, and what its storage and script-visible cookies hold now. */
  public List<String> everythingSeen() {
    List<String> all = new ArrayList<>(urlsSeen);
    all.addAll(pagesSeen);
    all.add(String.valueOf(script("return JSON.stringify(Object.assign({}, window.localStorage))")));
    all.add(String.valueOf(script("return JSON.stringify(Object.assign({}, window.sessionStorage))")));
    all.add(String.valueOf(script("return document.cookie")));
    return all;
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      service.stop();
    }
  }
}
