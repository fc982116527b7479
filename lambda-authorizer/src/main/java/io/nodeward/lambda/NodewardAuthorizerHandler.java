package io.nodeward.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.nodeward.lambda.config.IdentityLoader;
import io.nodeward.lambda.config.LambdaConfig;
import io.nodeward.lambda.forward.AuthorizeClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * The Lambda entry point, {@code io.nodeward.lambda.NodewardAuthorizerHandler::handleRequest}: an API Gateway
 * REQUEST authorizer (REST with mutual TLS, or HTTP API payload 2.0, IAM policy response) that asks nodeward.
 * A stream handler, so the event reaches the authorizer exactly as API Gateway sent it.
 *
 * <p>Configuration and the client identity are read once, when the runtime constructs the handler (cold
 * start); a configuration error fails that start, visibly in the function's error metric and log.
 */
public final class NodewardAuthorizerHandler implements RequestStreamHandler {

  /** API Gateway's events are a few KiB; anything this large is not one. */
  static final int MAX_EVENT_BYTES = 256 * 1024;

  static {
    // A kept-alive connection to the authorizer outlives many invocations; closing idle ones after 60 s (JDK
    // default 1200 s) makes a stale one, frozen with the Lambda, rarer. AuthorizeClient retries once anyway.
    if (System.getProperty("jdk.httpclient.keepalive.timeout") == null) {
      System.setProperty("jdk.httpclient.keepalive.timeout", "60");
    }
  }

  private final ForwardingAuthorizer authorizer;

  /** Called by the Lambda runtime. */
  public NodewardAuthorizerHandler() {
    this(System.getenv());
  }

  public NodewardAuthorizerHandler(Map<String, String> env) {
    LambdaConfig config = LambdaConfig.fromEnv(env);
    AuthorizeClient client = AuthorizeClient.create(config.authorizeUrl(),
        IdentityLoader.load(config.identity(), env), config.timeout());
    this.authorizer = new ForwardingAuthorizer(client, System.err::println);
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    byte[] event = input.readNBytes(MAX_EVENT_BYTES + 1);
    ForwardingAuthorizer.Outcome outcome = authorizer.authorize(event.length > MAX_EVENT_BYTES ? new byte[0] : event);
    output.write(outcome.response());
    output.flush();
  }
}
