package io.nodeward.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** What every benchmark reports beside its numbers: this JVM's CPU time and how busy the machine was. */
public final class Machine {

  /** CPU time (user + system) this JVM has used so far, in nanoseconds. */
  public static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** The 1-minute load average. */
  public static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  /** The 1-, 5- and 15-minute load averages and the run queue, as {@code /proc/loadavg} has them. */
  public static String loadAverages() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }

  private Machine() {
  }
}
