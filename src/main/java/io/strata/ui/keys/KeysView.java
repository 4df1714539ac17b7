package io.strata.ui.keys;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.quarkus.security.identity.SecurityIdentity;
import io.strata.infra.http.ProblemException;
import io.strata.security.Scopes;
import io.strata.tenancy.ApiKeyService;
import io.strata.tenancy.KeyRequest;
import io.strata.tenancy.KeyView;
import io.strata.ui.AccessDeniedView;
import io.strata.ui.Blocking;
import io.strata.ui.ConsoleUser;
import io.strata.ui.MainLayout;
import jakarta.inject.Inject;
import java.util.List;

/**
 * A tenant admin's API keys: issue one (its secret shown once, with a copy button), list them,
 * revoke one. Only for the {@code admin} role.
 */
@Route(value = "keys", layout = MainLayout.class)
@PageTitle("API keys · Strata")
public class KeysView extends VerticalLayout implements BeforeEnterObserver {

  private final ApiKeyService keys;
  private final ConsoleUser user;
  private final Grid<KeyView> grid = new Grid<>();

  @Inject
  public KeysView(SecurityIdentity identity, ApiKeyService keys) {
    this.keys = keys;
    this.user = ConsoleUser.of(identity);
    TextField name = new TextField("Name");
    name.setId("key-name");
    name.setPlaceholder("checkout-service");
    CheckboxGroup<String> scopes = new CheckboxGroup<>("Scopes");
    scopes.setId("key-scopes");
    scopes.setItems(Scopes.INGEST, Scopes.SEARCH, Scopes.ADMIN);
    scopes.setValue(java.util.Set.of(Scopes.INGEST));
    Button issue = new Button("Create key", e -> issue(name, scopes));
    issue.setId("create-key");
    issue.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    HorizontalLayout form = new HorizontalLayout(name, scopes, issue);
    form.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.END);

    grid.setId("keys");
    grid.addColumn(KeyView::name).setHeader("Name").setAutoWidth(true);
    grid.addColumn(KeyView::id).setHeader("Id").setAutoWidth(true);
    grid.addColumn(k -> String.join(", ", k.scopes())).setHeader("Scopes").setAutoWidth(true);
    grid.addColumn(k -> String.valueOf(k.createdAt())).setHeader("Created").setAutoWidth(true);
    grid.addColumn(k -> k.revokedAt() == null ? "active" : "revoked " + k.revokedAt())
        .setHeader("Status").setAutoWidth(true);
    grid.addComponentColumn(k -> {
      Button revoke = new Button("Revoke", e -> confirmRevoke(k));
      revoke.addClassName("revoke-key");
      revoke.getElement().setAttribute("data-key", k.name());
      revoke.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
      revoke.setEnabled(k.revokedAt() == null);
      return revoke;
    }).setHeader("").setAutoWidth(true);
    add(form, grid);
    setSizeFull();
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    AccessDeniedView.unless(user.isAdmin(), event);
    if (user.isAdmin()) {
      refresh();
    }
  }

  private void refresh() {
    List<KeyView> all = Blocking.await(() -> keys.list(user.tenant()))
        .stream().map(KeyView::of).toList();
    grid.setItems(all);
  }

  private void issue(TextField name, CheckboxGroup<String> scopes) {
    try {
      KeyView issued = KeyView.issued(Blocking.await(() -> keys.issue(user.caller(), user.tenant(),
          new KeyRequest(name.getValue(), List.copyOf(scopes.getValue()), null))));
      name.clear();
      refresh();
      showSecret(issued);
    } catch (ProblemException e) {
      Notification.show(e.getMessage(), 5000, Notification.Position.TOP_CENTER)
          .addThemeVariants(NotificationVariant.LUMO_ERROR);
    }
  }

  private void showSecret(KeyView issued) {
    Dialog dialog = new Dialog();
    dialog.setId("new-key-dialog");
    dialog.setHeaderTitle("Key " + issued.name() + " created");
    TextField secret = new TextField("Secret");
    secret.setId("new-key-secret");
    secret.setValue(issued.key());
    secret.setReadOnly(true);
    secret.setWidth("40rem");
    Button copy = new Button("Copy", e -> {
      secret.getElement().executeJs("navigator.clipboard && navigator.clipboard.writeText($0)",
          issued.key());
      Notification.show("Copied");
    });
    copy.setId("copy-key");
    dialog.add(new Paragraph("This is the only time the secret is shown: copy it now."),
        new HorizontalLayout(secret, copy));
    Button close = new Button("Done", e -> dialog.close());
    close.setId("close-key-dialog");
    dialog.getFooter().add(close);
    dialog.open();
  }

  private void confirmRevoke(KeyView key) {
    ConfirmDialog confirm = new ConfirmDialog("Revoke " + key.name() + "?",
        "Requests with this key are refused from now on.", "Revoke", e -> {
          Blocking.await(() -> keys.revoke(user.caller(), user.tenant(), key.id()));
          refresh();
        });
    confirm.setId("confirm-revoke");
    confirm.setCancelable(true);
    confirm.setConfirmButtonTheme("error primary");
    confirm.open();
  }
}
