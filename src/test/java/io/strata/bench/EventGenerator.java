package io.strata.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/**
 * Generates what a microservice fleet emits, deterministically for a seed: NDJSON events of about
 * 290 bytes on average (140–450), with event times spread over the 24 hours before {@code nowMillis}
 * in roughly the order they are sent. Events come in requests of one to six events across ~50
 * services sharing a trace id (random 32 hex) and request id (UUID), each with its own span id; the
 * first event of a request is its access-log line with {@code http.method/path/status} and {@code
 * duration_ms}. One request in five is a background job without request id, user or HTTP fields, and
 * a quarter of the services send no trace context. Levels: ~80% INFO, 8% DEBUG, 8% WARN, 4% ERROR;
 * messages come from 40 templates with variable parts.
 */
final class EventGenerator {

  /** The generated request bodies and what the benchmark needs to know about them. */
  record Dataset(List<byte[]> bodies, long events, long rawBytes, int minEventBytes,
      int maxEventBytes, String knownTraceId, String knownRequestId, String knownUserId) {}

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final long DAY_MILLIS = 86_400_000L;

  static final String[] SERVICES = {"checkout", "cart", "payment", "inventory", "catalog",
      "search", "auth", "user-profile", "orders", "shipping", "pricing", "recommendation", "ads",
      "email", "notification", "gateway", "frontend", "billing", "invoice", "tax", "fraud",
      "loyalty", "coupon", "reviews", "wishlist", "media", "thumbnail", "geo", "currency",
      "session", "audit", "reporting", "analytics", "ledger", "refund", "warehouse", "fulfillment",
      "returns", "subscription", "identity", "sms", "push", "feature-flags", "config", "scheduler",
      "export", "import", "webhook", "partner-api", "support"};
  private static final String[] METHODS = {"GET", "GET", "GET", "GET", "POST", "POST", "PUT",
      "DELETE", "PATCH"};
  private static final String[] PATHS = {"/api/v1/orders/%d", "/api/v1/carts/%d",
      "/api/v1/products/%d", "/api/v1/users/%d", "/api/v1/payments/%d", "/api/v2/search",
      "/api/v1/checkout", "/api/v1/inventory/%d", "/health", "/api/v1/sessions",
      "/api/v1/invoices/%d", "/api/v1/shipments/%d"};
  private static final String[] ERRORS = {"NullPointerException", "IllegalStateException",
      "SocketTimeoutException", "SQLTransientConnectionException", "IOException"};
  private static final String[] TABLES = {"orders", "carts", "users", "payments", "stock"};

  // {S} service, {H} host, {N} number, {M} millis, {U} user, {P} path, {E} exception, {T} table
  private static final String[] INFO = {
      "Request completed in {M} ms", "Order {N} placed by {U}", "Cart {N} updated with {N} items",
      "Payment {N} authorized", "User {U} logged in", "Cache hit for product {N}",
      "Fetched {N} rows from {T} in {M} ms", "Published event order.created for order {N}",
      "Consumed {N} messages from topic {T}", "Shipment {N} dispatched",
      "Session refreshed for {U}", "Health check passed", "Scheduled job sync-{T} finished in {M} ms",
      "Invoice {N} generated", "Stock reserved for order {N}", "Search for query returned {N} results",
      "Email queued for {U}", "Feature flag evaluated for {U}", "Called {S} in {M} ms",
      "Price list reloaded with {N} entries"};
  private static final String[] DEBUG = {"Cache miss for product {N}", "SQL select on {T} took {M} ms",
      "Resolved {S} to {H}", "Retry budget {N} remaining", "Serialized response of {N} bytes",
      "Connection pool stats active {N} idle {N}"};
  private static final String[] WARN = {"Slow query on {T} took {M} ms",
      "Retrying call to {S} attempt {N}", "Rate limit nearly reached for {U}",
      "Deprecated endpoint {P} called", "Circuit breaker half-open for {S}",
      "Request to {S} timed out after {M} ms", "GC pause of {M} ms"};
  private static final String[] ERROR = {"Failed to connect to {H}:5432: connection refused",
      "Unhandled {E} in {S}", "Payment {N} declined by provider", "Upstream {S} returned 503",
      "Transaction rolled back on {T}: deadlock detected", "Out of retries calling {S}",
      "Could not deserialize message from {T}: {E}"};

  private final Random random;
  private final long nowMillis;
  private final String[] hosts = new String[200];

  EventGenerator(long seed, long nowMillis) {
    this.random = new Random(seed);
    this.nowMillis = nowMillis;
    for (int i = 0; i < hosts.length; i++) {
      hosts[i] = String.format(Locale.ROOT, "node-%03d", i);
    }
  }

