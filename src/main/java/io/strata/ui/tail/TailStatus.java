package io.strata.ui.tail;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * What the live tail's status line says, decided from what the tail's stream has actually
 * delivered: "Live" only while the server has been heard from recently, since the tail sends a
 * keep-alive when it has nothing else to say; a stream that went quiet, failed or ended is shown as
 * such, with the time of the last event. Not thread-safe: the view uses it under the UI lock.
 */
final class TailStatus {

  /** Where the tail's stream stands. */
  enum Connection {
    STOPPED, STARTING, LIVE, RECONNECTING, ENDED
  }

  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

  private final Duration staleAfter;
  private Connection connection = Connection.STOPPED;
  private Instant lastHeard;
  private Instant lastEvent;
  private long missed;
  private String endReason;
  private boolean paused;
  private long held;

  /**
   * @param staleAfter how long the stream may stay silent before it is no longer called live: more
   *     than the tail's keep-alive interval
   */
  TailStatus(Duration staleAfter) {
    this.staleAfter = staleAfter;
  }

  /** A new tail is being opened: counts start over, the last event stays known. */
  void starting(Instant now) {
    connection = Connection.STARTING;
    lastHeard = now;
    missed = 0;
    endReason = null;
  }

  /** The tail is being opened again after its stream was lost. */
  void reconnecting(Instant now) {
    connection = Connection.RECONNECTING;
    lastHeard = now;
  }

  /** The stream said something: it follows the index, a keep-alive, an event or a gap. */
  void heard(Instant now) {
    lastHeard = now;
    if (connection == Connection.STARTING || connection == Connection.RECONNECTING) {
      connection = Connection.LIVE;
    }
  }

  /** An event arrived, shown or held. */
  void event(Instant now) {
    heard(now);
    lastEvent = now;
    if (paused) {
      held++;
    }
  }

  /** The tail missed events: the server dropped them. */
  void missed(long count) {
    missed += count;
  }

  /** The stream broke or ended without being asked to: it should be opened again. */
  void lost() {
    if (connection != Connection.STOPPED && connection != Connection.ENDED) {
      connection = Connection.RECONNECTING;
    }
  }

  /** The server ended the tail for {@code reason}; opening it again will not help. */
  void ended(String reason) {
    connection = Connection.ENDED;
    endReason = reason;
  }

  void stopped() {
    connection = Connection.STOPPED;
    paused = false;
    held = 0;
  }

  void paused(boolean paused) {
    this.paused = paused;
    held = 0;
  }

  boolean paused() {
    return paused;
  }

  /** Whether the stream has been silent too long for an open tail: it is to be opened again. */
  boolean stale(Instant now) {
    return (connection == Connection.LIVE || connection == Connection.STARTING
        || connection == Connection.RECONNECTING)
        && lastHeard != null && Duration.between(lastHeard, now).compareTo(staleAfter) > 0;
  }

  /** Whether a tail should be running: started and not stopped or ended. */
  boolean running() {
    return connection != Connection.STOPPED && connection != Connection.ENDED;
  }

  Connection connection(Instant now) {
    return connection == Connection.LIVE && stale(now) ? Connection.RECONNECTING : connection;
  }

  /** The status line at {@code now}. */
  String text(Instant now) {
    String text = switch (connection(now)) {
      case STOPPED -> "Stopped";
      case STARTING -> "Starting…";
      case ENDED -> "Stopped (" + endReason + ")";
      case RECONNECTING -> "Reconnecting… · last event " + (lastEvent == null ? "none"
          : CLOCK.format(lastEvent) + " UTC");
      case LIVE -> paused ? "Paused" : "Live";
    };
    if (paused && connection != Connection.STOPPED) {
      if (connection(now) != Connection.LIVE) {
        text = "Paused · " + text;
      }
      if (held > 0) {
        text += " — " + held + (held == 1 ? " new event" : " new events");
      }
    }
    return missed > 0 && running() ? text + " · " + missed + " missed" : text;
  }
}
