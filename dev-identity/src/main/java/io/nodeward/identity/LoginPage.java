package io.nodeward.identity;

/** The hosted UI's HTML. Every value from the request is HTML-escaped: they are attacker-controlled. */
final class LoginPage {

  private LoginPage() {
  }

  static String render(AuthorizeRequest request, String error) {
    StringBuilder html = new StringBuilder(head("Sign in"))
        .append("<h1>nodeward dev sign-in</h1>\n");
    if (error != null) {
      html.append("<p class=\"error\" role=\"alert\">").append(escape(error)).append("</p>\n");
    }
    html.append("<form method=\"post\" action=\"/login\">\n")
        .append(hidden("response_type", "code"))
        .append(hidden("client_id", request.clientId()))
        .append(hidden("redirect_uri", request.redirectUri()))
        .append(hidden("code_challenge", request.codeChallenge()))
        .append(hidden("code_challenge_method", "S256"))
        .append(hidden("scope", request.scope()));
    if (request.state() != null) {
      html.append(hidden("state", request.state()));
    }
    if (request.nonce() != null) {
      html.append(hidden("nonce", request.nonce()));
    }
    return html
        .append("<label>Username <input name=\"username\" autocomplete=\"username\" required autofocus></label>\n")
        .append("<label>Password <input name=\"password\" type=\"password\" autocomplete=\"current-password\" required></label>\n")
        .append("<button type=\"submit\">Sign in</button>\n</form>\n</body></html>\n")
        .toString();
  }

  static String error(String error, String description) {
    return head("Sign-in error")
        + "<h1>Cannot sign in</h1>\n<p>" + escape(error) + ": " + escape(description) + "</p>\n</body></html>\n";
  }

  private static String head(String title) {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title) + "</title>\n"
        + "<style>body{font-family:sans-serif;max-width:22rem;margin:4rem auto}label{display:block;margin:.8rem 0}"
        + "input{display:block;width:100%}.error{color:#b00}</style></head><body>\n";
  }

  private static String hidden(String name, String value) {
    return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + escape(value) + "\">\n";
  }

  static String escape(String value) {
    StringBuilder out = new StringBuilder(value.length());
    for (char c : value.toCharArray()) {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
