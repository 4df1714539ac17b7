package io.strata.pipeline;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The well-known fields of the event model and the names shippers use for them; a lower rank wins
 * when an event carries several.
 */
enum Canonical {
  TIMESTAMP(EventFields.TIMESTAMP, List.of("@timestamp", "timestamp", "time", "ts", "datetime",
      "date", "eventTime", "event_time", "event.time", "@t", "Timestamp", "timeMillis",
      "timestamp_ms", "logtime", "log_time", "EventTime", "time_local")),
  LEVEL(EventFields.LEVEL, List.of("level", "log.level", "severity", "loglevel", "log_level",
      "lvl", "levelname", "severity_text", "severityText", "@l", "Level", "LEVEL", "Severity",
      "level_name", "severity_number", "severityNumber")),
  MESSAGE(EventFields.MESSAGE, List.of("message", "msg", "log", "text", "body", "@m", "@mt",
      "short_message", "full_message", "Message", "MESSAGE", "log.message")),
  SERVICE(EventFields.SERVICE, List.of("service", "service.name", "service_name", "serviceName",
      "resource.service.name", "app", "app.name", "app_name", "appName", "appname", "application",
      "kubernetes.container_name", "kubernetes.labels.app")),
  HOST(EventFields.HOST, List.of("host", "host.name", "hostname", "host_name", "hostName",
      "HOSTNAME", "resource.host.name", "source_host", "host.hostname")),
  ENVIRONMENT(EventFields.ENVIRONMENT, List.of("environment", "env", "deployment.environment",
      "deployment.environment.name", "resource.deployment.environment")),
  TRACE_ID(EventFields.TRACE_ID, List.of("trace_id", "traceId", "traceid", "trace.id", "traceID",
      "dd.trace_id", "otel.trace_id", "x-b3-traceid", "X-B3-TraceId")),
  SPAN_ID(EventFields.SPAN_ID, List.of("span_id", "spanId", "spanid", "span.id", "spanID",
      "dd.span_id", "otel.span_id", "x-b3-spanid", "X-B3-SpanId")),
  REQUEST_ID(EventFields.REQUEST_ID, List.of("request_id", "requestId", "requestid", "request.id",
      "req_id", "reqId", "req.id", "x-request-id", "x_request_id", "X-Request-ID", "X-Request-Id",
      "http.request_id", "http.request.id", "correlation_id", "correlationId", "correlation.id"));

  /** A field name shippers use, resolved to its well-known field and rank. */
  record Alias(Canonical target, int rank) {}

  private static final Map<String, Alias> ALIASES = new HashMap<>();

  static {
    for (Canonical canonical : values()) {
      for (int rank = 0; rank < canonical.aliases.size(); rank++) {
        ALIASES.putIfAbsent(canonical.aliases.get(rank), new Alias(canonical, rank));
      }
    }
  }

  final String field;
  private final List<String> aliases;

  Canonical(String field, List<String> aliases) {
    this.field = field;
    this.aliases = aliases;
  }

  /** The names shippers use for this field, best rank first. */
  List<String> aliases() {
    return aliases;
  }

  /** The well-known field that {@code name} stands for, or {@code null}. */
  static Alias find(String name) {
    return ALIASES.get(name);
  }
}
