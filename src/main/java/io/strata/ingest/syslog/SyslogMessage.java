package io.strata.ingest.syslog;

import java.util.List;
import java.util.Map;

/**
 * One syslog message as parsed from RFC 5424 or RFC 3164: the priority split into facility and
 * severity, the header fields a sender filled in ({@code null} where it sent none or the NILVALUE),
 * the structured data as {@code sd.<SD-ID>.<PARAM-NAME>} names in the order sent, and the text.
 *
 * @param timestamp the event time as an RFC 3339 string (an RFC 3164 stamp is completed with its
 *     year and the listener's zone), or {@code null} when the message carries none
 * @param appName RFC 5424 APP-NAME, or the RFC 3164 TAG without its {@code [pid]}
 * @param procId RFC 5424 PROCID, or the pid of an RFC 3164 {@code tag[pid]:}
 */
record SyslogMessage(int facility, int severity, int version, String timestamp, String hostname,
    String appName, String procId, String msgId, Map<String, List<String>> structuredData,
    String message) {

  private static final String[] SEVERITIES = {"emerg", "alert", "crit", "err", "warning", "notice",
      "info", "debug"};

  // rsyslog's names (syslogfacility-text), so the same event looks alike on both routes.
  private static final String[] FACILITIES = {"kern", "user", "mail", "daemon", "auth", "syslog",
      "lpr", "news", "uucp", "cron", "authpriv", "ftp", "ntp", "audit", "alert", "clock", "local0",
      "local1", "local2", "local3", "local4", "local5", "local6", "local7"};

  /** The severity's keyword ({@code err}, {@code warning}, ...), as syslog daemons name it. */
  String severityName() {
    return SEVERITIES[severity];
  }

  /** The facility's keyword ({@code local0}, {@code auth}, ...). */
  String facilityName() {
    return FACILITIES[facility];
  }
}
