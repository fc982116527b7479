package io.nodeward.console.web;

import io.nodeward.console.auth.SessionGuard;
import io.nodeward.console.auth.SignedInUser;
import io.nodeward.console.client.ApiProblem;
import io.nodeward.console.client.IssuerClient;
import io.nodeward.console.domain.Node;
import io.nodeward.console.domain.Relative;
import io.nodeward.console.web.view.IssueView;
import io.nodeward.console.web.view.IssuedView;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /issue} shows the form; {@code POST /issue} asks the issuer for a certificate with the user's token:
 * either a server-made key as a PKCS#12 file (streamed straight to the browser as a download, never kept) or a
 * certificate for the user's CSR (answered with its chain; the key never reaches the console).
 */
final class IssuePage {

  /** The issuer's default minimum (NODEWARD_PKCS12_MIN_PASSWORD_LENGTH); the issuer's own check is what counts. */
  static final int MIN_PASSWORD = 12;
  static final long MAX_FORM_BYTES = 64 * 1024;

  private final Pages pages;
  private final IssuerClient issuer;

  IssuePage(Pages pages, IssuerClient issuer) {
    this.pages = pages;
    this.issuer = issuer;
  }

  void form(RoutingContext ctx) {
    SignedInUser user = SessionGuard.user(ctx);
    issuer.allNodes(user.accessToken())
        .onSuccess(nodes -> render(ctx, 200, nodes, Links.param(ctx, "nodeId"), "pkcs12", "EC_P256", null, null, List.of()))
        .onFailure(ctx::fail);
  }

  void issue(RoutingContext ctx) {
    SignedInUser user = SessionGuard.user(ctx);
    String nodeId = Links.form(ctx, "nodeId");
    String mode = "csr".equals(Links.form(ctx, "mode")) ? "csr" : "pkcs12";
    String keyAlgorithm = Links.form(ctx, "keyAlgorithm");
    String csrPem = MultipartForm.file(ctx, "csrFile");
    if (csrPem == null) {
      csrPem = Links.form(ctx, "csrPem");
    }
    String validity = Links.form(ctx, "validityHours");
    List<String> errors = new ArrayList<>();
    Integer hours = hours(validity, errors);
    if (nodeId == null) {
      errors.add("Choose a node.");
    }
    if ("csr".equals(mode)) {
      if (csrPem == null) {
        errors.add("Paste your CSR or choose its file.");
      }
    } else {
      checkPassword(ctx.request().getFormAttribute("password"), ctx.request().getFormAttribute("passwordConfirm"), errors);
    }
    String csr = csrPem;
    if (!errors.isEmpty()) {
      refuse(ctx, user, nodeId, mode, keyAlgorithm, csr, validity, errors);
      return;
    }
    Future<Void> done = "csr".equals(mode)
        ? issuer.issueForCsr(user.accessToken(), nodeId, csr, hours).map(c -> {
          pages.render(ctx, 201, "issued.jte", new IssuedView(pages.chrome(ctx, "Certificate issued", "issue"),
              c.serialNumber(), c.nodeId(), Relative.utc(c.notAfter()), c.fullChainPem()));
          return null;
        })
        : issuer.issuePkcs12(user.accessToken(), nodeId, keyAlgorithm, ctx.request().getFormAttribute("password"), hours)
            .map(bundle -> {
              ctx.response()
                  .putHeader("Content-Type", "application/x-pkcs12")
                  .putHeader("Content-Disposition", "attachment; filename=\"" + bundle.fileName() + "\"")
                  .end(bundle.bytes());
              return null;
            });
    done.onFailure(e -> {
      if (e instanceof ApiProblem problem && problem.status() >= 400 && problem.status() < 500 && problem.status() != 401) {
        refuse(ctx, user, nodeId, mode, keyAlgorithm, csr, validity, List.of(problem.sentence() + " (" + problem.code() + ")"));
      } else {
        ctx.fail(e);
      }
    });
  }

  private void refuse(RoutingContext ctx, SignedInUser user, String nodeId, String mode, String keyAlgorithm, String csr,
      String validity, List<String> errors) {
    issuer.allNodes(user.accessToken())
        .onSuccess(nodes -> render(ctx, 400, nodes, nodeId, mode, keyAlgorithm, csr, validity, errors))
        .onFailure(ctx::fail);
  }

  private void render(RoutingContext ctx, int status, List<Node> nodes, String nodeId, String mode, String keyAlgorithm,
      String csr, String validity, List<String> errors) {
    pages.render(ctx, status, "issue.jte", new IssueView(pages.chrome(ctx, "Issue a certificate", "issue"),
        nodes.stream().map(Node::nodeId).toList(), nodeId, mode, keyAlgorithm, csr, validity, errors, MIN_PASSWORD));
  }

  private static Integer hours(String value, List<String> errors) {
    if (value == null) {
      return null;
    }
    try {
      int hours = Integer.parseInt(value);
      if (hours >= 1) {
        return hours;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    errors.add("Valid for must be a whole number of hours, at least 1.");
    return null;
  }

  private static void checkPassword(String password, String again, List<String> errors) {
    if (password == null || password.length() < MIN_PASSWORD) {
      errors.add("Choose a PKCS#12 password of at least " + MIN_PASSWORD + " characters.");
    } else if (!password.equals(again)) {
      errors.add("The two passwords are not the same.");
    }
  }
}
