package io.nodeward.kit.kafka;

import io.nodeward.events.CloudEvent;
import io.nodeward.events.EventData;

/** A decoded, validated event with where it was read from. */
public record ConsumedEvent(CloudEvent<EventData> event, String topic, int partition, long offset) {
}
