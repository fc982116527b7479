package io.nodeward.console.web.view;

import java.util.List;

/**
 * What every page shares: its title, which navigation entry is current, who is signed in (null on pages shown
 * before sign-in), the CSRF token for its forms, banners, and whether it draws charts.
 */
public record Chrome(String title, String section, Viewer viewer, String csrfToken, List<Banner> banners, boolean charts,
    Assets assets) {

  /** The signed-in person as the page header shows them. */
  public record Viewer(String username, String userId, String role, boolean admin, boolean auditor) {
  }

  /** A message across the top of the page: {@code kind} is error, warning or success. */
  public record Banner(String kind, String text, String code) {
  }

  public boolean signedIn() {
    return viewer != null;
  }

  public boolean current(String name) {
    return name.equals(section);
  }

  public Chrome withCharts() {
    return new Chrome(title, section, viewer, csrfToken, banners, true, assets);
  }
}
