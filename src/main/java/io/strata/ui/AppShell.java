package io.strata.ui;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.server.AppShellSettings;
import com.vaadin.flow.theme.lumo.Lumo;

/**
 * The console's page shell: the Lumo theme, server push (for live tail) and its title.
 *
 * <p>Both style sheets are named from the context root ({@code context://}): Vaadin opens a style
 * sheet to hash its content, and Undertow refuses a relative path such as {@code lumo/lumo.css}
 * with a logged stack trace on the first page served (the theme jar serves it at {@code
 * /lumo/lumo.css} all the same).
 */
@Push
@StyleSheet("context://" + Lumo.STYLESHEET)
@StyleSheet("context://console.css")
public class AppShell implements AppShellConfigurator {

  @Override
  public void configurePage(AppShellSettings settings) {
    settings.setPageTitle("Strata");
  }
}
