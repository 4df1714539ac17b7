package io.strata.tail;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A Server-Sent Events client on a plain socket, for tests: it can stop reading altogether, like a
 * stalled client, and can be given a small receive buffer, so that a server that keeps writing
 * soon finds the connection full. Test code only.
 */
final class SseClient implements Closeable {

  /** One SSE event as received; a comment line is an event of its own with only {@code comment}. */
  record Event(String name, String id, String data, int dataLines, String comment) {

    boolean isData() {
      return data != null;
    }
  }

  private final Socket socket;
  private final InputStream in;
  private final int status;
  private final Map<String, String> headers;
  private final String body;
  private final List<Event> events = new CopyOnWriteArrayList<>();
  private final Object gate = new Object();
  private boolean paused; // guarded by gate
  private volatile boolean ended;

  private SseClient(Socket socket, InputStream in, int status, Map<String, String> headers,
      String body) {
    this.socket = socket;
    this.in = in;
    this.status = status;
    this.headers = headers;
    this.body = body;
  }

  /**
   * Sends {@code GET /api/v1/tail?q=} with {@code key} (none when null) and reads the answer's
   * head; a 200 is then read in the background, any other status to its end.
   */
  static SseClient open(int port, String key, String q, int receiveBufferBytes) {
    try {
      Socket socket = new Socket();
      if (receiveBufferBytes > 0) {
        socket.setReceiveBufferSize(receiveBufferBytes); // before connecting, or it is not honoured
      }
      socket.connect(new InetSocketAddress("localhost", port), 5_000);
      socket.setSoTimeout(10_000);
      String request = "GET /api/v1/tail" + (q == null ? "" : "?q=" + URLEncoder.encode(q, UTF_8))
          + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nAccept: text/event-stream\r\n"
          + (key == null ? "" : "Authorization: Bearer " + key + "\r\n") + "\r\n";
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(UTF_8));
      out.flush();
      InputStream raw = new BufferedInputStream(socket.getInputStream(), 4096);
      String statusLine = readLine(raw);
      if (statusLine == null) {
        throw new IOException("the server closed the connection without answering");
      }
      int status = Integer.parseInt(statusLine.split(" ")[1]);
      Map<String, String> headers = new HashMap<>();
      for (String line = readLine(raw); line != null && !line.isEmpty(); line = readLine(raw)) {
        int colon = line.indexOf(':');
        headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
            line.substring(colon + 1).trim());
      }
      InputStream content = "chunked".equalsIgnoreCase(headers.get("transfer-encoding"))
          ? new BufferedInputStream(new Chunked(raw), 8192) : raw;
      if (status != 200) {
        String length = headers.get("content-length");
        byte[] bytes = length == null ? content.readAllBytes()
            : content.readNBytes(Integer.parseInt(length));
        socket.close();
        return new SseClient(socket, content, status, headers, new String(bytes, UTF_8));
      }
      socket.setSoTimeout(0);
      SseClient client = new SseClient(socket, content, status, headers, null);
      Thread reader = new Thread(client::readEvents, "sse-client");
      reader.setDaemon(true);
      reader.start();
      return client;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int status() {
    return status;
  }

  String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  /** The body of an answer other than 200. */
  String body() {
    return body;
  }

  /** Every event received so far. */
  List<Event> events() {
    return List.copyOf(events);
  }

  /** The data events received so far. */
  List<Event> dataEvents() {
    return events.stream().filter(Event::isData).toList();
  }

  /** Stops reading from the socket (the event being parsed is finished first). */
  void pause() {
    synchronized (gate) {
      paused = true;
    }
  }

  /** Reads again. */
  void resume() {
    synchronized (gate) {
      paused = false;
      gate.notifyAll();
    }
  }

  /** Waits until an event satisfies {@code condition}, and returns the first that does. */
  Event await(Predicate<Event> condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (Event event : events) {
        if (condition.test(event)) {
          return event;
        }
      }
      if (ended) {
        break;
      }
      sleep(20);
    }
    throw new AssertionError("no such event within " + timeout + (ended ? " (stream ended)" : "")
        + "; received " + events.size() + " events, the last: "
        + (events.isEmpty() ? "none" : events.getLast()));
  }

  /** Waits until {@code count} data events have arrived, and returns them. */
  List<Event> awaitData(int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (dataEvents().size() < count && System.nanoTime() < deadline && !ended) {
      sleep(20);
    }
    List<Event> data = dataEvents();
    if (data.size() < count) {
      throw new AssertionError("expected " + count + " data events within " + timeout + ", got "
          + data);
    }
    return data;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private void readEvents() {
    String name = null;
    String id = null;
    StringBuilder data = null;
    int dataLines = 0;
    try {
      while (true) {
        synchronized (gate) {
          while (paused) {
            gate.wait();
          }
        }
        String line = readLine(in);
        if (line == null) {
          break;
        }
        if (line.isEmpty()) {
          if (data != null || name != null || id != null) {
            events.add(new Event(name, id, data == null ? null : data.toString(), dataLines, null));
          }
          name = null;
          id = null;
          data = null;
          dataLines = 0;
        } else if (line.startsWith(":")) {
          events.add(new Event(null, null, null, 0, line.substring(1).trim()));
        } else {
          int colon = line.indexOf(':');
          String field = colon < 0 ? line : line.substring(0, colon);
          String value = colon < 0 ? "" : line.substring(colon + 1);
          if (value.startsWith(" ")) {
            value = value.substring(1);
          }
          switch (field) {
            case "event" -> name = value;
            case "id" -> id = value;
            case "data" -> {
              data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
              dataLines++;
            }
            default -> { }
          }
        }
      }
    } catch (IOException | InterruptedException e) {
      // closed by the test, or by the server
    } finally {
      ended = true;
    }
  }

  /** A line ended by LF (a CR before it dropped), or null at the end of the stream. */
  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(128);
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1
            : bytes.length;
        return new String(bytes, 0, length, UTF_8);
      }
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(UTF_8);
  }

  /** Whether the server has ended the stream. */
  boolean ended() {
    return ended;
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
    resume();
  }

  /** Reads the body of an HTTP/1.1 chunked answer. */
  private static final class Chunked extends InputStream {
    private final InputStream in;
    private long left;
    private boolean started;
    private boolean done;

    Chunked(InputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (done) {
        return -1;
      }
      if (left == 0) {
        if (started) {
          readLine(in); // the CRLF that ends the previous chunk
        }
        started = true;
        String size = readLine(in);
        if (size == null) {
          done = true;
          return -1;
        }
        int semicolon = size.indexOf(';');
        left = Long.parseLong((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
        if (left == 0) {
          done = true;
          return -1;
        }
      }
      int n = in.read(b, off, (int) Math.min(len, left));
      if (n < 0) {
        done = true;
        return -1;
      }
      left -= n;
      return n;
    }
  }

  /** The events of {@code list} with a data line, as their data. */
  static List<String> data(List<Event> list) {
    List<String> data = new ArrayList<>();
    list.stream().filter(Event::isData).forEach(e -> data.add(e.data()));
    return data;
  }
}
