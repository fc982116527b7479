package io.nodeward.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nodeward.cli.core.CliFailure;
import io.nodeward.cli.http.Http;
import io.nodeward.cli.http.Json;
import io.nodeward.cli.http.Query;
import io.nodeward.cli.pki.MutualTls;
import io.nodeward.cli.pki.Pem;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "call", mixinStandardHelpOptions = true,
    description = {"One request to a node through the mTLS gateway, presenting the node's certificate.",
        "Prints the answer's body; a refusal is printed as its code (e.g. REVOKED) with exit code 1."})
public final class CallCommand extends BaseCommand {

  @Parameters(index = "0", paramLabel = "NODE", description = "The node to call.")
  String node;

  @Parameters(index = "1", paramLabel = "PATH", defaultValue = "/", description = "The path on the node (default: /).")
  String path;

  @Option(names = "--cert", paramLabel = "FILE", description = "Client certificate (default: NODE.crt).")
  Path cert;

  @Option(names = "--key", paramLabel = "FILE", description = "Its private key (default: NODE.key).")
  Path key;

  @Option(names = "--ca", paramLabel = "FILE", description = "CA chain to verify the gateway with (default: ca.pem beside --cert).")
  Path ca;

  @Option(names = {"-X", "--method"}, paramLabel = "METHOD", defaultValue = "GET", description = "GET, POST, PUT, DELETE, HEAD or OPTIONS (default: ${DEFAULT-VALUE}).")
  String method;

  @Option(names = {"-d", "--data"}, paramLabel = "BODY", description = "Request body (sent as given).")
  String data;

  @Option(names = {"-H", "--header"}, paramLabel = "NAME:VALUE", description = "Extra request header; repeatable.")
  List<String> headers;

  @Override
  protected void execute() {
    Path certFile = cert != null ? cert : Path.of(node + ".crt");
    Path keyFile = key != null ? key : Path.of(node + ".key");
    Path caFile = ca != null ? ca : certFile.toAbsolutePath().getParent().resolve("ca.pem");
    List<X509Certificate> chain = Pem.readCertificates(certFile);
    PrivateKey privateKey = Pem.readPrivateKey(keyFile);
    Http http = Http.mutualTls(MutualTls.context(chain, privateKey, Pem.readCertificates(caFile)), cli().userAgent());

    String verb = method.toUpperCase(java.util.Locale.ROOT);
    if (!java.util.Set.of("GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS").contains(verb)) {
      throw CliFailure.usage("USAGE", "--method must be GET, POST, PUT, DELETE, HEAD or OPTIONS.");
    }
    Http.Request request = Http.Request.of(verb, target(),
        data == null ? null : data.getBytes(StandardCharsets.UTF_8));
    if (headers != null) {
      for (String header : headers) {
        int colon = header.indexOf(':');
        if (colon <= 0) {
          throw CliFailure.usage("USAGE", "--header takes NAME:VALUE, not '" + header + "'.");
        }
        request.header(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
      }
    }
    report(http.send(request, "gateway"));
  }

  private URI target() {
    String base = cli().settings().gatewayUrl().toString().replaceAll("/+$", "");
    String onNode = path.startsWith("/") ? path : "/" + path;
    return URI.create(base + "/nodes/" + Query.segment(node) + onNode);
  }

  private void report(Http.Response response) {
    int status = response.status();
    String body = response.text();
    String contentType = response.contentType() == null ? "" : response.contentType();
    JsonNode json = contentType.contains("json") && !body.isBlank() ? tryParse(body) : null;
    boolean ok = status / 100 == 2;
    if (output().json()) {
      ObjectNode result = Json.object().put("status", status).put("contentType", contentType);
      if (json != null) {
        result.set("body", json);
      } else {
        result.put("body", body);
      }
      output().line(Json.pretty(result));
    } else if (ok || json == null || Json.text(json, "code") == null) {
      output().out().print(body);
      if (!body.endsWith("\n")) {
        output().out().println();
      }
      output().out().flush();
    }
    if (!ok) {
      String code = json == null ? null : Json.text(json, "code");
      String detail = json == null ? null : Json.text(json, "detail");
      throw CliFailure.refused(status, code != null ? code : "HTTP_" + status,
          (code != null ? "The gateway refused the call" : "The node answered HTTP " + status)
              + (detail != null ? ": " + detail : "."));
    }
  }

  private static JsonNode tryParse(String body) {
    try {
      return Json.read(body, false);
    } catch (java.io.IOException e) {
      return null;
    }
  }
}
