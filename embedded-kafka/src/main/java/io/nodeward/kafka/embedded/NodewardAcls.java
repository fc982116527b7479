package io.nodeward.kafka.embedded;

import io.nodeward.events.EventType;
import io.nodeward.events.ProducerRole;
import io.nodeward.events.Topic;
import io.nodeward.events.Topics;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The Kafka ACLs of a nodeward cluster, derived from the event contracts: a producer role may write exactly the
 * topics that carry its event types (the issuer nodes, certificates and issuance refusals; authorizers decisions
 * and their status; the audit service checkpoints), plus the dead-letter topic every consumer feeds. Every role
 * reads every nodeward topic and its own consumer groups; the issuer, which provisions the topics, may create them.
 * With {@code allow.everyone.if.no.acl.found=false} nothing else is allowed. Signed events are the second line:
 * a principal that can write a topic still cannot make a consumer accept another role's events.
 */
public final class NodewardAcls {

  static final String TOPIC_PREFIX = "nodeward.";
  static final String GROUP_PREFIX = "nodeward-";

  private NodewardAcls() {
  }

  /** The topics a role may write: those carrying one of its event types, and the dead-letter topic. */
  public static List<Topic> writableBy(ProducerRole role) {
    List<Topic> topics = new ArrayList<>();
    for (Topic topic : Topics.ALL) {
      boolean carriesOwn = topic.carries().stream().anyMatch(type -> ProducerRole.of(type).orElse(null) == role);
      if (carriesOwn || topic.equals(Topics.DEAD_LETTER)) {
        topics.add(topic);
      }
    }
    return topics;
  }

  /** Every ACL for the Kafka principal {@code User:<principal>} acting as {@code role}. */
  public static List<AclBinding> forRole(ProducerRole role, String principal) {
    String user = "User:" + principal;
    List<AclBinding> acls = new ArrayList<>();
    for (Topic topic : writableBy(role)) {
      acls.add(allow(user, new ResourcePattern(ResourceType.TOPIC, topic.name(), PatternType.LITERAL), AclOperation.WRITE));
    }
    ResourcePattern allTopics = new ResourcePattern(ResourceType.TOPIC, TOPIC_PREFIX, PatternType.PREFIXED);
    acls.add(allow(user, allTopics, AclOperation.READ));
    acls.add(allow(user, allTopics, AclOperation.DESCRIBE));
    acls.add(allow(user, new ResourcePattern(ResourceType.GROUP, GROUP_PREFIX, PatternType.PREFIXED), AclOperation.READ));
    if (role == ProducerRole.ISSUER) {
      acls.add(allow(user, allTopics, AclOperation.CREATE));
    }
    return acls;
  }

  /** Whether an event type may appear on a topic a role can write: for tests and documentation. */
  static boolean mayWrite(ProducerRole role, EventType type) {
    return writableBy(role).contains(type.topic());
  }

  private static AclBinding allow(String user, ResourcePattern resource, AclOperation operation) {
    return new AclBinding(resource, new AccessControlEntry(user, "*", operation, AclPermissionType.ALLOW));
  }
}
