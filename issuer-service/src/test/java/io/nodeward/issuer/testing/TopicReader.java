package io.nodeward.issuer.testing;

import io.nodeward.events.CloudEvent;
import io.nodeward.events.EventCodec;
import io.nodeward.events.EventData;
import io.nodeward.events.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a whole topic, start to current end, with a plain Kafka consumer: what an independent observer sees. */
public final class TopicReader {

  private TopicReader() {
  }

  public static List<ConsumerRecord<String, byte[]>> records(String bootstrap, Topic topic) {
    Properties props = new Properties();
    props.put("bootstrap.servers", bootstrap);
    props.put("enable.auto.commit", "false");
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      return records;
    }
  }

  public static List<CloudEvent<EventData>> events(String bootstrap, Topic topic) {
    EventCodec codec = new EventCodec();
    return records(bootstrap, topic).stream().map(r -> decode(codec, r.value())).toList();
  }

  private static CloudEvent<EventData> decode(EventCodec codec, byte[] bytes) {
    try {
      return codec.decode(bytes);
    } catch (io.nodeward.events.InvalidEventException e) {
      throw new AssertionError("an invalid event on the topic", e);
    }
  }

  public static <T extends EventData> List<T> data(String bootstrap, Topic topic, Class<T> type) {
    return events(bootstrap, topic).stream().map(CloudEvent::data).filter(type::isInstance).map(type::cast).toList();
  }

  public static String rawText(String bootstrap, Topic topic) {
    StringBuilder all = new StringBuilder();
    records(bootstrap, topic).forEach(r -> all.append(new String(r.value(), StandardCharsets.UTF_8)).append('\n'));
    return all.toString();
  }
}
