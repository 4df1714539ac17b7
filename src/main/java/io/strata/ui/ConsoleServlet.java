package io.strata.ui;

import com.vaadin.quarkus.QuarkusVaadinServlet;
import jakarta.servlet.annotation.WebServlet;

/**
 * The web console under {@code /ui}: the root and {@code /api} stay with the REST APIs (and the
 * Elasticsearch-compatible {@code GET /}). Loaded at start, as the Vaadin extension requires (it
 * would force it, with a warning at every build).
 */
@WebServlet(urlPatterns = "/ui/*", name = "StrataConsole", asyncSupported = true, loadOnStartup = 1)
public class ConsoleServlet extends QuarkusVaadinServlet {}
