package io.nodeward.issuer.domain;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 13.5 at provisioning: metadata services and link-local addresses are never a node's upstream. */
class UpstreamPolicyTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "http://169.254.169.254/latest/meta-data/",
      "http://169.254.0.1:8080/",
      "https://[fe80::1]/",
      "http://[fe80::1%25eth0]/",
      "http://[::ffff:169.254.169.254]/",
      "http://[fd00:ec2::254]/",
      "http://100.100.100.200/latest/meta-data/",
      "http://metadata.google.internal/computeMetadata/v1/",
      "http://METADATA.google.internal./",
      "http://instance-data/",
      "http://0.0.0.0:8080/",
      "http://0xa9.0xfe.0xa9.0xfe/",
      "http://0251.0376.0251.0376/",
      "http://2852039166/",
      "http://169.254/",
      "ftp://node.example/",
      "http://user:pw@node.example/",
  })
  void refused(String url) {
    assertTrue(UpstreamPolicy.check(url).isPresent(), url);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "http://127.0.0.1:9000/demo",
      "https://node-1.internal.example:8443/",
      "http://10.0.3.7/",
      "http://[2001:db8::7]:8080/",
      "http://169.255.0.1/",
      "http://metadata.example.com/",
  })
  void allowed(String url) {
    assertTrue(UpstreamPolicy.check(url).isEmpty(), url);
  }
}
