package io.strata.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.strata.testing.StrataServicesResource;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The log of the application the tests run (started as the test profile starts it: real Kafka,
 * PostgreSQL and Keycloak), after a console page has been served: no warning or error from the
 * libraries that used to warn on every start or on the first page, and no stack trace at all.
 * Only this JVM's lines count ({@code %test.quarkus.log.file.format} writes the pid), and of them
 * those of the start and of this test's visit: other tests provoke warnings on purpose (of
 * Strata's own, or Hibernate's when the audit table is taken away), which are theirs to check.
 */
@QuarkusTest
@WithTestResource(StrataServicesResource.class)
class StartupLogIT {

  /** {@code <date> <time> <pid> <level> [<logger>] (<thread>) <message>} */
  private static final Pattern RECORD = Pattern.compile(
      "^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3} (\\d+) (\\w+)\\s+\\[([^\\]]+)\\] .*");

  /**
   * Loggers that must not warn: Vaadin and what it runs on (the lumo/lumo.css stack trace, the
   * doubled flow-build-info.json), Micrometer (a gauge registered twice), the embedded broker's
   * controller (its activation), the PostgreSQL clients, Flyway and Hibernate (PostgreSQL notices
   * such as "constraint ... does not exist, skipping", which Hibernate's schema update caused: the
   * reactive client logs them as "Backend notice").
   */
  private static final List<String> MUST_NOT_WARN = List.of("com.vaadin.", "org.atmosphere.",
      "io.undertow.", "io.micrometer.", "org.apache.kafka.controller.", "io.vertx.sqlclient.",
      "io.vertx.pgclient.", "org.postgresql.", "org.flywaydb.", "org.hibernate.");

  @TestHTTPResource("/")
  URL base;

  @ConfigProperty(name = "quarkus.log.file.path")
  String logFile;

  @Test
  void aConsoleVisitAndTheStartLeaveNoWarningFromTheListedLibrariesAndNoStackTrace()
      throws Exception {
    int before = thisJvmsRecords(Path.of(logFile)).size();
    try (Browser browser = Browser.signIn(base.toString(), "alice", "strata-demo")) {
      browser.open("/ui/");
      browser.waitFor("#signed-in-user");
      // Leaves the page as a user does, its unload request answered, before the browser quits:
      // a browser killed mid-request makes Vaadin log the broken connection as an error.
      browser.driver.get("about:blank");
      Thread.sleep(1_000);
    }

    List<String> all = thisJvmsRecords(Path.of(logFile));
    int started = 0;
    while (started < all.size() && !(all.get(started).contains("[io.quarkus]")
        && all.get(started).contains(" started in "))) {
      started++;
    }
    assertThat(started).as("the start in this JVM's log in %s", logFile).isLessThan(all.size());
    // The start, and this test's console visit: what other tests provoke in between (AuditIT
    // takes the audit table away, which Hibernate reports) is theirs to check.
    List<String> lines = new ArrayList<>(all.subList(0, started + 1));
    lines.addAll(all.subList(Math.max(before, started + 1), all.size()));
    List<String> warnings = new ArrayList<>();
    List<String> stackTraces = new ArrayList<>();
    String record = null;
    for (String line : lines) {
      Matcher m = RECORD.matcher(line);
      if (m.matches()) {
        record = line;
        String level = m.group(2);
        String logger = m.group(3);
        if (!level.equals("INFO") && !level.equals("DEBUG") && !level.equals("TRACE")
            && MUST_NOT_WARN.stream().anyMatch(logger::startsWith)) {
          warnings.add(line);
        }
      } else if (line.startsWith("\tat ") && record != null && !stackTraces.contains(record)) {
        stackTraces.add(record);
      }
    }
    assertThat(warnings).as("warnings from %s", MUST_NOT_WARN).isEmpty();
    assertThat(stackTraces.stream().filter(r -> MUST_NOT_WARN.stream().anyMatch(r::contains)))
        .as("records with a stack trace from %s", MUST_NOT_WARN).isEmpty();
  }

  /** The lines this JVM wrote: its records and the lines (stack traces) that follow them. */
  private static List<String> thisJvmsRecords(Path file) throws IOException {
    String pid = Long.toString(ProcessHandle.current().pid());
    List<String> mine = new ArrayList<>();
    boolean inMine = false;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      Matcher m = RECORD.matcher(line);
      if (m.matches()) {
        inMine = m.group(1).equals(pid);
      }
      if (inMine) {
        mine.add(line);
      }
    }
    return mine;
  }
}
