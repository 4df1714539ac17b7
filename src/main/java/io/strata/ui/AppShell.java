package io.strata.ui;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.server.AppShellSettings;
import com.vaadin.flow.theme.lumo.Lumo;

/** The console's page shell: the Lumo theme, server push (for live tail) and its title. */
@Push
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet("context://console.css")
public class AppShell implements AppShellConfigurator {

  @Override
  public void configurePage(AppShellSettings settings) {
    settings.setPageTitle("Strata");
  }
}
