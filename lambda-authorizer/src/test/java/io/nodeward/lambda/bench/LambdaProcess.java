package io.nodeward.lambda.bench;

import io.nodeward.lambda.NodewardAuthorizerHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * One Lambda "instance" in a fresh JVM, as the runtime uses it: construct the handler (init), invoke once (the
 * cold request), then {@code warm} more invocations. Prints one line of numbers for {@link LambdaBench}.
 * Its class path is the deployment package plus this class only. Environment: system properties env.NAME=value.
 */
public final class LambdaProcess {

  private LambdaProcess() {
  }

  public static void main(String[] args) throws Exception {
    byte[] event = Files.readAllBytes(Path.of(args[0]));
    int warm = Integer.parseInt(args[1]);
    Map<String, String> env = new HashMap<>();
    System.getProperties().forEach((k, v) -> {
      if (k.toString().startsWith("env.")) {
        env.put(k.toString().substring(4), v.toString());
      }
    });
    long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    long mainAt = System.currentTimeMillis();
    long c0 = processCpuNanos();
    long t0 = System.nanoTime();
    NodewardAuthorizerHandler handler = new NodewardAuthorizerHandler(env);
    long t1 = System.nanoTime();
    long c1 = processCpuNanos();
    String first = invoke(handler, event);
    long t2 = System.nanoTime();
    long c2 = processCpuNanos();
    if (!first.contains("\"Allow\"")) {
      throw new IllegalStateException("the cold invocation did not allow: " + first);
    }
    long cpuBefore = processCpuNanos();
    long[] latencies = new long[warm];
    for (int i = 0; i < warm; i++) {
      long s = System.nanoTime();
      invoke(handler, event);
      latencies[i] = System.nanoTime() - s;
    }
    long cpu = processCpuNanos() - cpuBefore;
    Arrays.sort(latencies);
    System.out.printf("RESULT jvm_to_main_ms=%d cpu_before_main_ms=%.0f init_ms=%.1f init_cpu_ms=%.0f first_invoke_ms=%.1f "
            + "first_invoke_cpu_ms=%.0f warm_p50_ms=%.3f warm_p99_ms=%.3f warm_cpu_us_per_call=%.0f%n",
        mainAt - jvmStart, c0 / 1e6, (t1 - t0) / 1e6, (c1 - c0) / 1e6, (t2 - t1) / 1e6, (c2 - c1) / 1e6,
        latencies[warm / 2] / 1e6, latencies[(int) (warm * 0.99)] / 1e6, cpu / 1e3 / warm);
  }

  private static String invoke(NodewardAuthorizerHandler handler, byte[] event) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(event), out, null);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
