package io.strata.ui;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

/** Where a view the user's roles do not allow sends them. */
@Route(value = "denied", layout = MainLayout.class)
@PageTitle("Not allowed · Strata")
public class AccessDeniedView extends VerticalLayout {

  public AccessDeniedView() {
    setId("access-denied");
    add(new H2("Not allowed"), new Paragraph("Your roles do not give access to this page."));
  }

  /** Sends the navigation of {@code event} here unless {@code allowed}. */
  public static void unless(boolean allowed, BeforeEnterEvent event) {
    if (!allowed) {
      event.forwardTo(AccessDeniedView.class);
    }
  }
}
