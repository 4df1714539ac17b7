package io.strata.alerting.delivery;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.strata.StrataConfig;
import io.strata.alerting.AlertConfig;
import io.strata.alerting.channel.MailSettings;
import io.strata.alerting.channel.Receiver;
import io.strata.alerting.channel.ReceiverAddresses;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Hands a {@link Notice} to a channel's receiver, once, and says what came of it. HTTP receivers
 * get a POST that never follows a redirect (a redirect could lead anywhere, past the address
 * guard, which is asked again before every send); e-mail goes through the Quarkus mailer.
 */
@ApplicationScoped
public class NoticeSender {

  /** How much of a receiver's answer is kept: enough to see an error message. */
  static final int RESPONSE_BYTES = 1024;
  /** The header of a webhook body's HMAC-SHA256 under the channel's secret. */
  public static final String SIGNATURE = "X-Strata-Signature";
  /** The header naming a notification, for receivers that drop a retried duplicate. */
  public static final String NOTIFICATION_ID = "X-Strata-Notification-Id";

  private final HttpClient http;
  private final ReceiverAddresses addresses;
  private final ReactiveMailer mailer;
  private final MailSettings mail;
  private final Duration timeout;
  private final String externalUrl;

  NoticeSender(ReceiverAddresses addresses, ReactiveMailer mailer, MailSettings mail,
      AlertConfig config, StrataConfig strata) {
    this.addresses = addresses;
    this.mailer = mailer;
    this.mail = mail;
    this.timeout = config.sendTimeout();
    this.externalUrl = strata.publicUrl().toString().replaceAll("/+$", "");
    this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(timeout).build();
  }

  /** Sends {@code notice} ({@code id} names it to the receiver) and completes with the outcome. */
  public CompletableFuture<Attempt> send(Receiver receiver, Notice notice, String id) {
    long start = System.nanoTime();
    try {
      return switch (receiver.kind()) {
        case WEBHOOK -> post(receiver, NoticeMessages.webhook(notice, receiver.name(),
            externalUrl), id, start);
        case SLACK -> post(receiver, NoticeMessages.slack(notice), id, start);
        case PAGERDUTY -> post(receiver, NoticeMessages.pagerDuty(notice, receiver.secret()), id,
            start);
        case EMAIL -> mail(receiver, notice, start);
      };
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(Attempt.failed(message(e), millis(start)));
    }
  }

  private CompletableFuture<Attempt> post(Receiver receiver, String body, String id,
      long start) {
    URI url = URI.create(receiver.url());
    // The operator's channel (no tenant) is the operator's choice; a tenant's is guarded.
    String refusal = receiver.tenant() == null ? null : addresses.refusal(url);
    if (refusal != null) {
      return CompletableFuture.completedFuture(Attempt.failed(refusal, millis(start)));
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
        .header("Content-Type", "application/json")
        .header("User-Agent", "Strata-Alerting")
        .header(NOTIFICATION_ID, id)
        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
    if (receiver.kind() == io.strata.alerting.channel.ChannelKind.WEBHOOK
        && receiver.secret() != null) {
      request.header(SIGNATURE, NoticeMessages.signature(receiver.secret(), bytes));
    }
    return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream())
        .thenApply(response -> {
          String answer = head(response.body());
          int status = response.statusCode();
          boolean delivered = status >= 200 && status < 300;
          String error = delivered ? null : status >= 300 && status < 400
              ? "The receiver answered " + status + " (a redirect, which is not followed)"
              : "The receiver answered " + status;
          return new Attempt(delivered, status, error, millis(start), answer);
        })
        .exceptionally(failure -> Attempt.failed(message(failure), millis(start)));
  }

  private CompletableFuture<Attempt> mail(Receiver receiver, Notice notice, long start) {
    if (!mail.configured()) {
      return CompletableFuture.completedFuture(Attempt.failed("No SMTP server is configured"
          + " (QUARKUS_MAILER_HOST, QUARKUS_MAILER_FROM)", millis(start)));
    }
    Mail message = new Mail().setTo(receiver.recipients())
        .setSubject(NoticeMessages.mailSubject(notice))
        .setText(NoticeMessages.mailText(notice));
    return mailer.send(message).subscribeAsCompletionStage().toCompletableFuture()
        .thenApply(done -> new Attempt(true, null, null, millis(start), null))
        .exceptionally(failure -> Attempt.failed(message(failure), millis(start)));
  }

  private static String head(InputStream body) {
    try (body) {
      byte[] bytes = body.readNBytes(RESPONSE_BYTES);
      return bytes.length == 0 ? null : new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return null;
    }
  }

  private static String message(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
    if (cause instanceof HttpTimeoutException) {
      return "The receiver did not answer in time";
    }
    String text = cause.getMessage();
    return cause.getClass().getSimpleName() + (text == null ? "" : ": " + text);
  }

  private static long millis(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }
}
