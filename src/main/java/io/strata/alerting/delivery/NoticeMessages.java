package io.strata.alerting.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The body each kind of receiver expects for a {@link Notice}. Pure: no I/O, so the shapes are
 * tested on their own against what Alertmanager's, Slack's and PagerDuty's receivers accept.
 */
public final class NoticeMessages {

  /** Alertmanager's "not ended" time, which webhook receivers expect while an alert fires. */
  static final String NOT_ENDED = "0001-01-01T00:00:00Z";
  private static final ObjectMapper JSON = new ObjectMapper();

  private NoticeMessages() {}

  /**
   * Alertmanager's webhook payload, version 4: one alert per message, {@code groupKey} the rule and
   * fingerprint, labels {@code alertname}, {@code severity}, the group values and the rule's labels.
   */
  public static String webhook(Notice notice, String receiver, String externalUrl) {
    ObjectNode body = JSON.createObjectNode();
    Map<String, String> labels = labels(notice);
    ObjectNode labelNode = JSON.valueToTree(labels);
    ObjectNode annotations = annotations(notice);
    String status = notice.resolves() ? "resolved" : "firing";
    body.put("version", "4");
    body.put("groupKey", notice.ruleId() + ":" + notice.fingerprint());
    body.put("truncatedAlerts", 0);
    body.put("status", status);
    body.put("receiver", receiver);
    body.set("groupLabels", JSON.valueToTree(Map.of("alertname", notice.ruleName())));
    body.set("commonLabels", labelNode.deepCopy());
    body.set("commonAnnotations", annotations.deepCopy());
    body.put("externalURL", externalUrl);
    ObjectNode alert = body.putArray("alerts").addObject();
    alert.put("status", status);
    alert.set("labels", labelNode);
    alert.set("annotations", annotations);
    alert.put("startsAt", time(notice.startsAt()));
    alert.put("endsAt", notice.endsAt() == null ? NOT_ENDED : time(notice.endsAt()));
    alert.put("generatorURL", notice.searchUrl());
    alert.put("fingerprint", notice.fingerprint());
    return write(body);
  }

  /** A Slack incoming-webhook message: a line of title, the summary, and a link to the events. */
  public static String slack(Notice notice) {
    String mark = switch (notice.event()) {
      case Notice.RESOLVED -> ":large_green_circle:";
      case Notice.TEST -> ":information_source:";
      default -> "critical".equals(notice.severity()) ? ":red_circle:" : ":large_orange_circle:";
    };
    StringBuilder text = new StringBuilder(mark).append(" *").append(escapeSlack(notice.title()))
        .append("*");
    if (notice.severity() != null) {
      text.append(" (").append(notice.severity()).append(')');
    }
    text.append('\n').append(escapeSlack(notice.summary()));
    if (notice.runbookUrl() != null) {
      text.append("\nRunbook: <").append(notice.runbookUrl()).append('>');
    }
    if (notice.searchUrl() != null) {
      text.append("\n<").append(notice.searchUrl()).append("|Open the events in Strata>");
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("text", text.toString());
    return write(body);
  }

  /**
   * A PagerDuty Events API v2 event: {@code trigger} or {@code resolve}, with the fingerprint as
   * {@code dedup_key} so that the resolve closes the incident the trigger opened.
   */
  public static String pagerDuty(Notice notice, String routingKey) {
    ObjectNode body = JSON.createObjectNode();
    body.put("routing_key", routingKey);
    body.put("event_action", notice.resolves() ? "resolve" : "trigger");
    body.put("dedup_key", notice.fingerprint());
    if (!notice.resolves()) {
      ObjectNode payload = body.putObject("payload");
      String summary = notice.title() + ": " + notice.summary();
      payload.put("summary", summary.length() > 1024 ? summary.substring(0, 1021) + "..."
          : summary);
      payload.put("source", "strata/" + notice.tenant());
      payload.put("severity", switch (notice.severity() == null ? "" : notice.severity()) {
        case "critical" -> "critical";
        case "info" -> "info";
        default -> Notice.ERROR.equals(notice.event()) ? "error" : "warning";
      });
      payload.put("timestamp", time(notice.evaluatedAt()));
      payload.put("class", notice.ruleName());
      ObjectNode details = payload.putObject("custom_details");
      details.set("group", JSON.valueToTree(notice.group()));
      details.set("labels", JSON.valueToTree(notice.labels()));
      if (notice.value() != null) {
        details.put("value", notice.value());
      }
      details.put("query", notice.query());
      if (notice.description() != null) {
        details.put("description", notice.description());
      }
      body.put("client", "Strata");
      if (notice.searchUrl() != null) {
        body.put("client_url", notice.searchUrl());
        ArrayNode links = body.putArray("links");
        links.addObject().put("href", notice.searchUrl()).put("text", "Events in Strata");
        if (notice.runbookUrl() != null) {
          links.addObject().put("href", notice.runbookUrl()).put("text", "Runbook");
        }
      }
    }
    return write(body);
  }

  /** An e-mail's subject. */
  public static String mailSubject(Notice notice) {
    String subject = notice.title() + (notice.severity() == null ? "" : " (" + notice.severity()
        + ")");
    return subject.replaceAll("[\\r\\n]+", " ");
  }

  /** An e-mail's plain-text body. */
  public static String mailText(Notice notice) {
    StringBuilder text = new StringBuilder(notice.title()).append("\n\n")
        .append(notice.summary()).append('\n');
    if (notice.group() != null && !notice.group().isEmpty()) {
      text.append("\nGroup: ").append(notice.group());
    }
    if (notice.query() != null) {
      text.append("\nQuery: ").append(notice.query());
    }
    if (notice.startsAt() != null) {
      text.append("\nSince: ").append(time(notice.startsAt()));
    }
    if (notice.endsAt() != null) {
      text.append("\nResolved at: ").append(time(notice.endsAt()));
    }
    if (notice.description() != null) {
      text.append("\n\n").append(notice.description());
    }
    if (notice.runbookUrl() != null) {
      text.append("\n\nRunbook: ").append(notice.runbookUrl());
    }
    if (notice.searchUrl() != null) {
      text.append("\n\nThe events: ").append(notice.searchUrl());
    }
    return text.append('\n').toString();
  }

  /** {@code sha256=} and the hex HMAC-SHA256 of {@code body} under {@code secret}. */
  public static String signature(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is always available", e);
    }
  }

  private static Map<String, String> labels(Notice notice) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("alertname", notice.ruleName());
    if (notice.severity() != null) {
      labels.put("severity", notice.severity());
    }
    labels.put("rule_id", notice.ruleId());
    if (notice.labels() != null) {
      labels.putAll(notice.labels());
    }
    if (notice.group() != null) {
      labels.putAll(notice.group()); // the group's values win: they are what fired
    }
    return labels;
  }

  private static ObjectNode annotations(Notice notice) {
    ObjectNode annotations = JSON.createObjectNode();
    annotations.put("summary", notice.summary());
    if (notice.description() != null) {
      annotations.put("description", notice.description());
    }
    if (notice.runbookUrl() != null) {
      annotations.put("runbook_url", notice.runbookUrl());
    }
    if (notice.value() != null) {
      annotations.put("value", Long.toString(notice.value()));
    }
    if (notice.query() != null) {
      annotations.put("query", notice.query());
    }
    return annotations;
  }

  private static String escapeSlack(String text) {
    return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;")
        .replace(">", "&gt;");
  }

  private static String time(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  private static String write(ObjectNode body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings and numbers is always JSON", e);
    }
  }
}
