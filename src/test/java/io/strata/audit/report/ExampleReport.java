package io.strata.audit.report;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the example report of the README, {@code docs/audit-report-example.pdf}: the access
 * report of the sample trail. Run it from the test classpath, with the output path as argument.
 */
public final class ExampleReport {

  private ExampleReport() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args.length > 0 ? args[0] : "docs/audit-report-example.pdf");
    try (OutputStream out = Files.newOutputStream(file)) {
      new PdfReport().write(SampleTrail.acme().content(ReportKind.ACCESS, null), out);
    }
    System.out.println("Wrote " + file + " (" + Files.size(file) + " bytes)");
  }
}