  /** {@code events} events in bodies of {@code perBody}; ids of one event in the middle are kept. */
  Dataset generate(long events, int perBody) {
    List<byte[]> bodies = new ArrayList<>((int) (events / perBody + 1));
    ByteArrayOutputStream body = new ByteArrayOutputStream(perBody * 300);
    StringBuilder line = new StringBuilder(400);
    long raw = 0;
    int min = Integer.MAX_VALUE;
    int max = 0;
    String trace = null;
    String requestId = null;
    String user = null;
    int left = 0;
    String knownTrace = null;
    String knownRequest = null;
    String knownUser = null;
    boolean background = false;
    boolean first = false;
    for (long i = 0; i < events; i++) {
      if (left == 0) {
        // A request: one to six events across services sharing trace and request id; or, one time
        // in five, a background job whose events carry no request id, user or HTTP fields.
        left = 1 + random.nextInt(6);
        background = random.nextInt(5) == 0;
        first = true;
        trace = hex(32);
        requestId = background ? null : uuid();
        user = !background && random.nextBoolean() ? "u" + (100_000 + random.nextInt(100_000)) : null;
      }
      left--;
      long time = Math.min(nowMillis - 1, nowMillis - DAY_MILLIS + i * DAY_MILLIS / events
          + random.nextInt(3000));
      line.setLength(0);
      event(line, time, trace, requestId, user, first && !background);
      first = false;
      byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
      min = Math.min(min, bytes.length);
      max = Math.max(max, bytes.length);
      body.writeBytes(bytes);
      body.write('\n');
      if (i >= events / 2 && knownRequest == null && requestId != null && user != null
          && line.indexOf(trace) > 0) {
        knownTrace = trace;
        knownRequest = requestId;
        knownUser = user;
      }
      if ((i + 1) % perBody == 0 || i + 1 == events) {
        bodies.add(body.toByteArray());
        raw += body.size();
        body.reset();
      }
    }
    return new Dataset(bodies, events, raw, min, max, knownTrace, knownRequest, knownUser);
  }

  private void event(StringBuilder b, long time, String trace, String requestId, String user,
      boolean access) {
    int roll = random.nextInt(100);
    String level = roll < 4 ? "ERROR" : roll < 12 ? "WARN" : roll < 20 ? "DEBUG" : "INFO";
    int serviceIndex = (int) (SERVICES.length * Math.pow(random.nextDouble(), 1.6));
    String service = SERVICES[serviceIndex];
    String host = hosts[(serviceIndex * 4 + random.nextInt(4)) % hosts.length];
    int envRoll = random.nextInt(100);
    String environment = envRoll < 90 ? "prod" : envRoll < 98 ? "staging" : "dev";
    long duration = Math.max(1, Math.min(30_000,
        Math.round(Math.exp(random.nextGaussian() * 1.1 + 4.2))));
    b.append("{\"@timestamp\":\"").append(TIME.format(java.time.Instant.ofEpochMilli(time)))
        .append("\",\"level\":\"").append(level)
        .append("\",\"service\":\"").append(service)
        .append("\",\"host\":\"").append(host)
        .append("\",\"environment\":\"").append(environment)
        .append('"');
    if (serviceIndex % 4 != 3) { // a quarter of the services are not instrumented for tracing
      b.append(",\"trace_id\":\"").append(trace).append("\",\"span_id\":\"").append(hex(16))
          .append('"');
    }
    if (requestId != null) {
      b.append(",\"request_id\":\"").append(requestId).append('"');
    }
    if (user != null) {
      b.append(",\"user_id\":\"").append(user).append('"');
    }
    if (access) {
      // The access-log line of the request: what the entry service answered, and how fast.
      String path = PATHS[random.nextInt(PATHS.length)];
      b.append(",\"http\":{\"method\":\"").append(METHODS[random.nextInt(METHODS.length)])
          .append("\",\"path\":\"").append(path.replace("%d", Integer.toString(1 + random.nextInt(99_999))))
          .append("\",\"status\":").append(status(level)).append('}');
    }
    if (access || random.nextInt(10) < 3) {
      b.append(",\"duration_ms\":").append(duration);
    }
    String[] templates = switch (level) {
      case "ERROR" -> ERROR;
      case "WARN" -> WARN;
      case "DEBUG" -> DEBUG;
      default -> INFO;
    };
    b.append(",\"message\":\"");
    fill(b, templates[random.nextInt(templates.length)], duration, user, host);
    b.append("\"}");
  }

  private int status(String level) {
    return switch (level) {
      case "ERROR" -> new int[] {500, 500, 502, 503, 504}[random.nextInt(5)];
      case "WARN" -> new int[] {400, 401, 404, 409, 429}[random.nextInt(5)];
      default -> new int[] {200, 200, 200, 200, 201, 204, 304}[random.nextInt(7)];
    };
  }

  private void fill(StringBuilder b, String template, long duration, String user, String host) {
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (c != '{' || i + 2 >= template.length() || template.charAt(i + 2) != '}') {
        b.append(c);
        continue;
      }
      switch (template.charAt(i + 1)) {
        case 'S' -> b.append(SERVICES[random.nextInt(SERVICES.length)]);
        case 'H' -> b.append(host);
        case 'N' -> b.append(1 + random.nextInt(99_999));
        case 'M' -> b.append(duration);
        case 'U' -> b.append(user == null ? "anonymous" : user);
        case 'P' -> b.append(PATHS[random.nextInt(PATHS.length)].replace("%d", "{id}"));
        case 'E' -> b.append(ERRORS[random.nextInt(ERRORS.length)]);
        case 'T' -> b.append(TABLES[random.nextInt(TABLES.length)]);
        default -> b.append(c).append(template.charAt(i + 1)).append('}');
      }
      i += 2;
    }
  }

  /** A random (version 4) UUID from the seeded generator. */
  private String uuid() {
    long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }

  private String hex(int digits) {
    StringBuilder s = new StringBuilder(digits);
    while (s.length() < digits) {
      String part = Long.toHexString(random.nextLong());
      s.append("0".repeat(16 - part.length())).append(part);
    }
    s.setLength(digits);
    return s.toString();
  }
}
