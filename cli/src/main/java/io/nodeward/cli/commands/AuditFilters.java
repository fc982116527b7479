package io.nodeward.cli.commands;

import io.nodeward.cli.http.Query;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Option;

/** The filters of the audit API's {@code /events} and {@code /export}, as options (a picocli mixin). */
final class AuditFilters {

  @Option(names = "--type", paramLabel = "TYPE", split = ",",
      description = "Event type(s), e.g. io.nodeward.access.decided.v1 or ACCESS_DECIDED; repeat or comma-separate.")
  List<String> types;

  @Option(names = "--user", paramLabel = "USER_ID", description = "Only this user's records (owners: only your own).")
  String user;

  @Option(names = {"-n", "--node"}, paramLabel = "NODE", description = "Only this node's records.")
  String node;

  @Option(names = "--serial", paramLabel = "SERIAL", description = "Only this certificate's records.")
  String serial;

  @Option(names = "--effect", paramLabel = "EFFECT", description = "ALLOW or DENY.")
  String effect;

  @Option(names = "--reason", paramLabel = "REASON", description = "A decision reason, issuance refusal or revocation reason, e.g. REVOKED.")
  String reason;

  @Option(names = "--from", paramLabel = "TIME", description = "From this time on (RFC 3339, e.g. 2026-11-30T00:00:00Z).")
  String from;

  @Option(names = "--to", paramLabel = "TIME", description = "Before this time (RFC 3339).")
  String to;

  @Option(names = "--since", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Only the last DURATION, e.g. 1h or 7d (instead of --from).")
  Duration since;

  Query query(Instant now) {
    Query query = Query.of();
    if (types != null) {
      types.forEach(t -> query.add("type", t));
    }
    return query.add("userId", user).add("nodeId", node).add("serial", serial).add("effect", effect)
        .add("reason", reason).add("from", since != null ? now.minus(since).toString() : from).add("to", to);
  }
}
