package io.nodeward.console.web.view;

/** Who is signed in, as the identity provider said; never a token. */
public record AccountView(Chrome chrome, String username, String userId, String email, String role, String signedInAt,
    String tokenExpires) {
}
