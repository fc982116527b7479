package io.nodeward.kit.kafka;

import io.nodeward.events.Topic;
import io.nodeward.events.Topics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates nodeward's topics with the configuration their contracts declare. Safe to run from every instance. */
public final class TopicProvisioner {

  private TopicProvisioner() {
  }

  public static Future<Void> ensureTopics(Vertx vertx, KafkaSettings settings, int replicationFactor, int partitions) {
    return vertx.executeBlocking(() -> {
      ensureTopicsBlocking(settings, replicationFactor, partitions, Topics.ALL);
      return null;
    }, false);
  }

  static void ensureTopicsBlocking(KafkaSettings settings, int replicationFactor, int partitions, List<Topic> topics)
      throws InterruptedException {
    try (Admin admin = Admin.create(settings.adminConfig())) {
      Set<String> existing = admin.listTopics().names().get();
      List<NewTopic> missing = topics.stream()
          .filter(t -> !existing.contains(t.name()))
          .map(t -> new NewTopic(t.name(), partitions, (short) replicationFactor).configs(config(t, replicationFactor)))
          .toList();
      if (missing.isEmpty()) {
        return;
      }
      try {
        admin.createTopics(missing).all().get();
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw new IllegalStateException("could not create topics: " + e.getCause().getMessage(), e.getCause());
        }
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("could not reach Kafka at " + settings.bootstrapServers() + ": "
          + e.getCause().getMessage(), e.getCause());
    }
  }

  /** min.insync.replicas never above what the cluster can give: 2 of 3 for durability, 1 on a single broker. */
  private static Map<String, String> config(Topic topic, int replicationFactor) {
    Map<String, String> config = new HashMap<>(topic.config());
    config.put("min.insync.replicas", Integer.toString(Math.max(1, Math.min(2, replicationFactor - 1))));
    return config;
  }
}
