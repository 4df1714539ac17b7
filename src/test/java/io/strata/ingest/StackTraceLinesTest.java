package io.strata.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.strata.pipeline.EventBatchReader;
import io.strata.pipeline.EventNormalizer;
import io.strata.testing.LogFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Multi-line events (#13): the lines of a stack trace sent one by one make one event. */
class StackTraceLinesTest {

  private static final long INGEST = 1_714_557_600_000L;

  private final IngestLimits limits = new IngestLimits();

  /** The events a plain body (as curl --data-binary sends it) is cut into, as text. */
  private List<String> events(String body) {
    byte[] bytes = body.getBytes(UTF_8);
    ParsedRequest parsed = new RequestParser(limits, INGEST).parseLines(bytes, bytes.length);
    assertThat(parsed.rejected()).isZero();
    List<String> events = new ArrayList<>();
    for (byte[] record : parsed.records()) {
      EventBatchReader reader = new EventBatchReader(record);
      while (reader.next()) {
        String text = new String(reader.buffer(), reader.offset(), reader.length(), UTF_8);
        events.add((reader.kind() == EventNormalizer.KIND_JSON ? "json:" : "") + text);
      }
    }
    assertThat(events).hasSize(parsed.accepted());
    return events;
  }

  static final String JAVA = """
      2026-12-06 09:14:02,118 ERROR [http-nio-8080-exec-7] c.e.checkout.PaymentController - payment failed for order 1187
      org.springframework.web.client.HttpServerErrorException$BadGateway: 502 Bad Gateway: "upstream timeout"
      \tat org.springframework.web.client.HttpServerErrorException.create(HttpServerErrorException.java:82)
      \tat org.springframework.web.client.DefaultResponseErrorHandler.handleError(DefaultResponseErrorHandler.java:168)
      \tat com.example.checkout.PaymentClient.charge(PaymentClient.java:57)
      \tat com.example.checkout.PaymentController.pay(PaymentController.java:41)
      \tat java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:103)
      \tat java.base/java.lang.Thread.run(Thread.java:1583)
      Caused by: java.net.SocketTimeoutException: Read timed out
      \tat java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:278)
      \tat java.base/java.net.Socket$SocketInputStream.read(Socket.java:1099)
      \t... 4 common frames omitted
      \tSuppressed: java.lang.IllegalStateException: connection pool closed
      \t\tat com.example.checkout.Pool.release(Pool.java:19)
      \t\t... 6 more
      """;

  @Test
  void javaTraceWithCausesAndSuppressedIsOneEvent() {
    String body = "2026-12-06 09:14:01,002 INFO  [main] c.e.checkout.App - started\n" + JAVA
        + "2026-12-06 09:14:03,000 INFO  [main] c.e.checkout.App - next request\n";
    List<String> events = events(body);

    assertThat(events).hasSize(3);
    assertThat(events.get(1)).isEqualTo(JAVA.stripTrailing());
    assertThat(events.get(2)).endsWith("next request");
  }

  @Test
  void exceptionPrintedWithoutALogLineBeginsItsOwnEvent() {
    String body = """
        Exception in thread "main" java.lang.NullPointerException: Cannot invoke "String.length()" because "s" is null
        \tat com.example.Foo.bar(Foo.java:12)
        \tat com.example.Foo.main(Foo.java:5)
        plain line after
        """;
    assertThat(events(body)).containsExactly("""
        Exception in thread "main" java.lang.NullPointerException: Cannot invoke "String.length()" because "s" is null
        \tat com.example.Foo.bar(Foo.java:12)
        \tat com.example.Foo.main(Foo.java:5)""", "plain line after");
  }

  static final String PYTHON = """
      2026-12-06 09:20:11,482 ERROR billing.worker: invoice 4411 failed
      Traceback (most recent call last):
        File "/srv/billing/worker.py", line 88, in run
          self.charge(invoice)
        File "/srv/billing/worker.py", line 121, in charge
          amount = Decimal(invoice["amount"])
                   ^^^^^^^^^^^^^^^^^^^^^^^^^^
      decimal.InvalidOperation: [<class 'decimal.ConversionSyntax'>]

      During handling of the above exception, another exception occurred:

      Traceback (most recent call last):
        File "/srv/billing/worker.py", line 90, in run
          raise ValueError(f"bad amount in invoice {invoice.id}")
      ValueError: bad amount in invoice 4411
      """;

  @Test
  void pythonChainedTracebackIsOneEventUpToItsLastException() {
    String body = PYTHON + "2026-12-06 09:20:12,001 INFO billing.worker: invoice 4412 paid\n";
    List<String> events = events(body);

    assertThat(events).containsExactly(PYTHON.stripTrailing(),
        "2026-12-06 09:20:12,001 INFO billing.worker: invoice 4412 paid");
  }

  @Test
  void aLineAfterAClosedTracebackIsNotTakenForItsException() {
    String body = """
        Traceback (most recent call last):
          File "app.py", line 3, in <module>
            main()
        KeyError: 'user'
        Retrying: in 5 seconds
        """;
    assertThat(events(body)).hasSize(2).last().isEqualTo("Retrying: in 5 seconds");
  }

  static final String GO = """
      panic: runtime error: invalid memory address or nil pointer dereference
      [signal SIGSEGV: segmentation violation code=0x1 addr=0x18 pc=0x6b2f3a]

      goroutine 42 [running]:
      github.com/example/orders/internal/store.(*Store).Get(0x0, {0x8e1c40, 0xc0001a2000}, {0xc00001e0f0, 0x24})
      \t/src/internal/store/store.go:77 +0x3a
      github.com/example/orders/internal/api.(*Handler).order(0xc000110180, {0x8e0a20, 0xc0002b0000}, 0xc0002a4000)
      \t/src/internal/api/handler.go:131 +0x1c5
      net/http.HandlerFunc.ServeHTTP(0xc0000b8030, {0x8e0a20, 0xc0002b0000}, 0xc0002a4000)
      \t/usr/local/go/src/net/http/server.go:2171 +0x29
      created by net/http.(*Server).Serve in goroutine 1
      \t/usr/local/go/src/net/http/server.go:3285 +0x4b4

      goroutine 1 [IO wait]:
      internal/poll.runtime_pollWait(0x7f1c2c1e8e28, 0x72)
      \t/usr/local/go/src/runtime/netpoll.go:345 +0x85
      """;

  @Test
  void goPanicWithItsGoroutinesIsOneEvent() {
    String body = "2026/12/06 09:30:00 listening on :8080\n" + GO
        + "exit status 2\n";
    List<String> events = events(body);

    assertThat(events).containsExactly("2026/12/06 09:30:00 listening on :8080",
        GO.stripTrailing(), "exit status 2");
  }

  static final String DOTNET = """
      2026-12-06 09:40:05.733 +00:00 [ERR] Unhandled exception in OrderService
      System.InvalidOperationException: Order 1187 cannot be shipped
       ---> System.Collections.Generic.KeyNotFoundException: The given key 'EU-9' was not present in the dictionary.
         at System.Collections.Generic.Dictionary`2.get_Item(TKey key)
         at Acme.Orders.Shipping.RateTable.For(String zone) in /src/Acme.Orders/Shipping/RateTable.cs:line 31
         --- End of inner exception stack trace ---
         at Acme.Orders.OrderService.Ship(Int32 id) in /src/Acme.Orders/OrderService.cs:line 58
      --- End of stack trace from previous location ---
         at Acme.Orders.Api.OrdersController.Post(ShipRequest request) in /src/Acme.Orders.Api/OrdersController.cs:line 24
      """;

  @Test
  void dotnetExceptionWithInnerExceptionIsOneEvent() {
    String body = DOTNET + "2026-12-06 09:40:06.001 +00:00 [INF] Request finished\n";
    assertThat(events(body)).containsExactly(DOTNET.stripTrailing(),
        "2026-12-06 09:40:06.001 +00:00 [INF] Request finished");
  }

  @Test
  void aspNetCoreConsoleLoggerIndentsTheExceptionUnderItsMessage() {
    String body = """
        fail: Microsoft.AspNetCore.Server.Kestrel[13]
              Connection id "0HN8", Request id "0HN8:00000001": An unhandled exception was thrown by the application.
              System.NullReferenceException: Object reference not set to an instance of an object.
                 at Acme.Web.HomeController.Index() in /src/Acme.Web/HomeController.cs:line 17
        info: Microsoft.Hosting.Lifetime[0]
        """;
    List<String> events = events(body);
    assertThat(events).hasSize(3);
    assertThat(events.get(1)).startsWith("      Connection id").endsWith("HomeController.cs:line 17");
  }

  @Test
  void allFourRuntimesBetweenJsonAndPlainLines() {
    String body = "{\"message\":\"before\"}\n" + JAVA + "{\"message\":\"between\"}\n" + PYTHON
        + "plain\n" + GO + DOTNET + "{\"message\":\"after\"}\n";
    assertThat(events(body)).containsExactly("json:{\"message\":\"before\"}",
        JAVA.stripTrailing(), "json:{\"message\":\"between\"}", PYTHON.stripTrailing(), "plain",
        GO.stripTrailing(), DOTNET.stripTrailing(), "json:{\"message\":\"after\"}");
  }

  @Test
  void aJsonObjectLineIsNeverAContinuation() {
    String body = """
        Traceback (most recent call last):
          File "a.py", line 1, in <module>
          {"message":"indented json"}
        \tat com.example.Foo.bar(Foo.java:1)
        """;
    assertThat(events(body)).containsExactly("""
        Traceback (most recent call last):
          File "a.py", line 1, in <module>""", "json:{\"message\":\"indented json\"}",
        "\tat com.example.Foo.bar(Foo.java:1)");
  }

  @Test
  void ordinaryLinesAreNotJoined() {
    String body = """
        Jun 14 15:16:01 combo sshd(pam_unix)[19939]: authentication failure
        081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1
        java.lang.String: not followed by a frame
        at the start, not indented
        Caused nothing
        ... and more
        goroutines are cheap
        [Sun Dec 04 04:47:44 2005] [notice] workerEnv.init() ok
        """;
    assertThat(events(body)).hasSize(8);
  }

  @Test
  void continuationsWithoutAnEventBeforeThemStayTogether() {
    // The first lines of a request that split a trace: they belong to no event of this request.
    String body = """
        \tat com.example.Foo.bar(Foo.java:12)
        \tat com.example.Foo.main(Foo.java:5)
        done
        """;
    assertThat(events(body)).containsExactly(
        "\tat com.example.Foo.bar(Foo.java:12)\n\tat com.example.Foo.main(Foo.java:5)", "done");
  }

  @Test
  void crlfLinesAreJoinedAsSent() {
    String body = "ERROR boom\r\njava.lang.IllegalStateException: x\r\n\tat a.B.c(B.java:1)\r\nnext\r\n";
    assertThat(events(body)).containsExactly(
        "ERROR boom\r\njava.lang.IllegalStateException: x\r\n\tat a.B.c(B.java:1)", "next");
  }

  @Test
  void aTraceLongerThanTheCapBeginsANewEvent() {
    StringBuilder body = new StringBuilder("ERROR deep recursion\njava.lang.StackOverflowError\n");
    for (int i = 0; i < 1200; i++) {
      body.append("\tat com.example.Tree.walk(Tree.java:").append(i).append(")\n");
    }
    List<String> events = events(body.toString());
    assertThat(events).hasSize(3);
    assertThat(events).extracting(e -> e.split("\n").length)
        .containsExactly(StackTraceLines.MAX_LINES, StackTraceLines.MAX_LINES, 202);
  }

  @Test
  void aTraceOverTheEventSizeLimitBeginsANewEvent() {
    limits.maxEventBytes = 200;
    String frame = "\tat com.example.checkout.PaymentClient.charge(PaymentClient.java:57)\n";
    List<String> events = events("ERROR failed\n" + frame.repeat(5));
    assertThat(events).hasSize(3);
    assertThat(events).allSatisfy(e -> assertThat(e.length()).isLessThanOrEqualTo(200));
    assertThat(String.join("\n", events) + "\n").isEqualTo("ERROR failed\n" + frame.repeat(5));
  }

  @Test
  void anOversizedLineEndsTheEventBeforeIt() {
    limits.maxEventBytes = 100;
    byte[] bytes = ("ERROR a\n\tat " + "x".repeat(200) + "\n\tat a.B.c(B.java:1)\n")
        .getBytes(UTF_8);
    ParsedRequest parsed = new RequestParser(limits, INGEST).parseLines(bytes, bytes.length);
    assertThat(parsed.rejected()).isEqualTo(1);
    assertThat(parsed.errors().get(0).line()).isEqualTo(2);
    assertThat(parsed.accepted()).isEqualTo(2);
  }
  /** Real logs without traces: not one of their lines is taken for a continuation. */
  @Test
  void realLogsAreNotJoinedAndTheTestCostsAFewNanosecondsALine() throws Exception {
    long lines = 0;
    long best = Long.MAX_VALUE;
    long joined = 0;
    for (Path file : LogFixtures.files("loghub", "elastic-examples-apache_logs")) {
      if (!file.toString().endsWith(".log") && !file.endsWith("apache_logs")) {
        continue;
      }
      byte[] body = Files.readAllBytes(file);
      String text = new String(body, UTF_8);
      long fileLines = text.lines().filter(line -> !line.isBlank()).count();
      ParsedRequest parsed = new RequestParser(limits, INGEST).parseLines(body, body.length);
      assertThat(parsed.accepted()).as(file.toString()).isEqualTo(fileLines);
      lines += fileLines;
    }
    // Timing, not behaviour: the continuation test alone over the same lines, printed for the log.
    List<byte[]> bodies = new ArrayList<>();
    for (Path file : LogFixtures.files("loghub")) {
      if (file.toString().endsWith(".log")) {
        bodies.add(Files.readAllBytes(file));
      }
    }
    List<int[]> bounds = new ArrayList<>();
    for (byte[] body : bodies) {
      List<Integer> ends = new ArrayList<>();
      for (int i = 0; i < body.length; i++) {
        if (body[i] == '\n') {
          ends.add(i);
        }
      }
      bounds.add(ends.stream().mapToInt(Integer::intValue).toArray());
    }
    long tested = 0;
    for (int round = 0; round < 50; round++) {
      long start = System.nanoTime();
      tested = 0;
      for (int b = 0; b < bodies.size(); b++) {
        byte[] body = bodies.get(b);
        StackTraceLines traces = new StackTraceLines();
        int from = 0;
        for (int end : bounds.get(b)) {
          if (end > from && traces.continues(body, from, end, body.length)) {
            joined++;
          }
          tested++;
          from = end + 1;
        }
      }
      best = Math.min(best, System.nanoTime() - start);
    }
    System.out.printf("StackTraceLines.continues: %.1f ns per line over %d loghub lines; %d real"
        + " lines checked, %d joined%n", (double) best / tested, tested, lines, joined);
    assertThat(lines).isGreaterThan(30_000);
    assertThat(joined).isZero();
  }
}
