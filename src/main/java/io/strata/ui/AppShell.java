package io.strata.ui;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.shared.ui.Transport;
import com.vaadin.flow.server.AppShellSettings;
import com.vaadin.flow.theme.lumo.Lumo;

/**
 * The console's page shell: the Lumo theme, server push (for live tail) and its title.
 *
 * <p>Push uses long polling, not a WebSocket: Undertow opens a WebSocket on a Vert.x event loop,
 * where Vaadin's push handler waits for the session lock; a UI request holding that lock while it
 * waits on a reactive PostgreSQL call bound to the same loop (an audited search) then stalls both
 * until a timeout (vaadin/flow#18349). A long poll is a servlet request, served on a worker thread.
 *
 * <p>Both style sheets are named from the context root ({@code context://}): Vaadin opens a style
 * sheet to hash its content, and Undertow refuses a relative path such as {@code lumo/lumo.css}
 * with a logged stack trace on the first page served (the theme jar serves it at {@code
 * /lumo/lumo.css} all the same).
 */
@Push(transport = Transport.LONG_POLLING)
@StyleSheet("context://" + Lumo.STYLESHEET)
@StyleSheet("context://console.css")
public class AppShell implements AppShellConfigurator {

  @Override
  public void configurePage(AppShellSettings settings) {
    settings.setPageTitle("Strata");
  }
}
