package io.strata.ui.alerts;

/** One tab of the Alerts view: reads what it shows again when it is shown or refreshed. */
interface AlertsPanel {

  /** Reads the panel's data from the services again and shows it. */
  void refresh();
}
