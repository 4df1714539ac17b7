package io.strata.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on this machine that records every request it receives, per path, and answers
 * as a test scripts it: by default 200 {@code ok}; a path may first fail a number of times, or
 * redirect. Stands for webhook, Slack and PagerDuty receivers.
 */
public final class RecordingReceiver implements AutoCloseable {

  /** One request received: its headers (lower-case names) and body, and the status answered. */
  public record Received(String path, Map<String, String> headers, String body, int status) {}

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();
  private final Map<String, String> redirects = new ConcurrentHashMap<>();

  public RecordingReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /** The URL of {@code path} on this server. */
  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** {@code path} answers 503 to its next {@code times} requests. */
  public void failNext(String path, int times) {
    failuresLeft.put(path, new AtomicInteger(times));
  }

  /** {@code path} answers 302 to {@code location}. */
  public void redirect(String path, String location) {
    redirects.put(path, location);
  }

  /** The requests received on {@code path}, in order. */
  public List<Received> received(String path) {
    List<Received> on = new ArrayList<>();
    for (Received request : received) {
      if (request.path().equals(path)) {
        on.add(request);
      }
    }
    return on;
  }

  /** The requests on {@code path} that were answered 2xx. */
  public List<Received> accepted(String path) {
    return received(path).stream().filter(r -> r.status() / 100 == 2).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Map<String, String> headers = new java.util.TreeMap<>();
      exchange.getRequestHeaders().forEach((name, values) ->
          headers.put(name.toLowerCase(java.util.Locale.ROOT), String.join(",", values)));
      int status = 200;
      AtomicInteger failures = failuresLeft.get(path);
      if (redirects.containsKey(path)) {
        status = 302;
        exchange.getResponseHeaders().add("Location", redirects.get(path));
      } else if (failures != null && failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        status = 503;
      }
      received.add(new Received(path, headers, body, status));
      byte[] answer = (status == 200 ? "ok" : "status " + status).getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, answer.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
