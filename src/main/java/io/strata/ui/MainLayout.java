package io.strata.ui;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import io.quarkus.security.identity.SecurityIdentity;
import io.strata.ui.alerts.AlertsView;
import io.strata.ui.audit.AuditView;
import io.strata.ui.parsing.ParsingView;
import io.strata.ui.retention.RetentionView;
import io.strata.ui.keys.KeysView;
import io.strata.ui.search.SearchView;
import io.strata.ui.tail.TailView;
import io.strata.ui.tenants.TenantsView;
import jakarta.inject.Inject;

/** The console's frame: navigation by what the user may do, and who is signed in. */
public class MainLayout extends AppLayout {

  @Inject
  public MainLayout(SecurityIdentity identity) {
    ConsoleUser user = ConsoleUser.of(identity);
    H1 title = new H1("Strata");
    title.getStyle().set("font-size", "var(--lumo-font-size-l)").set("margin", "0");
    Span who = new Span(user.name() + (user.tenant() == null ? "" : " · " + user.tenant()));
    who.setId("signed-in-user");
    // A plain link: signing out is an HTTP round trip through the identity provider.
    Anchor signOut = new Anchor("/logout", "Sign out");
    signOut.getElement().setAttribute("router-ignore", true);
    signOut.setId("sign-out");
    HorizontalLayout header = new HorizontalLayout(new DrawerToggle(), title, who, signOut);
    header.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
    header.expand(who);
    header.setWidthFull();
    header.getStyle().set("padding-right", "var(--lumo-space-m)");
    addToNavbar(header);

    SideNav nav = new SideNav();
    if (user.canSearch()) {
      nav.addItem(new SideNavItem("Search", SearchView.class));
      nav.addItem(new SideNavItem("Live tail", TailView.class));
    }
    if (AlertsView.readable(user)) {
      nav.addItem(new SideNavItem("Alerts", AlertsView.class));
    }
    if (user.isAdmin()) {
      nav.addItem(new SideNavItem("API keys", KeysView.class));
    }
    if (user.isAdmin() || user.canAudit()) {
      nav.addItem(new SideNavItem("Parsing", ParsingView.class));
      nav.addItem(new SideNavItem("Retention", RetentionView.class));
    }
    if (user.canAudit()) {
      nav.addItem(new SideNavItem("Audit", AuditView.class));
    }
    if (user.isOperator()) {
      nav.addItem(new SideNavItem("Tenants", TenantsView.class));
    }
    addToDrawer(nav);
  }
}
