package io.strata.ui;

import com.vaadin.quarkus.QuarkusVaadinServlet;
import jakarta.servlet.annotation.WebServlet;

/**
 * The web console under {@code /ui}: the root and {@code /api} stay with the REST APIs (and the
 * Elasticsearch-compatible {@code GET /}).
 */
@WebServlet(urlPatterns = "/ui/*", name = "StrataConsole", asyncSupported = true)
public class ConsoleServlet extends QuarkusVaadinServlet {}
