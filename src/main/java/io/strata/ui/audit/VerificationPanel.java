package io.strata.ui.audit;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import io.strata.audit.AuditVerification;
import io.strata.audit.AuditVerificationJob;
import io.strata.infra.http.ProblemException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.Supplier;

/**
 * The trail's verification: "Verify now" recomputes the user's chain (a read recorded like the
 * API's), and the last scheduled run of this node is shown beside it.
 */
final class VerificationPanel extends HorizontalLayout {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private final Span result = new Span("Not verified in this view yet.");

  VerificationPanel(Supplier<AuditVerification> verifyNow, AuditVerificationJob.LastRun lastRun) {
    Button verify = new Button("Verify now", e -> show(verifyNow));
    verify.setId("verify-now");
    verify.addThemeVariants(ButtonVariant.LUMO_SMALL);
    result.setId("verification-status");
    Span scheduled = new Span(scheduled(lastRun));
    scheduled.setId("verification-scheduled");
    scheduled.getStyle().set("color", "var(--lumo-secondary-text-color)");
    add(verify, result, scheduled);
    setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
  }

  private void show(Supplier<AuditVerification> verifyNow) {
    try {
      AuditVerification verification = verifyNow.get();
      if (verification.ok()) {
        result.setText(String.format("ok · %,d events and %,d signed checkpoints verified",
            verification.verifiedEvents(), verification.verifiedCheckpoints()));
        result.getStyle().set("color", "var(--lumo-success-text-color)");
      } else {
        AuditVerification.Problem first = verification.problems().getFirst();
        result.setText("FAILED · " + verification.problems().size() + " problem(s); first at event "
            + first.seq() + ": " + first.detail());
        result.getStyle().set("color", "var(--lumo-error-text-color)");
      }
    } catch (ProblemException e) {
      Notification.show(e.getMessage(), 5000, Notification.Position.TOP_CENTER)
          .addThemeVariants(NotificationVariant.LUMO_ERROR);
    }
  }

  /**
   * The scheduled run covers every chain; a tenant's user learns only whether all were intact, not
   * how many tenants there are or which failed.
   */
  private static String scheduled(AuditVerificationJob.LastRun lastRun) {
    if (lastRun == null) {
      return "The scheduled verification has not run on this node yet.";
    }
    return "Scheduled verification " + TIME.format(lastRun.at()) + ": " + (lastRun.failedChains() == 0
        ? "every trail intact." : "problems found; verify now to check this trail.");
  }
}
