package io.strata.ui.tenants;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.quarkus.security.identity.SecurityIdentity;
import io.strata.infra.http.ProblemException;
import io.strata.tenancy.TenantService;
import io.strata.tenancy.TenantView;
import io.strata.ui.AccessDeniedView;
import io.strata.ui.Blocking;
import io.strata.ui.ConsoleUser;
import io.strata.ui.MainLayout;
import jakarta.inject.Inject;

/** The platform operator's tenants: create and list. Only for the {@code operator} role. */
@Route(value = "tenants", layout = MainLayout.class)
@PageTitle("Tenants · Strata")
public class TenantsView extends VerticalLayout implements BeforeEnterObserver {

  private final TenantService tenants;
  private final ConsoleUser user;
  private final Grid<TenantView> grid = new Grid<>();

  @Inject
  public TenantsView(SecurityIdentity identity, TenantService tenants) {
    this.tenants = tenants;
    this.user = ConsoleUser.of(identity);
    TextField id = new TextField("Id");
    id.setId("tenant-id");
    id.setPlaceholder("initech");
    TextField name = new TextField("Name");
    name.setId("tenant-name");
    IntegerField limit = new IntegerField("Max events/s");
    limit.setId("tenant-limit");
    limit.setMin(1);
    Button create = new Button("Create tenant", e -> {
      try {
        Blocking.await(() -> tenants.create(user.caller(), id.getValue().trim(), name.getValue(),
            limit.getValue()));
        id.clear();
        name.clear();
        limit.clear();
        refresh();
      } catch (ProblemException ex) {
        Notification.show(ex.getMessage(), 5000, Notification.Position.TOP_CENTER)
            .addThemeVariants(NotificationVariant.LUMO_ERROR);
      }
    });
    create.setId("create-tenant");
    create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    HorizontalLayout form = new HorizontalLayout(id, name, limit, create);
    form.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.END);
    grid.setId("tenants");
    grid.addColumn(TenantView::id).setHeader("Id").setAutoWidth(true);
    grid.addColumn(TenantView::name).setHeader("Name").setAutoWidth(true);
    grid.addColumn(t -> String.valueOf(t.createdAt())).setHeader("Created").setAutoWidth(true);
    grid.addColumn(t -> t.maxEventsPerSecond() == null ? "no limit" : t.maxEventsPerSecond() + "/s")
        .setHeader("Ingest limit").setAutoWidth(true);
    add(form, grid);
    setSizeFull();
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    AccessDeniedView.unless(user.isOperator(), event);
    if (user.isOperator()) {
      refresh();
    }
  }

  private void refresh() {
    // Newest first: the tenant just created is on top, however many there are.
    grid.setItems(Blocking.await(tenants::list).stream().map(TenantView::of)
        .sorted(java.util.Comparator.comparing(TenantView::createdAt,
            java.util.Comparator.nullsLast(java.util.Comparator.reverseOrder())))
        .toList());
  }
}
