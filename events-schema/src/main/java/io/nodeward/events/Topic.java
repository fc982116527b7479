package io.nodeward.events;

import java.util.Map;
import java.util.Set;

/**
 * A Kafka topic as a contract: its name, the event types it carries and the topic-level configuration it
 * must be created with. Declared once in {@link Topics}; topic names appear nowhere else.
 */
public record Topic(String name, Set<EventType> carries, Map<String, String> config) {

  public Topic {
    carries = Set.copyOf(carries);
    config = Map.copyOf(config);
  }

  public boolean carries(EventType type) {
    return carries.contains(type);
  }
}
